#include "store/stories.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <sqlite3.h>

#include "cluster/article_similarity.h"
#include "cluster/stories.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace verbatim::store {
namespace {


void Put(Store& store, const std::vector<ingest::Document>& docs, size_t from, size_t to) {
  ASSERT_TRUE(store.BeginBatch().ok());
  for (size_t i = from; i < to; ++i) ASSERT_TRUE(store.PutDocument(docs[i], {}, "test").ok());
  ASSERT_TRUE(store.CommitBatch().ok());
}

// Story membership as a set of document pairs.
std::set<std::pair<std::string, std::string>> StoryPairs(const Store& store) {
  absl::StatusOr<std::vector<StoryArticle>> rows = store.StoryRows(0);
  EXPECT_TRUE(rows.ok()) << rows.status();
  std::map<int64_t, std::vector<std::string>> by_story;
  for (const StoryArticle& a : *rows) {
    EXPECT_TRUE(a.story.has_value()) << a.doc;
    by_story[a.story.value_or(-a.id)].push_back(a.doc);
  }
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& [story, docs] : by_story) {
    for (size_t i = 0; i < docs.size(); ++i) {
      for (size_t j = i + 1; j < docs.size(); ++j) pairs.emplace(std::min(docs[i], docs[j]), std::max(docs[i], docs[j]));
    }
  }
  return pairs;
}

std::set<std::pair<std::string, std::string>> BuiltPairs(const std::vector<ingest::Document>& docs) {
  std::vector<cluster::StoryInput> in;
  for (const ingest::Document& d : docs) in.push_back({d.doc, d.title.value_or(""), d.text, d.published, d.outlet});
  std::set<std::pair<std::string, std::string>> pairs;
  for (const cluster::Story& s : cluster::BuildStories(in)) {
    for (size_t i = 0; i < s.members.size(); ++i) {
      for (size_t j = i + 1; j < s.members.size(); ++j) {
        const std::string& a = in[static_cast<size_t>(s.members[i])].doc;
        const std::string& b = in[static_cast<size_t>(s.members[j])].doc;
        pairs.emplace(std::min(a, b), std::max(a, b));
      }
    }
  }
  return pairs;
}

TEST(StoryUpdate, FirstUpdateGroupsLikeBuildStoriesAndLaterOnesAreIncremental) {
  testing::TempDir dir;
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  ASSERT_GT(docs.size(), 20u);
  auto opened = Store::Open((dir.path() / "a.db").string());
  ASSERT_TRUE(opened.ok()) << opened.status();
  Store& store = **opened;
  const size_t most = docs.size() - 3;
  Put(store, docs, 0, most);
  absl::StatusOr<StoryUpdate> first = UpdateStories(store);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->restarted);
  EXPECT_EQ(first->grouped, static_cast<int64_t>(most));
  const std::vector<ingest::Document> head(docs.begin(), docs.begin() + static_cast<long>(most));
  auto built = BuiltPairs(head);
  EXPECT_FALSE(built.empty());
  EXPECT_EQ(StoryPairs(store), built);

  // Three more articles: far from doubling, so an incremental update, which reads only the
  // stored articles filed under their terms.
  Put(store, docs, most, docs.size());
  absl::StatusOr<StoryUpdate> next = UpdateStories(store);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_FALSE(next->restarted);
  EXPECT_EQ(next->grouped, 3);
  EXPECT_LT(next->loaded, static_cast<int64_t>(most) / 2) << next->loaded;
  absl::StatusOr<StoryUpdate> again = UpdateStories(store);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->grouped, 0);
}

// A full regrouping of a collection larger than a chunk counts frequencies in a streaming pass
// and groups chunk by chunk against what earlier chunks filed: the stories of one pass.
TEST(StoryUpdate, ARegroupingInChunksOfFiveGivesTheStoriesOfOnePass) {
  testing::TempDir dir;
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  auto whole = Store::Open((dir.path() / "whole.db").string());
  auto chunked = Store::Open((dir.path() / "chunked.db").string());
  ASSERT_TRUE(whole.ok() && chunked.ok());
  Put(**whole, docs, 0, docs.size());
  Put(**chunked, docs, 0, docs.size());
  ASSERT_TRUE(UpdateStories(**whole).ok());
  absl::StatusOr<StoryUpdate> u = UpdateStories(**chunked, {}, /*chunk=*/5);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_TRUE(u->restarted);
  EXPECT_EQ(u->grouped, static_cast<int64_t>(docs.size()));
  auto whole_pairs = StoryPairs(**whole);
  EXPECT_FALSE(whole_pairs.empty());
  EXPECT_EQ(StoryPairs(**chunked), whole_pairs);
}

