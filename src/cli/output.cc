#include "cli/output.h"

#include <algorithm>

#include "common/json.h"
#include "text/utf8.h"

namespace verbatim::cli {
namespace {

void AppendRanges(const std::vector<text::ByteRange>& ranges, std::string& out) {
  out.push_back('[');
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (i) out.push_back(',');
    out += "[" + std::to_string(ranges[i].begin) + "," + std::to_string(ranges[i].end) + "]";
  }
  out.push_back(']');
}

void AppendSpan(const std::optional<quotes::TextSpan>& s, std::string& out) {
  if (!s) {
    out += "null";
    return;
  }
  json::ObjectWriter w(out);
  w.Key("start").Int(static_cast<int64_t>(s->start));
  w.Key("end").Int(static_cast<int64_t>(s->end));
  w.Key("text").String(s->text);
  w.Close();
}

// Cell text for a table: control characters become spaces, cut at `max` code points.
std::string Cell(std::string_view s, size_t max, size_t* width) {
  std::string out;
  size_t n = 0, i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t cp = text::DecodeNext(s, i);
    if (n + 1 == max && i < s.size()) {
      out += "\xe2\x80\xa6";
      ++n;
      break;
    }
    if (cp < 0x20 || cp == 0x7F) out.push_back(' ');
    else out.append(s.substr(start, i - start));
    ++n;
  }
  *width = n;
  return out;
}

}  // namespace

void AppendArticleJson(const ingest::Document& d, std::string& out) {
  json::ObjectWriter w(out);
  w.Key("doc").String(d.doc);
  w.Key("title").OptionalString(d.title);
  w.Key("published").OptionalString(d.published);
  w.Key("crawled").OptionalString(d.crawled);
  w.Key("outlet").OptionalString(d.outlet);
  w.Key("author").OptionalString(d.author);
  w.Key("url").OptionalString(d.url);
  w.Key("lang").OptionalString(d.lang);
  w.Key("text").String(d.text);
  w.Key("boilerplate");
  AppendRanges(d.boilerplate, out);
  if (!d.extra_json.empty()) w.Key("extra").Raw(d.extra_json);
  w.Close();
  out.push_back('\n');
}

void AppendQuotationFields(std::string_view doc, const quotes::Quotation& q, std::string& out) {
  auto key = [&](std::string_view k) {
    if (out.back() != '{') out.push_back(',');
    json::AppendString(out, k);
    out.push_back(':');
  };
  key("doc");
  json::AppendString(out, doc);
  key("field");
  json::AppendString(out, quotes::FieldName(q.field));
  key("segments");
  AppendRanges(q.segments, out);
  key("start");
  out += std::to_string(q.start());
  key("end");
  out += std::to_string(q.end());
  key("text");
  json::AppendString(out, q.text);
  key("kind");
  json::AppendString(out, quotes::KindName(q.kind));
  key("parent");
  out += q.parent ? std::to_string(*q.parent) : "null";
  key("speaker");
  if (q.speaker) json::AppendString(out, *q.speaker);
  else out += "null";
  key("speaker_mention");
  AppendSpan(q.speaker_mention, out);
  key("cue");
  AppendSpan(q.cue, out);
  key("confidence");
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", std::clamp(q.confidence, 0.0, 1.0));
  out += buf;
  key("clause");
  if (q.clause) {
    out += "{\"start\":" + std::to_string(q.clause->begin) + ",\"end\":" + std::to_string(q.clause->end) + "}";
  } else {
    out += "null";
  }
}

void AppendQuotationJson(std::string_view doc, const quotes::Quotation& q, std::string& out) {
  out.push_back('{');
  AppendQuotationFields(doc, q, out);
  out += "}\n";
}

void AppendCsvField(std::string_view value, std::string& out) {
  bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string FormatTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows, size_t max_width) {
  size_t cols = header.size();
  std::vector<std::vector<std::pair<std::string, size_t>>> cells;
  std::vector<size_t> widths(cols, 0);
  auto add = [&](const std::vector<std::string>& row) {
    std::vector<std::pair<std::string, size_t>> r;
    for (size_t c = 0; c < cols; ++c) {
      size_t w = 0;
      std::string s = Cell(c < row.size() ? row[c] : "", max_width, &w);
      widths[c] = std::max(widths[c], w);
      r.emplace_back(std::move(s), w);
    }
    cells.push_back(std::move(r));
  };
  add(header);
  for (const auto& row : rows) add(row);
  std::string out;
  for (size_t r = 0; r < cells.size(); ++r) {
    for (size_t c = 0; c < cols; ++c) {
      out += cells[r][c].first;
      if (c + 1 < cols) out.append(widths[c] - cells[r][c].second + 2, ' ');
    }
    out.push_back('\n');
    if (r == 0) {
      for (size_t c = 0; c < cols; ++c) {
        out.append(widths[c], '-');
        if (c + 1 < cols) out += "  ";
      }
      out.push_back('\n');
    }
  }
  return out;
}

}  // namespace verbatim::cli
