#include "store/stories.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

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

}  // namespace
}  // namespace verbatim::store