// Documents without a story come out in date order whatever order they were stored in, so a
// chunk covers a span of days and loads as candidates only the stored documents near them (the
// memory an update needs does not grow with the collection), and the stories are still those
// of one pass.
TEST(StoryUpdate, ChunksTakeTheDocumentsInDateOrderAndLoadOnlyNearbyCandidates) {
  testing::TempDir dir;
  std::vector<ingest::Document> demo = testing::DemoDocuments();
  std::vector<ingest::Document> docs;  // stored shuffled: id order is not date order
  for (size_t i = 0; i < demo.size(); ++i) docs.push_back(demo[(i * 7) % demo.size()]);
  ASSERT_NE(demo.size() % 7, 0u);  // so (i * 7) % size is a permutation
  auto opened = Store::Open((dir.path() / "a.db").string());
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  Put(store, docs, 0, docs.size());

  std::vector<std::pair<int64_t, std::string>> by_date;  // (day, doc)
  for (const ingest::Document& d : docs) {
    ASSERT_TRUE(d.published.has_value()) << d.doc;
    by_date.emplace_back(*cluster::StoryDay(d.published), d.doc);
  }
  std::sort(by_date.begin(), by_date.end());
  absl::StatusOr<std::vector<StoryArticle>> first = store.ArticlesWithoutStory(false, 5);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->size(), 5u);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ((*first)[i].doc, by_date[i].second) << i;

  // The most a chunk of 5 can load: the documents of earlier chunks within 7 days of its first.
  constexpr size_t kChunk = 5;
  int64_t bound = 0;
  for (size_t start = kChunk; start < by_date.size(); start += kChunk) {
    for (size_t j = 0; j < start; ++j) bound += by_date[j].first >= by_date[start].first - 7 ? 1 : 0;
  }
  absl::StatusOr<StoryUpdate> u = UpdateStories(store, {}, static_cast<int64_t>(kChunk));
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->grouped, static_cast<int64_t>(docs.size()));
  EXPECT_GT(u->loaded, 0);  // stories span chunks
  EXPECT_LE(u->loaded, bound);
  EXPECT_EQ(StoryPairs(store), BuiltPairs(demo));
}

// Copies of an article (the same title and text, another outlet) on its day join its story
// without adding index entries: a later lookup finds the first copy. A copy on another day is
// filed, since the date window of a lookup depends on the day.
TEST(StoryUpdate, CopiesOfAnArticleOnItsDayAddNoIndexEntries) {
  testing::TempDir dir;
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  auto opened = Store::Open((dir.path() / "a.db").string());
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  Put(store, docs, 0, docs.size());
  absl::StatusOr<StoryUpdate> first = UpdateStories(store);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_GT(first->terms_filed, 0);
  const ingest::Document& original = docs[docs.size() / 2];
  ASSERT_TRUE(original.published.has_value());
  auto put_copy = [&](const std::string& id, const std::string& published) {
    ingest::Document copy = original;
    copy.doc = id;
    copy.outlet = "Copy Desk " + id;
    copy.published = published;
    Put(store, {copy}, 0, 1);
    absl::StatusOr<StoryUpdate> u = UpdateStories(store);
    EXPECT_TRUE(u.ok()) << u.status();
    EXPECT_FALSE(u->restarted);
    EXPECT_EQ(u->grouped, 1);
    return u.value_or(StoryUpdate{});
  };
  const cluster::StoryOptions options;
  for (const char* id : {"copy-1", "copy-2", "copy-3"}) {
    // Its heaviest terms are the original's, whose copy is filed under them (a term may move
    // into the top ones as the frequencies change by one document).
    EXPECT_LE(put_copy(id, *original.published).terms_filed, 1) << id;
  }
  const std::string next_day = *original.published < "2099" ? "2099-01-01" : "2000-01-01";
  EXPECT_EQ(put_copy("copy-elsewhen", next_day).terms_filed, options.top_terms);

  absl::StatusOr<std::vector<StoryArticle>> rows = store.StoryRows(0);
  ASSERT_TRUE(rows.ok()) << rows.status();
  std::map<std::string, std::optional<int64_t>> story;
  for (const StoryArticle& a : *rows) story[a.doc] = a.story;
  for (const char* id : {"copy-1", "copy-2", "copy-3"}) EXPECT_EQ(story[id], story[original.doc]) << id;
}

