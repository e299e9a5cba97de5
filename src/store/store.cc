#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "cluster/stories.h"
#include "store/sql.h"
#include "text/utf8.h"

namespace verbatim::store {
namespace {

using sql::Query;
using sql::SqlError;
using sql::StatementCache;
using sql::FoldWords;
using sql::FtsQuery;
using sql::RangesFromJson;


// 'VRBT' in PRAGMA application_id marks a file as a Verbatim database.
constexpr int32_t kApplicationId = 0x56524254;

constexpr int kBusyTimeoutMs = 5000;

// Schema version 1. `end` is quoted because it is an SQL keyword.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  doc TEXT UNIQUE NOT NULL,
  title TEXT,
  title_in_text INTEGER NOT NULL DEFAULT 0,
  title_start INTEGER NOT NULL DEFAULT 0,
  title_end INTEGER NOT NULL DEFAULT 0,
  published TEXT,
  outlet TEXT,
  author TEXT,
  url TEXT,
  lang TEXT,
  text TEXT NOT NULL,
  boilerplate TEXT NOT NULL DEFAULT '[]',
  skip TEXT NOT NULL DEFAULT '[]',
  extra_json TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL,
  source_path TEXT,
  source_line INTEGER,
  ingested_at TEXT
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_outlet ON documents(outlet);

CREATE TABLE speakers (
  id INTEGER PRIMARY KEY,
  name TEXT UNIQUE NOT NULL,
  name_folded TEXT NOT NULL
);

CREATE TABLE quotations (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  field TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  start INTEGER,
  "end" INTEGER,
  segments TEXT NOT NULL,
  parent_idx INTEGER,
  speaker_id INTEGER REFERENCES speakers(id),
  mention_start INTEGER,
  mention_end INTEGER,
  mention_text TEXT,
  cue_start INTEGER,
  cue_end INTEGER,
  cue_text TEXT,
  confidence REAL NOT NULL,
  extractor_version TEXT NOT NULL
);
CREATE UNIQUE INDEX quotations_document ON quotations(document_id, idx);
CREATE INDEX quotations_speaker ON quotations(speaker_id);

CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  quotation_id INTEGER NOT NULL REFERENCES quotations(id) ON DELETE CASCADE,
  speaker_id INTEGER REFERENCES speakers(id),
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_quotation ON mentions(quotation_id);
CREATE INDEX mentions_speaker ON mentions(speaker_id);

CREATE VIRTUAL TABLE quotations_fts USING fts5(
  text, content='quotations', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER quotations_fts_insert AFTER INSERT ON quotations BEGIN
  INSERT INTO quotations_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotations_fts_delete AFTER DELETE ON quotations BEGIN
  INSERT INTO quotations_fts(quotations_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotations_fts_update AFTER UPDATE OF text ON quotations BEGIN
  INSERT INTO quotations_fts(quotations_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO quotations_fts(rowid, text) VALUES (new.id, new.text);
END;
)sql";

constexpr const char* kSelectDocumentId = "SELECT id, content_hash FROM documents WHERE doc = ?1";
constexpr const char* kInsertDocument =
    "INSERT INTO documents (doc, title, title_in_text, title_start, title_end, published, "
    "outlet, author, url, lang, text, boilerplate, skip, extra_json, content_hash, "
    "source_path, source_line, ingested_at, crawled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
    "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?18)";
constexpr const char* kDeleteDocumentById = "DELETE FROM documents WHERE id = ?1";
constexpr const char* kDeleteDocumentsOfOutlet = "DELETE FROM documents WHERE outlet = ?1";
constexpr const char* kSpeakersOfDocument =
    "SELECT DISTINCT speaker_id FROM quotations WHERE document_id = ?1 AND speaker_id IS NOT NULL";
constexpr const char* kSpeakersOfOutlet =
    "SELECT DISTINCT q.speaker_id FROM quotations q JOIN documents d ON d.id = q.document_id "
    "WHERE d.outlet = ?1 AND q.speaker_id IS NOT NULL";
constexpr const char* kDeleteSpeakerIfOrphan =
    "DELETE FROM speakers WHERE id = ?1 "
    "AND NOT EXISTS (SELECT 1 FROM quotations WHERE speaker_id = ?1) "
    "AND NOT EXISTS (SELECT 1 FROM mentions WHERE speaker_id = ?1)";
constexpr const char* kSelectSpeaker = "SELECT id FROM speakers WHERE name = ?1";
constexpr const char* kInsertSpeaker = "INSERT INTO speakers (name, name_folded) VALUES (?1, ?2)";
constexpr const char* kInsertQuotation =
    "INSERT INTO quotations (document_id, idx, field, kind, text, start, \"end\", segments, "
    "parent_idx, speaker_id, mention_start, mention_end, mention_text, cue_start, cue_end, "
    "cue_text, confidence, extractor_version, clause_start, clause_end) VALUES (?1, ?2, ?3, ?4, "
    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";
constexpr const char* kInsertMention =
    "INSERT INTO mentions (document_id, quotation_id, speaker_id, start, \"end\", text) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kDeleteQuotationsOfDocument = "DELETE FROM quotations WHERE document_id = ?1";
constexpr const char* kSelectDocuments =
    "SELECT doc, title, title_in_text, title_start, title_end, published, outlet, author, url, "
    "lang, text, boilerplate, skip, extra_json, source_path, source_line, crawled "
    "FROM documents ORDER BY doc";
constexpr const char* kSelectSpeakerRows =
    "SELECT s.name, COUNT(q.id), COUNT(DISTINCT q.document_id) FROM speakers s "
    "JOIN quotations q ON q.speaker_id = s.id GROUP BY s.id ORDER BY 2 DESC, s.name";
constexpr const char* kSelectOutletRows =
    "SELECT COALESCE(d.outlet, '(unknown)'), COUNT(DISTINCT d.id), COUNT(q.id) "
    "FROM documents d LEFT JOIN quotations q ON q.document_id = d.id "
    "GROUP BY d.outlet ORDER BY 2 DESC, 3 DESC, 1";


// Writes ranges as a JSON list of [begin,end] pairs: [[0,5],[9,12]].
std::string RangesToJson(const std::vector<text::ByteRange>& ranges) {
  std::string out = "[";
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (i > 0) out.push_back(',');
    absl::StrAppend(&out, "[", ranges[i].begin, ",", ranges[i].end, "]");
  }
  out.push_back(']');
  return out;
}



// FNV-1a 64: fixed constants, so hashes are stable across runs, builds and machines.
class Fnv1a64 {
 public:
  void Bytes(std::string_view s) {
    for (char c : s) {
      hash_ ^= static_cast<unsigned char>(c);
      hash_ *= 0x100000001b3ULL;
    }
  }
  void Number(uint64_t v) {
    char buf[8];
    for (int k = 0; k < 8; ++k) buf[k] = static_cast<char>((v >> (8 * k)) & 0xff);
    Bytes(std::string_view(buf, 8));
  }
  // Length-prefixed, so field boundaries are unambiguous ("ab"+"c" != "a"+"bc").
  void Field(std::string_view s) {
    Number(s.size());
    Bytes(s);
  }
  void Field(const std::optional<std::string>& s) {
    Bytes(s.has_value() ? std::string_view("\1", 1) : std::string_view("\0", 1));
    if (s.has_value()) Field(std::string_view(*s));
  }
  void Ranges(const std::vector<text::ByteRange>& ranges) {
    Number(ranges.size());
    for (const auto& r : ranges) {
      Number(r.begin);
      Number(r.end);
    }
  }
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};


}  // namespace

std::string ContentHash(const ingest::Document& doc) {
  Fnv1a64 h;
  h.Field(std::string_view(doc.text));
  h.Field(doc.title);
  h.Number(doc.title_in_text ? 1 : 0);
  h.Number(doc.title_range.begin);
  h.Number(doc.title_range.end);
  h.Field(doc.published);
  h.Field(doc.outlet);
  h.Field(doc.author);
  h.Field(doc.url);
  h.Field(doc.lang);
  h.Field(std::string_view(doc.extra_json));
  if (doc.crawled) h.Field(doc.crawled);  // only then: hashes of documents without one stay
  h.Ranges(doc.boilerplate);
  h.Ranges(doc.skip);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  uint64_t v = h.value();
  for (int k = 15; k >= 0; --k) {
    out[static_cast<size_t>(k)] = kHex[v & 15];
    v >>= 4;
  }
  return out;
}


namespace {

// Makes a group of writes atomic whether or not a batch is open: the writes of one call either
// all land or none do, and a failed document leaves the rest of a batch intact.
class Savepoint {
 public:
  explicit Savepoint(StatementCache* stmts) : stmts_(stmts) {}
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  ~Savepoint() {
    if (open_) {
      (void)stmts_->Exec("ROLLBACK TO store_write");
      (void)stmts_->Exec("RELEASE store_write");
    }
  }
  absl::Status Begin() {
    STORE_RETURN_IF_ERROR(stmts_->Exec("SAVEPOINT store_write"));
    open_ = true;
    return absl::OkStatus();
  }
  absl::Status Release() {
    STORE_RETURN_IF_ERROR(stmts_->Exec("RELEASE store_write"));
    open_ = false;
    return absl::OkStatus();
  }

