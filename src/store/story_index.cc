// The Store's part of story grouping: each document's story in document_stories (schema v9;
// on documents from v4), the story_terms index of each document's heaviest terms, and the
// term_documents frequencies. The grouping
// itself is store/stories.cc.
#include <algorithm>
#include <functional>

#include "absl/strings/str_cat.h"
#include "cluster/article_similarity.h"
#include "store/sql.h"
#include "store/store.h"

#include <memory>

namespace verbatim::store {
namespace {

using sql::Query;

// The columns of a StoryArticle, in ReadArticles' order; `m` is the document's row of
// document_stories, `d` its row of documents.
constexpr const char* kArticleColumns =
    "SELECT d.id, d.doc, COALESCE(d.title, ''), d.text, d.published, d.outlet, m.story, m.terms_counted ";
constexpr const char* kArticlesByDocument =
    "FROM documents d JOIN document_stories m ON m.document = d.id ";

absl::StatusOr<std::vector<StoryArticle>> ReadArticles(Query& q) {
  std::vector<StoryArticle> out;
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(StoryArticle{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.OptText(4), q.OptText(5), q.OptInt(6),
                               q.Int(7) != 0});
  }
  return out;
}

// Un-groups every member of a story holding one of the documents `documents_sql` selects, and
// takes those documents' terms out of the frequencies (they are about to be deleted).
absl::Status UngroupDocuments(sql::StatementCache& stmts, std::string_view documents_sql,
                              const std::function<void(Query&)>& bind) {
  std::vector<std::string> terms;
  int64_t counted = 0;
  {
    STORE_ASSIGN_OR_RETURN(Query q, stmts.Get(absl::StrCat(
        "SELECT COALESCE(d.title, ''), d.text FROM documents d JOIN document_stories m ON m.document = d.id "
        "WHERE m.terms_counted = 1 AND d.id IN (",
        std::string(documents_sql), ")")));
    bind(q);
    while (true) {
      STORE_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      ++counted;
      for (std::string& t : cluster::ArticleSimilarity::DistinctTerms(q.Text(0), q.Text(1))) terms.push_back(std::move(t));
    }
  }
  for (const std::string& term : terms) {
    STORE_ASSIGN_OR_RETURN(Query q, stmts.Get("UPDATE term_documents SET documents = documents - 1 WHERE term = ?1"));
    q.BindText(1, std::string_view(term));
    STORE_RETURN_IF_ERROR(q.Run());
  }
  if (counted > 0) {
    STORE_RETURN_IF_ERROR(stmts.Exec("DELETE FROM term_documents WHERE documents <= 0"));
    STORE_ASSIGN_OR_RETURN(Query q, stmts.Get("UPDATE story_frequencies SET documents = documents - ?1"));
    q.BindInt(1, counted);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  std::vector<int64_t> members;
  {
    STORE_ASSIGN_OR_RETURN(Query q, stmts.Get(absl::StrCat(
        "SELECT document FROM document_stories WHERE story IN "
        "(SELECT story FROM document_stories WHERE story IS NOT NULL AND document IN (",
        std::string(documents_sql), "))")));
    bind(q);
    while (true) {
      STORE_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      members.push_back(q.Int(0));
    }
  }
  for (int64_t id : members) {
    {
      STORE_ASSIGN_OR_RETURN(Query q, stmts.Get("DELETE FROM story_terms WHERE document = ?1"));
      q.BindInt(1, id);
      STORE_RETURN_IF_ERROR(q.Run());
    }
    STORE_ASSIGN_OR_RETURN(Query q, stmts.Get("UPDATE document_stories SET story = NULL WHERE document = ?1"));
    q.BindInt(1, id);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Store::UngroupDocument(int64_t document_id) {
  return UngroupDocuments(*stmts_, "?1", [&](Query& q) { q.BindInt(1, document_id); });
}

absl::Status Store::UngroupOutlet(std::string_view outlet) {
  return UngroupDocuments(*stmts_, "SELECT id FROM documents WHERE outlet = ?1",
                          [&](Query& q) { q.BindText(1, outlet); });
}

absl::StatusOr<std::vector<StoryArticle>> Store::ArticlesWithoutStory(bool every_document, int64_t limit) const {
  // INDEXED BY: the planner would take document_stories_story and sort every row without a
  // story.
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(absl::StrCat(
      kArticleColumns,
      every_document ? absl::StrCat(kArticlesByDocument, "ORDER BY d.id LIMIT ?1")
                     : "FROM document_stories m INDEXED BY document_stories_without_story "
                       "JOIN documents d ON d.id = m.document WHERE m.story IS NULL "
                       "ORDER BY m.published, m.document LIMIT ?1")));
  q.BindInt(1, limit);
  return ReadArticles(q);
}

absl::Status Store::ForEachArticleText(const std::function<void(std::string_view, std::string_view)>& fn) const {
  // A private statement: `fn` may use the Store's cached ones.
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db_, "SELECT COALESCE(title, ''), text FROM documents ORDER BY id", -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owned(raw, &sqlite3_finalize);
  if (rc != SQLITE_OK) return sql::SqlError(db_, rc, "preparing the article scan");
  Query q(db_, raw);
  while (true) {
    STORE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    const std::string title = q.Text(0), text = q.Text(1);
    fn(title, text);
  }
  return absl::OkStatus();
}

absl::StatusOr<StoryFrequencies> Store::Frequencies() const {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("SELECT documents, regrouped_at FROM story_frequencies WHERE id = 1"));
  STORE_ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? StoryFrequencies{q.Int(0), q.Int(1)} : StoryFrequencies{};
}

absl::StatusOr<int64_t> Store::TermDocuments(std::string_view term) const {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("SELECT documents FROM term_documents WHERE term = ?1"));
  q.BindText(1, term);
  STORE_ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

absl::Status Store::AddTermDocuments(const std::vector<std::pair<std::string, int64_t>>& delta, int64_t documents) {
  STORE_RETURN_IF_ERROR(sql::AddCounts(*stmts_,
                                       "INSERT INTO term_documents(term, documents) VALUES (?1, ?2) "
                                       "ON CONFLICT(term) DO UPDATE SET documents = documents + ?2",
                                       delta));
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("UPDATE story_frequencies SET documents = documents + ?1"));
  q.BindInt(1, documents);
  return q.Run();
}

absl::Status Store::RestartStories(int64_t documents, const std::vector<std::pair<std::string, int64_t>>& frequencies) {
  for (const char* sql : {"DELETE FROM term_documents", "DELETE FROM story_terms",
                          "UPDATE document_stories SET story = NULL, terms_counted = 1"}) {
    STORE_RETURN_IF_ERROR(stmts_->Exec(sql));
  }
  for (const auto& [term, n] : frequencies) {
    STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("INSERT INTO term_documents(term, documents) VALUES (?1, ?2)"));
    q.BindText(1, std::string_view(term));
    q.BindInt(2, n);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(
      "INSERT OR REPLACE INTO story_frequencies(id, documents, regrouped_at) VALUES (1, ?1, ?1)"));
  q.BindInt(1, documents);
  return q.Run();
}

