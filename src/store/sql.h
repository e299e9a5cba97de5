// Internal to the store library: the SQLite helpers its source files share (error mapping,
// cached prepared statements, one-use query handles, status macros). Not a public interface.
#ifndef VERBATIM_STORE_SQL_H_
#define VERBATIM_STORE_SQL_H_

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "store/store.h"
#include "text/byte_range.h"

// Local shorthands for propagating errors.
#define STORE_RETURN_IF_ERROR(expr)                \
  do {                                             \
    absl::Status store_status_ = (expr);           \
    if (!store_status_.ok()) return store_status_; \
  } while (false)

#define STORE_CONCAT_INNER(a, b) a##b
#define STORE_CONCAT(a, b) STORE_CONCAT_INNER(a, b)
#define STORE_ASSIGN_OR_RETURN(lhs, expr) \
  STORE_ASSIGN_OR_RETURN_IMPL(STORE_CONCAT(store_or_, __LINE__), lhs, expr)
#define STORE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()

namespace verbatim::store::sql {

// Folds a name or query for whole-word matching ("Jean-Claude Juncker" -> "jean claude juncker";
// case and accents folded, runs of non-letters one space).
std::string FoldWords(std::string_view s);

// An FTS5 query that requires every word of `input` (each quoted, so operators are plain text).
std::string FtsQuery(std::string_view input);

// Parses a JSON list of [begin, end] pairs as the store writes ranges ("[[0,5],[9,12]]").
absl::StatusOr<std::vector<text::ByteRange>> RangesFromJson(std::string_view s);

// Maps an SQLite result code to a Status whose message names the operation.
inline absl::Status SqlError(sqlite3* db, int rc, std::string_view what) {
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string msg = absl::StrCat(std::string(what), ": ", detail);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(msg);
    case SQLITE_CONSTRAINT:
      return absl::FailedPreconditionError(msg);
    case SQLITE_CANTOPEN:
      return absl::NotFoundError(msg);
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return absl::PermissionDeniedError(msg);
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(msg);
    default:
      return absl::InternalError(msg);
  }
}

// The start of an SQL statement, for naming it in error messages.
inline std::string Abbreviated(std::string_view sql) {
  constexpr size_t kMax = 48;
  if (sql.size() <= kMax) return std::string(sql);
  return absl::StrCat(std::string(sql.substr(0, kMax)), "...");
}

// One use of a cached statement: binds values, steps, and on destruction resets the statement
// and clears its bindings so the cache can hand it out again.
class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Query(Query&& o) noexcept
      : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)), bind_rc_(o.bind_rc_) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query& operator=(Query&&) = delete;
  ~Query() {
    if (stmt_ != nullptr) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }

  void BindInt(int i, int64_t v) { Check(sqlite3_bind_int64(stmt_, i, v)); }
  void BindDouble(int i, double v) { Check(sqlite3_bind_double(stmt_, i, v)); }
  void BindNull(int i) { Check(sqlite3_bind_null(stmt_, i)); }
  void BindText(int i, std::string_view v) {
    Check(sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void BindText(int i, const std::optional<std::string>& v) {
    if (v.has_value()) {
      BindText(i, std::string_view(*v));
    } else {
      BindNull(i);
    }
  }
  void BindInt(int i, std::optional<int64_t> v) {
    if (v.has_value()) {
      BindInt(i, *v);
    } else {
      BindNull(i);
    }
  }

  // Returns true when a row is available, false when the statement is done.
  absl::StatusOr<bool> Step() {
    if (bind_rc_ != SQLITE_OK) return SqlError(db_, bind_rc_, "binding a value");
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqlError(db_, rc, Abbreviated(sqlite3_sql(stmt_)));
  }

  // Steps to completion, ignoring any rows.
  absl::Status Run() {
    while (true) {
      absl::StatusOr<bool> row = Step();
      if (!row.ok()) return row.status();
      if (!*row) return absl::OkStatus();
    }
  }

  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (p == nullptr) return std::string();
    return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  std::optional<std::string> OptText(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Text(col);
  }
  std::optional<int64_t> OptInt(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Int(col);
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;
};

// Prepared statements keyed by their SQL text, prepared on first use and kept until the Store
// closes.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* connection) : db(connection) {}
  ~StatementCache() {
    for (auto& [sql, stmt] : cache) sqlite3_finalize(stmt);
  }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  absl::StatusOr<Query> Get(std::string_view sql) {
    auto it = cache.find(std::string(sql));
    if (it == cache.end()) {
      sqlite3_stmt* stmt = nullptr;
      int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return SqlError(db, rc, absl::StrCat("preparing '", Abbreviated(sql), "'"));
      }
      it = cache.emplace(std::string(sql), stmt).first;
    }
    return Query(db, it->second);
  }

  // Runs a statement that takes no values and returns no rows needed by the caller.
  absl::Status Exec(std::string_view sql) {
    STORE_ASSIGN_OR_RETURN(Query q, Get(sql));
    return q.Run();
  }

  // Runs a statement that yields one integer (a PRAGMA or a COUNT).
  absl::StatusOr<int64_t> Int(std::string_view sql) {
    STORE_ASSIGN_OR_RETURN(Query q, Get(sql));
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return absl::InternalError(absl::StrCat("no result from '", std::string(sql), "'"));
    return q.Int(0);
  }

  sqlite3* db;
  std::unordered_map<std::string, sqlite3_stmt*> cache;
};

// Runs `upsert_sql` (text ?1, count ?2: an INSERT ... ON CONFLICT that adds ?2) for each
// (key, count): how the frequency tables (quote_stems, term_documents) grow.
inline absl::Status AddCounts(StatementCache& stmts, std::string_view upsert_sql,
                              const std::vector<std::pair<std::string, int64_t>>& counts) {
  for (const auto& [key, n] : counts) {
    STORE_ASSIGN_OR_RETURN(Query q, stmts.Get(upsert_sql));
    q.BindText(1, std::string_view(key));
    q.BindInt(2, n);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  return absl::OkStatus();
}

// Appends the ids (first column) of one index bucket, which `q` yields; a bucket of
// `max_bucket` or more ids is a commonplace and adds none. Returns whether it was one.
inline absl::StatusOr<bool> CollectBucket(Query& q, int max_bucket, std::vector<int64_t>& ids) {
  std::vector<int64_t> bucket;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    bucket.push_back(q.Int(0));
  }
  if (bucket.size() >= static_cast<size_t>(max_bucket)) return true;
  ids.insert(ids.end(), bucket.begin(), bucket.end());
  return false;
}

// The rows `by_id_sql` (one bound ?1) gives for each id, sorted and without repeats, read by
// `read(Query&) -> absl::StatusOr<std::vector<Row>>`.
template <typename Row, typename Read>
absl::StatusOr<std::vector<Row>> RowsByIds(StatementCache& stmts, const std::string& by_id_sql,
                                           std::vector<int64_t> ids, Read read) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<Row> out;
  for (int64_t id : ids) {
    STORE_ASSIGN_OR_RETURN(Query q, stmts.Get(by_id_sql));
    q.BindInt(1, id);
    STORE_ASSIGN_OR_RETURN(std::vector<Row> rows, read(q));
    for (Row& r : rows) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace verbatim::store::sql

namespace verbatim::store {

struct Store::Statements : public sql::StatementCache {
  using StatementCache::StatementCache;
};

}  // namespace verbatim::store

#endif  // VERBATIM_STORE_SQL_H_
