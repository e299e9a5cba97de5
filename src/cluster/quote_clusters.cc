#include "cluster/quote_clusters.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "cluster/quote_words.h"
#include "entities/speaker_identities.h"
#include "text/utf8.h"

namespace verbatim::cluster {
namespace {

std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0, j; i < s.size(); i = j + 1) {
    j = s.find_first_of(" \n\t", i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
  }
  return out;
}

// The comparison key of a word: folded, without surrounding punctuation.
std::string Key(const std::string& w) {
  std::string f = text::FoldForMatch(w);
  size_t b = 0, e = f.size();
  while (b < e && !std::isalnum(static_cast<unsigned char>(f[b]))) ++b;
  while (e > b && !std::isalnum(static_cast<unsigned char>(f[e - 1]))) --e;
  return f.substr(b, e - b);
}

}  // namespace

std::vector<DiffRun> WordDiffRuns(const std::string& from, const std::string& to) {
  std::vector<std::string> a = SplitWords(from), b = SplitWords(to);
  std::vector<std::string> ka, kb;
  for (const std::string& w : a) ka.push_back(Key(w));
  for (const std::string& w : b) kb.push_back(Key(w));
  // LCS table (quotations are short).
  std::vector<std::vector<int>> l(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      l[i][j] = ka[i] == kb[j] ? l[i + 1][j + 1] + 1 : std::max(l[i + 1][j], l[i][j + 1]);
    }
  }
  std::vector<DiffRun> out;
  auto put = [&](char op, const std::string& word) {
    if (!out.empty() && out.back().op == op) {
      out.back().text += " " + word;
    } else {
      out.push_back({op, word});
    }
  };
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && ka[i] == kb[j]) {
      put('=', b[j]);
      ++i, ++j;
    } else if (i < a.size() && (j == b.size() || l[i + 1][j] >= l[i][j + 1])) {
      put('-', a[i++]);
    } else {
      put('+', b[j++]);
    }
  }
  return out;
}

std::string WordDiff(const std::string& from, const std::string& to) {
  std::string out;
  for (const DiffRun& run : WordDiffRuns(from, to)) {
    // wdiff style marks every word of a run: [-a-] [-b-].
    size_t start = 0;
    while (start <= run.text.size()) {
      size_t end = run.text.find(' ', start);
      if (end == std::string::npos) end = run.text.size();
      const std::string word = run.text.substr(start, end - start);
      if (!out.empty()) out += " ";
      out += run.op == '=' ? word : run.op == '-' ? "[-" + word + "-]" : "{+" + word + "+}";
      start = end + 1;
    }
  }
  return out;
}

std::vector<QuoteCluster> BuildQuoteClusters(const std::vector<QuoteInput>& inputs,
                                             const ClustererOptions& options) {
  QuoteClusterer clusterer(options);
  // Stems in more than 1% of the quotations (at least 20) are this collection's commonplaces.
  absl::flat_hash_map<std::string, size_t> df;
  for (const QuoteInput& q : inputs) {
    for (std::string& st : ContentStemSet(q.text)) ++df[std::move(st)];
  }
  absl::flat_hash_set<std::string> common;
  const size_t limit = std::max<size_t>(20, inputs.size() / 100);
  for (const auto& [st, n] : df) {
    if (n > limit) common.insert(st);
  }
  clusterer.SetCommonStems(std::move(common));
  for (const QuoteInput& q : inputs) clusterer.Add(q.text, q.doc, q.speaker.value_or(""));
  std::vector<int64_t> cluster_of;
  for (int i = 0; i < static_cast<int>(inputs.size()); ++i) cluster_of.push_back(clusterer.ClusterOf(i));
  return DescribeQuoteClusters(inputs, cluster_of);
}

// Content stems two variants given to different speakers must share to raise the flag.
constexpr size_t kMisattributionMinStems = 4;

std::vector<QuoteCluster> DescribeQuoteClusters(const std::vector<QuoteInput>& inputs,
                                                const std::vector<int64_t>& cluster_of) {
  std::map<int64_t, size_t> index;  // cluster id -> position in `out`
  std::vector<QuoteCluster> out;
  for (int i = 0; i < static_cast<int>(inputs.size()); ++i) {
    auto [it, inserted] = index.emplace(cluster_of[static_cast<size_t>(i)], out.size());
    if (inserted) {
      out.emplace_back();
      out.back().id = cluster_of[static_cast<size_t>(i)];
    }
    out[it->second].members.push_back(i);
  }
  for (QuoteCluster& c : out) {
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
    c.earliest = earliest;
    for (size_t i = 0; i < c.members.size(); ++i) {
      const QuoteInput& q = inputs[c.members[i]];
      if (q.published && (!c.first_seen || q.published->substr(0, 10) < c.first_seen->substr(0, 10))) {
        c.first_seen = q.published->substr(0, 10);
      }
      size_t shared = SharedStems(sets[i], sets[earliest]);
      // Altered: a variant that is neither the earliest wording, nor a part of it or of any
      // other variant, nor contains it.
      bool part_of_another = false;
      for (size_t k = 0; k < sets.size() && !part_of_another; ++k) {
        part_of_another = k != i && sets[k].size() > sets[i].size() && SharedStems(sets[i], sets[k]) == sets[i].size();
      }
      bool altered = i != earliest && shared < sets[i].size() && shared < sets[earliest].size() && !part_of_another;
      c.altered.push_back(altered);
      c.diffs.push_back(altered ? WordDiff(inputs[c.members[earliest]].text, q.text) : "");
    }
    std::set<std::string> outlets;
    for (int m : c.members) {
      if (inputs[m].outlet) outlets.insert(*inputs[m].outlet);
    }
    c.outlets = outlets.size();
    // Speaker identities: name variants of one person are one identity (fullest name kept).
    std::vector<int> identity(c.members.size(), -1);  // per member: index in c.speakers
    for (size_t i = 0; i < c.members.size(); ++i) {
      if (!inputs[c.members[i]].speaker) continue;
      const std::string& name = *inputs[c.members[i]].speaker;
      auto it = std::find_if(c.speakers.begin(), c.speakers.end(),
                             [&](const std::string& s) { return entities::SameSpeakerIdentity(s, name); });
      if (it == c.speakers.end()) it = c.speakers.insert(c.speakers.end(), name);
      else if (name.size() > it->size()) *it = name;
      identity[i] = static_cast<int>(it - c.speakers.begin());
    }
    // Possible misattribution: one wording (kMisattributionMinStems content stems in common)
    // given to two identities. A short phrase many people say ("extremely careless", "boots on
    // the ground") is re-use, not misattribution.
    bool misattributed = false;
    for (size_t i = 0; i < c.members.size() && !misattributed; ++i) {
      for (size_t j = i + 1; j < c.members.size() && !misattributed; ++j) {
        misattributed = identity[i] >= 0 && identity[j] >= 0 && identity[i] != identity[j] &&
                        SharedStems(sets[i], sets[j]) >= kMisattributionMinStems;
      }
    }
    if (misattributed) c.flags.push_back("possible_misattribution");
    if (std::find(c.altered.begin(), c.altered.end(), true) != c.altered.end()) c.flags.push_back("altered_wording");
  }
  return out;
}

}  // namespace verbatim::cluster