// Copies of one article on one day have the same vector and candidates, so an update meets
// only the first copy with the others and lets the first stand for them: the stories are still
// those of BuildStories, which meets every pair, in one pass, in chunks and incrementally.
TEST(StoryUpdate, CopiesInOneUpdateGroupLikeBuildStories) {
  testing::TempDir dir;
  std::vector<ingest::Document> demo = testing::DemoDocuments();
  std::vector<ingest::Document> copies;
  std::vector<std::pair<std::string, std::string>> same_day;  // (original, copy)
  for (size_t i = 0; i < demo.size(); i += 4) {
    ASSERT_TRUE(demo[i].published.has_value());
    for (int k = 0; k < 3; ++k) {
      ingest::Document copy = demo[i];
      copy.doc = demo[i].doc + "-copy-" + std::to_string(k);
      copy.outlet = "Copy Desk " + std::to_string(k);
      if (k == 2) copy.published = "2099-01-0" + std::to_string(1 + i % 9);  // another day
      else same_day.emplace_back(demo[i].doc, copy.doc);
      copies.push_back(copy);
    }
  }
  std::vector<ingest::Document> all = demo;
  all.insert(all.end(), copies.begin(), copies.end());
  const auto built = BuiltPairs(all);
  ASSERT_GT(built.size(), BuiltPairs(demo).size());

  auto whole = Store::Open((dir.path() / "whole.db").string());
  auto chunked = Store::Open((dir.path() / "chunked.db").string());
  auto later = Store::Open((dir.path() / "later.db").string());
  ASSERT_TRUE(whole.ok() && chunked.ok() && later.ok());
  Put(**whole, all, 0, all.size());
  Put(**chunked, all, 0, all.size());
  ASSERT_TRUE(UpdateStories(**whole).ok());
  ASSERT_TRUE(UpdateStories(**chunked, {}, /*chunk=*/7).ok());
  EXPECT_EQ(StoryPairs(**whole), built);
  EXPECT_EQ(StoryPairs(**chunked), built);

  // The copies arriving after their originals were grouped: an incremental update.
  Put(**later, demo, 0, demo.size());
  ASSERT_TRUE(UpdateStories(**later).ok());
  Put(**later, copies, 0, copies.size());
  absl::StatusOr<StoryUpdate> u = UpdateStories(**later);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_FALSE(u->restarted);
  EXPECT_EQ(u->grouped, static_cast<int64_t>(copies.size()));
  // (Its frequencies are the stored ones, not those of one pass, so its stories may differ from
  // BuildStories'; each copy on its original's day joins the original's story.)
  const auto pairs = StoryPairs(**later);
  for (const auto& [original, copy] : same_day) EXPECT_TRUE(pairs.contains({original, copy})) << copy;
}

TEST(StoryUpdate, RemovingAnArticleRegroupsTheRestOfItsStory) {
  testing::TempDir dir;
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  auto opened = Store::Open((dir.path() / "a.db").string());
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  Put(store, docs, 0, docs.size());
  ASSERT_TRUE(UpdateStories(store).ok());
  auto before = StoryPairs(store);
  ASSERT_FALSE(before.empty());
  const std::string gone = before.begin()->first;
  ASSERT_EQ(*store.RemoveDocument(gone), 1);
  absl::StatusOr<StoryUpdate> u = UpdateStories(store);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_GT(u->grouped, 0);  // the rest of its story
  for (const auto& pair : StoryPairs(store)) {
    EXPECT_NE(pair.first, gone);
    EXPECT_NE(pair.second, gone);
  }
}

