#include "eval/html_metadata_eval.h"

#include <unicode/ucnv.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/json.h"
#include "simdjson.h"
#include "text/utf8.h"

namespace verbatim::eval {
namespace {

using simdjson::SUCCESS;

absl::StatusOr<std::string> ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A minimal gunzip (the real reader with WARC and charset handling lives elsewhere).
absl::StatusOr<std::string> Gunzip(std::string_view gz) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return absl::InternalError("inflateInit2");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof(buf);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return absl::DataLossError(absl::StrCat("gzip data corrupt (zlib error ", rc, ")"));
    }
    out.append(buf, sizeof(buf) - zs.avail_out);
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) break;  // truncated input
  }
  inflateEnd(&zs);
  return out;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// The charset a page declares in its first bytes: <meta charset=x> or content="...charset=x".
std::string DeclaredCharset(std::string_view bytes) {
  std::string head = LowerAscii(bytes.substr(0, 4096));
  size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  size_t i = at + 8;
  while (i < head.size() && (head[i] == '"' || head[i] == '\'' || head[i] == ' ')) ++i;
  size_t j = i;
  while (j < head.size() && (isalnum(static_cast<unsigned char>(head[j])) || head[j] == '-' ||
                             head[j] == '_' || head[j] == ':' || head[j] == '.')) {
    ++j;
  }
  return head.substr(i, j - i);
}

std::optional<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t needed = ucnv_convert("UTF-8", charset.c_str(), nullptr, 0, bytes.data(),
                                static_cast<int32_t>(bytes.size()), &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return std::nullopt;
  std::string out(static_cast<size_t>(needed) + 1, '\0');
  err = U_ZERO_ERROR;
  int32_t n = ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()),
                           bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return std::nullopt;
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string StringField(simdjson::dom::object o, std::string_view key) {
  std::string_view v;
  if (o[key].get_string().get(v) == SUCCESS) return std::string(v);
  return "";
}

struct GoldPage {
  std::string url;
  std::string file;
  simdjson::dom::object fields;
};

// Reads `dir/name` as {url: {...}} and calls `fn` on each entry in file order.
template <typename Fn>
absl::Status ForEachGold(const std::filesystem::path& dir, std::string_view name, Fn fn) {
  absl::StatusOr<std::string> json = ReadBytes(dir / name);
  if (!json.ok()) return json.status();
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(simdjson::padded_string(*json)).get(root) != SUCCESS) {
    return absl::InvalidArgumentError(absl::StrCat((dir / name).string(), " is not a JSON object"));
  }
  for (auto [key, value] : root) {
    simdjson::dom::object o;
    if (value.get_object().get(o) != SUCCESS) continue;
    fn(GoldPage{std::string(key), StringField(o, "file"), o});
  }
  return absl::OkStatus();
}

// The page's metadata, or the error that kept it from being read.
absl::StatusOr<html::PageMetadata> ExtractPage(const std::filesystem::path& file,
                                               std::string_view url,
                                               const HtmlMetadataEvalOptions& options,
                                               const html::MetadataExtractor& extractor) {
  absl::StatusOr<std::string> bytes = ReadMaybeGzip(file);
  if (!bytes.ok()) return bytes.status();
  html::Dom dom = html::Dom::Parse(HtmlBytesToUtf8(*bytes), options.parser);
  return extractor.Extract(dom, url);
}

double Ratio(int a, int b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }

}  // namespace

absl::StatusOr<std::string> ReadMaybeGzip(const std::filesystem::path& path) {
  absl::StatusOr<std::string> bytes = ReadBytes(path);
  if (!bytes.ok()) return bytes.status();
  if (bytes->size() >= 2 && static_cast<unsigned char>((*bytes)[0]) == 0x1f &&
      static_cast<unsigned char>((*bytes)[1]) == 0x8b) {
    return Gunzip(*bytes);
  }
  return bytes;
}

std::string HtmlBytesToUtf8(std::string_view bytes) {
  if (text::IsCleanUtf8(bytes)) return std::string(bytes);
  std::string charset = DeclaredCharset(bytes);
  if (!charset.empty() && charset != "utf-8" && charset != "utf8") {
    if (std::optional<std::string> converted = ConvertToUtf8(bytes, charset)) {
      return text::RepairUtf8(*converted).text;
    }
  }
  return text::RepairUtf8(bytes).text;
}

absl::StatusOr<DateEvalResult> EvaluateMediacloudDates(const std::filesystem::path& dir,
                                                       const HtmlMetadataEvalOptions& options) {
  DateEvalResult r;
  html::MetadataExtractor extractor(options.metadata);
  absl::Status st = ForEachGold(dir, "dates.json", [&](const GoldPage& page) {
    std::string gold = StringField(page.fields, "date");
    absl::StatusOr<html::PageMetadata> m =
        ExtractPage(dir / "pages" / page.file, page.url, options, extractor);
    std::string predicted, source, error;
    if (m.ok() && m->published) {
      predicted = m->published->substr(0, 10);
      source = m->published_source;
    } else if (!m.ok()) {
      error = std::string(m.status().message());
    }
    ++r.pages;
    if (!predicted.empty()) ++r.found_by_source[source];
    bool right = false;
    if (predicted.empty()) {
      right = gold.empty();
      ++(gold.empty() ? r.true_negatives : r.false_negatives);
    } else if (predicted == gold) {
      right = true;
      ++r.true_positives;
      ++r.correct_by_source[source];
    } else {
      ++r.false_positives;
    }
    if (!right) r.misses.push_back({page.url, page.file, gold, predicted, source, error});
  });
  if (!st.ok()) return st;
  int tp = r.true_positives, fp = r.false_positives, fn = r.false_negatives;
  r.accuracy = Ratio(tp + r.true_negatives, r.pages);
  r.precision = Ratio(tp, tp + fp);
  r.recall = Ratio(tp, tp + fn);
  r.f1 = Ratio(2 * tp, 2 * tp + fp + fn);
  return r;
}

