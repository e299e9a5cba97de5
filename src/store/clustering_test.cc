#include "store/clustering.h"

#include <sqlite3.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cluster/quote_clusters.h"
#include "gtest/gtest.h"
#include "quotes/extractor.h"
#include "store/stories.h"
#include "test_support.h"

namespace verbatim::store {
namespace {


void Put(Store& store, const std::vector<ingest::Document>& docs, size_t from, size_t to) {
  quotes::Extractor extractor;
  ASSERT_TRUE(store.BeginBatch().ok());
  for (size_t i = from; i < to; ++i) {
    ASSERT_TRUE(store.PutDocument(docs[i], extractor.Extract(docs[i]), quotes::Extractor::kVersion).ok());
  }
  ASSERT_TRUE(store.CommitBatch().ok());
}

// The pairs of quotations (by doc and text) that share a cluster, reported speech aside.
std::set<std::pair<std::string, std::string>> ClusteredPairs(const std::vector<StoredQuote>& quotes,
                                                              const std::vector<int64_t>& cluster_of) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (size_t i = 0; i < quotes.size(); ++i) {
    for (size_t j = i + 1; j < quotes.size(); ++j) {
      if (cluster_of[i] != cluster_of[j]) continue;
      std::string a = quotes[i].doc + "|" + quotes[i].quote.text, b = quotes[j].doc + "|" + quotes[j].quote.text;
      pairs.emplace(std::min(a, b), std::max(a, b));
    }
  }
  return pairs;
}

std::vector<StoredQuote> DirectQuotes(Store& store) {
  absl::StatusOr<std::vector<StoredQuote>> all = store.FindQuotes({});
  EXPECT_TRUE(all.ok()) << all.status();
  std::vector<StoredQuote> out;
  for (StoredQuote& q : *all) {
    if (q.quote.kind != quotes::QuoteKind::kIndirect) out.push_back(std::move(q));
  }
  return out;
}

std::vector<int64_t> StoredClusterIds(const std::vector<StoredQuote>& quotes) {
  std::vector<int64_t> ids;
  for (const StoredQuote& q : quotes) {
    EXPECT_TRUE(q.cluster.has_value()) << q.doc << ": " << q.quote.text;
    ids.push_back(q.cluster.value_or(-1));
  }
  return ids;
}

TEST(QuoteClusterUpdate, ThreeIngestsGiveTheClustersOfOneBatchClusteredAtOnce) {
  testing::TempDir dir;
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  ASSERT_GT(docs.size(), 9u);
  auto opened = Store::Open((dir.path() / "a.db").string());
  ASSERT_TRUE(opened.ok()) << opened.status();
  Store& store = **opened;
  const size_t third = docs.size() / 3;
  for (auto [from, to] : {std::pair{size_t{0}, third}, {third, 2 * third}, {2 * third, docs.size()}}) {
    Put(store, docs, from, to);
    absl::StatusOr<ClusterUpdate> u = UpdateQuoteClusters(store);
    ASSERT_TRUE(u.ok()) << u.status();
    EXPECT_GT(u->clustered, 0);
  }
  std::vector<StoredQuote> quotes = DirectQuotes(store);
  ASSERT_GT(quotes.size(), 100u);
  std::vector<cluster::QuoteInput> inputs;
  for (const StoredQuote& q : quotes) inputs.push_back({q.doc, q.quote.text, q.quote.speaker, q.outlet, q.published});
  std::vector<int64_t> at_once;
  for (const cluster::QuoteCluster& c : cluster::BuildQuoteClusters(inputs)) {
    for (int m : c.members) {
      if (at_once.size() < inputs.size()) at_once.resize(inputs.size());
      at_once[static_cast<size_t>(m)] = c.id;
    }
  }
  auto stored_pairs = ClusteredPairs(quotes, StoredClusterIds(quotes));
  auto reference = ClusteredPairs(quotes, at_once);
  EXPECT_FALSE(reference.empty());
  EXPECT_EQ(stored_pairs, reference);
}

// Memory does not grow with an ingest: the update takes its quotations a chunk at a time. Small
// chunks must give the clusters of one chunk.
TEST(QuoteClusterUpdate, ChunksOfSevenQuotationsGiveTheClustersOfOneChunk) {
  testing::TempDir dir;
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  auto whole = Store::Open((dir.path() / "whole.db").string());
  auto chunked = Store::Open((dir.path() / "chunked.db").string());
  ASSERT_TRUE(whole.ok() && chunked.ok());
  Put(**whole, docs, 0, docs.size());
  Put(**chunked, docs, 0, docs.size());
  ASSERT_TRUE(UpdateQuoteClusters(**whole).ok());
  absl::StatusOr<ClusterUpdate> u = UpdateQuoteClusters(**chunked, {}, /*chunk=*/7);
  ASSERT_TRUE(u.ok()) << u.status();
  std::vector<StoredQuote> a = DirectQuotes(**whole), b = DirectQuotes(**chunked);
  ASSERT_EQ(a.size(), b.size());
  auto whole_pairs = ClusteredPairs(a, StoredClusterIds(a));
  EXPECT_FALSE(whole_pairs.empty());
  EXPECT_EQ(ClusteredPairs(b, StoredClusterIds(b)), whole_pairs);
}

TEST(QuoteClusterUpdate, AnUpdateLoadsOnlyTheCandidatesOfItsNewQuotations) {
  testing::TempDir dir;
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  auto opened = Store::Open((dir.path() / "a.db").string());
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  Put(store, docs, 0, docs.size() - 1);
  ASSERT_TRUE(UpdateQuoteClusters(store).ok());
  absl::StatusOr<int64_t> stored = store.CountClusteredQuotations();
  ASSERT_TRUE(stored.ok());
  Put(store, docs, docs.size() - 1, docs.size());
  absl::StatusOr<ClusterUpdate> u = UpdateQuoteClusters(store);
  ASSERT_TRUE(u.ok()) << u.status();
  quotes::Extractor extractor;
  EXPECT_EQ(u->clustered, static_cast<int64_t>(extractor.Extract(docs.back()).size()));
  // The stored quotations read are the index's candidates, a small part of the database.
  EXPECT_LT(u->loaded * 5, *stored) << u->loaded << " of " << *stored;
  // Nothing left to do: a second update touches nothing.
  absl::StatusOr<ClusterUpdate> again = UpdateQuoteClusters(store);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->clustered, 0);
  EXPECT_EQ(again->loaded, 0);
}

