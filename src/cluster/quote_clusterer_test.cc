#include "cluster/quote_clusterer.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "cluster/quote_clusters.h"
#include "cluster/quote_words.h"
#include "entities/speaker_identities.h"
#include "ingest/reader.h"
#include "quotes/extractor.h"
#include "simdjson.h"
#include "test_support.h"

namespace verbatim::cluster {
namespace {

TEST(QuoteWords, InflectionsOfOneWordMeet) {
  // Seeds: "the Russian court", "the court of the Russians", "Russia's court".
  EXPECT_EQ(Stem("russian"), "russia");
  EXPECT_EQ(Stem("russians"), "russia");
  EXPECT_EQ(Stem("russia's"), "russia");
  EXPECT_EQ(Stem("clearly"), "clear");
  EXPECT_EQ(Stem("courts"), "court");
  EXPECT_EQ(ContentStems("The Ball Is Clearly in Russia\xE2\x80\x99s Court"),
            (std::vector<std::string>{"ball", "clear", "russia", "court"}));
}

std::vector<std::string> Set(std::string_view text) { return ContentStemSet(text); }

TEST(SameUtterance, ReorderedAndInflectedVariantsAgree) {
  ClustererOptions o;
  EXPECT_TRUE(SameUtterance(Set("the ball is clearly in the Russian court"),
                            Set("The ball clearly is in the court of the Russians"), o));
  EXPECT_TRUE(SameUtterance(Set("that ball is now in the Russian court"),
                            Set("The Ball Is Clearly in Russia's Court"), o));
}

TEST(SameUtterance, APartialQuoteInsideTheFullOneAgrees) {
  ClustererOptions o;
  EXPECT_TRUE(SameUtterance(
      Set("ball is in Russia's court,"),
      Set("There is something on the table now, I think, where the Ukrainians are really playing "
          "ball, and I think the ball is clearly in the Russian court now,"),
      o));
}

TEST(SameUtterance, DifferentUtterancesOfOneSpeakerStayApart) {
  ClustererOptions o;
  EXPECT_FALSE(SameUtterance(Set("The convening power of Turkiye is clearly there."),
                             Set("the ball is clearly in the Russian court"), o));
  EXPECT_FALSE(SameUtterance(Set("We are all really excited"), Set("not nearly enough."), o));
}

TEST(SameUtterance, ThreeSharedStemsJoinOnlyWhenTheyAreNearlyAll) {
  ClustererOptions o;
  // Three shared stems ("hope", "united", "state"), each side with others: chance.
  EXPECT_FALSE(SameUtterance(Set("I hope he reigns over the United States"),
                             Set("I hope that she becomes the president of the United States, fully committed"), o));
  // One word changed, or a three-stem fragment wholly inside: the same utterance.
  EXPECT_TRUE(SameUtterance(Set("the ball is clearly in the Ukrainian court"),
                            Set("the ball is clearly in the Russian court"), o));
  EXPECT_TRUE(SameUtterance(Set("ball is in Russia's court,"),
                            Set("I think the ball is clearly in the Russian court now, after the talks"), o));
}

TEST(QuoteClusterer, AFragmentsStemsMustLieTogetherInTheLongerQuotation) {
  const std::string speech =
      "Our budget protects schools, and the hospitals we built stay open. Farmers will see "
      "prices hold, exporters gain markets abroad, and the currency stays stable through winter.";
  {
    QuoteClusterer c;
    int a = c.Add(speech);
    int b = c.Add("farmers will see prices hold");  // a piece of it
    EXPECT_EQ(c.ClusterOf(b), a);
  }
  {
    QuoteClusterer c;
    int a = c.Add(speech);
    int b = c.Add("schools for farmers, with a stable winter");  // its stems, scattered over it
    EXPECT_NE(c.ClusterOf(b), c.ClusterOf(a));
    ClustererOptions off;
    off.fragment_span = 0;
    QuoteClusterer d(off);
    d.Add(speech);
    EXPECT_EQ(d.ClusterOf(d.Add("schools for farmers, with a stable winter")), 0);
  }
}

TEST(QuoteClusterer, ClustersAreNamedByTheirFirstMember) {
  QuoteClusterer c;
  int a = c.Add("the ball is clearly in the Russian court");
  int b = c.Add("It has to be lasting. It has to be durable.");
  int d = c.Add("The ball clearly is in the court of the Russians");
  EXPECT_EQ(c.ClusterOf(d), a);
  EXPECT_EQ(c.ClusterOf(b), b);
}

TEST(QuoteClusterer, SeedQuotationsFallIntoTheGoldClusters) {
  VERBATIM_REQUIRE_SHARED();
  // Extract the seeds, cluster every quotation in quote marks, and check gold.json's clusters:
  // same value -> same cluster, different values -> different clusters.
  simdjson::dom::parser parser;
  simdjson::padded_string json =
      simdjson::padded_string::load((testing::SharedDir() / "corpus/seeds/gold.json").string()).value();
  simdjson::dom::element gold = parser.parse(json).value();
  ingest::ArticleReader reader;
  quotes::Extractor extractor;
  QuoteClusterer clusterer;
  struct Item {
    std::string doc, text;
    int id;
  };
  std::vector<Item> items;
  ingest::ReadStats stats;
  reader.Read((testing::SharedDir() / "corpus/seeds").string(),
              [&](ingest::Document&& d) {
                for (const quotes::Quotation& q : extractor.Extract(d)) {
                  if (q.kind == quotes::QuoteKind::kIndirect) continue;
                  items.push_back({d.doc, q.text, clusterer.Add(q.text)});
                }
              },
              [](const ingest::ReadProblem&) {}, stats);
  std::map<std::string, std::set<int>> clusters_of_label;
  for (simdjson::dom::element g : gold["quotes"].get_array()) {
    std::string_view label;
    if (g["cluster"].get_string().get(label) != simdjson::SUCCESS) continue;
    std::string doc(g["doc"].get_string().value());
    std::string text(g["text"].get_string().value());
    // The extracted quotation that is this gold quotation (best word F1 in its document).
    const Item* best = nullptr;
    double best_f1 = 0;
    for (const Item& it : items) {
      double f = testing::WordF1(it.text, text);
      if (it.doc == doc && f > best_f1) best = &it, best_f1 = f;
    }
    ASSERT_NE(best, nullptr) << text;
    ASSERT_GE(best_f1, 0.8) << text;
    clusters_of_label[std::string(label)].insert(clusterer.ClusterOf(best->id));
  }
  ASSERT_EQ(clusters_of_label.size(), 3u);
  std::set<int> all;
  for (const auto& [label, clusters] : clusters_of_label) {
    EXPECT_EQ(clusters.size(), 1u) << label << " is split over " << clusters.size() << " clusters";
    all.insert(clusters.begin(), clusters.end());
  }
  EXPECT_EQ(all.size(), 3u) << "two gold clusters merged";
}

// A brute-force reference (every pair through the verifier) checks the LSH index: on a few
// thousand variants of real quotations, the index must find >= 99% of the pairs the reference
// finds, with few candidates per quotation.
TEST(QuoteClusterer, LshFindsWhatBruteForceFinds) {
  VERBATIM_REQUIRE_SHARED();
  // Real quotations: the direct quotes of the first BBC articles.
  std::vector<std::string> base;
  ingest::ArticleReader reader;
  quotes::Extractor extractor;
  ingest::ReadStats stats;
  reader.Read((testing::SharedDir() / "corpus/bbc-2004.jsonl").string(),
              [&](ingest::Document&& d) {
                if (base.size() >= 1000) return;
                for (const quotes::Quotation& q : extractor.Extract(d)) {
                  if (q.kind == quotes::QuoteKind::kDirect && ContentStems(q.text).size() >= 4) base.push_back(q.text);
                }
              },
              [](const ingest::ReadProblem&) {}, stats);
  ASSERT_GE(base.size(), 800u);
  // Variants: each base quotation, plus two perturbed copies (a word dropped, two swapped, a
  // fragment) in a shuffled order.
  std::mt19937 rng(42);
  std::vector<std::string> texts;
  for (const std::string& b : base) {
    texts.push_back(b);
    std::vector<std::string> words;
    for (size_t i = 0, j; i < b.size(); i = j + 1) {
      j = b.find(' ', i);
      if (j == std::string::npos) j = b.size();
      if (j > i) words.push_back(b.substr(i, j - i));
    }
    for (int v = 0; v < 2; ++v) {
      std::vector<std::string> w = words;
      if (w.size() > 6 && v == 0) w.erase(w.begin() + static_cast<long>(rng() % w.size()));
      if (w.size() > 3) std::swap(w[rng() % w.size()], w[rng() % w.size()]);
      if (v == 1 && w.size() > 10) w.resize(w.size() * 2 / 3);  // a partial quote
      std::string t;
      for (const std::string& x : w) t += (t.empty() ? "" : " ") + x;
      texts.push_back(t);
    }
  }
  std::shuffle(texts.begin(), texts.end(), rng);
  ClustererOptions o;
  ClustererOptions all = o;
  all.exhaustive = true;
  QuoteClusterer lsh(o), reference(all);
  for (const std::string& t : texts) {
    lsh.Add(t);
    reference.Add(t);
  }
  // Pairs the reference puts together, and how many of them the LSH clustering also does.
  size_t true_pairs = 0, found = 0, extra = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    for (size_t j = i + 1; j < texts.size(); ++j) {
      bool ref = reference.ClusterOf(static_cast<int>(i)) == reference.ClusterOf(static_cast<int>(j));
      bool fast = lsh.ClusterOf(static_cast<int>(i)) == lsh.ClusterOf(static_cast<int>(j));
      true_pairs += ref;
      found += ref && fast;
      extra += fast && !ref;
    }
  }
  double mean_candidates = static_cast<double>(lsh.candidates_checked()) / static_cast<double>(texts.size());
  std::printf("LSH: %zu quotations, %zu reference pairs, recall %.4f, extra pairs %zu, mean candidates %.2f (reference %.0f)\n",
              texts.size(), true_pairs, static_cast<double>(found) / static_cast<double>(true_pairs), extra,
              mean_candidates, static_cast<double>(reference.candidates_checked()) / static_cast<double>(texts.size()));
  ASSERT_GT(true_pairs, 1000u);
  EXPECT_GE(static_cast<double>(found) / static_cast<double>(true_pairs), 0.99);
  EXPECT_LT(mean_candidates, 20.0);
}

}  // namespace
}  // namespace verbatim::cluster

