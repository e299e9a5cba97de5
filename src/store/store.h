// Store: the one place that knows SQL. Keeps documents (with their text), quotations,
// speakers and speaker mentions in one SQLite file (WAL journal, foreign keys on, prepared
// statements, one transaction per batch) with a schema version and forward migrations.
//
//   absl::StatusOr<std::unique_ptr<Store>> store = Store::Open("news.db");
//   store->BeginBatch(); store->PutDocument(doc, quotes, Extractor::kVersion); store->CommitBatch();
//
// Identity: a document is its `doc` string. PutDocument on an unchanged document (same content
// hash of text + metadata) changes nothing; on a changed one it replaces the document and all
// its quotations and mentions.
//
// Thread-safety: a Store is used by one thread at a time (it owns one sqlite3 connection).
#ifndef VERBATIM_STORE_STORE_H_
#define VERBATIM_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ingest/document.h"
#include "quotes/quotation.h"

struct sqlite3;

namespace verbatim::store {

enum class PutResult { kInserted, kReplaced, kUnchanged };

// A stored quotation joined with its document's metadata (for `verbatim quotes`).
struct StoredQuote {
  std::string doc;
  int index = 0;                          // position in the document's extract output
  quotes::Quotation quote;
  std::optional<std::string> published;
  std::optional<std::string> outlet;
  std::optional<std::string> title;
};

struct QuoteQuery {
  std::optional<std::string> speaker;  // whole words of the canonical name, case/accent-blind
  std::optional<std::string> search;   // FTS5 words (each word must occur; no operators)
  std::optional<std::string> from;     // published >= from (YYYY-MM-DD)
  std::optional<std::string> to;       // published <= to, inclusive of that day
  std::optional<std::string> outlet;
  std::optional<int64_t> limit;        // none: every match
};

struct SpeakerRow {
  std::string name;
  int64_t quotations = 0;
  int64_t articles = 0;
};

struct OutletRow {
  std::string outlet;   // "(unknown)" for documents without one
  int64_t articles = 0;
  int64_t quotations = 0;
};

class Store {
 public:
  static constexpr int kSchemaVersion = 2;  // v2: quotations.clause_start/end

  // Opens or creates the database file and migrates it to kSchemaVersion. Fails with a clear
  // message when the file is not a Verbatim database or is from a newer version.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  absl::Status BeginBatch();
  absl::Status CommitBatch();
  absl::Status RollbackBatch();

  // Stores a document with its quotations (REQUIRES: inside a batch).
  absl::StatusOr<PutResult> PutDocument(const ingest::Document& doc,
                                        const std::vector<quotes::Quotation>& quotations,
                                        std::string_view extractor_version);

  // Replaces the quotations of an already stored document (for `reprocess`).
  absl::Status ReplaceQuotations(std::string_view doc,
                                 const std::vector<quotes::Quotation>& quotations,
                                 std::string_view extractor_version);

  // Every stored document, in `doc` order, rebuilt as the reader made it (for `reprocess`).
  absl::Status ForEachDocument(const std::function<void(const ingest::Document&)>& fn) const;

  // Deletes a document (or every document of an outlet) with its quotations and mentions.
  // Returns the number of documents removed.
  absl::StatusOr<int64_t> RemoveDocument(std::string_view doc);
  absl::StatusOr<int64_t> RemoveOutlet(std::string_view outlet);

  absl::StatusOr<std::vector<StoredQuote>> FindQuotes(const QuoteQuery& query) const;
  absl::StatusOr<std::vector<SpeakerRow>> Speakers() const;   // most quoted first
  absl::StatusOr<std::vector<OutletRow>> Outlets() const;     // most articles first
  absl::StatusOr<int64_t> CountDocuments() const;
  absl::StatusOr<int64_t> CountQuotations() const;

 private:
  // Defined in store.cc, where Statements is complete (unique_ptr needs its destructor).
  explicit Store(sqlite3* db);
  absl::Status Migrate();

  sqlite3* db_;  // owned
  struct Statements;
  std::unique_ptr<Statements> stmts_;
};

// Content hash used to decide whether a document changed (hex string).
std::string ContentHash(const ingest::Document& doc);

}  // namespace verbatim::store

#endif  // VERBATIM_STORE_STORE_H_
