#include "quotes/attribution_model.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/reader.h"
#include "quotes/attribution_features.h"
#include "quotes/document_extraction.h"
#include "syntax/embedded_model.h"
#include "syntax/feature_hash.h"
#include "syntax/model_file.h"

namespace verbatim::quotes {
namespace {

// A model with a few rows in every table and a two-word cue vocabulary.
std::string SmallModelBytes() {
  std::vector<syntax::WeightRow> cue, content, source;
  for (uint64_t k = 1; k <= 12; ++k) {
    cue.push_back({syntax::FeatureKey(1, k), {-1.0f, static_cast<float>(k)}});
    content.push_back({syntax::FeatureKey(2, k), {0.5f * static_cast<float>(k), 0.0f}});
    source.push_back({syntax::FeatureKey(3, k), {0.0f, 1.0f}});
  }
  AttributionModel m(42, {{internal::WordHash("said"), 93}, {internal::WordHash("according"), 90}},
                     syntax::WeightTable::FromRows(2, cue), syntax::WeightTable::FromRows(2, content),
                     syntax::WeightTable::FromRows(2, source));
  return m.Serialize();
}

TEST(AttributionModel, RoundTripsToTheSameBytes) {
  const std::string bytes = SmallModelBytes();
  absl::StatusOr<AttributionModel> m = AttributionModel::FromBytes(bytes);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->Serialize(), bytes);
  EXPECT_EQ(m->syntax_checksum(), 42u);
  EXPECT_TRUE(m->MayBeCue(internal::WordHash("said")));
  EXPECT_FALSE(m->MayBeCue(internal::WordHash("table")));
  EXPECT_EQ(m->CueShare(internal::WordHash("said")), 93);
  EXPECT_EQ(m->CueShare(internal::WordHash("table")), 0);
  std::vector<uint64_t> keys = {syntax::FeatureKey(1, 3)};
  EXPECT_GT(m->CueScore(keys), 0);
}

TEST(AttributionModel, EveryTruncationIsAnErrorNeverACrash) {
  const std::string bytes = SmallModelBytes();
  for (size_t n = 0; n < bytes.size(); ++n) {
    absl::StatusOr<AttributionModel> m = AttributionModel::FromBytes(std::string_view(bytes).substr(0, n));
    EXPECT_FALSE(m.ok()) << n;
  }
}

TEST(AttributionModel, WrongMagicVersionOrChecksumSaysWhich) {
  std::string bytes = SmallModelBytes();
  std::string magic = bytes;
  magic[0] = 'X';
  EXPECT_NE(AttributionModel::FromBytes(magic).status().message().find("magic"), std::string::npos);
  std::string version = bytes;
  version[8] = static_cast<char>(version[8] + 1);
  EXPECT_NE(AttributionModel::FromBytes(version).status().message().find("version"), std::string::npos);
  std::string corrupt = bytes;
  corrupt.back() = static_cast<char>(corrupt.back() ^ 0x5a);
  EXPECT_NE(AttributionModel::FromBytes(corrupt).status().message().find("checksum"), std::string::npos);
  // A syntax model is not an attribution model.
  EXPECT_FALSE(AttributionModel::FromBytes(syntax::EmbeddedModelBytes()).ok());
  EXPECT_EQ(AttributionModel::Load("/nonexistent/model.bin").status().code(), absl::StatusCode::kNotFound);
}

TEST(AttributionModel, EmbeddedModelWasTrainedOverTheEmbeddedSyntaxModel) {
  absl::StatusOr<const AttributionModel*> m = AttributionModel::Embedded();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_NE(*m, nullptr) << "models/attribution-polnear.bin is empty";
  EXPECT_EQ((*m)->syntax_checksum(), syntax::ModelChecksum(syntax::EmbeddedModelBytes()))
      << "retrain the attribution model after retraining the syntax model (docs/EVALUATION.md)";
  EXPECT_TRUE((*m)->MayBeCue(internal::WordHash("said")));
  EXPECT_TRUE((*m)->MayBeCue(internal::WordHash("according")));
  EXPECT_FALSE((*m)->MayBeCue(internal::WordHash("the")));
}

// The analysis of one article's text, parsed with the embedded model.
class ParsedText {
 public:
  explicit ParsedText(std::string_view text)
      : doc_(ingest::ArticleReader().FromText("t.txt", text)),
        models_{*syntax::EmbeddedModel(), nullptr},
        extraction_(doc_, options_, models_, Lexicon::Default()),
        f_(extraction_.AnalyzeText()) {}
  const internal::FieldData& f() const { return f_; }
  // The first word whose text is `w`.
  int WordOf(std::string_view w) const {
    for (size_t i = 0; i < f_.words.size(); ++i) {
      if (Text(static_cast<int>(i), static_cast<int>(i)) == w) return static_cast<int>(i);
    }
    return internal::kNone;
  }
  std::string_view Text(int first, int last) const {
    return std::string_view(f_.norm.text).substr(f_.words[first].begin, f_.words[last].end - f_.words[first].begin);
  }