absl::StatusOr<MetadataEvalResult> EvaluateTrafilaturaMetadata(
    const std::filesystem::path& dir, const HtmlMetadataEvalOptions& options) {
  MetadataEvalResult r;
  html::MetadataExtractor extractor(options.metadata);
  absl::Status st = ForEachGold(dir, "evaldata.json", [&](const GoldPage& page) {
    ++r.pages;
    absl::StatusOr<html::PageMetadata> m =
        ExtractPage(dir / "pages" / page.file, page.url, options, extractor);
    html::PageMetadata meta = m.ok() ? *m : html::PageMetadata{};
    auto score = [&](std::string_view field, FieldScore& s, std::optional<std::string> got,
                     size_t prefix) {
      std::string gold = CollapseSpace(StringField(page.fields, field));
      if (gold.empty()) return;
      ++s.gold;
      std::string predicted = got ? CollapseSpace(*got) : "";
      if (prefix > 0 && predicted.size() > prefix) predicted.resize(prefix);
      if (predicted == gold) {
        ++s.correct;
      } else {
        r.misses.push_back({page.file, std::string(field), gold, predicted});
      }
    };
    score("title", r.title, meta.title, 0);
    score("date", r.date, meta.published, 10);
    score("author", r.author, meta.author, 0);
  });
  if (!st.ok()) return st;
  return r;
}

std::string FormatDateEval(const DateEvalResult& r, bool with_misses) {
  char buf[256];
  std::snprintf(buf, sizeof(buf),
                "pages %d  TP %d  FP %d  FN %d  TN %d\n"
                "accuracy %.3f  precision %.3f  recall %.3f  F1 %.3f\n",
                r.pages, r.true_positives, r.false_positives, r.false_negatives,
                r.true_negatives, r.accuracy, r.precision, r.recall, r.f1);
  std::string out = buf;
  out += "by signal (right/dated):";
  for (const auto& [source, n] : r.found_by_source) {
    auto it = r.correct_by_source.find(source);
    absl::StrAppend(&out, " ", source, " ", it == r.correct_by_source.end() ? 0 : it->second,
                    "/", n);
  }
  out += "\n";
  if (with_misses) {
    for (const DateMiss& m : r.misses) {
      absl::StrAppend(&out, "  gold ", m.gold.empty() ? "null" : m.gold, "  got ",
                      m.predicted.empty() ? "none" : m.predicted, " (", m.source, ")  ", m.file,
                      "  ", m.url.substr(0, 100), m.error.empty() ? "" : "  error: ", m.error,
                      "\n");
    }
  }
  return out;
}

std::string DateEvalToJson(const DateEvalResult& r) {
  std::string out;
  json::ObjectWriter w(out);
  w.Key("pages").Int(r.pages);
  w.Key("true_positives").Int(r.true_positives);
  w.Key("false_positives").Int(r.false_positives);
  w.Key("false_negatives").Int(r.false_negatives);
  w.Key("true_negatives").Int(r.true_negatives);
  w.Key("accuracy").Double(r.accuracy);
  w.Key("precision").Double(r.precision);
  w.Key("recall").Double(r.recall);
  w.Key("f1").Double(r.f1);
  std::string misses = "[";
  for (const DateMiss& m : r.misses) {
    if (misses.size() > 1) misses += ",";
    json::ObjectWriter mw(misses);
    mw.Key("url").String(m.url);
    mw.Key("file").String(m.file);
    mw.Key("gold").String(m.gold);
    mw.Key("predicted").String(m.predicted);
    mw.Key("source").String(m.source);
    mw.Close();
  }
  misses += "]";
  w.Key("misses").Raw(misses);
  w.Close();
  return out;
}

std::string FormatMetadataEval(const MetadataEvalResult& r, bool with_misses) {
  char buf[256];
  std::snprintf(buf, sizeof(buf),
                "pages %d  title %d/%d (%.3f)  date %d/%d (%.3f)  author %d/%d (%.3f)\n",
                r.pages, r.title.correct, r.title.gold, r.title.rate(), r.date.correct,
                r.date.gold, r.date.rate(), r.author.correct, r.author.gold, r.author.rate());
  std::string out = buf;
  if (with_misses) {
    for (const FieldMiss& m : r.misses) {
      absl::StrAppend(&out, "  ", m.field, "  gold [", m.gold, "]  got [", m.predicted, "]  ",
                      m.file, "\n");
    }
  }
  return out;
}

std::string MetadataEvalToJson(const MetadataEvalResult& r) {
  std::string out;
  json::ObjectWriter w(out);
  w.Key("pages").Int(r.pages);
  for (auto [name, s] : {std::pair<const char*, const FieldScore*>{"title", &r.title},
                         {"date", &r.date}, {"author", &r.author}}) {
    std::string field;
    json::ObjectWriter fw(field);
    fw.Key("gold").Int(s->gold);
    fw.Key("correct").Int(s->correct);
    fw.Key("rate").Double(s->rate());
    fw.Close();
    w.Key(name).Raw(field);
  }
  w.Close();
  return out;
}

}  // namespace verbatim::eval
