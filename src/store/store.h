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
  std::optional<int64_t> cluster;         // its quote cluster (lowest quotation id), once clustered
  std::optional<int64_t> story;           // its document's story (lowest document id), once grouped
};

// An article as story grouping sees it (store/stories.h).
struct StoryArticle {
  int64_t id = 0;                         // document row id; ids grow with insertion
  std::string doc;
  std::string title;                      // "" when none
  std::string text;
  std::optional<std::string> published;
  std::optional<std::string> outlet;
  std::optional<int64_t> story;           // none until grouped
  bool terms_counted = false;             // its terms are in the document frequencies
};

// The day story_terms files an undated document under: below every day cluster::StoryDay gives
// (4-digit years), so no date window reaches it.
inline constexpr int64_t kUndatedStoryDay = -(int64_t{1} << 40);

// The document frequencies that stories are weighed with (store/stories.h).
struct StoryFrequencies {
  int64_t documents = 0;      // documents counted in them
  int64_t regrouped_at = 0;   // documents at the last full regrouping (0: none yet)
};

// A quotation as quote clustering sees it (store/clustering.h).
struct ClusterQuote {
  int64_t id = 0;                         // quotation row id; ids grow with insertion
  std::string doc;
  std::string text;
  std::optional<std::string> speaker;
  std::optional<int64_t> cluster;         // none until clustered
  bool indirect = false;                  // reported speech: not clustered, a cluster of its own
};

// What one index key holds (Store::QuotationsFiledUnder).
struct KeyBucket {
  uint64_t key = 0;
  std::vector<int64_t> ids;  // quotations filed under it; empty when `full`
  bool full = false;         // filed under max_bucket or more: a commonplace, proposes none
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
  // v2: quotations.clause_start/end. v3: quote clusters (quotations.cluster, .stems; the
  // quote_keys LSH index; quote_stems counts). v4: stories (documents.story; the story_terms
  // index; term_documents frequencies). v5: documents.crawled. v6: story_terms keyed by
  // (term, day, document), so a date window is one index range. v7: documents without a story
  // in date order. v8: quotations enter the FTS5 index when their write ends (a batch's
  // commit), not by a trigger per row. v9: a document's story and counted flag in the narrow
  // document_stories table (one row per document), not on documents. v10: likewise a
  // quotation's cluster and stems, in quotation_clusters.
  static constexpr int kSchemaVersion = 10;

  // Opens or creates the database file and migrates it to kSchemaVersion. Fails with a clear
  // message when the file is not a Verbatim database or is from a newer version.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Sets SQLite's page cache of this connection (256 MiB from Open; --memory may lower it).
  absl::Status SetPageCache(int64_t bytes);
  // How long a write waits for another connection's write transaction (5 s from Open).
  void SetBusyTimeout(int milliseconds);
  // A batch is one write transaction. Its quotations enter the full-text index when it commits
  // (one INSERT ... SELECT, not one FTS5 insert per row: FTS5 writes its pending terms to disk
  // at every savepoint, i.e. once per document), so a search on this connection inside an open
  // batch does not yet find them. A CommitBatch that fails has rolled the whole batch back
  // (nothing of it is stored, and the next BeginBatch starts afresh).
  //
  // What a batch writes decides where SQLite keeps the journals of its savepoints and
  // statements (the original of each page they change, for a rollback) and its sorts. A batch
  // of documents (PutDocument, ReplaceQuotations: a savepoint per document; at most the batch
  // and the stories and clusters its replaced documents leave) keeps them in memory: with
  // SQLite's default the per-document journals are temporary files past 64 KiB, which took 8
  // in 10 of an ingest's writes. A bulk batch (the index updates, whose single statements may
  // change every row of a table) keeps SQLite's default, so its journals go to disk rather
  // than grow with the collection.
  enum class Writes { kDocuments, kBulk };
  absl::Status BeginBatch(Writes writes = Writes::kDocuments);
  absl::Status CommitBatch();
  absl::Status RollbackBatch();
  // A read transaction (REQUIRES: no batch open): the statements until EndRead see one
  // snapshot and take the database's read lock once, not once each (ReadTransaction below
  // ends it on every path).
  absl::Status BeginRead();
  absl::Status EndRead();

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

  // Quote clusters, kept up to date by store/clustering.h. Removing or replacing a document
  // un-clusters the other members of its quotations' clusters, so they are clustered again.
  // Quotations not yet in a cluster, in id order (at most `limit`; -1: all).
  absl::StatusOr<std::vector<ClusterQuote>> UnclusteredQuotations(int64_t limit = -1) const;
  // Clustered quotations filed under any of `keys`, in id order; a key filed under
  // `max_bucket` or more quotations is a commonplace and proposes none. With `buckets`, also
  // what each key holds (keys holding nothing left out), in the order of `keys`.
  absl::StatusOr<std::vector<ClusterQuote>> QuotationsFiledUnder(const std::vector<uint64_t>& keys, int max_bucket,
                                                                 std::vector<KeyBucket>* buckets = nullptr) const;
  // Content stems held by more than `min_quotations` clustered quotations.
  absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> FrequentStems(int64_t min_quotations) const;
  // How many clustered quotations hold `stem`.
  absl::StatusOr<int64_t> StemCount(std::string_view stem) const;
  absl::StatusOr<int64_t> CountClusteredQuotations() const;  // reported speech aside
  // Puts a quotation in `cluster`, records its (unique) stems and files it under `keys`; its
  // stems are counted by AddStemCounts.
  absl::Status FileQuotation(int64_t id, int64_t cluster, const std::vector<std::string>& stems,
                             const std::vector<uint64_t>& keys);
  // Adds `counts` (stem, newly filed quotations holding it) to the quote_stems counts.
  absl::Status AddStemCounts(const std::vector<std::pair<std::string, int64_t>>& counts);
  // Moves every member of cluster `from` into cluster `into`.
  absl::Status MergeQuoteClusters(int64_t from, int64_t into);