 private:
  ExtractorOptions options_ = [] {
    ExtractorOptions o;
    o.parse = ParseScope::kAll;
    return o;
  }();
  ingest::Document doc_;
  ExtractorModels models_;
  internal::DocumentExtraction extraction_;
  const internal::FieldData& f_;
};

TEST(AttributionFeatures, ClausalComplementAndSubjectAreCandidates) {
  ParsedText p("Talks\n\nRutte said on Monday that the alliance is ready to help.");
  int said = p.WordOf("said");
  ASSERT_NE(said, internal::kNone);
  ASSERT_TRUE(p.f().words[said].parsed);
  bool complement = false;
  for (const internal::ContentCandidate& c : internal::ContentCandidates(p.f(), said)) {
    complement |= c.kind == internal::ContentKind::kChild && p.Text(c.first, c.last) == "that the alliance is ready to help";
  }
  EXPECT_TRUE(complement);
  std::vector<internal::SourceCandidate> sources = internal::SourceCandidates(p.f(), said);
  ASSERT_FALSE(sources.empty());
  EXPECT_EQ(sources[0].kind, internal::SourceKind::kNoSource);
  bool subject = false;
  for (const internal::SourceCandidate& s : sources) subject |= s.head != internal::kNone && p.Text(s.head, s.head) == "Rutte";
  EXPECT_TRUE(subject);
}

TEST(AttributionFeatures, ClauseBeforeThePostposedAttributionIsACandidate) {
  ParsedText p("Talks\n\nThe alliance is ready to help, the secretary general said.");
  int said = p.WordOf("said");
  ASSERT_NE(said, internal::kNone);
  bool before = false;
  for (const internal::ContentCandidate& c : internal::ContentCandidates(p.f(), said)) {
    before |= p.Text(c.first, c.last) == "The alliance is ready to help";
  }
  EXPECT_TRUE(before);
}

TEST(AttributionFeatures, CueHeadOfAMultiWordCueIsItsVerb) {
  ParsedText p("Talks\n\nThe ministry said in a statement that talks would resume.");
  int said = p.WordOf("said"), statement = p.WordOf("statement");
  ASSERT_NE(said, internal::kNone);
  EXPECT_EQ(internal::CueHead(p.f(), said, statement), said);
}

TEST(AttributionFeatures, StemJoinsInflections) {
  EXPECT_EQ(internal::Stem("says"), internal::Stem("saying"));
  EXPECT_EQ(internal::Stem("warned"), internal::Stem("warns"));
  EXPECT_EQ(internal::Stem("believes"), internal::Stem("believed"));
  EXPECT_NE(internal::Stem("said"), internal::Stem("sad"));
}

}  // namespace
}  // namespace verbatim::quotes
