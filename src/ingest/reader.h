// ArticleReader: turns command-line inputs into Documents, streaming.
//
// Inputs: a .txt file (one article), a .jsonl/.ndjson file (one article per line), an HTML
// page (.html, .htm, .xhtml, or the same gzip-compressed: .html.gz), a WARC crawl (.warc,
// .warc.gz: each HTML response record is a page), a folder (recursively: its files of those
// kinds in path order), or "-" (standard input: JSONL when it starts with '{', else one text
// article). Other files given by name are read as text articles.
//
// A web page becomes an article through html::ArticleExtractor: `text` is the clean body,
// and title, date, author, outlet, canonical URL and language come from the page; `crawled`
// is the WARC record's date. A page without article text is skipped (counted as
// "no-article"); the WARC records that are not HTML pages are counted by kind in `skipped`.
//
// Document identity (`doc`): for a file argument its name; inside a folder argument the path
// below that folder; for JSONL the `id` field, or "<file>:<line>" when it is missing; for a
// WARC record "<file>#<WARC-Record-ID>" (the file named as above); "-" for a text article on
// standard input.
//
// Problems never abort a batch: a malformed or mistyped JSONL record is rejected (reported
// with file and line, the other records go on); invalid UTF-8 and NUL bytes are replaced by
// U+FFFD and reported as a warning; an unreadable path is reported and skipped.
//
// Thread-safe: Read is const; callbacks run on the calling thread.
#ifndef VERBATIM_INGEST_READER_H_
#define VERBATIM_INGEST_READER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ingest/boilerplate.h"
#include "html/article.h"
#include "ingest/document.h"
#include "ingest/web_page.h"

namespace verbatim::ingest {

// One message about the input: a rejected record, an unreadable path, or a repaired record.
struct ReadProblem {
  std::string where;     // "file:line", "file" or "-:line"
  std::string message;
  bool rejected = true;  // false: a warning, the document was still read
};

struct ReadStats {
  size_t documents = 0;  // documents handed to the sink
  size_t rejected = 0;   // records or paths that produced no document
  size_t warnings = 0;   // documents read after repair
  size_t web_pages = 0;  // of `documents`, read from HTML pages or WARC records
  size_t warc_records = 0;                // WARC records read
  std::map<std::string, size_t> skipped;  // input left out on purpose, by kind (see above)
};

// A web page as read, before it is parsed (see ArticleReader::DeferWebPages).
struct PendingPage {
  WebPage page;
  std::string where;  // names it in messages: "<path>" or "<path>: record N"
};

// A JSONL record as read, before it is parsed (see ArticleReader::DeferJsonLines).
struct PendingLine {
  std::string line;          // the record, without its line end
  std::string path;          // the file, "-" for standard input
  int64_t line_number = 0;   // 1-based
  std::string fallback_doc;  // its id when the record has none: "<doc name>:<line>"
};

// What ArticleReader::FromPendingLine makes of a PendingLine: the document (source path and
// line set) or why the record was rejected, and the repairs made (each a warning).
struct ParsedLine {
  absl::StatusOr<Document> document;
  std::vector<std::string> warnings;
};

class ArticleReader {
 public:
  using DocumentSink = std::function<void(Document&&)>;
  using ProblemSink = std::function<void(const ReadProblem&)>;
  using PageSink = std::function<void(PendingPage&&)>;
  using LineSink = std::function<void(PendingLine&&)>;

  ArticleReader() = default;

  // From now on, HTML pages and WARC pages go to `pages` unparsed instead of to the document
  // sink, and are not counted in ReadStats: the caller turns each into a Document with
  // FromWebPage (on any thread: parsing is most of a page's cost), skips those without text,
  // and counts them. Call before reading.
  void DeferWebPages(PageSink pages) { pages_ = std::move(pages); }

  // From now on, JSONL records go to `lines` unparsed instead of to the sinks, and are not
  // counted in ReadStats: the caller turns each into a Document with FromPendingLine (on any
  // thread: parsing, language identification and boilerplate are most of a record's cost),
  // reports its warnings or rejection with `where` = "<path>:<line>", and counts it. Call
  // before reading.
  void DeferJsonLines(LineSink lines) { lines_ = std::move(lines); }

  // Reads one input argument. Never throws; every problem goes to `problems`.
  void Read(std::string_view path, const DocumentSink& sink, const ProblemSink& problems,
            ReadStats& stats) const;

  // A text article (.txt semantics: title line, optional "date" line). `bytes` may hold
  // invalid UTF-8: it is repaired and a message is added to `warnings`.
  Document FromText(std::string doc, std::string_view bytes,
                    std::vector<std::string>* warnings = nullptr) const;

  // One JSONL record. Fails on malformed JSON, a missing or non-string `text`, or a field of
  // the wrong type. `fallback_doc` is used when the record has no `id`. Repairs (invalid
  // UTF-8) and an unreadable date (published becomes null) add a message to `warnings`.
  absl::StatusOr<Document> FromJsonLine(std::string_view line, std::string fallback_doc,
                                        std::vector<std::string>* warnings = nullptr) const;

  // A deferred JSONL record, as FromJsonLine.
  ParsedLine FromPendingLine(const PendingLine& pending) const;

  // A web page read as an article (see above). `text` is "" when the page has no article.
  Document FromWebPage(WebPage&& page) const;
  Document FromWebPage(const WebPage& page) const;

 private:
  void ReadTextFile(const std::string& path, std::string doc, const DocumentSink& sink,
                    const ProblemSink& problems, ReadStats& stats) const;
  void ReadJsonlStream(std::istream& in, const std::string& where_name, const std::string& doc_name,
                       const DocumentSink& sink, const ProblemSink& problems,
                       ReadStats& stats) const;
  void ReadHtmlPage(const std::string& path, std::string doc, const DocumentSink& sink,
                    const ProblemSink& problems, ReadStats& stats) const;
  void ReadWarcFile(const std::string& path, const std::string& doc, const DocumentSink& sink,
                    const ProblemSink& problems, ReadStats& stats) const;
  void DeliverWebPage(WebPage&& page, const std::string& where, const DocumentSink& sink,
                      const ProblemSink& problems, ReadStats& stats) const;
  // Boilerplate, skip ranges and language for a document whose text is set.
  void Finish(Document& d) const;

  BoilerplateDetector boilerplate_;
  html::ArticleExtractor html_;
  PageSink pages_;  // empty: pages are parsed while reading
  LineSink lines_;  // empty: JSONL records are parsed while reading
};

}  // namespace verbatim::ingest

#endif  // VERBATIM_INGEST_READER_H_
