// Quote clusters of a set of quotations: the variants of one utterance across outlets and
// time, with what a fact-checker asks of them (first appearance, speakers, flags).
//
//   std::vector<QuoteCluster> clusters = BuildQuoteClusters(inputs);
//
// Inputs are taken in the order given (callers pass them in publication order, undated last,
// so that the first member of a cluster is its first appearance). Undated quotations never
// decide `first_seen`.
//
// Flags:
//   "possible_misattribution"  two variants sharing at least four content stems attributed to
//                              different speaker identities (name variants of one person,
//                              "Rutte" / "Mark Rutte", are one identity; a short phrase that
//                              several people say is re-use, not misattribution)
//   "altered_wording"          a variant whose content words differ from the earliest wording
//
// Pure function; thread-safe.
#ifndef VERBATIM_CLUSTER_QUOTE_CLUSTERS_H_
#define VERBATIM_CLUSTER_QUOTE_CLUSTERS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cluster/quote_clusterer.h"

namespace verbatim::cluster {

struct QuoteInput {
  std::string doc;
  std::string text;
  std::optional<std::string> speaker;
  std::optional<std::string> outlet;
  std::optional<std::string> published;
};

struct QuoteCluster {
  int64_t id = 0;                        // BuildQuoteClusters: index of its first member in
                                         // the input; DescribeQuoteClusters: the id given
  std::string canonical;                 // the wording closest to all the others
  std::vector<std::string> speakers;     // one name per speaker identity (the fullest)
  std::optional<std::string> first_seen; // earliest publication date among dated members
  std::vector<std::string> flags;
  std::vector<int> members;              // input indices, in input order
  size_t earliest = 0;                   // position in `members` of the earliest wording (the
                                         // first dated member, else the first)
  std::vector<bool> altered;             // per member: content words differ from the earliest
  std::vector<std::string> diffs;        // per member: word diff against the earliest wording
                                         // ("" when not altered), wdiff style: [-old-] {+new+}
  size_t outlets = 0;                    // distinct outlets among members
};

// One run of a word diff: '=' words in both, '-' words only in `from`, '+' words only in `to`
// (words joined by one space, as `to` or `from` spells them).
struct DiffRun {
  char op = '=';
  std::string text;
};

// The word diff of `to` against `from` as runs (longest common subsequence of words, case and
// punctuation ignored when comparing); adjacent words with the same op form one run.
std::vector<DiffRun> WordDiffRuns(const std::string& from, const std::string& to);

// A word-level diff of `to` against `from` (longest common subsequence of words, case and
// punctuation ignored when comparing): unchanged words as in `to`, removed ones as [-word-],
// added ones as {+word+}.
std::string WordDiff(const std::string& from, const std::string& to);

// Clusters the inputs (QuoteClusterer, ignoring stems in more than 1% of them, and in more
// than 20) and describes the clusters.
std::vector<QuoteCluster> BuildQuoteClusters(const std::vector<QuoteInput>& inputs,
                                             const ClustererOptions& options = {});

// Describes clusters assigned elsewhere (the database's): inputs with equal `cluster_of` are
// one cluster, whose `id` is that value. Clusters come in order of their first member.
std::vector<QuoteCluster> DescribeQuoteClusters(const std::vector<QuoteInput>& inputs,
                                                const std::vector<int64_t>& cluster_of);

}  // namespace verbatim::cluster

#endif  // VERBATIM_CLUSTER_QUOTE_CLUSTERS_H_
