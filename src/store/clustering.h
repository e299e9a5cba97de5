// Incremental quote clustering over a Store: the clusters live in the database (a cluster id
// on each quotation, the LSH index in quote_keys), and each update touches only the new or
// un-clustered quotations and the stored quotations the index proposes for them.
//
//   absl::StatusOr<ClusterUpdate> u = UpdateQuoteClusters(store);   // after an ingest
//
// An update clusters every quotation without a cluster: it looks their index keys up in
// quote_keys, loads the stored quotations filed under them, and runs QuoteClusterer over those
// and the new ones (stored first, in id order). New quotations join a stored cluster, found one,
// or bridge stored clusters (which then merge). A cluster is named by its lowest quotation id.
// The collection's commonplace stems (in more than 1% of its quotations, and in more than 20)
// come from the quote_stems counts. Each chunk reads in one read transaction, then writes in
// its own batch (REQUIRES: no batch open).
//
// The index holds one copy of each wording: a new quotation is not filed under a key that
// already holds the same wording of the same speaker in the same cluster
// (QuoteClusterer::SameWording), nor under a commonplace key (a full bucket), so the index and
// the candidates an update loads grow with the distinct wordings, not with how many outlets
// picked a quotation up. A later quotation finds the copy instead, which the verifier treats
// alike (but for the one-article veto of QuoteClusterer::Add, which the copy's article decides).
//
// The result equals clustering everything at once up to the clusterer's own order effects
// (a fragment that could join two clusters joins the first one found; a full index bucket).
#ifndef VERBATIM_STORE_CLUSTERING_H_
#define VERBATIM_STORE_CLUSTERING_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "cluster/quote_clusterer.h"
#include "store/store.h"

namespace verbatim::store {

struct ClusterUpdate {
  int64_t clustered = 0;   // quotations that were without a cluster
  int64_t loaded = 0;      // stored quotations loaded as candidates
  int64_t merges = 0;      // stored clusters merged into another
  int64_t keys_filed = 0;  // index entries (quote_keys rows) written
};

// An update takes the unclustered quotations this many at a time (id order), each chunk in its
// own transaction against what the chunks before it filed, so memory does not grow with the
// number of new quotations. A collection up to this size is clustered in one chunk.
constexpr int64_t kClusterChunkQuotations = 50000;

absl::StatusOr<ClusterUpdate> UpdateQuoteClusters(Store& store, const cluster::ClustererOptions& options = {},
                                                  int64_t chunk = kClusterChunkQuotations);

}  // namespace verbatim::store

#endif  // VERBATIM_STORE_CLUSTERING_H_