namespace verbatim::cluster {
namespace {

// Pairwise F1 of the demo corpus's gold quote clusters (as ../shared/tools/score_clusters.py
// quotes computes it), through BuildQuoteClusters in publication order.
TEST(QuoteClusters, DemoGoldClustersPairwiseF1) {
  simdjson::dom::parser parser;
  simdjson::padded_string json = simdjson::padded_string::load((testing::DemoDir() / "gold.json").string()).value();
  simdjson::dom::element gold = parser.parse(json).value();
  ingest::ArticleReader reader;
  quotes::Extractor extractor;
  std::vector<QuoteInput> inputs;
  ingest::ReadStats stats;
  reader.Read((testing::DemoDir() / "articles.jsonl").string(),
              [&](ingest::Document&& d) {
                for (const quotes::Quotation& q : extractor.Extract(d)) {
                  if (q.kind != quotes::QuoteKind::kIndirect) inputs.push_back({d.doc, q.text, q.speaker, d.outlet, d.published});
                }
              },
              [](const ingest::ReadProblem&) {}, stats);
  std::stable_sort(inputs.begin(), inputs.end(), [](const QuoteInput& a, const QuoteInput& b) {
    return a.published.value_or("9999") < b.published.value_or("9999");
  });
  std::vector<QuoteCluster> clusters = BuildQuoteClusters(inputs);
  std::vector<int> cluster_of(inputs.size());
  for (const QuoteCluster& c : clusters) {
    for (int m : c.members) cluster_of[m] = c.id;
  }
  std::vector<std::pair<std::string, int>> labelled;  // gold label, predicted cluster
  for (simdjson::dom::element g : gold["quotes"].get_array()) {
    std::string_view label;
    if (g["cluster"].get_string().get(label) != simdjson::SUCCESS) continue;
    std::string doc(g["doc"].get_string().value()), text(g["text"].get_string().value());
    int best = -1;
    double best_f1 = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
      double f = testing::WordF1(inputs[i].text, text);
      if (inputs[i].doc == doc && f > best_f1) best = static_cast<int>(i), best_f1 = f;
    }
    labelled.emplace_back(std::string(label), best < 0 ? -1 - static_cast<int>(labelled.size()) : cluster_of[best]);
  }
  size_t tp = 0, fp = 0, fn = 0;
  for (size_t i = 0; i < labelled.size(); ++i) {
    for (size_t j = i + 1; j < labelled.size(); ++j) {
      bool same_gold = labelled[i].first == labelled[j].first, same_pred = labelled[i].second == labelled[j].second;
      tp += same_gold && same_pred;
      fp += !same_gold && same_pred;
      fn += same_gold && !same_pred;
    }
  }
  double p = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 1;
  double r = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 1;
  std::printf("demo quote clusters: P %.2f R %.2f\n", p, r);
  EXPECT_EQ(fp, 0u);
  EXPECT_GE(2 * p * r / (p + r), 0.95);
}

TEST(QuoteClusterer, OneWordingIsTheSameContentStemsInTheSameOrderOfOneSpeaker) {
  QuoteClusterer c;
  const int first = c.Add("The ball is clearly in the Russian court.", "a", "Mark Rutte");
  const int copy = c.Add("the ball is clearly in the Russian court", "b", "Mark Rutte");
  const int inflected = c.Add("The balls are clearly in the Russians' court!", "c", "Mark Rutte");
  const int reordered = c.Add("The ball clearly is in the court of the Russians", "d", "Mark Rutte");
  const int other_speaker = c.Add("The ball is clearly in the Russian court.", "e", "Jens Stoltenberg");
  EXPECT_TRUE(c.SameWording(first, copy));
  EXPECT_TRUE(c.SameWording(first, inflected));
  EXPECT_FALSE(c.SameWording(first, reordered));
  EXPECT_FALSE(c.SameWording(first, other_speaker));
  EXPECT_EQ(c.ClusterOf(reordered), c.ClusterOf(first));  // one utterance all the same
}

TEST(QuoteClusters, NameVariantsAreOneIdentityAndDifferentPeopleFlagged) {
  EXPECT_TRUE(entities::SameSpeakerIdentity("Rutte", "Mark Rutte"));
  EXPECT_TRUE(entities::SameSpeakerIdentity("Volodymyr Zelensky", "Volodymyr Zelenskyy"));
  EXPECT_TRUE(entities::SameSpeakerIdentity("Recep Tayyip Erdogan", "Erdo\xC4\x9F" "an"));
  EXPECT_FALSE(entities::SameSpeakerIdentity("Donald Trump", "Ivanka Trump"));
  std::vector<QuoteInput> in = {
      {"a", "the ball is clearly in the Russian court", std::string("Mark Rutte"), std::string("A"), std::string("2025-04-24")},
      {"b", "The ball clearly is in the court of the Russians", std::string("Rutte"), std::string("B"), std::string("2025-04-27")},
  };
  std::vector<QuoteCluster> c = BuildQuoteClusters(in);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_TRUE(c[0].flags.empty());
  EXPECT_EQ(c[0].speakers, std::vector<std::string>{"Mark Rutte"});
  EXPECT_EQ(c[0].first_seen, "2025-04-24");
  EXPECT_EQ(c[0].outlets, 2u);
  in[1].speaker = "Sergei Lavrov";
  in.push_back({"c", "the ball is clearly in the Ukrainian court", std::string("Mark Rutte"), std::string("C"), std::string("2025-04-28")});
  c = BuildQuoteClusters(in);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_NE(std::find(c[0].flags.begin(), c[0].flags.end(), "possible_misattribution"), c[0].flags.end());
  EXPECT_NE(std::find(c[0].flags.begin(), c[0].flags.end(), "altered_wording"), c[0].flags.end());
  EXPECT_EQ(c[0].altered, (std::vector<bool>{false, false, true}));

  // A two-word phrase said by two people is re-use: one cluster, no misattribution flag.
  std::vector<QuoteInput> phrase = {
      {"d", "extremely careless", std::string("James Comey"), std::string("A"), std::string("2016-07-05")},
      {"e", "extremely careless,", std::string("Donald Trump"), std::string("B"), std::string("2016-07-06")},
  };
  c = BuildQuoteClusters(phrase);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].speakers.size(), 2u);
  EXPECT_TRUE(c[0].flags.empty());
}

}  // namespace
}  // namespace verbatim::cluster

