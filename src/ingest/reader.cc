#include "ingest/reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/json.h"
#include "ingest/metadata.h"
#include "simdjson.h"
#include "text/utf8.h"

namespace verbatim::ingest {
namespace fs = std::filesystem;
namespace {

bool HasExtension(const fs::path& p, std::initializer_list<std::string_view> exts) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(exts.begin(), exts.end(), e) != exts.end();
}

bool IsJsonl(const fs::path& p) { return HasExtension(p, {".jsonl", ".ndjson"}); }

// The file name's lower-case ending is one of `suffixes` (".warc.gz" has two dots).
bool HasSuffix(const fs::path& p, std::initializer_list<std::string_view> suffixes) {
  std::string name = p.filename().string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (std::string_view suffix : suffixes) {
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

bool IsWarc(const fs::path& p) { return HasSuffix(p, {".warc", ".warc.gz"}); }
bool IsHtml(const fs::path& p) {
  return HasSuffix(p, {".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz"});
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return absl::DataLossError("read error");
  return std::move(ss).str();
}

// Reads an optional string field; a present non-string, non-null value is an error.
absl::Status OptionalString(simdjson::dom::object obj, std::string_view key,
                            std::optional<std::string>& out) {
  simdjson::dom::element e;
  if (obj[key].get(e) != simdjson::SUCCESS || e.is_null()) return absl::OkStatus();
  std::string_view v;
  if (e.get_string().get(v) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(absl::StrCat("field '", std::string(key), "' must be a string"));
  }
  if (!v.empty()) out = std::string(v);
  return absl::OkStatus();
}

}  // namespace

std::string RepairMessage(size_t replaced, size_t first_offset) {
  return absl::StrCat("replaced ", replaced, " invalid UTF-8 or NUL byte sequence(s) with U+FFFD",
                      " (first at byte ", first_offset, ")");
}

void ArticleReader::Finish(Document& d) const {
  d.boilerplate = boilerplate_.Find(d.text);
  d.skip = d.boilerplate;
  d.lang = GuessLanguage(d.text);
}

Document ArticleReader::FromText(std::string doc, std::string_view bytes,
                                 std::vector<std::string>* warnings) const {
  Document d;
  d.doc = std::move(doc);
  if (text::IsCleanUtf8(bytes)) {
    d.text = std::string(bytes);
  } else {
    text::Utf8Repair r = text::RepairUtf8(bytes);
    d.text = std::move(r.text);
    if (warnings) warnings->push_back(RepairMessage(r.replaced, r.first_bad_offset));
  }
  Finish(d);
  if (auto dl = ParseDateLine(d.text)) {
    d.published = dl->date;
    d.skip.push_back(dl->prefix);
    std::sort(d.skip.begin(), d.skip.end(),
              [](const text::ByteRange& a, const text::ByteRange& b) { return a.begin < b.begin; });
    if (!dl->title.empty()) {
      d.title = d.text.substr(dl->title.begin, dl->title.size());
      d.title_in_text = true;
      d.title_range = dl->title;
    }
  }
  if (!d.title) {
    if (auto t = FindTitleLine(d.text, d.skip)) {
      d.title = d.text.substr(t->begin, t->size());
      d.title_in_text = true;
      d.title_range = *t;
    }
  }
  return d;
}

absl::StatusOr<Document> ArticleReader::FromJsonLine(std::string_view raw, std::string fallback_doc,
                                                     std::vector<std::string>* warnings) const {
  std::string line;
  if (text::IsCleanUtf8(raw)) {
    line.reserve(raw.size() + simdjson::SIMDJSON_PADDING);
    line.assign(raw);
  } else {
    text::Utf8Repair r = text::RepairUtf8(raw);
    if (warnings) warnings->push_back(RepairMessage(r.replaced, r.first_bad_offset));
    line = std::move(r.text);
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  }
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  auto err = parser.parse(simdjson::padded_string_view(line.data(), line.size(), line.capacity()))
                 .get(root);
  if (err) return absl::InvalidArgumentError(absl::StrCat("malformed JSON: ", simdjson::error_message(err)));
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) return absl::InvalidArgumentError("record is not a JSON object");

  Document d;
  simdjson::dom::element id;
  if (obj["id"].get(id) == simdjson::SUCCESS && !id.is_null()) {
    std::string_view s;
    int64_t n;
    if (id.get_string().get(s) == simdjson::SUCCESS) d.doc = std::string(s);
    else if (id.get_int64().get(n) == simdjson::SUCCESS) d.doc = std::to_string(n);
    else return absl::InvalidArgumentError("field 'id' must be a string or an integer");
  }
  if (d.doc.empty()) d.doc = std::move(fallback_doc);

  simdjson::dom::element text_el;
  if (obj["text"].get(text_el) != simdjson::SUCCESS || text_el.is_null()) {
    return absl::InvalidArgumentError("missing field 'text'");
  }
  std::string_view text_view;
  if (text_el.get_string().get(text_view)) return absl::InvalidArgumentError("field 'text' must be a string");
  d.text = std::string(text_view);
  if (d.text.find('\0') != std::string::npos) {  // "\u0000" escapes decode to NUL
    text::Utf8Repair r = text::RepairUtf8(d.text);
    d.text = std::move(r.text);
    if (warnings) warnings->push_back(RepairMessage(r.replaced, r.first_bad_offset));
  }

  std::optional<std::string> published, date, source;
  for (auto [key, target] : {std::pair<std::string_view, std::optional<std::string>*>{"title", &d.title},
                             {"outlet", &d.outlet}, {"source", &source}, {"author", &d.author},
                             {"url", &d.url}, {"published", &published}, {"date", &date},
                             {"lang", &d.lang}, {"crawled", &d.crawled}}) {
    if (absl::Status s = OptionalString(obj, key, *target); !s.ok()) return s;
  }
  if (!d.outlet) d.outlet = source;
  std::optional<std::string> lang = d.lang;
  Finish(d);
  if (lang) d.lang = lang;
  if (d.title && d.title->find('\0') != std::string::npos) d.title = text::RepairUtf8(*d.title).text;
  const std::optional<std::string>& when = published ? published : date;
  if (when) {
    d.published = ParsePublished(*when);
    if (!d.published && warnings) warnings->push_back(absl::StrCat("unreadable date '", *when, "', published set to null"));
  }

  std::string extra;
  for (auto field : obj) {
    static constexpr std::string_view kKnown[] = {"id", "title", "text", "published", "date",
                                                  "outlet", "source", "author", "url", "lang",
                                                  "crawled"};
    if (std::find(std::begin(kKnown), std::end(kKnown), field.key) != std::end(kKnown)) continue;
    extra += extra.empty() ? "{" : ",";
    json::AppendString(extra, field.key);
    absl::StrAppend(&extra, ":", simdjson::minify(field.value));
  }
  if (!extra.empty()) d.extra_json = extra + "}";
  return d;
}

ParsedLine ArticleReader::FromPendingLine(const PendingLine& pending) const {
  ParsedLine parsed{absl::UnknownError(""), {}};
  parsed.document = FromJsonLine(pending.line, pending.fallback_doc, &parsed.warnings);
  if (parsed.document.ok()) {
    parsed.document->source_path = pending.path;
    parsed.document->source_line = pending.line_number;
  }
  return parsed;
}

void ArticleReader::ReadTextFile(const std::string& path, std::string doc, const DocumentSink& sink,
                                 const ProblemSink& problems, ReadStats& stats) const {
  absl::StatusOr<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) {
    problems({path, std::string(bytes.status().message()), true});
    ++stats.rejected;
    return;
  }
  std::vector<std::string> warnings;
  Document d = FromText(std::move(doc), *bytes, &warnings);
  d.source_path = path;
  for (const std::string& w : warnings) problems({path, w, false});
  stats.warnings += warnings.empty() ? 0 : 1;
  ++stats.documents;
  sink(std::move(d));
}