absl::StatusOr<std::vector<int64_t>> Store::DocumentsFiledUnder(const std::vector<std::string>& terms,
                                                                std::optional<int64_t> day, int max_days,
                                                                int max_bucket,
                                                                std::vector<std::vector<int64_t>>* per_term) const {
  // Undated documents are filed under kUndatedStoryDay, below every real day; both parts of the
  // dated query are ranges of the (term, day, document) key.
  constexpr const char* kDated =
      "SELECT document FROM story_terms WHERE term = ?1 AND day = ?2 "
      "UNION ALL SELECT document FROM story_terms WHERE term = ?1 AND day BETWEEN ?3 AND ?4 LIMIT ?5";
  constexpr const char* kAnyDay = "SELECT document FROM story_terms WHERE term = ?1 LIMIT ?2";
  std::vector<int64_t> ids;
  for (const std::string& term : terms) {
    STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(day ? kDated : kAnyDay));
    q.BindText(1, std::string_view(term));
    if (day) {
      q.BindInt(2, kUndatedStoryDay);
      q.BindInt(3, *day - max_days);
      q.BindInt(4, *day + max_days);
      q.BindInt(5, max_bucket);
    } else {
      q.BindInt(2, max_bucket);
    }
    const size_t before = ids.size();
    STORE_RETURN_IF_ERROR(sql::CollectBucket(q, max_bucket, ids).status());
    if (per_term != nullptr) per_term->emplace_back(ids.begin() + static_cast<std::ptrdiff_t>(before), ids.end());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

absl::StatusOr<std::vector<StoryArticle>> Store::ArticlesByIds(const std::vector<int64_t>& ids) const {
  std::vector<StoryArticle> out;
  out.reserve(ids.size());
  for (int64_t id : ids) {
    STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(absl::StrCat(kArticleColumns, kArticlesByDocument, "WHERE d.id = ?1")));
    q.BindInt(1, id);
    STORE_ASSIGN_OR_RETURN(std::vector<StoryArticle> rows, ReadArticles(q));
    for (StoryArticle& a : rows) out.push_back(std::move(a));
  }
  return out;
}

absl::Status Store::FileArticle(int64_t id, int64_t story, const std::vector<std::string>& terms,
                                std::optional<int64_t> day) {
  {
    STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(
        "UPDATE document_stories SET story = ?2, terms_counted = 1 WHERE document = ?1"));
    q.BindInt(1, id);
    q.BindInt(2, story);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  for (const std::string& term : terms) {
    STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(
        "INSERT OR IGNORE INTO story_terms(term, day, document) VALUES (?1, ?2, ?3)"));
    q.BindText(1, std::string_view(term));
    q.BindInt(2, day.value_or(kUndatedStoryDay));
    q.BindInt(3, id);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  return absl::OkStatus();
}

absl::Status Store::MergeStories(int64_t from, int64_t into) {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get("UPDATE document_stories SET story = ?2 WHERE story = ?1"));
  q.BindInt(1, from);
  q.BindInt(2, into);
  return q.Run();
}

absl::StatusOr<std::vector<StoryArticle>> Store::StoryRows(size_t text_bytes) const {
  STORE_ASSIGN_OR_RETURN(Query q, stmts_->Get(
      "SELECT d.id, d.doc, COALESCE(d.title, ''), substr(d.text, 1, ?1), d.published, d.outlet, m.story, "
      "m.terms_counted FROM documents d JOIN document_stories m ON m.document = d.id "
      "ORDER BY d.published IS NULL, d.published, d.doc"));
  q.BindInt(1, static_cast<int64_t>(text_bytes));
  return ReadArticles(q);
}

}  // namespace verbatim::store