 private:
  StatementCache* stmts_;
  bool open_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<Store> store(new Store(raw));  // closes `raw` on every return path
  if (rc != SQLITE_OK) {
    return SqlError(raw, rc, absl::StrCat("cannot open database '", path, "'"));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  store->stmts_ = std::make_unique<Statements>(raw);
  Statements& s = *store->stmts_;

  // Reading the schema forces SQLite to read the file header, so a file that is not a database
  // fails here, before anything is written to it.
  absl::StatusOr<int64_t> tables = s.Int("SELECT COUNT(*) FROM sqlite_schema");
  if (!tables.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("'", path, "' is not a Verbatim database: ", sqlite3_errmsg(raw)));
  }
  STORE_ASSIGN_OR_RETURN(int64_t app_id, s.Int("PRAGMA application_id"));
  STORE_ASSIGN_OR_RETURN(int64_t version, s.Int("PRAGMA user_version"));
  if (app_id != 0 && app_id != kApplicationId) {
    return absl::FailedPreconditionError(
        absl::StrCat("'", path, "' is an SQLite database of another application (application_id ",
                     app_id, "), not a Verbatim database"));
  }
  if (version > kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat("'", path, "' has schema version ", version,
                                                      " but this build of verbatim supports up to ",
                                                      kSchemaVersion, "; use a newer verbatim"));
  }
  if (app_id == 0 && *tables > 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("'", path,
                     "' is an SQLite database with tables that Verbatim did not create; "
                     "refusing to modify it"));
  }