// The stored document frequencies count every stored document once, also when an update
// takes copies of one article of which some were counted before (the rest of a story left
// un-grouped by a removal) and some are new.
TEST(StoryUpdate, StoredFrequenciesCountEachDocumentOnceWhenCountedAndNewCopiesMeet) {
  testing::TempDir dir;
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  auto opened = Store::Open((dir.path() / "a.db").string());
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  Put(store, docs, 0, docs.size());
  ASSERT_TRUE(UpdateStories(store).ok());
  const auto before = StoryPairs(store);
  ASSERT_FALSE(before.empty());
  const auto [gone, kept] = *before.begin();
  ASSERT_EQ(*store.RemoveDocument(gone), 1);  // `kept` is counted and now without a story
  std::vector<ingest::Document> stored;
  for (const ingest::Document& d : docs) {
    if (d.doc != gone) stored.push_back(d);
  }
  const auto original = std::find_if(docs.begin(), docs.end(), [&](const ingest::Document& d) { return d.doc == kept; });
  ASSERT_NE(original, docs.end());
  std::vector<ingest::Document> copies;
  for (const char* id : {"copy-1", "copy-2"}) {
    ingest::Document copy = *original;
    copy.doc = id;
    copies.push_back(copy);
    stored.push_back(copy);
  }
  Put(store, copies, 0, copies.size());
  absl::StatusOr<StoryUpdate> u = UpdateStories(store);
  ASSERT_TRUE(u.ok()) << u.status();
  ASSERT_FALSE(u->restarted);

  std::map<std::string, int64_t> expected;
  for (const ingest::Document& d : stored) {
    for (std::string& t : cluster::ArticleSimilarity::DistinctTerms(d.title.value_or(""), d.text)) ++expected[std::move(t)];
  }
  ASSERT_GT(expected.size(), 100u);
  for (const auto& [term, n] : expected) EXPECT_EQ(*store.TermDocuments(term), n) << term;
}

// A story lookup proposes the documents filed under a term within the date window, and the
// undated ones; none when the new document is undated limits nothing; a term filed under
// max_bucket or more of them is a commonplace and proposes none.
TEST(StoryIndex, DocumentsFiledUnderKeepToTheDateWindow) {
  testing::TempDir dir;
  auto opened = Store::Open((dir.path() / "a.db").string());
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  const std::vector<std::pair<std::string, std::optional<std::string>>> dated = {
      {"jan-01", "2025-01-01"}, {"jan-08", "2025-01-08T23:00:00Z"}, {"jan-09", "2025-01-09"},
      {"undated", std::nullopt}, {"dec-31", "2024-12-31"}};
  std::vector<ingest::Document> docs;
  for (const auto& [name, published] : dated) {
    ingest::Document d;
    d.doc = name;
    d.text = "Text of " + name + ".";
    d.published = published;
    docs.push_back(d);
  }
  Put(store, docs, 0, docs.size());
  absl::StatusOr<std::vector<StoryArticle>> stored = store.ArticlesWithoutStory(true);
  ASSERT_TRUE(stored.ok());
  std::map<std::string, int64_t> id;
  ASSERT_TRUE(store.BeginBatch().ok());
  for (const StoryArticle& a : *stored) {
    id[a.doc] = a.id;
    ASSERT_TRUE(store.FileArticle(a.id, a.id, {"summit", a.doc}, cluster::StoryDay(a.published)).ok());
  }
  ASSERT_TRUE(store.CommitBatch().ok());
  auto filed = [&](std::optional<std::string> published, int max_bucket = 1000) {
    absl::StatusOr<std::vector<int64_t>> ids =
        store.DocumentsFiledUnder({"summit"}, cluster::StoryDay(published), 7, max_bucket);
    EXPECT_TRUE(ids.ok()) << ids.status();
    return ids.value_or(std::vector<int64_t>{});
  };
  // Jan 1 +- 7 days: Dec 31 .. Jan 8 (a date-time counts by its date), and the undated one.
  EXPECT_EQ(filed("2025-01-01"), (std::vector<int64_t>{id["jan-01"], id["jan-08"], id["undated"], id["dec-31"]}));
  EXPECT_EQ(filed("2025-01-16"), (std::vector<int64_t>{id["jan-09"], id["undated"]}));
  EXPECT_EQ(filed("2025-06-01"), (std::vector<int64_t>{id["undated"]}));
  EXPECT_EQ(filed(std::nullopt).size(), 5u);
  EXPECT_TRUE(filed(std::nullopt, /*max_bucket=*/5).empty());
  EXPECT_EQ(filed("2025-06-01", /*max_bucket=*/2), (std::vector<int64_t>{id["undated"]}));
  // Two terms: the union, each document once.
  absl::StatusOr<std::vector<int64_t>> both =
      store.DocumentsFiledUnder({"summit", "jan-09"}, cluster::StoryDay("2025-01-10"), 7, 1000);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(*both, (std::vector<int64_t>{id["jan-08"], id["jan-09"], id["undated"]}));
}

