// Web pages as HTML text: from the response records of a WARC file, or from an .html file.
// The bytes-level half of web input; the DOM and article extraction come after.
//
//   WarcStats stats;
//   ReadWarcPages("crawl.warc.gz", "crawl.warc.gz",
//                 [](WebPage&& p) { Extract(p.html, p.url); },
//                 [](std::string_view where, std::string_view message, bool rejected) { ... },
//                 stats);
//
// Which WARC records become pages: `response` records holding an HTTP response
// (application/http) with a 2xx status whose HTTP Content-Type is HTML (text/html or
// application/xhtml+xml; with no Content-Type, a body that LooksLikeHtml). Everything else is
// counted in WarcStats::skipped by kind:
//   "warcinfo", "request", "metadata", "revisit", "resource", "conversion", ... (WARC-Type),
//   "dns" (a dns: URI or text/dns block), "non-http" (another response block),
//   "redirect" (3xx), "http-error" (other non-2xx), "non-html" (2xx, not HTML),
//   "too-large" (HTML body over the cap).
// The body is de-chunked, decompressed (Content-Encoding) and converted to UTF-8
// (charset.h). A record that cannot be read is reported with `rejected` = true; repairs made
// to a page that is still delivered are reported with `rejected` = false.
//
// Options (defaults):
//   max_html_bytes    32 MB   cap on one page's HTML (decoded bytes)
//   max_record_bytes  64 MB   WARC records with larger blocks are skipped unread
//
// Thread-safe: free functions without shared state; callbacks run on the calling thread.
#ifndef VERBATIM_INGEST_WEB_PAGE_H_
#define VERBATIM_INGEST_WEB_PAGE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace verbatim::ingest {

// One HTML page from a WARC response record or an .html file.
struct WebPage {
  std::string doc;             // "<doc_prefix>#<WARC-Record-ID>" for WARC; the file's doc name
  std::string url;             // WARC-Target-URI ("" for a file)
  std::string crawled;         // WARC-Date (ISO 8601), "" for a file
  std::string html;            // UTF-8 (converted), no NUL bytes
  std::string charset;         // the source encoding, e.g. "windows-1251"
  std::string charset_source;  // how it was chosen: "bom", "http", "meta", "utf-8-valid",
                               // "detected" or "default" (see charset.h)
  std::string source_path;     // the file read
  int64_t record = 0;          // WARC record number (1-based); 0 for a file
};

struct WarcStats {
  size_t records = 0;                     // WARC records read (headers found)
  size_t html_responses = 0;              // pages delivered
  std::map<std::string, size_t> skipped;  // by kind (see above)
  size_t non_html = 0;  // 2xx responses that are not HTML (also skipped["non-html"])
  size_t errors = 0;    // problems that cost a record, or the file
  size_t warnings = 0;  // repairs; the page was delivered
};

struct WebPageOptions {
  size_t max_html_bytes = size_t{32} << 20;
  int64_t max_record_bytes = int64_t{64} << 20;
};

using WebPageSink = std::function<void(WebPage&&)>;
// `where`: "<path>: record 12 at byte 3456" (or just "<path>"), naming file and record.
using WebProblemSink =
    std::function<void(std::string_view where, std::string_view message, bool rejected)>;

// Reads the HTML pages of a WARC file (.warc or .warc.gz). `doc_prefix` names the file in
// page docs. Never throws; an unreadable file is one rejected problem.
void ReadWarcPages(const std::string& path, std::string_view doc_prefix, const WebPageSink& sink,
                   const WebProblemSink& problems, WarcStats& stats,
                   const WebPageOptions& options = {});

// Reads an HTML file (.html, .htm, or either gzip-compressed: .html.gz, .htm.gz) as one page
// named `doc`. Fails (ResourceExhausted) when the HTML exceeds options.max_html_bytes (checked
// before reading a plain file; while decompressing a .gz file), (InvalidArgument) when the
// text does not look like HTML (a PNG or JSON file named .html), (NotFound) when the file
// cannot be read, (DataLoss) for corrupt gzip.
absl::StatusOr<WebPage> ReadHtmlFile(const std::string& path, std::string doc,
                                     const WebPageOptions& options = {});

}  // namespace verbatim::ingest

#endif  // VERBATIM_INGEST_WEB_PAGE_H_