void ArticleReader::ReadJsonlStream(std::istream& in, const std::string& where_name,
                                    const std::string& doc_name, const DocumentSink& sink,
                                    const ProblemSink& problems, ReadStats& stats) const {
  std::string line;
  int64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    PendingLine pending{std::move(line), where_name, line_no, absl::StrCat(doc_name, ":", line_no)};
    line = std::string();
    if (lines_) {
      lines_(std::move(pending));
      continue;
    }
    ParsedLine parsed = FromPendingLine(pending);
    const std::string where = absl::StrCat(where_name, ":", line_no);
    if (!parsed.document.ok()) {
      problems({where, std::string(parsed.document.status().message()), true});
      ++stats.rejected;
      continue;
    }
    for (const std::string& w : parsed.warnings) problems({where, w, false});
    stats.warnings += parsed.warnings.empty() ? 0 : 1;
    ++stats.documents;
    sink(*std::move(parsed.document));
  }
  if (in.bad()) {
    problems({where_name, "read error", true});
    ++stats.rejected;
  }
}

void ArticleReader::Read(std::string_view arg, const DocumentSink& sink, const ProblemSink& problems,
                         ReadStats& stats) const {
  if (arg == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    std::string all = std::move(ss).str();
    size_t first = all.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && all[first] == '{') {
      std::istringstream in(all);
      ReadJsonlStream(in, "-", "-", sink, problems, stats);
      return;
    }
    std::vector<std::string> warnings;
    Document d = FromText("-", all, &warnings);
    d.source_path = "-";
    for (const std::string& w : warnings) problems({"-", w, false});
    stats.warnings += warnings.empty() ? 0 : 1;
    ++stats.documents;
    sink(std::move(d));
    return;
  }
  std::error_code ec;
  fs::path root(arg);
  fs::file_status st = fs::status(root, ec);
  if (ec || !fs::exists(st)) {
    problems({std::string(arg), "no such file or directory", true});
    ++stats.rejected;
    return;
  }
  auto read_file = [&](const fs::path& p, const std::string& doc) {
    if (IsWarc(p)) {
      ReadWarcFile(p.string(), doc, sink, problems, stats);
    } else if (IsHtml(p)) {
      ReadHtmlPage(p.string(), doc, sink, problems, stats);
    } else if (IsJsonl(p)) {
      std::ifstream in(p, std::ios::binary);
      if (!in) {
        problems({p.string(), "cannot open file", true});
        ++stats.rejected;
        return;
      }
      ReadJsonlStream(in, p.string(), doc, sink, problems, stats);
    } else {
      ReadTextFile(p.string(), doc, sink, problems, stats);
    }
  };
  if (!fs::is_directory(st)) {
    read_file(root, root.filename().string());
    return;
  }
  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && (IsJsonl(it->path()) || HasExtension(it->path(), {".txt"}) ||
                                    IsWarc(it->path()) || IsHtml(it->path()))) {
      files.push_back(it->path());
    }
  }
  if (ec) {
    problems({std::string(arg), absl::StrCat("cannot list directory: ", ec.message()), true});
    ++stats.rejected;
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) read_file(p, p.lexically_relative(root).generic_string());
}

