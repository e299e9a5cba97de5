// Golden tests: the hand annotations of ../shared/corpus/seeds (real articles) and of our demo
// corpus (demo/gold.json), matched one-to-one the way ../shared/tools/score_quotes.py does.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "ingest/reader.h"
#include "quotes/extractor.h"
#include "simdjson.h"
#include "test_support.h"

namespace verbatim {
namespace {

using testing::WordF1;

struct GoldQuote {
  std::string doc, kind, text, note;
  std::optional<std::string> speaker;
  bool required = false;
};

struct Gold {
  std::vector<GoldQuote> quotes;
  std::vector<std::pair<std::string, std::string>> not_quotes;        // doc, text
  std::map<std::string, std::vector<std::string>> boilerplate;       // doc -> lines
};

Gold LoadGold(const std::filesystem::path& path) {
  Gold g;
  simdjson::dom::parser parser;
  simdjson::padded_string json = simdjson::padded_string::load(path.string()).value();
  simdjson::dom::element root = parser.parse(json).value();
  for (simdjson::dom::element q : root["quotes"].get_array()) {
    GoldQuote gq;
    gq.doc = std::string(q["doc"].get_string().value());
    gq.kind = std::string(q["kind"].get_string().value());
    gq.text = std::string(q["text"].get_string().value());
    gq.required = q["required"].get_bool().value();
    std::string_view sv;
    if (q["speaker"].get_string().get(sv) == simdjson::SUCCESS) gq.speaker = std::string(sv);
    if (q["note"].get_string().get(sv) == simdjson::SUCCESS) gq.note = std::string(sv);
    g.quotes.push_back(gq);
  }
  for (simdjson::dom::element n : root["not_quotes"].get_array()) {
    g.not_quotes.emplace_back(std::string(n["doc"].get_string().value()),
                              std::string(n["text"].get_string().value()));
  }
  for (auto [doc, lines] : root["boilerplate"].get_object()) {
    for (simdjson::dom::element l : lines.get_array()) {
      g.boilerplate[std::string(doc)].push_back(std::string(l.get_string().value()));
    }
  }
  return g;
}

struct Extracted {
  std::map<std::string, ingest::Document> docs;
  std::map<std::string, std::vector<quotes::Quotation>> quotes;
};

Extracted ExtractAll(const std::filesystem::path& input) {
  Extracted e;
  ingest::ArticleReader reader;
  quotes::Extractor extractor;
  ingest::ReadStats stats;
  reader.Read(
      input.string(),
      [&](ingest::Document&& d) {
        std::string key = std::filesystem::path(d.doc).filename().string();
        e.quotes[key] = extractor.Extract(d);
        e.docs[key] = std::move(d);
      },
      [](const ingest::ReadProblem& p) { ADD_FAILURE() << p.where << ": " << p.message; }, stats);
  return e;
}

// Checks everything the end-to-end issue asks of a golden corpus.
void CheckGolden(const std::filesystem::path& input, const std::filesystem::path& gold_path) {
  Gold gold = LoadGold(gold_path);
  Extracted got = ExtractAll(input);
  ASSERT_FALSE(got.docs.empty()) << input;

  // One-to-one matching, best word F1 first (as the independent scorer does).
  struct Pair {
    double f1;
    size_t gold;
    size_t pred;
  };
  std::vector<Pair> pairs;
  for (size_t gi = 0; gi < gold.quotes.size(); ++gi) {
    const auto& preds = got.quotes[gold.quotes[gi].doc];
    for (size_t pi = 0; pi < preds.size(); ++pi) {
      double f = WordF1(preds[pi].text, gold.quotes[gi].text);
      if (f >= 0.5) pairs.push_back({f, gi, pi});
    }
  }
  std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.f1 > b.f1; });
  std::map<size_t, std::pair<double, size_t>> match;  // gold -> (f1, pred)
  std::set<std::pair<std::string, size_t>> used;
  for (const Pair& p : pairs) {
    auto key = std::make_pair(gold.quotes[p.gold].doc, p.pred);
    if (match.count(p.gold) || used.count(key)) continue;
    match[p.gold] = {p.f1, p.pred};
    used.insert(key);
  }
  int required = 0, found = 0;
  for (size_t gi = 0; gi < gold.quotes.size(); ++gi) {
    const GoldQuote& g = gold.quotes[gi];
    if (!g.required) continue;
    ++required;
    double need = (g.kind == "nested" || g.note.find("paragraph") != std::string::npos) ? 0.9 : 0.8;
    auto it = match.find(gi);
    if (it == match.end() || it->second.first < need) {
      ADD_FAILURE() << "missing in " << g.doc << ": \"" << g.text << "\""
                    << (it == match.end() ? "" : " (best F1 " + std::to_string(it->second.first) + ")");
      continue;
    }
    ++found;
    const quotes::Quotation& q = got.quotes[g.doc][it->second.second];
    if (g.speaker) {
      EXPECT_TRUE(testing::SpeakerMatches(q.speaker, *g.speaker))
          << g.doc << ": \"" << g.text << "\" speaker " << q.speaker.value_or("null") << ", want " << *g.speaker;
    } else {
      EXPECT_FALSE(q.speaker) << g.doc << ": \"" << g.text << "\" has no named speaker, got " << *q.speaker;
    }
    EXPECT_EQ(quotes::KindName(q.kind), g.kind) << g.doc << ": \"" << g.text << "\"";
  }
  EXPECT_EQ(found, required);
  // Every reported quotation in quote marks is some gold quotation.
  for (const auto& [doc, preds] : got.quotes) {
    for (size_t pi = 0; pi < preds.size(); ++pi) {
      if (preds[pi].kind == quotes::QuoteKind::kIndirect) continue;
      EXPECT_TRUE(used.count({doc, pi})) << "extra quotation in " << doc << ": \"" << preds[pi].text << "\"";
    }
  }
  // Names of things and scare quotes are never reported.
  for (const auto& [doc, text] : gold.not_quotes) {
    for (const quotes::Quotation& q : got.quotes[doc]) {
      if (q.kind == quotes::QuoteKind::kIndirect) continue;
      EXPECT_LT(WordF1(q.text, text), 0.6) << doc << ": not a quotation: \"" << text << "\"";
    }
  }
  // Boilerplate: every gold line goes, every other line stays.
  for (const auto& [key, d] : got.docs) {
    std::set<std::string> want;
    auto it = gold.boilerplate.find(key);
    if (it != gold.boilerplate.end()) want.insert(it->second.begin(), it->second.end());
    std::set<std::string> have;
    for (const text::ByteRange& r : d.boilerplate) have.insert(d.text.substr(r.begin, r.size()));
    EXPECT_EQ(have, want) << "boilerplate of " << key;
  }
}

TEST(Golden, SeedsMatchHandAnnotation) {
  VERBATIM_REQUIRE_SHARED();
  CheckGolden(testing::SharedDir() / "corpus" / "seeds", testing::SharedDir() / "corpus" / "seeds" / "gold.json");
}

TEST(Golden, DemoCorpusMatchesItsAnnotation) {
  CheckGolden(testing::DemoDir() / "articles.jsonl", testing::DemoDir() / "gold.json");
}

}  // namespace
}  // namespace verbatim
