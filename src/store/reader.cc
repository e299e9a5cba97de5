#include "store/reader.h"

#include <sqlite3.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "store/sql.h"

namespace verbatim::store {

using sql::Query;

struct Reader::Statements : public sql::StatementCache {
  using StatementCache::StatementCache;
};

namespace {

// 'VRBT', as Store writes it.
constexpr int64_t kApplicationId = 0x56524254;
constexpr int kBusyTimeoutMs = 5000;

// The columns BrowseQuote is read from, in ReadQuoteRow's order.
constexpr const char* kQuoteColumns =
    "SELECT q.id, q.document_id, d.doc, q.idx, q.kind, q.field, q.text, q.speaker_id, s.name, "
    "q.cue_text, q.confidence, d.published, d.outlet, d.title, d.url, c.cluster, "
    "(SELECT story FROM document_stories WHERE document = d.id), "
    "q.segments, q.clause_start, q.clause_end, q.cue_start, q.cue_end, q.mention_start, "
    "q.mention_end, q.mention_text "
    "FROM quotations q JOIN documents d ON d.id = q.document_id "
    "LEFT JOIN quotation_clusters c ON c.quotation = q.id "
    "LEFT JOIN speakers s ON s.id = q.speaker_id ";

constexpr const char* kPublicationOrder = " ORDER BY d.published IS NULL, d.published, d.doc, q.idx";
constexpr const char* kLatestFirst = " ORDER BY d.published IS NULL, d.published DESC, d.doc DESC, q.idx DESC";

absl::StatusOr<BrowseQuote> ReadQuoteRow(const Query& q) {
  BrowseQuote b;
  b.id = q.Int(0);
  b.document = q.Int(1);
  b.doc = q.Text(2);
  b.index = static_cast<int>(q.Int(3));
  b.kind = q.Text(4);
  b.field = q.Text(5);
  b.text = q.Text(6);
  b.speaker_row = q.OptInt(7);
  b.speaker = q.OptText(8);
  b.cue = q.OptText(9);
  b.confidence = q.Double(10);
  b.published = q.OptText(11);
  b.outlet = q.OptText(12);
  b.title = q.OptText(13);
  b.url = q.OptText(14);
  if (b.kind != "indirect") b.cluster = q.OptInt(15);
  b.story = q.OptInt(16);
  absl::StatusOr<std::vector<text::ByteRange>> segments = sql::RangesFromJson(q.Text(17));
  if (!segments.ok()) {
    return absl::DataLossError(absl::StrCat("quotation ", b.id, ": ", segments.status().message()));
  }
  b.segments = *std::move(segments);
  auto range = [&](int col) -> std::optional<text::ByteRange> {
    if (q.IsNull(col) || q.IsNull(col + 1)) return std::nullopt;
    return text::ByteRange{static_cast<size_t>(q.Int(col)), static_cast<size_t>(q.Int(col + 1))};
  };
  b.clause = range(18);
  b.cue_span = range(20);
  if (std::optional<text::ByteRange> m = range(22)) b.mention = quotes::TextSpan{m->begin, m->end, q.Text(24)};
  return b;
}

absl::StatusOr<std::vector<BrowseQuote>> ReadQuoteRows(Query& q) {
  std::vector<BrowseQuote> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    STORE_ASSIGN_OR_RETURN(BrowseQuote b, ReadQuoteRow(q));
    out.push_back(std::move(b));
  }
  return out;
}

// The WHERE clause of a filter, from fixed fragments; values are bound as ?1..?5.
std::string FilterSql(const QuoteFilter& f) {
  std::string sql = "WHERE 1";
  if (f.speaker_rows) sql += " AND q.speaker_id IN (SELECT value FROM json_each(?1))";
  if (f.words) sql += " AND q.id IN (SELECT rowid FROM quotations_fts WHERE quotations_fts MATCH ?2)";
  if (f.from) sql += " AND substr(d.published, 1, 10) >= ?3";
  if (f.to) sql += " AND substr(d.published, 1, 10) <= ?4";
  if (f.outlet) sql += " AND d.outlet = ?5";
  return sql;
}

void BindFilter(const QuoteFilter& f, Query& q) {
  if (f.speaker_rows) {
    std::string ids = "[";
    for (size_t i = 0; i < f.speaker_rows->size(); ++i) absl::StrAppend(&ids, i ? "," : "", (*f.speaker_rows)[i]);
    ids += "]";
    q.BindText(1, std::string_view(ids));
  }
  if (f.words) q.BindText(2, std::string_view(sql::FtsQuery(*f.words)));
  if (f.from) q.BindText(3, std::string_view(*f.from));
  if (f.to) q.BindText(4, std::string_view(*f.to));
  if (f.outlet) q.BindText(5, std::string_view(*f.outlet));
}

// A filter that can match nothing: no speaker names, or no words to search for.
bool MatchesNothing(const QuoteFilter& f) {
  return (f.speaker_rows && f.speaker_rows->empty()) || (f.words && sql::FtsQuery(*f.words).empty());
}

}  // namespace