  {
    STORE_ASSIGN_OR_RETURN(Query q, s.Get("PRAGMA journal_mode = WAL"));
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    std::string mode = row ? q.Text(0) : "";
    if (mode != "wal" && mode != "memory") {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot switch '", path, "' to WAL journal mode (mode is '", mode, "')"));
    }
  }
  STORE_RETURN_IF_ERROR(s.Exec("PRAGMA foreign_keys = ON"));
  STORE_RETURN_IF_ERROR(s.Exec("PRAGMA synchronous = NORMAL"));
  // Checkpoint the WAL into the database at 64 MiB, not SQLite's 4 MiB: a checkpoint writes
  // each page once however often the transactions since the last one changed it, and syncs
  // twice, and an ingest changes the same index pages in every transaction.
  STORE_RETURN_IF_ERROR(s.Exec("PRAGMA wal_autocheckpoint = 16384"));
  // A 256 MiB page cache (SQLite's default is 2 MB): the index updates after an ingest look up
  // story_terms, quote_keys and candidate documents all over the file, and with the default
  // most of their time went to copying pages from the OS (pread).
  STORE_RETURN_IF_ERROR(s.Exec("PRAGMA cache_size = -262144"));
  STORE_ASSIGN_OR_RETURN(int64_t fk, s.Int("PRAGMA foreign_keys"));
  if (fk != 1) return absl::InternalError("this SQLite build does not enforce foreign keys");

  absl::Status migrated = store->Migrate();
  if (!migrated.ok()) {
    return absl::Status(migrated.code(),
                        absl::StrCat("migrating '", path, "': ", migrated.message()));
  }
  return store;
}

Store::Store(sqlite3* db) : db_(db) {}

Store::~Store() {
  stmts_.reset();  // statements must be finalized before the connection closes
  sqlite3_close(db_);
}

namespace {

// SQL function story_day(published): cluster::StoryDay, or kUndatedStoryDay (the v6 migration).
void StoryDayFunction(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
  std::optional<std::string> published;
  if (sqlite3_value_type(argv[0]) != SQLITE_NULL) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    if (text != nullptr) published.emplace(text, static_cast<size_t>(sqlite3_value_bytes(argv[0])));
  }
  sqlite3_result_int64(ctx, cluster::StoryDay(published).value_or(kUndatedStoryDay));
}

}  // namespace