ingest::Document Doc(std::string id, std::string text) {
  ingest::Document d;
  d.doc = std::move(id);
  d.text = std::move(text);
  return d;
}

quotes::Quotation Quote(const std::string& text, const std::string& words, std::string speaker) {
  quotes::Quotation q;
  size_t at = text.find(words);
  EXPECT_NE(at, std::string::npos);
  q.segments = {{at, at + words.size()}};
  q.text = words;
  q.speaker = std::move(speaker);
  q.confidence = 0.9;
  return q;
}

TEST(QuoteClusterUpdate, RemovingTheBridgeSplitsAClusterAndMergingNamesItByItsLowestQuotation) {
  testing::TempDir dir;
  auto opened = Store::Open((dir.path() / "a.db").string());
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  // Two fragments of one speech, then the full quotation that contains both.
  const std::string a = "\"the harbour bridge will reopen in spring\" she said";
  const std::string b = "\"tolls on the harbour bridge will fall by half\" she said";
  const std::string full = "\"The harbour bridge will reopen in spring, and tolls on the harbour bridge will fall by half,\" she said";
  auto put = [&](const std::string& id, const std::string& text, const std::string& words) {
    ASSERT_TRUE(store.BeginBatch().ok());
    ASSERT_TRUE(store.PutDocument(Doc(id, text), {Quote(text, words, "Ana Reyes")}, "test").ok());
    ASSERT_TRUE(store.CommitBatch().ok());
    ASSERT_TRUE(UpdateQuoteClusters(store).ok());
  };
  put("a", a, "the harbour bridge will reopen in spring");
  put("b", b, "tolls on the harbour bridge will fall by half");
  std::vector<StoredQuote> q = DirectQuotes(store);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_NE(q[0].cluster, q[1].cluster);
  put("full", full, "The harbour bridge will reopen in spring, and tolls on the harbour bridge will fall by half,");
  q = DirectQuotes(store);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].cluster, q[1].cluster);
  EXPECT_EQ(q[1].cluster, q[2].cluster);
  const int64_t merged = *q[0].cluster;
  ASSERT_TRUE(store.RemoveDocument("full").ok());
  ASSERT_TRUE(UpdateQuoteClusters(store).ok());
  q = DirectQuotes(store);
  ASSERT_EQ(q.size(), 2u);
  ASSERT_TRUE(q[0].cluster && q[1].cluster);
  EXPECT_NE(q[0].cluster, q[1].cluster);
  EXPECT_TRUE(*q[0].cluster == merged || *q[1].cluster == merged);
}