Reader::Reader(sqlite3* db) : db_(db) {}

Reader::~Reader() {
  stmts_.reset();  // finalize statements before closing
  sqlite3_close_v2(db_);
}

absl::StatusOr<std::unique_ptr<Reader>> Reader::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<Reader> reader(new Reader(raw));
  if (rc != SQLITE_OK) return sql::SqlError(raw, rc, absl::StrCat("cannot open database '", path, "'"));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  reader->stmts_ = std::make_unique<Statements>(raw);
  Statements& s = *reader->stmts_;
  absl::StatusOr<int64_t> app_id = s.Int("PRAGMA application_id");
  if (!app_id.ok()) {
    return absl::FailedPreconditionError(absl::StrCat("'", path, "' is not a Verbatim database: ", sqlite3_errmsg(raw)));
  }
  if (*app_id != kApplicationId) {
    return absl::FailedPreconditionError(absl::StrCat("'", path, "' is not a Verbatim database"));
  }
  STORE_ASSIGN_OR_RETURN(int64_t version, s.Int("PRAGMA user_version"));
  if (version != Store::kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat("'", path, "' has schema version ", version, ", not ",
                                                      Store::kSchemaVersion, "; open it once with 'verbatim ingest' to migrate it"));
  }
  STORE_RETURN_IF_ERROR(s.Exec("PRAGMA query_only = ON"));
  // Pages are read through a memory map rather than copied into each connection's cache
  // (1.5-2x on the API's queries over a 585 MB database; bench/serve_sql.py --mmap).
  STORE_RETURN_IF_ERROR(s.Exec("PRAGMA mmap_size = 1073741824"));
  return reader;
}

absl::StatusOr<int64_t> Reader::DataVersion() { return stmts_->Int("PRAGMA data_version"); }
absl::StatusOr<int64_t> Reader::CountDocuments() { return stmts_->Int("SELECT COUNT(*) FROM documents"); }
absl::StatusOr<int64_t> Reader::CountQuotations() { return stmts_->Int("SELECT COUNT(*) FROM quotations"); }

absl::StatusOr<std::vector<BrowseQuote>> Reader::Quotes(const QuoteFilter& filter) {
  if (MatchesNothing(filter)) return std::vector<BrowseQuote>();
  std::string sql = absl::StrCat(kQuoteColumns, FilterSql(filter), filter.latest_first ? kLatestFirst : kPublicationOrder,
                                 " LIMIT ?6 OFFSET ?7");
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(sql));
  BindFilter(filter, q);
  q.BindInt(6, filter.limit);
  q.BindInt(7, filter.offset);
  return ReadQuoteRows(q);
}

absl::StatusOr<int64_t> Reader::CountQuotes(const QuoteFilter& filter) {
  if (MatchesNothing(filter)) return 0;
  // The join to documents is needed only for the filters on its columns.
  const bool by_document = filter.from || filter.to || filter.outlet;
  std::string sql = absl::StrCat("SELECT COUNT(*) FROM quotations q ",
                                 by_document ? "JOIN documents d ON d.id = q.document_id " : "", FilterSql(filter));
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(sql));
  BindFilter(filter, q);
  STORE_ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> Reader::QuotesPerDay(const QuoteFilter& filter) {
  std::vector<std::pair<std::string, int64_t>> out;
  if (MatchesNothing(filter)) return out;
  std::string sql = absl::StrCat(
      "SELECT substr(d.published, 1, 10) AS day, COUNT(*) FROM quotations q JOIN documents d ON d.id = q.document_id ",
      FilterSql(filter), " AND d.published IS NOT NULL GROUP BY day ORDER BY day");
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(sql));
  BindFilter(filter, q);
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.emplace_back(q.Text(0), q.Int(1));
  }
  return out;
}

absl::StatusOr<std::vector<BrowseQuote>> Reader::ClusterMembers(int64_t cluster) {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(absl::StrCat(kQuoteColumns, "WHERE c.cluster = ?1 AND q.kind != 'indirect'",
                                                           kPublicationOrder)));
  q.BindInt(1, cluster);
  return ReadQuoteRows(q);
}

absl::StatusOr<std::vector<BrowseQuote>> Reader::DocumentQuotes(int64_t document) {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(absl::StrCat(kQuoteColumns, "WHERE q.document_id = ?1 ORDER BY q.idx")));
  q.BindInt(1, document);
  return ReadQuoteRows(q);
}