// A version 5 database (story_terms without days) gets its terms' days on open, and the next
// incremental update groups new articles as on a database that was never downgraded.
TEST(StoryIndex, AVersionFiveDatabaseIsMigratedAndGroupsAsBefore) {
  testing::TempDir dir;
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  const size_t most = docs.size() - 4;
  const std::string old_path = (dir.path() / "old.db").string();
  const std::string new_path = (dir.path() / "new.db").string();
  for (const std::string& path : {old_path, new_path}) {
    auto opened = Store::Open(path);
    ASSERT_TRUE(opened.ok());
    Put(**opened, docs, 0, most);
    ASSERT_TRUE(UpdateStories(**opened).ok());
  }
  int64_t terms = 0;
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(old_path.c_str(), &raw), SQLITE_OK);
    const std::string downgrade = std::string(testing::kUndoSchemaV10) + testing::kUndoSchemaV9 +
        "CREATE TABLE story_terms_v5 (term TEXT NOT NULL, "
        "document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, "
        "PRIMARY KEY (term, document)) WITHOUT ROWID;"
        "INSERT INTO story_terms_v5 SELECT term, document FROM story_terms;"
        "DROP TABLE story_terms; ALTER TABLE story_terms_v5 RENAME TO story_terms;"
        "CREATE INDEX story_terms_document ON story_terms(document);"
        "CREATE TRIGGER quotations_fts_insert AFTER INSERT ON quotations BEGIN "
        "INSERT INTO quotations_fts(rowid, text) VALUES (new.id, new.text); END;"
        "PRAGMA user_version = 5;";
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(raw, downgrade.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_stmt* count = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT COUNT(*) FROM story_terms", -1, &count, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
    terms = sqlite3_column_int64(count, 0);
    sqlite3_finalize(count);
    sqlite3_close(raw);
  }
  ASSERT_GT(terms, 0);
  auto migrated = Store::Open(old_path);
  ASSERT_TRUE(migrated.ok()) << migrated.status();
  auto fresh = Store::Open(new_path);
  ASSERT_TRUE(fresh.ok());
  for (Store* store : {migrated->get(), fresh->get()}) {
    Put(*store, docs, most, docs.size());
    absl::StatusOr<StoryUpdate> u = UpdateStories(*store);
    ASSERT_TRUE(u.ok()) << u.status();
    EXPECT_FALSE(u->restarted);
    EXPECT_EQ(u->grouped, 4);
  }
  auto pairs = StoryPairs(**fresh);
  EXPECT_FALSE(pairs.empty());
  EXPECT_EQ(StoryPairs(**migrated), pairs);
  // Every term kept its document, now with the document's day.
  migrated->reset();
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(old_path.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* rows = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw,
                               "SELECT st.day, d.published, d.doc FROM story_terms st JOIN documents d "
                               "ON d.id = st.document ORDER BY d.id",
                               -1, &rows, nullptr),
            SQLITE_OK);
  std::set<std::string> first_docs;
  for (size_t i = 0; i < most; ++i) first_docs.insert(docs[i].doc);
  int64_t kept = 0;
  while (sqlite3_step(rows) == SQLITE_ROW) {
    std::optional<std::string> published;
    if (sqlite3_column_type(rows, 1) != SQLITE_NULL) {
      published = reinterpret_cast<const char*>(sqlite3_column_text(rows, 1));
    }
    const std::string doc = reinterpret_cast<const char*>(sqlite3_column_text(rows, 2));
    EXPECT_EQ(sqlite3_column_int64(rows, 0), cluster::StoryDay(published).value_or(kUndatedStoryDay)) << doc;
    if (first_docs.contains(doc)) ++kept;
  }
  sqlite3_finalize(rows);
  sqlite3_close(raw);
  EXPECT_EQ(kept, terms);
}

}  // namespace
}  // namespace verbatim::store
