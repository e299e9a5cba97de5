// ArticleReader: turns command-line inputs into Documents, streaming.
//
// Inputs: a .txt file (one article), a .jsonl/.ndjson file (one article per line), a folder
// (recursively: its .txt, .jsonl and .ndjson files in path order), or "-" (standard input:
// JSONL when it starts with '{', else one text article). Other files given by name are read
// as text articles.
//
// Document identity (`doc`): for a file argument its name; inside a folder argument the path
// below that folder; for JSONL the `id` field, or "<file>:<line>" when it is missing; "-" for a
// text article on standard input.
//
// Problems never abort a batch: a malformed or mistyped JSONL record is rejected (reported
// with file and line, the other records go on); invalid UTF-8 and NUL bytes are replaced by
// U+FFFD and reported as a warning; an unreadable path is reported and skipped.
//
// Thread-safe: Read is const; callbacks run on the calling thread.
#ifndef VERBATIM_INGEST_READER_H_
#define VERBATIM_INGEST_READER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ingest/boilerplate.h"
#include "ingest/document.h"

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
};

class ArticleReader {
 public:
  using DocumentSink = std::function<void(Document&&)>;
  using ProblemSink = std::function<void(const ReadProblem&)>;

  ArticleReader() = default;

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

 private:
  void ReadTextFile(const std::string& path, std::string doc, const DocumentSink& sink,
                    const ProblemSink& problems, ReadStats& stats) const;
  void ReadJsonlStream(std::istream& in, const std::string& where_name, const std::string& doc_name,
                       const DocumentSink& sink, const ProblemSink& problems,
                       ReadStats& stats) const;
  // Boilerplate, skip ranges and language for a document whose text is set.
  void Finish(Document& d) const;

  BoilerplateDetector boilerplate_;
};

}  // namespace verbatim::ingest

#endif  // VERBATIM_INGEST_READER_H_