// Pickups of one wording by more outlets add no index entries: a later copy finds the first
// one, so what an update files and loads does not grow with the copies. Another speaker's
// identical words and another wording are filed; removing the filed copy files a remaining one.
TEST(QuoteClusterUpdate, PickupsOfOneWordingAddNoIndexEntries) {
  testing::TempDir dir;
  auto opened = Store::Open((dir.path() / "a.db").string());
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  const std::string words = "the ball is clearly in the Russian court and we expect an answer from Moscow soon";
  auto put = [&](const std::string& id, const std::string& said, const std::string& speaker) {
    const std::string text = "\"" + said + ",\" the NATO chief said.";
    EXPECT_TRUE(store.BeginBatch().ok());
    EXPECT_TRUE(store.PutDocument(Doc(id, text), {Quote(text, said, speaker)}, "test").ok());
    EXPECT_TRUE(store.CommitBatch().ok());
    absl::StatusOr<ClusterUpdate> u = UpdateQuoteClusters(store);
    EXPECT_TRUE(u.ok()) << u.status();
    return u.value_or(ClusterUpdate{});
  };
  const ClusterUpdate first = put("p1", words, "Mark Rutte");
  EXPECT_GT(first.keys_filed, 0);
  EXPECT_EQ(first.loaded, 0);
  for (const char* id : {"p2", "p3", "p4", "p5"}) {
    const ClusterUpdate u = put(id, words, "Mark Rutte");
    EXPECT_EQ(u.keys_filed, 0) << id;
    EXPECT_EQ(u.loaded, 1) << id;  // the first copy only
  }
  const ClusterUpdate other = put("other", words, "Jens Stoltenberg");
  EXPECT_EQ(other.keys_filed, first.keys_filed);
  const ClusterUpdate variant = put(
      "variant", "the ball clearly is in the court of the Russians and we expect an answer from Moscow soon", "Mark Rutte");
  EXPECT_GT(variant.keys_filed, 0);
  std::vector<StoredQuote> q = DirectQuotes(store);
  ASSERT_EQ(q.size(), 7u);
  for (const StoredQuote& x : q) EXPECT_EQ(x.cluster, q[0].cluster) << x.doc;

  ASSERT_TRUE(store.RemoveDocument("p1").ok());
  const ClusterUpdate refiled = UpdateQuoteClusters(store).value_or(ClusterUpdate{});
  EXPECT_EQ(refiled.clustered, 6);  // the cluster's remaining members, clustered again
  // One copy of each of the three wordings filed.
  EXPECT_EQ(refiled.keys_filed, first.keys_filed + other.keys_filed + variant.keys_filed);
  const ClusterUpdate later = put("p6", words, "Mark Rutte");
  EXPECT_EQ(later.keys_filed, 0);
  EXPECT_GE(later.loaded, 1);
  q = DirectQuotes(store);
  ASSERT_EQ(q.size(), 7u);
  for (const StoredQuote& x : q) EXPECT_EQ(x.cluster, q[0].cluster) << x.doc;
}

}  // namespace
}  // namespace verbatim::store

