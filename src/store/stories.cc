#include "store/stories.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "cluster/article_similarity.h"

namespace verbatim::store {
namespace {

int Find(std::vector<int>& parent, int i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

// For each of `n` items, the first item equal to it (itself for most): items are bucketed by
// `hash` and compared with `equal` only within a bucket.
template <typename Hash, typename Equal>
std::vector<size_t> FirstOfEach(size_t n, Hash hash, Equal equal) {
  std::vector<size_t> first(n);
  absl::flat_hash_map<size_t, std::vector<size_t>> firsts;  // hash -> the first item of each class
  for (size_t i = 0; i < n; ++i) {
    std::vector<size_t>& same_hash = firsts[hash(i)];
    auto found = std::find_if(same_hash.begin(), same_hash.end(), [&](size_t j) { return equal(i, j); });
    first[i] = found == same_hash.end() ? i : *found;
    if (found == same_hash.end()) same_hash.push_back(i);
  }
  return first;
}

// Groups `fresh` (documents without a story, or with `restarted` every document) against the
// stored index, in its own transaction. With `restarted`, the frequencies are counted afresh
// from `fresh` and written with the groups.
absl::StatusOr<StoryUpdate> GroupArticles(Store& store, const cluster::StoryOptions& options, bool restarted,
                                          std::vector<StoryArticle> fresh, const int64_t* documents,
                                          const StoryFrequencies* frequencies) {
  StoryUpdate update;
  update.restarted = restarted;
  if (fresh.empty()) return update;
  update.grouped = static_cast<int64_t>(fresh.size());
  // Everything read before the writes comes from one snapshot (one read lock, not one per
  // statement).
  ReadTransaction snapshot(store);
  if (!snapshot.status().ok()) return snapshot.status();
  // Publication order (undated last), as BuildStories takes its input.
  std::stable_sort(fresh.begin(), fresh.end(), [](const StoryArticle& a, const StoryArticle& b) {
    return a.published.value_or("9999") < b.published.value_or("9999");
  });

  // Each article's text is read (stemmed, counted) once per pass that needs it: the new
  // documents twice (their terms' frequencies, then their vectors), each stored candidate once;
  // and copies (the same title and text) count the same terms, so among the new documents only
  // the first of each copy class is read, standing for its copies.
  const std::vector<size_t> copy_of = FirstOfEach(
      fresh.size(), [&](size_t i) { return absl::HashOf(fresh[i].title, fresh[i].text); },
      [&](size_t i, size_t j) { return fresh[i].title == fresh[j].title && fresh[i].text == fresh[j].text; });
  std::vector<int> class_size(fresh.size(), 0), class_uncounted(fresh.size(), 0);
  for (size_t i = 0; i < fresh.size(); ++i) {
    ++class_size[copy_of[i]];
    if (!fresh[i].terms_counted) ++class_uncounted[copy_of[i]];
  }
  cluster::ArticleSimilarity sim;
  absl::flat_hash_map<std::string, int> batch;
  int64_t newly_counted = 0;
  if (update.restarted) {
    for (size_t i = 0; i < fresh.size(); ++i) {
      fresh[i].story.reset();  // grouped afresh
      if (copy_of[i] != i) continue;
      for (auto& [t, n] : cluster::ArticleSimilarity::Count(fresh[i].title, fresh[i].text)) {
        batch[std::move(t)] += class_size[i];
      }
    }
    sim.SetCollection(fresh.size(), batch);
  } else {
    // The stored frequencies plus the documents counted for the first time now (each new
    // document's terms read once).
    absl::flat_hash_set<std::string> terms;
    for (size_t i = 0; i < fresh.size(); ++i) {
      if (copy_of[i] != i) continue;
      cluster::ArticleSimilarity::Counts counts = cluster::ArticleSimilarity::Count(fresh[i].title, fresh[i].text);
      newly_counted += class_uncounted[i];
      if (class_uncounted[i] > 0) {
        for (const auto& [t, n] : counts) batch[t] += class_uncounted[i];
      }
      for (auto& [t, n] : counts) terms.insert(std::move(t));
    }
    absl::flat_hash_map<std::string, int> df;
    for (const std::string& t : terms) {
      absl::StatusOr<int64_t> n = store.TermDocuments(t);
      if (!n.ok()) return n.status();
      auto it = batch.find(t);
      df.emplace(t, static_cast<int>(*n) + (it == batch.end() ? 0 : it->second));
    }
    sim.SetCollection(static_cast<size_t>(frequencies->documents + newly_counted), std::move(df));
  }
  // The new documents' vectors and top terms (a copy's are its first's). A stored candidate's
  // terms added to the collection later leave these weights alone (each term's frequency is
  // set once).
  cluster::TermIds term_ids;
  std::vector<cluster::SparseVector> fresh_vectors;
  std::vector<std::vector<std::string>> top;
  for (size_t i = 0; i < fresh.size(); ++i) {
    if (copy_of[i] != i) {
      top.push_back(top[copy_of[i]]);
      fresh_vectors.push_back(fresh_vectors[copy_of[i]]);
      continue;
    }
    cluster::ArticleSimilarity::Vector v = sim.Weigh(cluster::ArticleSimilarity::Count(fresh[i].title, fresh[i].text));
    top.push_back(cluster::ArticleSimilarity::TopTerms(v, static_cast<size_t>(options.top_terms)));
    fresh_vectors.push_back(term_ids.Intern(v));
  }

  // The first new document with the same title, text and day as each (itself for most): a
  // copy has the same vector, top terms and stored candidates as its first.
  std::vector<std::optional<int64_t>> fresh_days;
  for (const StoryArticle& a : fresh) fresh_days.push_back(cluster::StoryDay(a.published));
  const std::vector<size_t> fresh_first = FirstOfEach(
      fresh.size(), [&](size_t i) { return absl::HashOf(copy_of[i], fresh_days[i]); },
      [&](size_t i, size_t j) { return copy_of[i] == copy_of[j] && fresh_days[i] == fresh_days[j]; });

  // Stored candidates of each new document, each read and weighed once (in the order first
  // proposed), their terms weighed by the same frequencies.
  std::vector<StoryArticle> stored;
  std::vector<cluster::SparseVector> vectors;  // per node: stored candidates first, then the new documents
  absl::flat_hash_map<int64_t, int> stored_index;  // document id -> index in `stored`
  std::vector<std::vector<int>> stored_candidates(fresh.size());
  std::vector<std::vector<std::vector<int64_t>>> proposed_by(fresh.size());  // per new document, per top term
  for (size_t i = 0; i < fresh.size() && !update.restarted; ++i) {
    if (fresh_first[i] != i) {
      stored_candidates[i] = stored_candidates[fresh_first[i]];
      proposed_by[i] = proposed_by[fresh_first[i]];
      continue;
    }
    absl::StatusOr<std::vector<int64_t>> found = store.DocumentsFiledUnder(
        top[i], cluster::StoryDay(fresh[i].published), options.max_days_apart, kStoryMaxBucket, &proposed_by[i]);
    if (!found.ok()) return found.status();
    std::vector<int64_t> unread;
    for (int64_t id : *found) {
      if (!stored_index.contains(id)) unread.push_back(id);
    }
    absl::StatusOr<std::vector<StoryArticle>> read = store.ArticlesByIds(unread);
    if (!read.ok()) return read.status();
    for (StoryArticle& a : *read) {
      cluster::ArticleSimilarity::Counts counts = cluster::ArticleSimilarity::Count(a.title, a.text);
      for (const auto& [t, n] : counts) {
        if (sim.HasFrequency(t)) continue;
        absl::StatusOr<int64_t> stored_df = store.TermDocuments(t);
        if (!stored_df.ok()) return stored_df.status();
        auto it = batch.find(t);
        sim.SetFrequency(t, static_cast<int>(*stored_df) + (it == batch.end() ? 0 : it->second));
      }
      vectors.push_back(term_ids.Intern(sim.Weigh(counts)));
      stored_index.emplace(a.id, static_cast<int>(stored.size()));
      stored.push_back(std::move(a));
    }
    for (int64_t id : *found) {
      auto it = stored_index.find(id);
      if (it != stored_index.end()) stored_candidates[i].push_back(it->second);
    }
  }
  update.loaded = static_cast<int64_t>(stored.size());

  // Nodes: stored candidates first, then the new documents.
  const int offset = static_cast<int>(stored.size());
  std::vector<std::optional<int64_t>> days;
  for (const StoryArticle& a : stored) days.push_back(cluster::StoryDay(a.published));
  days.insert(days.end(), fresh_days.begin(), fresh_days.end());
  for (cluster::SparseVector& v : fresh_vectors) vectors.push_back(std::move(v));
  std::vector<int> parent(stored.size() + fresh.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = static_cast<int>(i);
  auto join = [&](int a, int b) {
    a = Find(parent, a);
    b = Find(parent, b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  };
  auto article = [&](int node) -> const StoryArticle& {
    return node < offset ? stored[static_cast<size_t>(node)] : fresh[static_cast<size_t>(node - offset)];
  };
  // Copy classes: nodes with the same title and text share the class of the first of them.
  const std::vector<size_t> text_class = FirstOfEach(
      parent.size(),
      [&](size_t n) { return absl::HashOf(article(static_cast<int>(n)).title, article(static_cast<int>(n)).text); },
      [&](size_t n, size_t m) {
        const StoryArticle& a = article(static_cast<int>(n));
        const StoryArticle& b = article(static_cast<int>(m));
        return a.title == b.title && a.text == b.text;
      });
  auto joins = [&](int a, int b) {
    return cluster::JoinsStory(sim, vectors[static_cast<size_t>(a)], vectors[static_cast<size_t>(b)],
                               days[static_cast<size_t>(a)], days[static_cast<size_t>(b)], options);
  };
  // As BuildStories: each new document against its stored candidates and the new documents
  // before it that share a top term. A copy of an earlier new document (same title, text and
  // day: the same vector, top terms and stored candidates) only meets that document: every
  // other pair it could form was decided with the first copy. Pairs more than max_days_apart
  // apart are passed over before they are weighed.
  absl::flat_hash_map<std::string, std::vector<int>> by_term;
  for (size_t i = 0; i < fresh.size(); ++i) {
    const int node = offset + static_cast<int>(i);
    if (fresh_first[i] != i) {
      const int first = offset + static_cast<int>(fresh_first[i]);
      if (joins(node, first)) join(node, first);
      continue;
    }
    const std::optional<int64_t>& day = days[static_cast<size_t>(node)];
    auto near = [&](int other) {
      const std::optional<int64_t>& d = days[static_cast<size_t>(other)];
      return !day || !d || std::abs(*day - *d) <= options.max_days_apart;
    };
    absl::flat_hash_set<int> candidates;
    for (int other : stored_candidates[i]) {
      if (near(other)) candidates.insert(other);
    }
    for (const std::string& term : top[i]) {
      std::vector<int>& list = by_term[term];
      for (int other : list) {
        if (near(other)) candidates.insert(other);
      }
      list.push_back(node);
    }
    for (int other : candidates) {
      if (joins(node, other)) join(node, other);
    }
  }

  // Each component's story: the lowest of its stored story ids and its new document ids.
  std::map<int, int64_t> target;
  std::map<int, std::set<int64_t>> stored_stories;
  for (int node = 0; node < static_cast<int>(parent.size()); ++node) {
    const StoryArticle& a = article(node);
    int root = Find(parent, node);
    int64_t id = a.story.value_or(a.id);
    auto [it, inserted] = target.emplace(root, id);
    if (!inserted) it->second = std::min(it->second, id);
    if (a.story) stored_stories[root].insert(*a.story);
  }
  // Terms to file each new document under: its top terms, less those already holding a copy
  // (same title and text, same day, same story after this update). A later lookup finds the
  // copy, which JoinsStory treats exactly as it would this document, so the index and the
  // candidates later chunks load grow with the distinct articles, not with their pickups.
  std::vector<int64_t> story_of(parent.size());
  for (int node = 0; node < static_cast<int>(parent.size()); ++node) {
    story_of[static_cast<size_t>(node)] = target[Find(parent, node)];
  }
  auto copies = [&](int a, int b) {
    const auto ua = static_cast<size_t>(a), ub = static_cast<size_t>(b);
    return story_of[ua] == story_of[ub] && days[ua] == days[ub] && text_class[ua] == text_class[ub];
  };
  std::vector<std::vector<std::string>> to_file(fresh.size());
  absl::flat_hash_map<std::string, std::vector<int>> filed_now;  // term -> new documents filed under it
  for (size_t i = 0; i < fresh.size(); ++i) {
    const int node = offset + static_cast<int>(i);
    for (size_t t = 0; t < top[i].size(); ++t) {
      bool held = false;
      if (t < proposed_by[i].size()) {
        for (int64_t id : proposed_by[i][t]) {
          auto it = stored_index.find(id);
          if (it != stored_index.end() && copies(it->second, node)) {
            held = true;
            break;
          }
        }
      }
      std::vector<int>& now = filed_now[top[i][t]];
      if (!held) held = std::any_of(now.begin(), now.end(), [&](int other) { return copies(other, node); });
      if (held) continue;
      now.push_back(node);
      to_file[i].push_back(top[i][t]);
    }
  }

  if (absl::Status s = snapshot.End(); !s.ok()) return s;
  if (absl::Status s = store.BeginBatch(Store::Writes::kBulk); !s.ok()) return s;
  auto write = [&]() -> absl::Status {
    if (update.restarted) {
      std::vector<std::pair<std::string, int64_t>> counts(batch.begin(), batch.end());
      if (absl::Status s = store.RestartStories(*documents, counts); !s.ok()) return s;
    }
    for (const auto& [root, ids] : stored_stories) {
      for (int64_t from : ids) {
        if (from == target[root]) continue;
        if (absl::Status s = store.MergeStories(from, target[root]); !s.ok()) return s;
        ++update.merges;
      }
    }
    for (size_t i = 0; i < fresh.size(); ++i) {
      int root = Find(parent, offset + static_cast<int>(i));
      if (absl::Status s = store.FileArticle(fresh[i].id, target[root], to_file[i], days[static_cast<size_t>(offset) + i]); !s.ok()) return s;
      update.terms_filed += static_cast<int64_t>(to_file[i].size());
    }
    if (update.restarted) return absl::OkStatus();
    std::vector<std::pair<std::string, int64_t>> delta(batch.begin(), batch.end());
    std::sort(delta.begin(), delta.end());  // term_documents' pages in order
    return store.AddTermDocuments(delta, newly_counted);
  };
  if (absl::Status s = write(); !s.ok()) {
    (void)store.RollbackBatch();
    return s;
  }
  if (absl::Status s = store.CommitBatch(); !s.ok()) return s;
  return update;
}

}  // namespace

absl::StatusOr<StoryUpdate> UpdateStories(Store& store, const cluster::StoryOptions& options, int64_t chunk_size) {
  StoryUpdate total;
  absl::StatusOr<int64_t> documents = store.CountDocuments();
  if (!documents.ok()) return documents.status();
  absl::StatusOr<StoryFrequencies> frequencies = store.Frequencies();
  if (!frequencies.ok()) return frequencies.status();
  // Every story grouped again, with frequencies counted afresh, when the collection has doubled
  // (or halved) since the last full regrouping.
  const int64_t last = frequencies->regrouped_at;
  total.restarted = last == 0 || *documents >= 2 * last || 2 * *documents <= last;
  if (total.restarted && *documents <= chunk_size) {
    // A small collection: every document grouped at once, in memory.
    absl::StatusOr<std::vector<StoryArticle>> all = store.ArticlesWithoutStory(true);
    if (!all.ok()) return all.status();
    return GroupArticles(store, options, true, *std::move(all), &*documents, &*frequencies);
  }
  if (total.restarted) {
    // A large one: the frequencies counted in one pass that holds one article at a time, every
    // document taken out of its story, then grouped again chunk by chunk below.
    absl::flat_hash_map<std::string, int64_t> counts;
    absl::Status scanned = store.ForEachArticleText([&](std::string_view title, std::string_view text) {
      for (std::string& t : cluster::ArticleSimilarity::DistinctTerms(title, text)) {
        ++counts[std::move(t)];
      }
    });
    if (!scanned.ok()) return scanned;
    if (absl::Status s = store.BeginBatch(Store::Writes::kBulk); !s.ok()) return s;
    std::vector<std::pair<std::string, int64_t>> list(counts.begin(), counts.end());
    if (absl::Status s = store.RestartStories(*documents, list); !s.ok()) {
      (void)store.RollbackBatch();
      return s;
    }
    if (absl::Status s = store.CommitBatch(); !s.ok()) return s;
    frequencies = store.Frequencies();
    if (!frequencies.ok()) return frequencies.status();
  }
  while (true) {
    absl::StatusOr<std::vector<StoryArticle>> chunk = store.ArticlesWithoutStory(false, chunk_size);
    if (!chunk.ok()) return chunk.status();
    if (chunk->empty()) return total;
    absl::StatusOr<StoryFrequencies> now = store.Frequencies();
    if (!now.ok()) return now.status();
    absl::StatusOr<StoryUpdate> u = GroupArticles(store, options, false, *std::move(chunk), &*documents, &*now);
    if (!u.ok()) return u.status();
    total.grouped += u->grouped;
    total.loaded += u->loaded;
    total.terms_filed += u->terms_filed;
    total.merges += u->merges;
  }
}

}  // namespace verbatim::store
