// The Store's part of quote clustering: each quotation's cluster and stems in
// quotation_clusters (schema v10; on quotations from v3), the quote_keys LSH index and the
// quote_stems counts. The clustering itself is store/clustering.cc.
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <functional>

#include "store/sql.h"
#include "store/store.h"

namespace verbatim::store {
namespace {

using sql::Query;

int64_t KeyToSql(uint64_t key) {
  int64_t v;
  std::memcpy(&v, &key, sizeof v);
  return v;
}

std::vector<std::string> SplitStems(const std::string& joined) {
  std::vector<std::string> out;
  for (size_t i = 0; i < joined.size();) {
    size_t j = joined.find(' ', i);
    if (j == std::string::npos) j = joined.size();
    if (j > i) out.push_back(joined.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

absl::StatusOr<std::vector<ClusterQuote>> ReadClusterQuotes(Query& q) {
  std::vector<ClusterQuote> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(ClusterQuote{q.Int(0), q.Text(1), q.Text(2), q.OptText(3), q.OptInt(4), q.Text(5) == "indirect"});
  }
  return out;
}

constexpr const char* kClusterQuoteColumns =
    "SELECT q.id, d.doc, q.text, s.name, c.cluster, q.kind ";
constexpr const char* kClusterQuoteTables =
    "JOIN quotations q ON q.id = c.quotation JOIN documents d ON d.id = q.document_id "
    "LEFT JOIN speakers s ON s.id = q.speaker_id ";

}  // namespace

absl::StatusOr<std::vector<ClusterQuote>> Store::UnclusteredQuotations(int64_t limit) const {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(absl::StrCat(
      kClusterQuoteColumns, "FROM quotation_clusters c INDEXED BY quotation_clusters_unclustered ",
      kClusterQuoteTables, "WHERE c.cluster IS NULL ORDER BY c.quotation LIMIT ?1")));
  q.BindInt(1, limit);
  return ReadClusterQuotes(q);
}

absl::StatusOr<std::vector<ClusterQuote>> Store::QuotationsFiledUnder(const std::vector<uint64_t>& keys, int max_bucket,
                                                                      std::vector<KeyBucket>* buckets) const {
  std::vector<int64_t> ids;
  for (uint64_t key : keys) {
    STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("SELECT quotation FROM quote_keys WHERE key = ?1 LIMIT ?2"));
    q.BindInt(1, KeyToSql(key));
    q.BindInt(2, max_bucket);
    const size_t before = ids.size();
    STORE_ASSIGN_OR_RETURN(bool full, sql::CollectBucket(q, max_bucket, ids));
    if (buckets == nullptr || (!full && ids.size() == before)) continue;
    buckets->push_back(KeyBucket{key, std::vector<int64_t>(ids.begin() + static_cast<std::ptrdiff_t>(before), ids.end()), full});
  }
  return sql::RowsByIds<ClusterQuote>(*stmts_,
                                      absl::StrCat(kClusterQuoteColumns, "FROM quotation_clusters c ",
                                                   kClusterQuoteTables, "WHERE c.quotation = ?1"),
                                      std::move(ids),
                                      ReadClusterQuotes);
}

absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> Store::FrequentStems(int64_t min_quotations) const {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("SELECT stem, quotations FROM quote_stems WHERE quotations > ?1"));
  q.BindInt(1, min_quotations);
  std::vector<std::pair<std::string, int64_t>> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.emplace_back(q.Text(0), q.Int(1));
  }
  return out;
}

absl::StatusOr<int64_t> Store::StemCount(std::string_view stem) const {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("SELECT quotations FROM quote_stems WHERE stem = ?1"));
  q.BindText(1, stem);
  STORE_ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

absl::StatusOr<int64_t> Store::CountClusteredQuotations() const {
  return stmts_->Int("SELECT COUNT(*) FROM quotation_clusters WHERE cluster IS NOT NULL AND indirect = 0");
}