absl::Status Store::Migrate() {
  STORE_ASSIGN_OR_RETURN(int64_t version, stmts_->Int("PRAGMA user_version"));
  if (version == kSchemaVersion) return absl::OkStatus();
  if (!sqlite3_get_autocommit(db_)) {
    return absl::FailedPreconditionError("cannot migrate inside an open transaction");
  }
  STORE_RETURN_IF_ERROR(stmts_->Exec("BEGIN IMMEDIATE"));
  auto migrate = [&]() -> absl::Status {
    // Re-read under the write lock: another process may have migrated meanwhile.
    STORE_ASSIGN_OR_RETURN(int64_t current, stmts_->Int("PRAGMA user_version"));
    if (current > kSchemaVersion) {
      return absl::FailedPreconditionError(
          absl::StrCat("schema version ", current, " is newer than supported"));
    }
    if (current == 0) {
      // The schema script takes no input, so it runs through sqlite3_exec in one go.
      char* err = nullptr;
      int rc = sqlite3_exec(db_, kSchemaV1, nullptr, nullptr, &err);
      if (rc != SQLITE_OK) {
        std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        return absl::InternalError(absl::StrCat("creating schema v1: ", msg));
      }
      STORE_RETURN_IF_ERROR(stmts_->Exec("PRAGMA user_version = 1"));
      STORE_RETURN_IF_ERROR(stmts_->Exec(absl::StrCat("PRAGMA application_id = ", kApplicationId)));
      current = 1;
    }
    if (current == 1) {
      // v2: the reported clause of each quotation (issue 3), NULL for rows stored before.
      STORE_RETURN_IF_ERROR(stmts_->Exec("ALTER TABLE quotations ADD COLUMN clause_start INTEGER"));
      STORE_RETURN_IF_ERROR(stmts_->Exec("ALTER TABLE quotations ADD COLUMN clause_end INTEGER"));
      STORE_RETURN_IF_ERROR(stmts_->Exec("PRAGMA user_version = 2"));
      current = 2;
    }
    if (current == 2) {
      // v3: quote clusters (issue 4). Rows stored before are unclustered until the next update.
      for (const char* statement : {
               "ALTER TABLE quotations ADD COLUMN cluster INTEGER",
               "ALTER TABLE quotations ADD COLUMN stems TEXT",
               "CREATE INDEX quotations_cluster ON quotations(cluster)",
               "CREATE INDEX quotations_unclustered ON quotations(id) WHERE cluster IS NULL",
               "CREATE TABLE quote_keys (key INTEGER NOT NULL, "
               "quotation INTEGER NOT NULL REFERENCES quotations(id) ON DELETE CASCADE, "
               "PRIMARY KEY (key, quotation)) WITHOUT ROWID",
               "CREATE INDEX quote_keys_quotation ON quote_keys(quotation)",
               "CREATE TABLE quote_stems (stem TEXT PRIMARY KEY, quotations INTEGER NOT NULL) WITHOUT ROWID",
               "PRAGMA user_version = 3"}) {
        STORE_RETURN_IF_ERROR(stmts_->Exec(statement));
      }
      current = 3;
    }
    if (current == 3) {
      // v4: stories (issue 4). Documents stored before are grouped by the next update.
      for (const char* statement : {
               "ALTER TABLE documents ADD COLUMN story INTEGER",
               "CREATE INDEX documents_story ON documents(story)",
               "CREATE INDEX documents_without_story ON documents(id) WHERE story IS NULL",
               "CREATE TABLE story_terms (term TEXT NOT NULL, "
               "document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, "
               "PRIMARY KEY (term, document)) WITHOUT ROWID",
               "CREATE INDEX story_terms_document ON story_terms(document)",
               "CREATE TABLE term_documents (term TEXT PRIMARY KEY, documents INTEGER NOT NULL) WITHOUT ROWID",
               "CREATE TABLE story_frequencies (id INTEGER PRIMARY KEY CHECK (id = 1), "
               "documents INTEGER NOT NULL, regrouped_at INTEGER NOT NULL)",
               "ALTER TABLE documents ADD COLUMN terms_counted INTEGER NOT NULL DEFAULT 0",
               "PRAGMA user_version = 4"}) {
        STORE_RETURN_IF_ERROR(stmts_->Exec(statement));
      }
      current = 4;
    }
    if (current == 4) {
      // v5: when a crawled page was fetched (issue 9); NULL for articles that are not crawls.
      STORE_RETURN_IF_ERROR(stmts_->Exec("ALTER TABLE documents ADD COLUMN crawled TEXT"));
      STORE_RETURN_IF_ERROR(stmts_->Exec("PRAGMA user_version = 5"));
      current = 5;
    }
    if (current == 5) {
      // v6: story_terms keyed by (term, day, document), the day being the document's
      // cluster::StoryDay, so a story lookup's date window is an index range (issue 11).
      int rc = sqlite3_create_function_v2(db_, "verbatim_story_day", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                          nullptr, &StoryDayFunction, nullptr, nullptr, nullptr);
      if (rc != SQLITE_OK) return sql::SqlError(db_, rc, "registering verbatim_story_day");
      for (const char* statement : {
               "CREATE TABLE story_terms_v6 (term TEXT NOT NULL, day INTEGER NOT NULL, "
               "document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, "
               "PRIMARY KEY (term, day, document)) WITHOUT ROWID",
               "INSERT INTO story_terms_v6(term, day, document) "
               "SELECT st.term, verbatim_story_day(d.published), st.document "
               "FROM story_terms st JOIN documents d ON d.id = st.document",
               "DROP TABLE story_terms",
               "ALTER TABLE story_terms_v6 RENAME TO story_terms",
               "CREATE INDEX story_terms_document ON story_terms(document)",
               "PRAGMA user_version = 6"}) {
        STORE_RETURN_IF_ERROR(stmts_->Exec(statement));
      }
      current = 6;
    }
    if (current == 6) {
      // v7: the documents without a story in date order, so a story update takes them a window
      // of days at a time and loads only the stored candidates near those days (issue 11).
      for (const char* statement : {
               "DROP INDEX documents_without_story",
               "CREATE INDEX documents_without_story ON documents(published, id) WHERE story IS NULL",
               "PRAGMA user_version = 7"}) {
        STORE_RETURN_IF_ERROR(stmts_->Exec(statement));
      }
      current = 7;
    }
    if (current == 7) {
      // v8: no insert trigger on quotations; the store indexes a write's quotations when it
      // ends (IndexPendingQuotations). The delete and update triggers stay.
      for (const char* statement : {"DROP TRIGGER IF EXISTS quotations_fts_insert", "PRAGMA user_version = 8"}) {
        STORE_RETURN_IF_ERROR(stmts_->Exec(statement));
      }
      current = 8;
    }
    if (current == 8) {
      // v9: a document's story and whether its terms are counted move to a narrow table of their
      // own (issue 11). On documents, setting them rewrote each whole row, text and all, so a
      // story update wrote the collection's text to the log again.
      for (const char* statement : {
               "CREATE TABLE document_stories (document INTEGER PRIMARY KEY "
               "REFERENCES documents(id) ON DELETE CASCADE, story INTEGER, "
               "terms_counted INTEGER NOT NULL DEFAULT 0, published TEXT)",
               "INSERT INTO document_stories(document, story, terms_counted, published) "
               "SELECT id, story, terms_counted, published FROM documents ORDER BY id",
               "CREATE INDEX document_stories_story ON document_stories(story)",
               "CREATE INDEX document_stories_without_story ON document_stories(published, document) "
               "WHERE story IS NULL",
               "DROP INDEX documents_story",
               "DROP INDEX documents_without_story",
               "ALTER TABLE documents DROP COLUMN story",
               "ALTER TABLE documents DROP COLUMN terms_counted",
               "PRAGMA user_version = 9"}) {
        STORE_RETURN_IF_ERROR(stmts_->Exec(statement));
      }
      current = 9;
    }
    if (current == 9) {
      // v10: the same for quotations (issue 11): each quotation's cluster and stems move to the
      // narrow quotation_clusters, with whether it is reported speech (never clustered with
      // others), so a cluster update does not rewrite every quotation row.
      for (const char* statement : {
               "CREATE TABLE quotation_clusters (quotation INTEGER PRIMARY KEY "
               "REFERENCES quotations(id) ON DELETE CASCADE, cluster INTEGER, stems TEXT, "
               "indirect INTEGER NOT NULL)",
               "INSERT INTO quotation_clusters(quotation, cluster, stems, indirect) "
               "SELECT id, cluster, stems, kind = 'indirect' FROM quotations ORDER BY id",
               "CREATE INDEX quotation_clusters_cluster ON quotation_clusters(cluster)",
               "CREATE INDEX quotation_clusters_unclustered ON quotation_clusters(quotation) "
               "WHERE cluster IS NULL",
               "DROP INDEX quotations_cluster",
               "DROP INDEX quotations_unclustered",
               "ALTER TABLE quotations DROP COLUMN cluster",
               "ALTER TABLE quotations DROP COLUMN stems",
               "PRAGMA user_version = 10"}) {
        STORE_RETURN_IF_ERROR(stmts_->Exec(statement));
      }
      current = 10;
    }
    return absl::OkStatus();
  };
  absl::Status status = migrate();
  if (!status.ok()) {
    (void)stmts_->Exec("ROLLBACK");
    return status;
  }
  return stmts_->Exec("COMMIT");
}

