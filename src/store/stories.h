// Incremental story grouping over a Store: a story id on each document, the heaviest terms of
// each in story_terms, and a snapshot of the collection's document frequencies that every
// score is weighed with.
//
//   absl::StatusOr<StoryUpdate> u = UpdateStories(store);   // after an ingest
//
// Between snapshots an update touches only the documents without a story and the stored
// documents filed under their heaviest terms (within the date window); each new document joins
// every candidate JoinsStory accepts, and new documents join one another, as in BuildStories.
// Bridged stories merge; a story is named by its lowest document id. Since every score uses
// the same frequencies, the stories do not depend on the order or batches of ingest.
// When the collection has doubled (or halved) since the snapshot, or there is none, the update
// takes a new snapshot and groups every document again: BuildStories over the whole collection.
// So the frequencies follow the collection, at a cost that adds up to at most about twice one
// regrouping of the final collection. Runs in its own transaction (REQUIRES: no batch open).
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
  bool restarted = false;  // a new frequency snapshot; every document grouped again
};

// A term filed under this many documents in the window proposes no candidates: it is what a
// period's news has in common, not a story.
constexpr int kStoryMaxBucket = 1000;

absl::StatusOr<StoryUpdate> UpdateStories(Store& store, const cluster::StoryOptions& options = {});

}  // namespace verbatim::store

#endif  // VERBATIM_STORE_STORIES_H_
