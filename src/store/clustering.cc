#include "store/clustering.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "cluster/quote_words.h"

namespace verbatim::store {

namespace {

// The keys each new quotation is filed under: its index keys, less those that already hold a
// twin (the same wording of the same speaker in the same cluster: QuoteClusterer::SameWording;
// the stored candidates then the new quotations were added to `clusterer`) and the
// commonplaces (full buckets, which propose nothing whatever is added). A lookup of such a key
// finds the twin, which the verifier treats as it would the new quotation, so a cluster's index
// entries (and the candidates later updates load) grow with its distinct wordings, not with its
// pickups. What stored keys hold is known for the keys looked up (`looked_up`, sorted); the
// others (a long quotation's stem pairs, filed for fragments to find) are skipped when every
// looked-up key that is not a commonplace holds a twin: the keys come from the same stems, so
// the twin is filed under them too (unless a stem became a commonplace in between). `cluster_of`
// is the cluster of each quotation in `clusterer` after this update.
std::vector<std::vector<uint64_t>> KeysToFile(const std::vector<ClusterQuote>& stored,
                                              const std::vector<cluster::QuoteClusterer::IndexKeys>& keys,
                                              const std::vector<uint64_t>& looked_up,
                                              const std::vector<KeyBucket>& buckets,
                                              const cluster::QuoteClusterer& clusterer,
                                              const std::vector<int64_t>& cluster_of) {
  absl::flat_hash_map<int64_t, int> stored_index;  // quotation id -> index in the clusterer
  for (size_t i = 0; i < stored.size(); ++i) stored_index.emplace(stored[i].id, static_cast<int>(i));
  auto twins = [&](int a, int b) {
    return cluster_of[static_cast<size_t>(a)] == cluster_of[static_cast<size_t>(b)] && clusterer.SameWording(a, b);
  };
  absl::flat_hash_map<uint64_t, std::vector<int>> holders;  // key -> quotations filed under it
  absl::flat_hash_set<uint64_t> full;
  for (const KeyBucket& b : buckets) {
    if (b.full) full.insert(b.key);
    std::vector<int>& h = holders[b.key];
    for (int64_t id : b.ids) {
      if (auto it = stored_index.find(id); it != stored_index.end()) h.push_back(it->second);
    }
  }
  std::vector<std::vector<uint64_t>> out(keys.size());
  const int offset = static_cast<int>(stored.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const int self = offset + static_cast<int>(i);
    auto twin_under = [&](uint64_t key) {
      auto it = holders.find(key);
      return it != holders.end() && std::any_of(it->second.begin(), it->second.end(),
                                                [&](int other) { return twins(other, self); });
    };
    auto known = [&](uint64_t key) { return std::binary_search(looked_up.begin(), looked_up.end(), key); };
    bool twin_everywhere = false;
    for (uint64_t key : keys[i].filed) {
      if (!known(key) || full.contains(key)) continue;
      twin_everywhere = twin_under(key);
      if (!twin_everywhere) break;
    }
    for (uint64_t key : keys[i].filed) {
      if (full.contains(key) || twin_under(key) || (twin_everywhere && !known(key))) continue;
      holders[key].push_back(self);
      out[i].push_back(key);
    }
  }
  return out;
}

// Clusters one chunk of unclustered quotations against the stored index (its own transaction).
// `clustered` is the number of clustered quotations (reported speech aside) before the chunk,
// and after it on success: counted once per update, since counting is a scan of the table.
absl::StatusOr<ClusterUpdate> UpdateChunk(Store& store, const cluster::ClustererOptions& options,
                                          std::vector<ClusterQuote>* unclustered, int64_t& clustered) {
  ClusterUpdate update;
  // Reported speech is not a wording to trace: each indirect quotation is a cluster of its own.
  std::vector<ClusterQuote> fresh_rows, indirect;
  for (ClusterQuote& q : *unclustered) (q.indirect ? indirect : fresh_rows).push_back(std::move(q));
  const std::vector<ClusterQuote>* fresh = &fresh_rows;
  update.clustered = static_cast<int64_t>(fresh->size() + indirect.size());

  // Everything read before the writes comes from one snapshot (one read lock, not one per
  // statement).
  ReadTransaction snapshot(store);
  if (!snapshot.status().ok()) return snapshot.status();

  // Commonplace stems: the stored counts plus this update's quotations.
  std::vector<std::vector<std::string>> fresh_stems;
  absl::flat_hash_map<std::string, int64_t> counts;
  for (const ClusterQuote& q : *fresh) {
    fresh_stems.push_back(cluster::ContentStemSet(q.text));
    for (const std::string& st : fresh_stems.back()) ++counts[st];
  }
  const int64_t total = clustered + static_cast<int64_t>(fresh->size());
  const int64_t limit = std::max<int64_t>(20, total / 100);
  // A stem over the limit holds more than half of it either in the store or in this update:
  // read only those, so the cost does not grow with the stored vocabulary.
  absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> frequent = store.FrequentStems(limit / 2);
  if (!frequent.ok()) return frequent.status();
  absl::flat_hash_set<std::string> common;
  for (const auto& [st, n] : *frequent) {
    auto it = counts.find(st);
    if (n + (it == counts.end() ? 0 : it->second) > limit) common.insert(st);
  }
  for (const auto& [st, n] : counts) {
    if (n <= limit / 2 || common.contains(st)) continue;
    absl::StatusOr<int64_t> held = store.StemCount(st);
    if (!held.ok()) return held.status();
    if (*held + n > limit) common.insert(st);
  }

  cluster::QuoteClusterer clusterer(options);
  clusterer.SetCommonStems(std::move(common));
  std::vector<cluster::QuoteClusterer::IndexKeys> keys;
  std::vector<uint64_t> looked_up;
  for (const ClusterQuote& q : *fresh) {
    keys.push_back(clusterer.KeysOf(q.text));
    looked_up.insert(looked_up.end(), keys.back().looked_up.begin(), keys.back().looked_up.end());
  }
  std::sort(looked_up.begin(), looked_up.end());
  looked_up.erase(std::unique(looked_up.begin(), looked_up.end()), looked_up.end());
  std::vector<KeyBucket> buckets;
  absl::StatusOr<std::vector<ClusterQuote>> candidates = store.QuotationsFiledUnder(looked_up, options.max_bucket, &buckets);
  if (!candidates.ok()) return candidates.status();
  update.loaded = static_cast<int64_t>(candidates->size());
  if (absl::Status s = snapshot.End(); !s.ok()) return s;

  // Stored candidates first (in id order), then the new quotations (in id order).
  std::vector<const ClusterQuote*> all;
  for (const ClusterQuote& q : *candidates) all.push_back(&q);
  for (const ClusterQuote& q : *fresh) all.push_back(&q);
  for (const ClusterQuote* q : all) clusterer.Add(q->text, q->doc, q->speaker.value_or(""));

  // Each component's cluster: the lowest of its stored cluster ids and its new quotation ids.
  std::map<int, int64_t> target;                 // component root -> cluster id
  std::map<int, std::set<int64_t>> stored_ids;   // component root -> stored clusters in it
  for (size_t i = 0; i < all.size(); ++i) {
    int root = clusterer.ClusterOf(static_cast<int>(i));
    int64_t id = all[i]->cluster.value_or(all[i]->id);
    auto [it, inserted] = target.emplace(root, id);
    if (!inserted) it->second = std::min(it->second, id);
    if (all[i]->cluster) stored_ids[root].insert(*all[i]->cluster);
  }
  std::vector<int64_t> cluster_of(all.size());
  for (size_t i = 0; i < all.size(); ++i) cluster_of[i] = target[clusterer.ClusterOf(static_cast<int>(i))];
  const std::vector<std::vector<uint64_t>> to_file = KeysToFile(*candidates, keys, looked_up, buckets, clusterer, cluster_of);
  if (absl::Status s = store.BeginBatch(Store::Writes::kBulk); !s.ok()) return s;
  auto write = [&]() -> absl::Status {
    for (const auto& [root, ids] : stored_ids) {
      for (int64_t from : ids) {
        if (from == target[root]) continue;
        if (absl::Status s = store.MergeQuoteClusters(from, target[root]); !s.ok()) return s;
        ++update.merges;
      }
    }
    for (const ClusterQuote& q : indirect) {
      if (absl::Status s = store.FileQuotation(q.id, q.id, {}, {}); !s.ok()) return s;
    }
    const size_t offset = candidates->size();
    for (size_t i = 0; i < fresh->size(); ++i) {
      int root = clusterer.ClusterOf(static_cast<int>(offset + i));
      absl::Status s = store.FileQuotation((*fresh)[i].id, target[root], fresh_stems[i], to_file[i]);
      if (!s.ok()) return s;
      update.keys_filed += static_cast<int64_t>(to_file[i].size());
    }
    // One count update per stem, in stem order (the pages of quote_stems in order).
    std::vector<std::pair<std::string, int64_t>> sorted_counts(counts.begin(), counts.end());
    std::sort(sorted_counts.begin(), sorted_counts.end());
    return store.AddStemCounts(sorted_counts);
  };
  if (absl::Status s = write(); !s.ok()) {
    (void)store.RollbackBatch();
    return s;
  }
  if (absl::Status s = store.CommitBatch(); !s.ok()) return s;
  clustered = total;
  return update;
}

}  // namespace

absl::StatusOr<ClusterUpdate> UpdateQuoteClusters(Store& store, const cluster::ClustererOptions& options, int64_t chunk_size) {
  ClusterUpdate total;
  absl::StatusOr<int64_t> clustered = store.CountClusteredQuotations();
  if (!clustered.ok()) return clustered.status();
  while (true) {
    absl::StatusOr<std::vector<ClusterQuote>> chunk = store.UnclusteredQuotations(chunk_size);
    if (!chunk.ok()) return chunk.status();
    if (chunk->empty()) return total;
    absl::StatusOr<ClusterUpdate> u = UpdateChunk(store, options, &*chunk, *clustered);
    if (!u.ok()) return u.status();
    total.clustered += u->clustered;
    total.loaded += u->loaded;
    total.merges += u->merges;
    total.keys_filed += u->keys_filed;
  }
}

}  // namespace verbatim::store