absl::Status Store::SetPageCache(int64_t bytes) {
  // A negative cache_size is in KiB.
  return stmts_->Exec(absl::StrCat("PRAGMA cache_size = -", std::max<int64_t>(bytes >> 10, 64)));
}

void Store::SetBusyTimeout(int milliseconds) { sqlite3_busy_timeout(db_, milliseconds); }

absl::Status Store::BeginBatch(Writes writes) {
  // temp_store is read when a transaction begins. Each batch sets it for its kind (so a bulk
  // batch spills even after a documents batch whose commit failed), and the end of a batch
  // returns it to the default, so that the reads between batches spill their sorts too.
  STORE_RETURN_IF_ERROR(stmts_->Exec(writes == Writes::kDocuments ? "PRAGMA temp_store = MEMORY"
                                                                  : "PRAGMA temp_store = DEFAULT"));
  if (absl::Status s = stmts_->Exec("BEGIN IMMEDIATE"); !s.ok()) {
    RestoreTempStore();
    return s;
  }
  in_batch_ = true;
  return absl::OkStatus();
}
absl::Status Store::CommitBatch() {
  absl::Status s = IndexPendingQuotations();
  if (s.ok()) s = stmts_->Exec("COMMIT");
  if (!s.ok()) {
    // The batch is lost either way: SQLite rolls a transaction back itself after an I/O error
    // or a full disk, but not after every failure (a busy COMMIT stays open), and a batch left
    // open would make every later BeginBatch fail.
    pending_from_ = 0;
    if (sqlite3_get_autocommit(db_) == 0) (void)stmts_->Exec("ROLLBACK");
  }
  in_batch_ = false;
  RestoreTempStore();
  return s;
}
absl::Status Store::RollbackBatch() {
  pending_from_ = 0;  // rolled back with the rows
  in_batch_ = false;
  absl::Status rolled_back = stmts_->Exec("ROLLBACK");
  RestoreTempStore();
  return rolled_back;
}
void Store::RestoreTempStore() {
  // Best effort: the batch's outcome is what the caller needs; a failure here leaves the
  // journals of the next reads in memory, which the next BeginBatch corrects for its kind.
  (void)stmts_->Exec("PRAGMA temp_store = DEFAULT");
}

absl::Status Store::QueueForIndex(int64_t first_id) {
  if (pending_from_ == 0) pending_from_ = first_id;
  return in_batch_ ? absl::OkStatus() : IndexPendingQuotations();
}

absl::Status Store::IndexPendingQuotations() {
  if (pending_from_ == 0) return absl::OkStatus();
  // The full-text index, and each quotation's row of quotation_clusters (not clustered yet).
  for (const char* sql : {"INSERT INTO quotations_fts(rowid, text) "
                          "SELECT id, text FROM quotations WHERE id >= ?1 ORDER BY id",
                          "INSERT INTO quotation_clusters(quotation, indirect) "
                          "SELECT id, kind = 'indirect' FROM quotations WHERE id >= ?1 ORDER BY id"}) {
    STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(sql));
    q.BindInt(1, pending_from_);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  pending_from_ = 0;
  return absl::OkStatus();
}
absl::Status Store::BeginRead() { return stmts_->Exec("BEGIN DEFERRED"); }
absl::Status Store::EndRead() { return stmts_->Exec("COMMIT"); }

namespace {

// Collects the first column of every row of `q` (speaker ids).
absl::StatusOr<std::vector<int64_t>> CollectIds(Query& q) {
  std::vector<int64_t> ids;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ids.push_back(q.Int(0));
  }
  return ids;
}

// Ids of the speakers quoted in one document / in the documents of one outlet.
absl::StatusOr<std::vector<int64_t>> SpeakersOfDocument(StatementCache& s, int64_t document_id) {
  STORE_ASSIGN_OR_RETURN(Query q, s.Get(kSpeakersOfDocument));
  q.BindInt(1, document_id);
  return CollectIds(q);
}

absl::StatusOr<std::vector<int64_t>> SpeakersOfOutlet(StatementCache& s, std::string_view outlet) {
  STORE_ASSIGN_OR_RETURN(Query q, s.Get(kSpeakersOfOutlet));
  q.BindText(1, outlet);
  return CollectIds(q);
}

