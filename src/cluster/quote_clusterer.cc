#include "cluster/quote_clusterer.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/container/flat_hash_set.h"
#include "cluster/quote_words.h"

namespace verbatim::cluster {
namespace {

// 64-bit FNV-1a then a SplitMix64 finaliser: stable across runs and platforms.
uint64_t HashString(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

std::vector<std::string> SortedUnique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// How many elements two sorted, de-duplicated vectors share.
template <typename T>
size_t SharedSorted(const std::vector<T>& a, const std::vector<T>& b) {
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) ++shared, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return shared;
}

}  // namespace

size_t SharedStems(const std::vector<std::string>& a, const std::vector<std::string>& b) { return SharedSorted(a, b); }

namespace {

// The verifier on counts: `shared` stems in common between sets of `a` and `b` stems.
Match CompareSizes(size_t shared, size_t a, size_t b, const ClustererOptions& o, bool same_speaker) {
  // A two-word fragment of one speaker's quotation ("calm heads") joins it whole.
  if (same_speaker && shared == 2 && std::min(a, b) == 2) return Match::kContained;
  if (shared < static_cast<size_t>(o.min_shared)) return Match::kNone;
  double containment = static_cast<double>(shared) / static_cast<double>(std::min(a, b));
  double jaccard = static_cast<double>(shared) / static_cast<double>(a + b - shared);
  if (shared < static_cast<size_t>(o.min_shared_partial)) {
    // Few shared stems are chance ("United States" and one more word are in many quotations)
    // unless the two differ by at most one stem each (a word changed: "the Russian court" /
    // "the Ukrainian court"), or the smaller lies wholly inside the other, as a fragment.
    if (std::max(a, b) <= shared + 1) return Match::kSimilar;
    return containment >= 1.0 ? Match::kContained : Match::kNone;
  }
  if (jaccard >= o.min_jaccard) return Match::kSimilar;
  return containment >= o.min_containment ? Match::kContained : Match::kNone;
}

}  // namespace

Match Compare(const std::vector<std::string>& a, const std::vector<std::string>& b,
              const ClustererOptions& o, bool same_speaker) {
  return CompareSizes(SharedStems(a, b), a.size(), b.size(), o, same_speaker);
}

bool SameUtterance(const std::vector<std::string>& a, const std::vector<std::string>& b,
                   const ClustererOptions& o, bool same_speaker) {
  return Compare(a, b, o, same_speaker) != Match::kNone;
}

QuoteClusterer::QuoteClusterer(ClustererOptions options) : options_(options) {
  for (int i = 0; i < options_.num_hashes; ++i) seeds_.push_back(Mix(static_cast<uint64_t>(i) + 1));
}

std::vector<uint64_t> QuoteClusterer::BandKeys(const std::vector<std::string>& ordered) const {
  std::vector<uint64_t> hashes;
  hashes.reserve(ordered.size());
  for (const std::string& s : ordered) hashes.push_back(HashString(s));
  const int rows = options_.num_hashes / options_.bands;
  const size_t window = static_cast<size_t>(options_.window);
  const size_t stride = std::max<size_t>(1, window / 2);
  std::vector<uint64_t> keys;
  for (size_t start = 0;; start += stride) {
    size_t end = std::min(hashes.size(), start + window);
    std::vector<uint64_t> sig(static_cast<size_t>(options_.num_hashes), std::numeric_limits<uint64_t>::max());
    for (size_t k = start; k < end; ++k) {
      for (int h = 0; h < options_.num_hashes; ++h) sig[h] = std::min(sig[h], Mix(hashes[k] ^ seeds_[h]));
    }
    for (int band = 0; band < options_.bands; ++band) {
      uint64_t key = Mix(static_cast<uint64_t>(band) * 0x100000001b3ull);
      for (int r = 0; r < rows; ++r) key = Mix(key ^ sig[band * rows + r]);
      keys.push_back(key);
    }
    if (end >= hashes.size()) break;
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::vector<uint64_t> QuoteClusterer::PairKeys(const std::vector<std::string>& ordered) const {
  std::vector<uint64_t> keys;
  for (size_t k = 0; k + 1 < ordered.size(); ++k) {
    uint64_t a = HashString(ordered[k]), b = HashString(ordered[k + 1]);
    if (b < a) std::swap(a, b);
    keys.push_back(Mix(Mix(a ^ 0x5bd1e995ull) ^ b));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

// Whether the stems quotation `small` shares with `large` sit together in `large`: some window
// of large's stem sequence, at most fragment_span * |small| + fragment_slack long, holds as many
// of them as the verifier needs. A fragment cut from a quotation passes; a short quotation whose
// few stems are scattered over a long speech does not.
bool QuoteClusterer::Local(int small, int large) const {
  if (options_.fragment_span <= 0) return true;
  const std::vector<uint32_t>& s = stems_[small];
  const std::vector<uint32_t>& l = stems_[large];
  const std::vector<uint32_t>& seq = order_[large];
  std::vector<char> in_small(l.size(), 0);
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < s.size() && j < l.size();) {
    if (s[i] == l[j]) in_small[j] = 1, ++shared, ++i, ++j;
    else if (s[i] < l[j]) ++i;
    else ++j;
  }
  size_t needed = std::max<size_t>(std::min<size_t>(shared, static_cast<size_t>(options_.min_shared)),
                                   static_cast<size_t>(std::ceil(options_.min_containment * static_cast<double>(s.size()) - 1e-9)));
  needed = std::min(needed, shared);
  if (needed == 0) return true;
  const size_t limit = static_cast<size_t>(options_.fragment_span * static_cast<double>(s.size())) +
                       static_cast<size_t>(std::max(0, options_.fragment_slack));
  // Smallest window of seq holding `needed` distinct shared stems (two pointers).
  std::vector<uint32_t> count(l.size(), 0);
  size_t distinct = 0;
  for (size_t lo = 0, hi = 0; hi < seq.size(); ++hi) {
    uint32_t k = seq[hi];
    if (!in_small[k]) continue;
    if (count[k]++ == 0) ++distinct;
    while (distinct >= needed) {
      if (hi - lo + 1 <= limit) return true;
      uint32_t g = seq[lo++];
      if (in_small[g] && --count[g] == 0) --distinct;
    }
  }
  return false;
}

int QuoteClusterer::Find(int i) {
  while (parent_[i] != i) {
    parent_[i] = parent_[parent_[i]];
    i = parent_[i];
  }
  return i;
}

void QuoteClusterer::Union(int a, int b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  if (b < a) std::swap(a, b);
  parent_[b] = a;  // the smaller index is the root: a cluster is named by its first member
  largest_[a] = std::max(largest_[a], largest_[b]);
}

std::vector<std::string> QuoteClusterer::OrderedStems(std::string_view text) const {
  std::vector<std::string> ordered = ContentStems(text);
  if (!common_.empty()) {
    ordered.erase(std::remove_if(ordered.begin(), ordered.end(),
                                 [&](const std::string& st) { return common_.contains(st); }),
                  ordered.end());
  }
  return ordered;
}

QuoteClusterer::IndexKeys QuoteClusterer::KeysOf(std::string_view text) const {
  std::vector<std::string> ordered = OrderedStems(text);
  IndexKeys keys;
  if (SortedUnique(ordered).size() < 2) return keys;
  keys.filed = BandKeys(ordered);
  keys.looked_up = keys.filed;
  // As in Add: fragments look adjacent pairs up, longer quotations are filed under them.
  std::vector<uint64_t> pairs = PairKeys(ordered);
  auto& target = SortedUnique(ordered).size() <= 3 ? keys.looked_up : keys.filed;
  target.insert(target.end(), pairs.begin(), pairs.end());
  return keys;
}

bool QuoteClusterer::SameWording(int a, int b) const {
  const auto ua = static_cast<size_t>(a), ub = static_cast<size_t>(b);
  return order_[ua] == order_[ub] && stems_[ua] == stems_[ub] && doc_speaker_[ua].second == doc_speaker_[ub].second;
}

int QuoteClusterer::Add(std::string_view text, std::string_view doc, std::string_view speaker) {
  std::vector<std::string> ordered = OrderedStems(text);
  int id = static_cast<int>(stems_.size());
  // Stems as ids of this clusterer's dictionary: the sets are compared as integers.
  std::vector<uint32_t> ordered_ids;
  ordered_ids.reserve(ordered.size());
  for (const std::string& st : ordered) {
    ordered_ids.push_back(stem_ids_.try_emplace(st, static_cast<uint32_t>(stem_ids_.size())).first->second);
  }
  std::vector<uint32_t>& set = stems_.emplace_back(ordered_ids);
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  std::vector<uint32_t>& seq = order_.emplace_back();  // the text order, for Local
  seq.reserve(ordered_ids.size());
  for (uint32_t st : ordered_ids) {
    seq.push_back(static_cast<uint32_t>(std::lower_bound(set.begin(), set.end(), st) - set.begin()));
  }
  parent_.push_back(id);
  largest_.push_back(stems_.back().size());
  doc_speaker_.emplace_back(std::string(doc), std::string(speaker));
  const size_t size = stems_.back().size();
  if (size < 2) return id;
  // The same content words again (a copy, or a reordering): it joins the first such quotation
  // at once, and stays out of the index, which would only fill with copies.
  uint64_t set_key = 0x84222325ull;
  for (uint32_t st : stems_.back()) set_key = Mix(set_key ^ st);
  const auto& [d0, s0] = doc_speaker_.back();
  auto [first, inserted] = exact_.try_emplace(set_key, id);
  if (!inserted) {
    const auto& [d1, s1] = doc_speaker_[first->second];
    bool vetoed = !d0.empty() && d0 == d1 && !s0.empty() && !s1.empty() && s0 != s1;
    if (!vetoed && stems_[first->second] == stems_.back()) {
      ++candidates_checked_;
      Union(id, first->second);
      return id;
    }
  }
  absl::flat_hash_set<int> candidate_set;
  if (options_.exhaustive) {
    // The reference: every earlier quotation is a candidate.
    for (int other = 0; other < id; ++other) candidate_set.insert(other);
  }
  for (uint64_t key : BandKeys(ordered)) {
    std::vector<int>& bucket = buckets_[key];
    // A bucket this full holds a commonplace, not a variant: it proposes nothing more.
    if (bucket.size() >= static_cast<size_t>(options_.max_bucket)) continue;
    candidate_set.insert(bucket.begin(), bucket.end());
    bucket.push_back(id);
  }
  // Adjacent stem pairs: long quotations are filed under them, short fragments ("calm heads",
  // "cruellest tax") look their source up by them. Only fragments query, so common pairs
  // ("prime minister") do not flood long quotations with candidates.
  const bool fragment = size <= 3;
  for (uint64_t key : PairKeys(ordered)) {
    if (fragment) {
      auto it = pair_buckets_.find(key);
      if (it != pair_buckets_.end()) candidate_set.insert(it->second.begin(), it->second.end());
    } else {
      std::vector<int>& bucket = pair_buckets_[key];
      if (bucket.size() < static_cast<size_t>(options_.max_bucket)) bucket.push_back(id);
    }
  }
  // Strongest candidates first, so that a fragment joins its best source.
  std::vector<std::pair<size_t, int>> candidates;
  for (int other : candidate_set) candidates.emplace_back(SharedSorted(stems_[id], stems_[other]), other);
  std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  for (auto [shared, other] : candidates) {
    ++candidates_checked_;
    if (Find(other) == Find(id)) continue;
    const auto& [d1, s1] = doc_speaker_[id];
    const auto& [d2, s2] = doc_speaker_[other];
    if (!d1.empty() && d1 == d2 && !s1.empty() && !s2.empty() && s1 != s2) continue;
    bool same_speaker = !s1.empty() && s1 == s2;
    Match m = CompareSizes(shared, stems_[id].size(), stems_[other].size(), options_, same_speaker);
    if (m == Match::kNone) continue;
    if (m == Match::kContained) {
      // A fragment joins the quotation that contains it, but never bridges two clusters of
      // longer quotations: its own cluster must hold nothing longer than itself.
      // (A fragment of the same named speaker may: it is their words either way.)
      int small = stems_[id].size() <= stems_[other].size() ? id : other;
      if (!same_speaker && largest_[Find(small)] > stems_[small].size()) continue;
      if (!Local(small, small == id ? other : id)) continue;
    }
    Union(id, other);
  }
  return id;
}

int QuoteClusterer::ClusterOf(int i) { return Find(i); }

}  // namespace verbatim::cluster
