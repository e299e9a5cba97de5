// Property tests over the real corpora in ../shared/corpus: whatever the extractor finds, its
// offsets must be true. The raw JSONL is read here with simdjson, independently of the reader,
// so a reader bug cannot hide an offset bug.
//
// Coverage: every document of bbc-2004, polnear-2016 and reuters-21578 (about 22,000
// articles; about three seconds in a RelWithDebInfo build, so no sampling is needed).
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "ingest/reader.h"
#include "quotes/extractor.h"
#include "simdjson.h"
#include "test_support.h"

namespace verbatim {
namespace {

using quotes::Quotation;
using quotes::QuoteKind;

// One raw JSONL record, as the file holds it.
struct RawRecord {
  int64_t line = 0;
  std::string json;
  std::string text;
  std::optional<std::string> title;
};

std::vector<RawRecord> LoadRaw(const std::filesystem::path& path) {
  std::vector<RawRecord> out;
  std::ifstream in(path, std::ios::binary);
  simdjson::dom::parser parser;
  std::string line;
  int64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    simdjson::padded_string padded(line);
    simdjson::dom::element root;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS) {
      ADD_FAILURE() << path << ":" << n << " is not JSON";
      continue;
    }
    RawRecord r;
    r.line = n;
    r.json = line;
    std::string_view sv;
    if (root["text"].get_string().get(sv) != simdjson::SUCCESS) {
      ADD_FAILURE() << path << ":" << n << " has no string text";
      continue;
    }
    r.text = std::string(sv);
    if (root["title"].get_string().get(sv) == simdjson::SUCCESS && !sv.empty()) {
      r.title = std::string(sv);
    }
    out.push_back(std::move(r));
  }
  return out;
}

bool EndsWithAny(std::string_view s, size_t pos, std::initializer_list<std::string_view> marks) {
  for (std::string_view m : marks) {
    if (pos >= m.size() && s.substr(pos - m.size(), m.size()) == m) return true;
  }
  return false;
}
bool StartsWithAny(std::string_view s, size_t pos, std::initializer_list<std::string_view> marks) {
  for (std::string_view m : marks) {
    if (s.substr(pos, m.size()) == m) return true;
  }
  return false;
}

// The marks a quoted segment may follow. Beyond the usual openers, ” (U+201D) opens in
// Swedish and Finnish style (”…”) and in typed-over web comments (polnear-2016:737, 860:
// "”Sorry Sarah, ..."); quote_marks.cc accepts any mark that is left-flanking as an opener.
bool OpeningMarkBefore(std::string_view s, size_t pos) {
  return EndsWithAny(s, pos,
                     {"\"", "'", "\xE2\x80\x9C" /* “ */, "\xE2\x80\x98" /* ‘ */, "\xC2\xAB" /* « */,
                      "\xE2\x80\x9E" /* „ */, "\xE2\x80\x9A" /* ‚ */, "\xE2\x80\xB9" /* ‹ */,
                      "\xE2\x80\x9D" /* ” */});
}
// The marks a quoted segment may precede: “ closes German „…“ and ‘ closes German ‚…‘
// (also typed in place of ’: polnear-2016:737 "‘over their dead bodies‘").
bool ClosingMarkAfter(std::string_view s, size_t pos) {
  return StartsWithAny(s, pos,
                       {"\"", "'", "\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */,
                        "\xC2\xBB" /* » */, "\xE2\x80\x9C" /* “ */, "\xE2\x80\x98" /* ‘ */,
                        "\xE2\x80\xB9" /* ‹ */, "\xE2\x80\xBA" /* › */});
}