// Deletes those of `ids` that no quotation or mention refers to any more.
absl::Status DeleteOrphanSpeakers(StatementCache& s, const std::vector<int64_t>& ids) {
  for (int64_t id : ids) {
    STORE_ASSIGN_OR_RETURN(Query q, s.Get(kDeleteSpeakerIfOrphan));
    q.BindInt(1, id);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SpeakerId(StatementCache& s, const std::string& name) {
  {
    STORE_ASSIGN_OR_RETURN(Query q, s.Get(kSelectSpeaker));
    q.BindText(1, std::string_view(name));
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (row) return q.Int(0);
  }
  STORE_ASSIGN_OR_RETURN(Query q, s.Get(kInsertSpeaker));
  q.BindText(1, std::string_view(name));
  q.BindText(2, std::string_view(FoldWords(name)));
  STORE_RETURN_IF_ERROR(q.Run());
  return sqlite3_last_insert_rowid(s.db);
}

// Returns the id of the first quotation inserted (0: none).
absl::StatusOr<int64_t> InsertQuotations(StatementCache& s, int64_t document_id,
                                         const std::vector<quotes::Quotation>& quotations,
                                         std::string_view extractor_version) {
  int64_t first_id = 0;
  for (size_t i = 0; i < quotations.size(); ++i) {
    const quotes::Quotation& quote = quotations[i];
    std::optional<int64_t> speaker_id;
    if (quote.speaker.has_value()) {
      STORE_ASSIGN_OR_RETURN(speaker_id, SpeakerId(s, *quote.speaker));
    }
    STORE_ASSIGN_OR_RETURN(Query q, s.Get(kInsertQuotation));
    q.BindInt(1, document_id);
    q.BindInt(2, static_cast<int64_t>(i));
    q.BindText(3, quotes::FieldName(quote.field));
    q.BindText(4, quotes::KindName(quote.kind));
    q.BindText(5, std::string_view(quote.text));
    if (!quote.segments.empty()) {
      q.BindInt(6, static_cast<int64_t>(quote.start()));
      q.BindInt(7, static_cast<int64_t>(quote.end()));
    }
    q.BindText(8, std::string_view(RangesToJson(quote.segments)));
    if (quote.parent.has_value()) q.BindInt(9, static_cast<int64_t>(*quote.parent));
    q.BindInt(10, speaker_id);
    if (quote.speaker_mention.has_value()) {
      q.BindInt(11, static_cast<int64_t>(quote.speaker_mention->start));
      q.BindInt(12, static_cast<int64_t>(quote.speaker_mention->end));
      q.BindText(13, std::string_view(quote.speaker_mention->text));
    }
    if (quote.cue.has_value()) {
      q.BindInt(14, static_cast<int64_t>(quote.cue->start));
      q.BindInt(15, static_cast<int64_t>(quote.cue->end));
      q.BindText(16, std::string_view(quote.cue->text));
    }
    q.BindDouble(17, quote.confidence);
    q.BindText(18, extractor_version);
    if (quote.clause) {
      q.BindInt(19, static_cast<int64_t>(quote.clause->begin));
      q.BindInt(20, static_cast<int64_t>(quote.clause->end));
    } else {
      q.BindNull(19);
      q.BindNull(20);
    }
    STORE_RETURN_IF_ERROR(q.Run());
    int64_t quotation_id = sqlite3_last_insert_rowid(s.db);
    if (first_id == 0) first_id = quotation_id;

    if (quote.speaker_mention.has_value()) {
      STORE_ASSIGN_OR_RETURN(Query m, s.Get(kInsertMention));
      m.BindInt(1, document_id);
      m.BindInt(2, quotation_id);
      m.BindInt(3, speaker_id);
      m.BindInt(4, static_cast<int64_t>(quote.speaker_mention->start));
      m.BindInt(5, static_cast<int64_t>(quote.speaker_mention->end));
      m.BindText(6, std::string_view(quote.speaker_mention->text));
      STORE_RETURN_IF_ERROR(m.Run());
    }
  }
  return first_id;
}

struct DocumentKey {
  int64_t id = 0;
  std::string content_hash;
};

absl::StatusOr<std::optional<DocumentKey>> FindDocument(StatementCache& s, std::string_view doc) {
  STORE_ASSIGN_OR_RETURN(Query q, s.Get(kSelectDocumentId));
  q.BindText(1, doc);
  STORE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<DocumentKey>();
  return std::optional<DocumentKey>(DocumentKey{q.Int(0), q.Text(1)});
}

}  // namespace

absl::StatusOr<PutResult> Store::PutDocument(const ingest::Document& doc,
                                             const std::vector<quotes::Quotation>& quotations,
                                             std::string_view extractor_version) {
  Statements& s = *stmts_;
  const std::string hash = ContentHash(doc);
  STORE_ASSIGN_OR_RETURN(std::optional<DocumentKey> existing, FindDocument(s, doc.doc));
  if (existing.has_value() && existing->content_hash == hash) return PutResult::kUnchanged;

  // What is pending is indexed before a delete (whose trigger takes rows out of the index), and
  // outside this document's savepoint, so a failure here cannot roll it back unindexed.
  if (existing.has_value()) STORE_RETURN_IF_ERROR(IndexPendingQuotations());
  Savepoint savepoint(&s);
  STORE_RETURN_IF_ERROR(savepoint.Begin());
  std::vector<int64_t> old_speakers;
  if (existing.has_value()) {
    STORE_ASSIGN_OR_RETURN(old_speakers, SpeakersOfDocument(s, existing->id));
    STORE_RETURN_IF_ERROR(UnclusterDocument(existing->id));
    STORE_RETURN_IF_ERROR(UngroupDocument(existing->id));
    STORE_ASSIGN_OR_RETURN(Query q, s.Get(kDeleteDocumentById));
    q.BindInt(1, existing->id);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  {
    STORE_ASSIGN_OR_RETURN(Query q, s.Get(kInsertDocument));
    q.BindText(1, std::string_view(doc.doc));
    q.BindText(2, doc.title);
    q.BindInt(3, doc.title_in_text ? 1 : 0);
    q.BindInt(4, static_cast<int64_t>(doc.title_range.begin));
    q.BindInt(5, static_cast<int64_t>(doc.title_range.end));
    q.BindText(6, doc.published);
    q.BindText(7, doc.outlet);
    q.BindText(8, doc.author);
    q.BindText(9, doc.url);
    q.BindText(10, doc.lang);
    q.BindText(11, std::string_view(doc.text));
    q.BindText(12, std::string_view(RangesToJson(doc.boilerplate)));
    q.BindText(13, std::string_view(RangesToJson(doc.skip)));
    q.BindText(14, std::string_view(doc.extra_json));
    q.BindText(15, std::string_view(hash));
    q.BindText(16, std::string_view(doc.source_path));
    q.BindInt(17, doc.source_line);
    q.BindText(18, doc.crawled);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  const int64_t document_id = sqlite3_last_insert_rowid(db_);
  {
    // Without a story, its terms not counted: the next story update groups it.
    STORE_ASSIGN_OR_RETURN(Query q, s.Get("INSERT INTO document_stories(document, published) VALUES (?1, ?2)"));
    q.BindInt(1, document_id);
    q.BindText(2, doc.published);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  STORE_ASSIGN_OR_RETURN(int64_t first_quotation, InsertQuotations(s, document_id, quotations, extractor_version));
  STORE_RETURN_IF_ERROR(QueueForIndex(first_quotation));
  STORE_RETURN_IF_ERROR(DeleteOrphanSpeakers(s, old_speakers));
  STORE_RETURN_IF_ERROR(savepoint.Release());
  return existing.has_value() ? PutResult::kReplaced : PutResult::kInserted;
}

absl::Status Store::ReplaceQuotations(std::string_view doc,
                                      const std::vector<quotes::Quotation>& quotations,
                                      std::string_view extractor_version) {
  Statements& s = *stmts_;
  STORE_ASSIGN_OR_RETURN(std::optional<DocumentKey> existing, FindDocument(s, doc));
  if (!existing.has_value()) {
    return absl::NotFoundError(absl::StrCat("no stored document '", std::string(doc), "'"));
  }
  STORE_RETURN_IF_ERROR(IndexPendingQuotations());  // before the delete, outside the savepoint
  Savepoint savepoint(&s);
  STORE_RETURN_IF_ERROR(savepoint.Begin());
  STORE_ASSIGN_OR_RETURN(std::vector<int64_t> old_speakers, SpeakersOfDocument(s, existing->id));
  STORE_RETURN_IF_ERROR(UnclusterDocument(existing->id));
  {
    STORE_ASSIGN_OR_RETURN(Query q, s.Get(kDeleteQuotationsOfDocument));
    q.BindInt(1, existing->id);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  STORE_ASSIGN_OR_RETURN(int64_t first_quotation, InsertQuotations(s, existing->id, quotations, extractor_version));
  STORE_RETURN_IF_ERROR(QueueForIndex(first_quotation));
  STORE_RETURN_IF_ERROR(DeleteOrphanSpeakers(s, old_speakers));
  return savepoint.Release();
}

absl::Status Store::ForEachDocument(const std::function<void(const ingest::Document&)>& fn) const {
  // A private statement rather than a cached one: `fn` may call back into the Store (reprocess
  // replaces quotations while it iterates), and must not reset this iteration.
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db_, kSelectDocuments, -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owned(raw, &sqlite3_finalize);
  if (rc != SQLITE_OK) return SqlError(db_, rc, "preparing the document scan");
  Query q(db_, raw);
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ingest::Document d;
    d.doc = q.Text(0);
    d.title = q.OptText(1);
    d.title_in_text = q.Int(2) != 0;
    d.title_range = {static_cast<size_t>(q.Int(3)), static_cast<size_t>(q.Int(4))};
    d.published = q.OptText(5);
    d.outlet = q.OptText(6);
    d.author = q.OptText(7);
    d.url = q.OptText(8);
    d.lang = q.OptText(9);
    d.text = q.Text(10);
    absl::StatusOr<std::vector<text::ByteRange>> boilerplate = RangesFromJson(q.Text(11));
    absl::StatusOr<std::vector<text::ByteRange>> skip = RangesFromJson(q.Text(12));
    for (const auto* ranges : {&boilerplate, &skip}) {
      if (!ranges->ok()) {
        return absl::DataLossError(
            absl::StrCat("document '", d.doc, "': ", ranges->status().message()));
      }
    }
    d.boilerplate = *std::move(boilerplate);
    d.skip = *std::move(skip);
    d.extra_json = q.Text(13);
    d.source_path = q.Text(14);
    d.source_line = q.Int(15);
    d.crawled = q.OptText(16);
    fn(d);
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> Store::RemoveDocument(std::string_view doc) {
  Statements& s = *stmts_;
  STORE_ASSIGN_OR_RETURN(std::optional<DocumentKey> existing, FindDocument(s, doc));
  if (!existing.has_value()) return 0;
  STORE_RETURN_IF_ERROR(IndexPendingQuotations());  // before the delete, outside the savepoint
  Savepoint savepoint(&s);
  STORE_RETURN_IF_ERROR(savepoint.Begin());
  STORE_ASSIGN_OR_RETURN(std::vector<int64_t> old_speakers, SpeakersOfDocument(s, existing->id));
  STORE_RETURN_IF_ERROR(UnclusterDocument(existing->id));
  STORE_RETURN_IF_ERROR(UngroupDocument(existing->id));
  {
    STORE_ASSIGN_OR_RETURN(Query q, s.Get(kDeleteDocumentById));
    q.BindInt(1, existing->id);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  STORE_RETURN_IF_ERROR(DeleteOrphanSpeakers(s, old_speakers));
  STORE_RETURN_IF_ERROR(savepoint.Release());
  return 1;
}

absl::StatusOr<int64_t> Store::RemoveOutlet(std::string_view outlet) {
  Statements& s = *stmts_;
  STORE_RETURN_IF_ERROR(IndexPendingQuotations());  // before the delete, outside the savepoint
  Savepoint savepoint(&s);
  STORE_RETURN_IF_ERROR(savepoint.Begin());
  STORE_ASSIGN_OR_RETURN(std::vector<int64_t> old_speakers, SpeakersOfOutlet(s, outlet));
  STORE_RETURN_IF_ERROR(UnclusterOutlet(outlet));
  STORE_RETURN_IF_ERROR(UngroupOutlet(outlet));
  int64_t removed = 0;
  {
    STORE_ASSIGN_OR_RETURN(Query q, s.Get(kDeleteDocumentsOfOutlet));
    q.BindText(1, outlet);
    STORE_RETURN_IF_ERROR(q.Run());
    removed = sqlite3_changes64(db_);  // documents only, not cascaded rows
  }
  STORE_RETURN_IF_ERROR(DeleteOrphanSpeakers(s, old_speakers));
  STORE_RETURN_IF_ERROR(savepoint.Release());
  return removed;
}

absl::StatusOr<std::vector<StoredQuote>> Store::FindQuotes(const QuoteQuery& query) const {
  // The SQL is assembled from fixed fragments only (one cached statement per combination of
  // filters); every user value is bound.
  std::string speaker;
  if (query.speaker.has_value()) {
    speaker = FoldWords(*query.speaker);
    if (speaker.empty()) return std::vector<StoredQuote>();  // no words: nobody matches
  }
  std::string fts;
  if (query.search.has_value()) fts = FtsQuery(*query.search);

  std::string sql =
      "SELECT d.doc, q.idx, q.field, q.kind, q.text, q.segments, q.parent_idx, s.name, "
      "q.mention_start, q.mention_end, q.mention_text, q.cue_start, q.cue_end, q.cue_text, "
      "q.confidence, d.published, d.outlet, d.title, q.clause_start, q.clause_end, "
      "(SELECT cluster FROM quotation_clusters WHERE quotation = q.id), "
      "(SELECT story FROM document_stories WHERE document = d.id) "
      "FROM quotations q JOIN documents d ON d.id = q.document_id "
      "LEFT JOIN speakers s ON s.id = q.speaker_id WHERE 1";
  if (query.speaker.has_value()) {
    sql +=
        " AND q.speaker_id IN (SELECT id FROM speakers "
        "WHERE ' ' || name_folded || ' ' LIKE '% ' || ?1 || ' %')";
  }
  if (!fts.empty()) {
    sql += " AND q.id IN (SELECT rowid FROM quotations_fts WHERE quotations_fts MATCH ?2)";
  }
  if (query.from.has_value()) sql += " AND substr(d.published, 1, 10) >= ?3";
  if (query.to.has_value()) sql += " AND substr(d.published, 1, 10) <= ?4";
  if (query.outlet.has_value()) sql += " AND d.outlet = ?5";
  sql += " ORDER BY d.published IS NULL, d.published, d.doc, q.idx LIMIT ?6";

  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(sql));
  if (query.speaker.has_value()) q.BindText(1, std::string_view(speaker));
  if (!fts.empty()) q.BindText(2, std::string_view(fts));
  if (query.from.has_value()) q.BindText(3, std::string_view(*query.from));
  if (query.to.has_value()) q.BindText(4, std::string_view(*query.to));
  if (query.outlet.has_value()) q.BindText(5, std::string_view(*query.outlet));
  q.BindInt(6, query.limit.has_value() ? *query.limit : int64_t{-1});  // -1: no limit

  std::vector<StoredQuote> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    StoredQuote sq;
    sq.doc = q.Text(0);
    sq.index = static_cast<int>(q.Int(1));
    quotes::Quotation& quote = sq.quote;
    quote.field = q.Text(2) == "title" ? quotes::Field::kTitle : quotes::Field::kText;
    const std::string kind = q.Text(3);
    std::optional<quotes::QuoteKind> parsed = quotes::ParseKind(kind);
    if (!parsed.has_value()) {
      return absl::DataLossError(absl::StrCat("document '", sq.doc, "' quotation ", sq.index,
                                              ": unknown kind '", kind, "'"));
    }
    quote.kind = *parsed;
    quote.text = q.Text(4);
    absl::StatusOr<std::vector<text::ByteRange>> segments = RangesFromJson(q.Text(5));
    if (!segments.ok()) {
      return absl::DataLossError(absl::StrCat("document '", sq.doc, "' quotation ", sq.index, ": ",
                                              segments.status().message()));
    }
    quote.segments = *std::move(segments);
    if (!q.IsNull(6)) quote.parent = static_cast<int>(q.Int(6));
    quote.speaker = q.OptText(7);
    if (!q.IsNull(8)) {
      quote.speaker_mention = quotes::TextSpan{static_cast<size_t>(q.Int(8)),
                                               static_cast<size_t>(q.Int(9)), q.Text(10)};
    }
    if (!q.IsNull(11)) {
      quote.cue = quotes::TextSpan{static_cast<size_t>(q.Int(11)), static_cast<size_t>(q.Int(12)),
                                   q.Text(13)};
    }
    quote.confidence = q.Double(14);
    sq.published = q.OptText(15);
    sq.outlet = q.OptText(16);
    sq.title = q.OptText(17);
    if (!q.IsNull(18) && !q.IsNull(19)) {
      quote.clause = text::ByteRange{static_cast<size_t>(q.Int(18)), static_cast<size_t>(q.Int(19))};
    }
    sq.cluster = q.OptInt(20);
    sq.story = q.OptInt(21);
    out.push_back(std::move(sq));
  }
  return out;
}

absl::StatusOr<std::vector<SpeakerRow>> Store::Speakers() const {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(kSelectSpeakerRows));
  std::vector<SpeakerRow> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(SpeakerRow{q.Text(0), q.Int(1), q.Int(2)});
  }
  return out;
}

absl::StatusOr<std::vector<OutletRow>> Store::Outlets() const {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(kSelectOutletRows));
  std::vector<OutletRow> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(OutletRow{q.Text(0), q.Int(1), q.Int(2)});
  }
  return out;
}

absl::StatusOr<int64_t> Store::CountDocuments() const {
  return stmts_->Int("SELECT COUNT(*) FROM documents");
}

absl::StatusOr<int64_t> Store::CountQuotations() const {
  return stmts_->Int("SELECT COUNT(*) FROM quotations");
}


}  // namespace verbatim::store
