// Document: one article as Verbatim reads it. All quotation offsets refer to `text` (or to
// `title` for quotations found in a JSONL title, which is not part of `text`).
#ifndef VERBATIM_INGEST_DOCUMENT_H_
#define VERBATIM_INGEST_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "text/byte_range.h"

namespace verbatim::ingest {

struct Document {
  std::string doc;                       // identity: relative path, JSONL id, or "-"
  std::optional<std::string> title;
  bool title_in_text = false;            // .txt: the title is a line of `text`
  text::ByteRange title_range;           // where the title sits in `text` when title_in_text
  std::optional<std::string> published;  // ISO 8601 date or date-time
  std::optional<std::string> crawled;    // when a crawler fetched the page (WARC-Date), ISO 8601
  std::optional<std::string> outlet;
  std::optional<std::string> author;
  std::optional<std::string> url;
  std::optional<std::string> lang;
  std::string text;                      // decoded input; every offset points here
  std::vector<text::ByteRange> boilerplate;  // lines dropped before extraction
  std::vector<text::ByteRange> skip;     // boilerplate plus non-content prefixes (sorted)
  std::string extra_json;                // other JSONL fields as a JSON object ("" if none)

  // Where the record came from, for messages: file path and 1-based line (0 for a file).
  std::string source_path;
  int64_t source_line = 0;
};

}  // namespace verbatim::ingest

#endif  // VERBATIM_INGEST_DOCUMENT_H_