// True when only white space (no line break excluded) lies between `pos` and the end of its line.
bool AtLineEnd(std::string_view s, size_t pos) {
  for (size_t i = pos; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\n' || c == '\r') return true;
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// A later segment of the same quotation starts in a later line of the field.
bool ContinuesInLaterParagraph(std::string_view field, const Quotation& q, size_t k) {
  if (k + 1 >= q.segments.size()) return false;
  std::string_view between =
      field.substr(q.segments[k].end, q.segments[k + 1].begin - q.segments[k].end);
  return between.find('\n') != std::string_view::npos;
}

// The next segment of the same quotation reopens on the same line: only spaces, then its
// opening mark (BBC prints the paragraphs of a quotation on one line: "A. "B," he said.).
bool ReopensOnSameLine(std::string_view field, const Quotation& q, size_t k) {
  if (k + 1 >= q.segments.size()) return false;
  size_t next = q.segments[k + 1].begin;
  size_t i = q.segments[k].end;
  if (i >= next || (field[i] != ' ' && field[i] != '\t')) return false;
  while (i < next && (field[i] == ' ' || field[i] == '\t')) ++i;
  std::string_view mark = field.substr(i, next - i);
  for (std::string_view m : {"\"", "''", "\xE2\x80\x9C" /* “ */, "\xC2\xAB" /* « */,
                             "\xC2\xBB" /* » */, "\xE2\x80\x9E" /* „ */}) {
    if (mark == m) return true;
  }
  return false;
}

struct CorpusStats {
  size_t documents = 0;
  size_t quotations = 0;
  size_t failures = 0;
  // Last segments that end at a line end with no closing mark and no later segment: a
  // multi-paragraph quotation whose continuation was lost (see the last test below).
  size_t lost_continuations = 0;
};

// Checks every quotation of every document of one corpus file; stops reporting after a few
// failures so one systematic bug does not print thousands of lines. A lost continuation is
// counted, and reported as a failure only when `fail_lost_continuations`.
CorpusStats CheckOffsets(const std::string& name, bool fail_lost_continuations) {
  CorpusStats stats;
  const std::filesystem::path path = testing::SharedDir() / "corpus" / name;
  std::vector<RawRecord> records = LoadRaw(path);
  EXPECT_GT(records.size(), 100u) << path;
  ingest::ArticleReader reader;
  quotes::Extractor extractor;
  auto fail = [&](const RawRecord& r, const Quotation& q, const std::string& what) {
    if (++stats.failures <= 10) {
      ADD_FAILURE() << name << ":" << r.line << ": " << what << "\n  quotation: " << q.text
                    << "\n  kind: " << quotes::KindName(q.kind);
    }
  };
  for (const RawRecord& r : records) {
    absl::StatusOr<ingest::Document> d =
        reader.FromJsonLine(r.json, name + ":" + std::to_string(r.line));
    if (!d.ok()) {
      ADD_FAILURE() << name << ":" << r.line << ": " << d.status();
      continue;
    }
    ++stats.documents;
    EXPECT_EQ(d->text, r.text) << name << ":" << r.line << ": the reader changed clean text";
    std::vector<Quotation> qs = extractor.Extract(*d);
    stats.quotations += qs.size();
    for (const Quotation& q : qs) {
      if (q.field == quotes::Field::kTitle && !r.title) {
        fail(r, q, "title quotation in a record without a title");
        continue;
      }
      std::string_view field =
          q.field == quotes::Field::kTitle ? std::string_view(*r.title) : std::string_view(r.text);
      if (q.segments.empty()) {
        fail(r, q, "no segments");
        continue;
      }
      bool marked = q.kind != QuoteKind::kUnmarked && q.kind != QuoteKind::kIndirect;
      std::string joined;
      bool in_field = true;
      for (size_t k = 0; k < q.segments.size(); ++k) {
        const text::ByteRange& s = q.segments[k];
        if (s.begin > s.end || s.end > field.size() || (k > 0 && s.begin < q.segments[k - 1].end)) {
          fail(r, q,
               "segment " + std::to_string(k) + " [" + std::to_string(s.begin) + "," +
                   std::to_string(s.end) + ") is not inside the field or out of order");
          in_field = false;
          break;
        }
        if (k) joined += ' ';
        joined.append(field.substr(s.begin, s.size()));
        if (!marked) continue;
        if (!OpeningMarkBefore(field, s.begin)) {
          fail(r, q,
               "segment " + std::to_string(k) + " does not start after an opening mark: ..." +
                   std::string(field.substr(s.begin >= 12 ? s.begin - 12 : 0, 24)));
        }
        if (ClosingMarkAfter(field, s.end)) continue;
        if (AtLineEnd(field, s.end) && ContinuesInLaterParagraph(field, q, k)) continue;
        if (ReopensOnSameLine(field, q, k)) continue;
        bool lost = AtLineEnd(field, s.end) && k + 1 == q.segments.size();
        stats.lost_continuations += lost;
        if (!lost || fail_lost_continuations) {
          fail(r, q,
               "segment " + std::to_string(k) + " does not end before a closing mark: " +
                   std::string(field.substr(s.end >= 12 ? s.end - 12 : 0, 24)) + "...");
        }
      }
      if (in_field && joined != q.text) fail(r, q, "text is not the segments joined by a space");
    }
  }
  return stats;
}

TEST(CorpusProperty, SegmentsOfBbc2004AreExactAndDelimitedByQuoteMarks) {
  VERBATIM_REQUIRE_SHARED();
  CorpusStats s = CheckOffsets("bbc-2004.jsonl", false);
  EXPECT_EQ(s.documents, 2225u);
  EXPECT_GT(s.quotations, 2000u);  // BBC copy quotes a lot: a collapse would show here
  EXPECT_EQ(s.failures, 0u);
}

TEST(CorpusProperty, SegmentsOfPolnear2016AreExactAndDelimitedByQuoteMarks) {
  VERBATIM_REQUIRE_SHARED();
  CorpusStats s = CheckOffsets("polnear-2016.jsonl", false);
  EXPECT_EQ(s.documents, 924u);
  EXPECT_GT(s.quotations, 2000u);
  EXPECT_EQ(s.failures, 0u);
}

TEST(CorpusProperty, SegmentsOfReuters21578AreExactAndDelimitedByQuoteMarks) {
  VERBATIM_REQUIRE_SHARED();
  CorpusStats s = CheckOffsets("reuters-21578.jsonl", false);
  EXPECT_EQ(s.documents, 19043u);
  EXPECT_GT(s.quotations, 2000u);
  EXPECT_EQ(s.failures, 0u);
}

// A quotation whose paragraph leaves its quote open must go on in a later segment: either the
// next paragraph reopens it, or (BBC copy prints paragraphs on one line) the same line does:
//   Kaha Kiknavelidze ... said: "I think a decision that Yugansk should end up with Gazprom
//   was taken a long time ago. So the main question was how to structure this transaction.
//   "I would not exclude that ... has a partner. "I would also not exclude that Baikal ...
// (bbc-2004.jsonl:314). Reuters (reuters-21578.jsonl:9502: "final phase' of preparation ...
// for approval." closed by an apostrophe) and polnear-2016 (60, 81, 845: transcripts that
// reopen every paragraph) have the paragraph-break layout too.
TEST(CorpusProperty, OpenQuotationsAtAParagraphEndAlwaysContinue) {
  VERBATIM_REQUIRE_SHARED();
  for (const char* name : {"bbc-2004.jsonl", "polnear-2016.jsonl", "reuters-21578.jsonl"}) {
    CorpusStats s = CheckOffsets(name, true);
    EXPECT_EQ(s.lost_continuations, 0u) << name;
  }
}

// Wire copy has no boilerplate lines: whatever the detector drops there is article text.
double BoilerplateRate(const std::string& name, size_t* lines_out) {
  const std::filesystem::path path = testing::SharedDir() / "corpus" / name;
  ingest::ArticleReader reader;
  size_t lines = 0, dropped = 0;
  for (const RawRecord& r : LoadRaw(path)) {
    absl::StatusOr<ingest::Document> d = reader.FromJsonLine(r.json, "x");
    if (!d.ok()) continue;
    dropped += d->boilerplate.size();
    size_t start = 0;
    while (start <= r.text.size()) {
      size_t nl = r.text.find('\n', start);
      size_t end = nl == std::string::npos ? r.text.size() : nl;
      std::string_view line(r.text.data() + start, end - start);
      lines += line.find_first_not_of(" \t\r") != std::string_view::npos;
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  *lines_out = lines;
  return lines == 0 ? 1.0 : static_cast<double>(dropped) / static_cast<double>(lines);
}

TEST(CorpusProperty, BoilerplateDropRateOnReutersIsBelowHalfAPercent) {
  VERBATIM_REQUIRE_SHARED();
  size_t lines = 0;
  double rate = BoilerplateRate("reuters-21578.jsonl", &lines);
  EXPECT_GT(lines, 100000u);
  EXPECT_LT(rate, 0.005) << "of " << lines << " lines";
}

TEST(CorpusProperty, BoilerplateDropRateOnBbcIsBelowHalfAPercent) {
  VERBATIM_REQUIRE_SHARED();
  size_t lines = 0;
  double rate = BoilerplateRate("bbc-2004.jsonl", &lines);
  EXPECT_GT(lines, 10000u);
  EXPECT_LT(rate, 0.005) << "of " << lines << " lines";
}

}  // namespace
}  // namespace verbatim
