#include "cluster/quote_clusters.h"

#include <algorithm>
#include <map>
#include <set>

#include "cluster/quote_words.h"
#include "entities/speaker_identities.h"
#include "text/utf8.h"

namespace verbatim::cluster {
namespace {

}  // namespace

std::vector<QuoteCluster> BuildQuoteClusters(const std::vector<QuoteInput>& inputs,
                                             const ClustererOptions& options) {
  QuoteClusterer clusterer(options);
  for (const QuoteInput& q : inputs) clusterer.Add(q.text, q.doc, q.speaker.value_or(""));
  std::map<int, QuoteCluster> by_root;
  for (int i = 0; i < static_cast<int>(inputs.size()); ++i) {
    QuoteCluster& c = by_root[clusterer.ClusterOf(i)];
    c.id = clusterer.ClusterOf(i);
    c.members.push_back(i);
  }
  std::vector<QuoteCluster> out;
  for (auto& [root, c] : by_root) {
    std::vector<std::vector<std::string>> sets;
    for (int m : c.members) sets.push_back(ContentStemSet(inputs[m].text));
    // Canonical wording: the member sharing the most stems with all the others.
    size_t best = 0, best_score = 0;
    for (size_t i = 0; i < sets.size(); ++i) {
      size_t score = 0;
      for (size_t j = 0; j < sets.size(); ++j) score += i == j ? 0 : SharedStems(sets[i], sets[j]);
      if (score > best_score) best = i, best_score = score;
    }
    c.canonical = inputs[c.members[best]].text;
    // Earliest wording: the first dated member, else the first member.
    size_t earliest = 0;
    for (size_t i = 0; i < c.members.size(); ++i) {
      if (inputs[c.members[i]].published) {
        earliest = i;
        break;
      }
    }
    for (size_t i = 0; i < c.members.size(); ++i) {
      const QuoteInput& q = inputs[c.members[i]];
      if (q.published && (!c.first_seen || q.published->substr(0, 10) < c.first_seen->substr(0, 10))) {
        c.first_seen = q.published->substr(0, 10);
      }
      // Altered: a variant that is neither the earliest wording nor a part of it.
      size_t shared = SharedStems(sets[i], sets[earliest]);
      c.altered.push_back(i != earliest && shared < sets[i].size() && shared < sets[earliest].size());
    }
    std::set<std::string> outlets;
    for (int m : c.members) {
      if (inputs[m].outlet) outlets.insert(*inputs[m].outlet);
    }
    c.outlets = outlets.size();
    // Speaker identities: name variants of one person are one identity (fullest name kept).
    for (int m : c.members) {
      if (!inputs[m].speaker) continue;
      const std::string& name = *inputs[m].speaker;
      auto it = std::find_if(c.speakers.begin(), c.speakers.end(),
                             [&](const std::string& s) { return entities::SameSpeakerIdentity(s, name); });
      if (it == c.speakers.end()) c.speakers.push_back(name);
      else if (name.size() > it->size()) *it = name;
    }
    if (c.speakers.size() > 1) c.flags.push_back("possible_misattribution");
    if (std::find(c.altered.begin(), c.altered.end(), true) != c.altered.end()) c.flags.push_back("altered_wording");
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace verbatim::cluster