absl::Status Store::FileQuotation(int64_t id, int64_t cluster, const std::vector<std::string>& stems,
                                  const std::vector<uint64_t>& keys) {
  std::string joined;
  for (const std::string& st : stems) joined += (joined.empty() ? "" : " ") + st;
  {
    STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("UPDATE quotation_clusters SET cluster = ?2, stems = ?3 WHERE quotation = ?1"));
    q.BindInt(1, id);
    q.BindInt(2, cluster);
    q.BindText(3, std::string_view(joined));
    STORE_RETURN_IF_ERROR(q.Run());
  }
  for (uint64_t key : keys) {
    STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("INSERT OR IGNORE INTO quote_keys(key, quotation) VALUES (?1, ?2)"));
    q.BindInt(1, KeyToSql(key));
    q.BindInt(2, id);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  return absl::OkStatus();
}

absl::Status Store::AddStemCounts(const std::vector<std::pair<std::string, int64_t>>& counts) {
  return sql::AddCounts(*stmts_,
                        "INSERT INTO quote_stems(stem, quotations) VALUES (?1, ?2) "
                        "ON CONFLICT(stem) DO UPDATE SET quotations = quotations + ?2",
                        counts);
}

absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> Store::QuoteClustersByDocument() const {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(
      "SELECT d.doc, c.cluster FROM quotation_clusters c JOIN quotations q ON q.id = c.quotation "
      "JOIN documents d ON d.id = q.document_id "
      "WHERE c.cluster IS NOT NULL AND c.indirect = 0 ORDER BY d.doc, q.idx"));
  std::vector<std::pair<std::string, int64_t>> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.emplace_back(q.Text(0), q.Int(1));
  }
  return out;
}

absl::Status Store::MergeQuoteClusters(int64_t from, int64_t into) {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("UPDATE quotation_clusters SET cluster = ?2 WHERE cluster = ?1"));
  q.BindInt(1, from);
  q.BindInt(2, into);
  return q.Run();
}

namespace {

// Un-clusters the members of every cluster holding a quotation of the documents that
// `documents_sql` selects (`bind` binds its ?1).
absl::Status UnclusterQuotations(sql::StatementCache& stmts, std::string_view documents_sql,
                                 const std::function<void(Query&)>& bind) {
  // The members of every cluster touched, with their stems (to take back their counts).
  std::vector<std::pair<int64_t, std::string>> members;
  {
    STORE_ASSIGN_OR_RETURN(Query q, stmts.Get(absl::StrCat(
        "SELECT quotation, stems FROM quotation_clusters WHERE cluster IN (SELECT c.cluster FROM "
        "quotation_clusters c JOIN quotations q ON q.id = c.quotation WHERE c.cluster IS NOT NULL "
        "AND q.document_id IN (", std::string(documents_sql), "))")));
    bind(q);
    while (true) {
      STORE_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      members.emplace_back(q.Int(0), q.Text(1));
    }
  }
  for (const auto& [id, stems] : members) {
    for (const std::string& st : SplitStems(stems)) {
      STORE_ASSIGN_OR_RETURN(Query q, stmts.Get("UPDATE quote_stems SET quotations = quotations - 1 WHERE stem = ?1"));
      q.BindText(1, std::string_view(st));
      STORE_RETURN_IF_ERROR(q.Run());
    }
    {
      STORE_ASSIGN_OR_RETURN(Query q, stmts.Get("DELETE FROM quote_keys WHERE quotation = ?1"));
      q.BindInt(1, id);
      STORE_RETURN_IF_ERROR(q.Run());
    }
    STORE_ASSIGN_OR_RETURN(Query q, stmts.Get("UPDATE quotation_clusters SET cluster = NULL, stems = NULL WHERE quotation = ?1"));
    q.BindInt(1, id);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  return stmts.Exec("DELETE FROM quote_stems WHERE quotations <= 0");
}

}  // namespace

absl::Status Store::UnclusterDocument(int64_t document_id) {
  return UnclusterQuotations(*stmts_, "?1", [&](Query& q) { q.BindInt(1, document_id); });
}

absl::Status Store::UnclusterOutlet(std::string_view outlet) {
  return UnclusterQuotations(*stmts_, "SELECT id FROM documents WHERE outlet = ?1",
                             [&](Query& q) { q.BindText(1, outlet); });
}

}  // namespace verbatim::store