absl::StatusOr<std::optional<BrowseDocument>> Reader::Document(int64_t id) {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("SELECT id, doc, title, published, crawled, outlet, author, url, lang, "
                                              "(SELECT story FROM document_stories WHERE document = documents.id), text "
                                              "FROM documents WHERE id = ?1"));
  q.BindInt(1, id);
  STORE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<BrowseDocument>();
  BrowseDocument d;
  d.id = q.Int(0);
  d.doc = q.Text(1);
  d.title = q.OptText(2);
  d.published = q.OptText(3);
  d.crawled = q.OptText(4);
  d.outlet = q.OptText(5);
  d.author = q.OptText(6);
  d.url = q.OptText(7);
  d.lang = q.OptText(8);
  d.story = q.OptInt(9);
  d.text = q.Text(10);
  return std::optional<BrowseDocument>(std::move(d));
}

absl::StatusOr<std::vector<BrowseQuote>> Reader::QuotesWithAnyPrefix(const std::vector<std::string>& prefixes,
                                                                      int64_t limit) {
  std::string fts;
  for (const std::string& w : prefixes) {
    std::string quoted = sql::FtsQuery(w);
    if (quoted.empty()) continue;
    if (!fts.empty()) fts += " OR ";
    fts += quoted + "*";
  }
  if (fts.empty()) return std::vector<BrowseQuote>();
  STORE_ASSIGN_OR_RETURN(
      Query q, stmts_->Get(absl::StrCat(
                   kQuoteColumns,
                   "JOIN (SELECT rowid AS hit, rank FROM quotations_fts WHERE quotations_fts MATCH ?1 ORDER BY rank LIMIT ?2) f "
                   "ON f.hit = q.id WHERE c.cluster IS NOT NULL AND q.kind != 'indirect' ORDER BY f.rank")));
  q.BindText(1, std::string_view(fts));
  q.BindInt(2, limit);
  return ReadQuoteRows(q);
}

absl::StatusOr<std::vector<SpeakerNameRow>> Reader::SpeakerNames() {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("SELECT s.id, s.name, s.name_folded, COUNT(q.id), COUNT(DISTINCT q.document_id) "
                                              "FROM speakers s JOIN quotations q ON q.speaker_id = s.id "
                                              "GROUP BY s.id ORDER BY 4 DESC, s.name"));
  std::vector<SpeakerNameRow> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Int(3), q.Int(4)});
  }
  return out;
}

absl::StatusOr<std::vector<ClusterMemberRow>> Reader::ClusterMemberRows() {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("SELECT c.cluster, q.document_id, q.speaker_id, d.outlet, d.published "
                                              "FROM quotation_clusters c JOIN quotations q ON q.id = c.quotation "
                                              "JOIN documents d ON d.id = q.document_id "
                                              "WHERE c.cluster IS NOT NULL AND c.indirect = 0 ORDER BY c.cluster"));
  std::vector<ClusterMemberRow> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back({q.Int(0), q.Int(1), q.OptInt(2), q.OptText(3), q.OptText(4)});
  }
  return out;
}

absl::StatusOr<std::vector<StoryMemberRow>> Reader::StoryMemberRows() {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("SELECT m.story, d.id, d.doc, COALESCE(d.title, ''), d.outlet, d.published, d.url, "
                                              "(SELECT COUNT(*) FROM quotations q WHERE q.document_id = d.id) "
                                              "FROM document_stories m JOIN documents d ON d.id = m.document "
                                              "WHERE m.story IS NOT NULL "
                                              "ORDER BY m.story, d.published IS NULL, d.published, d.id"));
  std::vector<StoryMemberRow> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.OptText(4), q.OptText(5), q.OptText(6), q.Int(7)});
  }
  return out;
}

absl::StatusOr<std::vector<std::pair<int64_t, int64_t>>> Reader::SpeakerQuotationOrder(int64_t& dated) {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(absl::StrCat("SELECT q.speaker_id, q.id, d.published IS NOT NULL "
                                                           "FROM quotations q JOIN documents d ON d.id = q.document_id "
                                                           "WHERE q.speaker_id IS NOT NULL",
                                                           kPublicationOrder)));
  std::vector<std::pair<int64_t, int64_t>> out;
  dated = 0;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.emplace_back(q.Int(0), q.Int(1));
    dated += q.Int(2);
  }
  return out;
}

absl::StatusOr<std::vector<BrowseQuote>> Reader::QuotesById(const std::vector<int64_t>& ids) {
  if (ids.empty()) return std::vector<BrowseQuote>();
  std::string list = "[";
  for (size_t i = 0; i < ids.size(); ++i) absl::StrAppend(&list, i ? "," : "", ids[i]);
  list += "]";
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(absl::StrCat(kQuoteColumns, "WHERE q.id IN (SELECT value FROM json_each(?1))")));
  q.BindText(1, std::string_view(list));
  return ReadQuoteRows(q);
}

}  // namespace verbatim::store
