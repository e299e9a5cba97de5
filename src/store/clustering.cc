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
  absl::StatusOr<std::vector<ClusterQuote>> candidates = store.QuotationsFiledUnder(looked_up, options.max_bucket);
  if (!candidates.ok()) return candidates.status();
  update.loaded = static_cast<int64_t>(candidates->size());

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
  if (absl::Status s = store.BeginBatch(); !s.ok()) return s;
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
      absl::Status s = store.FileQuotation((*fresh)[i].id, target[root], fresh_stems[i], keys[i].filed);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
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
  }
}

}  // namespace verbatim::store
