// Incremental story grouping over a Store: a story id on each document, the heaviest terms of
// each in story_terms, and the collection's document frequencies in term_documents.
//
//   absl::StatusOr<StoryUpdate> u = UpdateStories(store);   // after an ingest
//
// An update counts the new documents' terms into the frequencies and touches only the
// documents without a story and the stored documents filed under their heaviest terms (within
// the date window); each new document joins every candidate JoinsStory accepts, and new
// documents join one another, as in BuildStories. Bridged stories merge; a story is named by
// its lowest document id. A document is not filed under a term that already holds a copy of it
// (the same title and text, the same day, the same story): a lookup finds the copy, which
// JoinsStory treats exactly alike, so story_terms grows with distinct articles, not pickups.
// Pairs already decided are not decided again as frequencies move, so stories depend a little
// on the order and batches of ingest. To bound that drift, when the collection has doubled (or
// halved) since the last full regrouping, or there is none, the update groups every document
// again: BuildStories over the whole collection. Those regroupings add up to about twice one
// regrouping of the final collection. Each chunk reads in one read transaction and writes in
// one batch (REQUIRES: no batch open).
#ifndef VERBATIM_STORE_STORIES_H_
#define VERBATIM_STORE_STORIES_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "cluster/stories.h"
#include "store/store.h"

namespace verbatim::store {

struct StoryUpdate {
  int64_t grouped = 0;   // documents that were without a story
  int64_t loaded = 0;    // stored documents loaded as candidates
  int64_t merges = 0;    // stored stories merged into another
  int64_t terms_filed = 0;  // index entries (story_terms rows) written
  bool restarted = false;  // every document grouped again, frequencies counted afresh
};

// A term filed under this many documents in the window proposes no candidates: it is what a
// period's news has in common, not a story.
constexpr int kStoryMaxBucket = 1000;

// Documents without a story are grouped this many at a time (id order), each chunk in its own
// transaction against what the chunks before it filed, so memory does not grow with the number
// of new documents. A full regrouping of a larger collection counts the frequencies in one
// streaming pass, then regroups chunk by chunk; up to this size it happens at once in memory.
constexpr int64_t kStoryChunkDocuments = 100000;

absl::StatusOr<StoryUpdate> UpdateStories(Store& store, const cluster::StoryOptions& options = {},
                                          int64_t chunk = kStoryChunkDocuments);

}  // namespace verbatim::store

#endif  // VERBATIM_STORE_STORIES_H_
