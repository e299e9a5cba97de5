// Stories: articles about the same event, from one or several outlets.
//
//   std::vector<Story> stories = BuildStories(articles, StoryOptions{});
//
// Two articles join when their ArticleSimilarity score (IDF over the articles given) reaches
// `min_score` and, when both are dated, they lie at most `max_days_apart` days apart; stories
// are the connected components. Candidates come from an inverted index over each article's
// `top_terms` heaviest terms, so the work grows with the articles, not with their pairs.
//
// Options (defaults in brackets):
//   min_score [0.64]   the SemEval-2022 threshold (`verbatim eval semeval`: best F1 for
//                      "same story", overall <= 1.5, on the en-en pairs)
//   max_days_apart [7]   top_terms [12]
//
// Pure function; thread-safe.
#ifndef VERBATIM_CLUSTER_STORIES_H_
#define VERBATIM_CLUSTER_STORIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cluster/article_similarity.h"

namespace verbatim::cluster {

struct StoryInput {
  std::string doc;
  std::string title;
  std::string text;
  std::optional<std::string> published;
  std::optional<std::string> outlet;
};

struct Story {
  int64_t id = 0;                           // BuildStories: index of its first member;
                                            // DescribeStories: the id given
  std::string title;                        // the first member's title (or its first words)
  std::vector<int> members;                 // input indices, in input order
  std::vector<std::string> outlets;         // distinct, in order of appearance
  std::optional<std::string> first_seen, last_seen;  // YYYY-MM-DD, dated members only
};

struct StoryOptions {
  double min_score = 0.64;
  int max_days_apart = 7;
  int top_terms = 12;
};

std::vector<Story> BuildStories(const std::vector<StoryInput>& articles, const StoryOptions& options = {});

// The day of a publication date (days since 1970-01-01), if it starts with YYYY-MM-DD.
std::optional<int64_t> StoryDay(const std::optional<std::string>& published);

// Whether two weighed articles join one story: when both are dated (StoryDay), at most
// max_days_apart days apart, and score >= min_score.
bool JoinsStory(const ArticleSimilarity& sim, const SparseVector& a, const SparseVector& b,
                std::optional<int64_t> day_a, std::optional<int64_t> day_b, const StoryOptions& options);

// Describes stories assigned elsewhere (the database's): articles with equal `story_of` are one
// story, whose `id` is that value. Stories come in order of their first member.
std::vector<Story> DescribeStories(const std::vector<StoryInput>& articles, const std::vector<int64_t>& story_of);

}  // namespace verbatim::cluster

#endif  // VERBATIM_CLUSTER_STORIES_H_