Document ArticleReader::FromWebPage(const WebPage& page) const {
  return FromWebPage(WebPage(page));  // the copy is a memcpy beside the parse
}

Document ArticleReader::FromWebPage(WebPage&& page) const {
  html::HtmlArticle a = html_.Extract(page.html, page.url);
  Document d;
  d.doc = std::move(page.doc);
  d.text = std::move(a.text);
  d.title = std::move(a.metadata.title);
  d.published = std::move(a.metadata.published);
  d.author = std::move(a.metadata.author);
  d.outlet = std::move(a.metadata.outlet);
  d.url = std::move(a.url);
  if (!page.crawled.empty()) d.crawled = std::move(page.crawled);
  d.source_path = std::move(page.source_path);
  d.source_line = page.record;
  Finish(d);
  // Too little text to tell: the page's own declaration (<html lang>, og:locale).
  if (!d.lang) d.lang = std::move(a.metadata.lang);
  return d;
}

void ArticleReader::DeliverWebPage(WebPage&& page, const std::string& where,
                                   const DocumentSink& sink, const ProblemSink& problems,
                                   ReadStats& stats) const {
  if (pages_) {
    pages_(PendingPage{std::move(page), where});
    return;
  }
  Document d = FromWebPage(std::move(page));
  if (d.text.empty()) {
    // A listing, a video page or a login wall: nothing a quotation could point into.
    problems({where, "no article text found in the page", false});
    ++stats.skipped["no-article"];
    return;
  }
  ++stats.web_pages;
  ++stats.documents;
  sink(std::move(d));
}

void ArticleReader::ReadHtmlPage(const std::string& path, std::string doc, const DocumentSink& sink,
                                 const ProblemSink& problems, ReadStats& stats) const {
  absl::StatusOr<WebPage> page = ReadHtmlFile(path, std::move(doc));
  if (!page.ok()) {
    std::string message(page.status().message());
    if (message.rfind(path + ": ", 0) == 0) message.erase(0, path.size() + 2);  // named in `where`
    problems({path, message, true});
    ++stats.rejected;
    return;
  }
  if (page->charset_source == "detected") {
    problems({path, absl::StrCat("no declared charset; read as ", page->charset), false});
  }
  DeliverWebPage(*std::move(page), path, sink, problems, stats);
}

void ArticleReader::ReadWarcFile(const std::string& path, const std::string& doc,
                                 const DocumentSink& sink, const ProblemSink& problems,
                                 ReadStats& stats) const {
  WarcStats warc;
  ReadWarcPages(
      path, doc,
      [&](WebPage&& page) {
        std::string where = absl::StrCat(path, ": record ", page.record);
        DeliverWebPage(std::move(page), where, sink, problems, stats);
      },
      [&](std::string_view where, std::string_view message, bool rejected) {
        problems({std::string(where), std::string(message), rejected});
      },
      warc);
  stats.rejected += warc.errors;
  stats.warnings += warc.warnings;
  stats.warc_records += warc.records;
  for (const auto& [kind, n] : warc.skipped) stats.skipped[kind] += n;
}

}  // namespace verbatim::ingest
