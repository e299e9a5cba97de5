// QuoteClusterer: groups the variants of one utterance, incrementally.
//
//   QuoteClusterer clusterer;                       // default options
//   int c1 = clusterer.Add("the ball is clearly in the Russian court");
//   int c2 = clusterer.Add("The ball clearly is in the court of the Russians");  // c2 == c1
//
// Candidates come from MinHash LSH over the quotation's content stems (quote_words.h): one
// signature per window of `window` stems (stride window/2), so a short partial quote finds the
// long quotation that contains it, and the index grows with the number of quotations, not with
// the number of pairs. A candidate joins when the verifier agrees:
//   shared stems >= min_shared and (shared / smaller set >= min_containment
//                                   or shared / union >= min_jaccard),
// or, for the same speaker, a two-stem fragment wholly inside the other. Adjacent stem pairs
// are exact keys of the index too, so such fragments find their source.
// Clusters are the connected components of verified pairs (union-find), so adding quotations
// never needs a recomputation. A fragment (a containment match, not a Jaccard one) joins the
// quotation it was cut from but never bridges two clusters of longer quotations (MemeTracker's
// rule: a short phrase belongs to one root), so common fragments do not chain utterances;
// and a fragment must be local: the stems it shares with the longer quotation lie together in
// it (within fragment_span * its stems + fragment_slack of the longer one's stem sequence), so
// a long speech does not collect every short quotation whose few stems are scattered over it.
//
// Options (defaults in brackets):
//   num_hashes [32]  bands [16] (rows = num_hashes / bands = 2)
//   window [8]       min_shared [3]   min_containment [0.75]   min_jaccard [0.5]
//   min_shared_partial [4]   max_bucket [256]   fragment_span [1.5]   fragment_slack [2]
//
// Not thread-safe (it is an index being built); Similarity is a pure function.
#ifndef VERBATIM_CLUSTER_QUOTE_CLUSTERER_H_
#define VERBATIM_CLUSTER_QUOTE_CLUSTERER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"

namespace verbatim::cluster {

struct ClustererOptions {
  int num_hashes = 32;
  int bands = 16;
  int window = 8;
  int min_shared = 3;
  double min_containment = 0.75;
  double min_jaccard = 0.5;
  // Fewer shared stems than this join only when they are all of the smaller quotation.
  int min_shared_partial = 4;
  // Every earlier quotation is a candidate (quadratic): the brute-force reference that tests
  // check the LSH index against.
  bool exhaustive = false;
  // An index bucket stops growing at this size: what thousands of quotations share is a
  // commonplace, and comparing with all of them would make adding quadratic.
  int max_bucket = 256;
  // A fragment is a contiguous piece of the longer quotation: the stems it shares with it must
  // lie within a window of the longer one's stem sequence of at most
  // fragment_span * (stems of the fragment) + fragment_slack stems. <= 0 turns the check off.
  double fragment_span = 1.5;
  int fragment_slack = 2;
};

// How two stem sets relate: alike as wholes (Jaccard), or one a fragment of the other.
enum class Match { kNone, kSimilar, kContained };
size_t SharedStems(const std::vector<std::string>& a, const std::vector<std::string>& b);
Match Compare(const std::vector<std::string>& a, const std::vector<std::string>& b,
              const ClustererOptions& options, bool same_speaker = false);

// The verifier's decision for two sorted, de-duplicated stem sets. With `same_speaker`, a
// quotation of exactly two content stems also joins one that contains both.
bool SameUtterance(const std::vector<std::string>& a, const std::vector<std::string>& b,
                   const ClustererOptions& options, bool same_speaker = false);

class QuoteClusterer {
 public:
  explicit QuoteClusterer(ClustererOptions options = {});

  // Adds a quotation; returns its index (0, 1, ...). Quotations with fewer than min_shared
  // content stems stay alone. `doc` and `speaker` (optional) veto one join: within one article,
  // two quotations given to different speakers are different utterances even when one
  // contains the other (a quotation and the one nested in it).
  int Add(std::string_view text, std::string_view doc = {}, std::string_view speaker = {});

  // Stems too common in this collection to tell utterances apart ("president", "state" in a
  // campaign's coverage): ignored by the index and the verifier. Set before adding.
  void SetCommonStems(absl::flat_hash_set<std::string> common) { common_ = std::move(common); }

  // The index keys of a quotation (after SetCommonStems), for an index kept outside this object
  // (the database's quote_keys table): `filed` are the keys it is filed under, `looked_up` the
  // keys whose quotations are its candidates. The same keys Add uses; empty below two stems.
  struct IndexKeys {
    std::vector<uint64_t> filed, looked_up;
  };
  IndexKeys KeysOf(std::string_view text) const;

  // The cluster of quotation `i`: the smallest index in its component.
  int ClusterOf(int i);
  // Whether quotations `a` and `b` are one wording of one speaker: the same content stems in
  // the same order (commonplace stems aside), and the same speaker. Case, punctuation, stop
  // words and inflection may differ.
  bool SameWording(int a, int b) const;
  size_t size() const { return stems_.size(); }
  // Candidates the LSH index proposed so far (for measuring the index's selectivity).
  uint64_t candidates_checked() const { return candidates_checked_; }

 private:
  std::vector<uint64_t> BandKeys(const std::vector<std::string>& stems) const;
  std::vector<uint64_t> PairKeys(const std::vector<std::string>& stems) const;
  std::vector<std::string> OrderedStems(std::string_view text) const;
  int Find(int i);
  void Union(int a, int b);
  bool Local(int small, int large) const;

  ClustererOptions options_;
  std::vector<uint64_t> seeds_;                        // one per hash function
  absl::flat_hash_map<std::string, uint32_t> stem_ids_;  // stem -> id, in order of first use
  std::vector<std::vector<uint32_t>> stems_;           // sorted, unique stem ids, per quotation
  std::vector<std::vector<uint32_t>> order_;           // per quotation: its stems in text order,
                                                       // as positions in stems_
  std::vector<int> parent_;
  std::vector<std::pair<std::string, std::string>> doc_speaker_;
  std::vector<size_t> largest_;                        // per root: largest member's stem count
  absl::flat_hash_map<uint64_t, std::vector<int>> buckets_;
  absl::flat_hash_map<uint64_t, std::vector<int>> pair_buckets_;
  absl::flat_hash_map<uint64_t, int> exact_;          // stem-set hash -> first quotation
  absl::flat_hash_set<std::string> common_;
  uint64_t candidates_checked_ = 0;
};

}  // namespace verbatim::cluster

#endif  // VERBATIM_CLUSTER_QUOTE_CLUSTERER_H_