namespace verbatim::cluster {
namespace {

TEST(WordDiff, ShowsRemovedAndAddedWords) {
  // Seeds: "the ball is clearly in the Russian court" / "that ball is now in the Russian court".
  EXPECT_EQ(WordDiff("the ball is clearly in the Russian court", "that ball is now in the Russian court"),
            "[-the-] {+that+} ball is [-clearly-] {+now+} in the Russian court");
  EXPECT_EQ(WordDiff("We will win.", "we will win"), "we will win");  // case and punctuation aside
}

TEST(WordDiff, RunsJoinAdjacentWordsOfOneKindAndKeepBothSpellings) {
  std::vector<DiffRun> runs = WordDiffRuns("the ball is clearly in the Russian court", "The ball clearly is in the court of the Russians,");
  std::string joined;
  for (const DiffRun& r : runs) joined += std::string(1, r.op) + "[" + r.text + "]";
  EXPECT_EQ(joined, "=[The ball]-[is]=[clearly]+[is]=[in the]-[Russian]=[court]+[of the Russians,]");
  EXPECT_TRUE(WordDiffRuns("", "").empty());
  ASSERT_EQ(WordDiffRuns("", "new words").size(), 1u);
  EXPECT_EQ(WordDiffRuns("", "new words")[0].op, '+');
}

}  // namespace
}  // namespace verbatim::cluster