  // Stories, kept up to date by store/stories.h (story_index.cc). Removing or replacing a
  // document takes its terms out of the frequencies and un-groups the rest of its story.
  // Documents not yet in a story in date order (undated first, then by `published` and id),
  // or every document in id order; at most `limit` (-1: all). Date order keeps an update's
  // chunk to a span of days, so its stored candidates are the documents near those days.
  absl::StatusOr<std::vector<StoryArticle>> ArticlesWithoutStory(bool every_document = false, int64_t limit = -1) const;
  // Calls `fn` with each document's title and text, one at a time (memory does not grow with
  // the collection), in id order.
  absl::Status ForEachArticleText(const std::function<void(std::string_view title, std::string_view text)>& fn) const;
  // Ids of the grouped documents filed under any of `terms` (a term filed under `max_bucket` or
  // more of them proposes none), of day `day` +- `max_days` or undated (every day when `day` is
  // none); sorted, without repeats. Days are cluster::StoryDay's. With `per_term`, also the
  // ids each term proposed (one list per term, in the order of `terms`).
  absl::StatusOr<std::vector<int64_t>> DocumentsFiledUnder(const std::vector<std::string>& terms,
                                                           std::optional<int64_t> day, int max_days,
                                                           int max_bucket,
                                                           std::vector<std::vector<int64_t>>* per_term = nullptr) const;
  // The documents `ids` names, in the order given (ids not stored are left out).
  absl::StatusOr<std::vector<StoryArticle>> ArticlesByIds(const std::vector<int64_t>& ids) const;
  // The document frequencies stories are weighed with, and how many counted documents hold `term`.
  absl::StatusOr<StoryFrequencies> Frequencies() const;
  absl::StatusOr<int64_t> TermDocuments(std::string_view term) const;
  // Adds newly counted documents' terms (`delta` per term) to the frequencies.
  absl::Status AddTermDocuments(const std::vector<std::pair<std::string, int64_t>>& delta, int64_t documents);
  // Replaces the frequencies with those of every document (all counted, `regrouped_at` set)
  // and takes every document out of its story.
  absl::Status RestartStories(int64_t documents, const std::vector<std::pair<std::string, int64_t>>& frequencies);
  // Puts a document in `story`, files it under `terms` with its day (cluster::StoryDay of its
  // publication date; none when undated) and marks its terms counted.
  absl::Status FileArticle(int64_t id, int64_t story, const std::vector<std::string>& terms,
                           std::optional<int64_t> day);
  absl::Status MergeStories(int64_t from, int64_t into);
  // (doc, quote cluster) of every clustered quotation, reported speech aside, in doc order.
  absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> QuoteClustersByDocument() const;
  // Every document with its story, in publication order (undated last), text cut to `text_bytes`.
  absl::StatusOr<std::vector<StoryArticle>> StoryRows(size_t text_bytes) const;

 private:
  // Defined in store.cc, where Statements is complete (unique_ptr needs its destructor).
  explicit Store(sqlite3* db);
  absl::Status Migrate();
  // Un-clusters every member of a cluster holding a quotation of the document (or outlet)
  // about to lose its quotations (quote_index.cc).
  absl::Status UnclusterDocument(int64_t document_id);
  absl::Status UnclusterOutlet(std::string_view outlet);
  // The same for stories (story_index.cc).
  absl::Status UngroupDocument(int64_t document_id);
  absl::Status UngroupOutlet(std::string_view outlet);
  // Indexes (FTS5) the quotations stored since the last call and gives each its row of
  // quotation_clusters (unclustered): every quotation from
  // pending_from_ up (rowids only grow while rows are only added; a delete indexes what is
  // pending first, so the delete triggers find every row they remove in the index).
  absl::Status IndexPendingQuotations();
  // Back to SQLite's default temp_store after a batch (see BeginBatch); best effort.
  void RestoreTempStore();
  // Marks the quotations from `first_id` up (0: none were added) for the index; outside a
  // batch, indexes them at once (inside the write's savepoint).
  absl::Status QueueForIndex(int64_t first_id);

  int64_t pending_from_ = 0;  // lowest quotation id not yet in the FTS index and quotation_clusters; 0: none
  bool in_batch_ = false;

  sqlite3* db_;  // owned
  struct Statements;
  std::unique_ptr<Statements> stmts_;
};

// Holds a read transaction from construction to End() or destruction, whichever comes first.
//   ReadTransaction read(store);
//   if (!read.status().ok()) return read.status();
//   ... reads ...;   if (absl::Status s = read.End(); !s.ok()) return s;
class ReadTransaction {
 public:
  explicit ReadTransaction(Store& store) : store_(store), status_(store.BeginRead()) {}
  ~ReadTransaction() { (void)End(); }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  // Whether it began.
  const absl::Status& status() const { return status_; }
  absl::Status End() {
    if (!status_.ok() || ended_) return absl::OkStatus();
    ended_ = true;
    return store_.EndRead();
  }

 private:
  Store& store_;
  absl::Status status_;
  bool ended_ = false;
};

// Content hash used to decide whether a document changed (hex string).
std::string ContentHash(const ingest::Document& doc);

}  // namespace verbatim::store

#endif  // VERBATIM_STORE_STORE_H_