namespace verbatim::store {
namespace {

// A database as schema v2 left it (no quote clusters, no stories) is migrated on open, keeps
// every document and quotation, and gets its clusters and stories from the next updates.
TEST(QuoteClusterUpdate, AVersionTwoDatabaseIsMigratedAndCaughtUp) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "old.db").string();
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  int64_t quotations = 0;
  {
    auto opened = Store::Open(path);
    ASSERT_TRUE(opened.ok());
    Put(**opened, docs, 0, docs.size());
    quotations = *(*opened)->CountQuotations();
  }
  {
    // Take the v3 to v10 additions out again.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    const char* downgrade =
        "DROP TABLE quote_keys; DROP TABLE quote_stems; DROP TABLE story_terms; DROP TABLE term_documents;"
        "DROP TABLE story_frequencies;"
        "DROP TABLE document_stories; DROP TABLE quotation_clusters;"
        "ALTER TABLE documents DROP COLUMN crawled;"
        "CREATE TRIGGER quotations_fts_insert AFTER INSERT ON quotations BEGIN "
        "INSERT INTO quotations_fts(rowid, text) VALUES (new.id, new.text); END;"
        "PRAGMA user_version = 2;";
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(raw, downgrade, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(raw);
  }
  auto opened = Store::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.status();
  Store& store = **opened;
  EXPECT_EQ(*store.CountDocuments(), static_cast<int64_t>(docs.size()));
  EXPECT_EQ(*store.CountQuotations(), quotations);
  absl::StatusOr<ClusterUpdate> u = UpdateQuoteClusters(store);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->clustered, quotations);
  absl::StatusOr<std::vector<StoredQuote>> all = store.FindQuotes({});
  ASSERT_TRUE(all.ok()) << all.status();
  for (const StoredQuote& q : *all) EXPECT_TRUE(q.cluster.has_value()) << q.quote.text;
  absl::StatusOr<StoryUpdate> stories = UpdateStories(store);
  ASSERT_TRUE(stories.ok()) << stories.status();
  EXPECT_EQ(stories->grouped, static_cast<int64_t>(docs.size()));
}

// A version 9 database (clusters and stems on quotations) keeps its clusters when it opens as
// version 10: the next update has nothing to cluster, and new quotations join as on a database
// that was never downgraded.
TEST(QuoteClusterUpdate, AVersionNineDatabaseKeepsItsClusters) {
  testing::TempDir dir;
  std::vector<ingest::Document> docs = testing::DemoDocuments();
  const size_t most = docs.size() - 4;
  const std::string old_path = (dir.path() / "old.db").string();
  const std::string new_path = (dir.path() / "new.db").string();
  std::vector<int64_t> before;
  for (const std::string& path : {old_path, new_path}) {
    auto opened = Store::Open(path);
    ASSERT_TRUE(opened.ok());
    Put(**opened, docs, 0, most);
    ASSERT_TRUE(UpdateQuoteClusters(**opened).ok());
    before = StoredClusterIds(DirectQuotes(**opened));
  }
  ASSERT_FALSE(before.empty());
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(old_path.c_str(), &raw), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(raw, testing::kUndoSchemaV10, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(raw);
  }
  auto migrated = Store::Open(old_path);
  ASSERT_TRUE(migrated.ok()) << migrated.status();
  EXPECT_EQ(StoredClusterIds(DirectQuotes(**migrated)), before);
  absl::StatusOr<ClusterUpdate> nothing = UpdateQuoteClusters(**migrated);
  ASSERT_TRUE(nothing.ok()) << nothing.status();
  EXPECT_EQ(nothing->clustered, 0);
  auto fresh = Store::Open(new_path);
  ASSERT_TRUE(fresh.ok());
  for (Store* store : {migrated->get(), fresh->get()}) {
    Put(*store, docs, most, docs.size());
    absl::StatusOr<ClusterUpdate> u = UpdateQuoteClusters(*store);
    ASSERT_TRUE(u.ok()) << u.status();
    EXPECT_GT(u->clustered, 0);
  }
  EXPECT_EQ(StoredClusterIds(DirectQuotes(**migrated)), StoredClusterIds(DirectQuotes(**fresh)));
}

}  // namespace
}  // namespace verbatim::store
