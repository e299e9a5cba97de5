#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "simdjson.h"
#include "test_support.h"

namespace verbatim::cli {
namespace {

namespace fs = std::filesystem;
using verbatim::testing::TempDir;
using verbatim::testing::WriteFile;

struct CliResult {
  int code = -1;
  std::string out, err;
};

CliResult RunVerbatim(const std::vector<std::string>& args) {
  std::vector<const char*> argv = {"verbatim"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CliResult r;
  r.code = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty()) out.push_back(l);
  }
  return out;
}

// Parses JSONL output; every line must be a JSON object.
class JsonLines {
 public:
  explicit JsonLines(const std::string& s) {
    for (const std::string& l : Lines(s)) {
      docs_.emplace_back(l);
    }
    for (const simdjson::padded_string& p : docs_) {
      parsers_.emplace_back(std::make_unique<simdjson::dom::parser>());
      simdjson::dom::element e;
      auto err = parsers_.back()->parse(p).get(e);
      EXPECT_EQ(err, simdjson::SUCCESS) << std::string_view(p.data(), p.size());
      simdjson::dom::object o;
      EXPECT_EQ(e.get_object().get(o), simdjson::SUCCESS);
      objects_.push_back(o);
    }
  }
  size_t size() const { return objects_.size(); }
  simdjson::dom::object operator[](size_t i) const { return objects_[i]; }

 private:
  std::vector<simdjson::padded_string> docs_;
  std::vector<std::unique_ptr<simdjson::dom::parser>> parsers_;
  std::vector<simdjson::dom::object> objects_;
};

std::string Str(simdjson::dom::object o, std::string_view key) {
  std::string_view v;
  if (o[key].get_string().get(v) != simdjson::SUCCESS) return "(not a string)";
  return std::string(v);
}
bool IsNull(simdjson::dom::object o, std::string_view key) {
  simdjson::dom::element e;
  return o[key].get(e) == simdjson::SUCCESS && e.is_null();
}
bool Has(simdjson::dom::object o, std::string_view key) {
  simdjson::dom::element e;
  return o[key].get(e) == simdjson::SUCCESS;
}

// Two articles from two outlets on two dates, each with quotations by Rutte.
const char kGazette[] =
    R"({"id":"gazette-1","outlet":"Harbour Gazette","published":"2025-04-24","title":"Rutte visits Washington","author":"A. Writer","url":"https://example.com/1","text":"NATO Secretary General Mark Rutte met Trump on Thursday.\n\n\"There is something on the table now, I think,\" Rutte told reporters."})";
const char kWire[] =
    R"({"id":"wire-2","outlet":"Northwind Wire","published":"2025-05-15","title":"Talks in Antalya","text":"Foreign Minister Annalena Baerbock met NATO Secretary General Mark Rutte on Monday.\n\n\"We are ready to sign the agreement today,\" Baerbock said.\n\n\"The ball is now in the Russian court,\" Rutte told reporters."})";

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    feed_ = (dir_.path() / "feed.jsonl").string();
    db_ = (dir_.path() / "news.db").string();
    WriteFile(feed_, std::string(kGazette) + "\n" + kWire + "\n");
  }
  // Ingests the feed and checks that it worked.
  void Ingest() {
    CliResult r = RunVerbatim({"ingest", feed_, "--db", db_});
    ASSERT_EQ(r.code, kOk) << r.err;
  }

  TempDir dir_;
  std::string feed_, db_;
};

TEST(Cli, NoCommandIsAUsageError) {
  CliResult r = RunVerbatim({});
  EXPECT_EQ(r.code, kUsage);
  EXPECT_FALSE(r.err.empty());
}

TEST(Cli, UnknownCommandOrFormatIsAUsageError) {
  EXPECT_EQ(RunVerbatim({"frobnicate"}).code, kUsage);
  EXPECT_EQ(RunVerbatim({"extract", "--format", "xml", "x.jsonl"}).code, kUsage);
  EXPECT_EQ(RunVerbatim({"quotes"}).code, kUsage);  // --db is required
}

TEST(Cli, DatesMustBeIsoDays) {
  CliResult r = RunVerbatim({"quotes", "--db", "x.db", "--from", "24/04/2025"});
  EXPECT_EQ(r.code, kUsage);
  EXPECT_NE(r.err.find("YYYY-MM-DD"), std::string::npos) << r.err;
}

TEST(Cli, RemoveNeedsExactlyOneOfDocOrOutlet) {
  EXPECT_EQ(RunVerbatim({"remove", "--db", "x.db"}).code, kUsage);
  EXPECT_EQ(RunVerbatim({"remove", "--db", "x.db", "--doc", "a", "--outlet", "b"}).code, kUsage);
}

TEST(Cli, VersionPrintsTheExtractorVersion) {
  CliResult r = RunVerbatim({"--version"});
  EXPECT_EQ(r.code, kOk);
  EXPECT_NE(r.out.find("verbatim-extract-4"), std::string::npos) << r.out;
}

TEST_F(CliTest, MissingInputFileMeansNothingProcessed) {
  const std::string missing = (dir_.path() / "missing.jsonl").string();
  CliResult r = RunVerbatim({"extract", missing});
  EXPECT_EQ(r.code, kNothingProcessed);
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(CliTest, EmptyInputMeansNothingProcessed) {
  const std::string empty = (dir_.path() / "empty.jsonl").string();
  WriteFile(empty, "");
  CliResult r = RunVerbatim({"extract", empty});
  EXPECT_EQ(r.code, kNothingProcessed);
  EXPECT_NE(r.err.find("no articles"), std::string::npos) << r.err;
}

TEST_F(CliTest, OneBadJsonlLineAmongGoodOnesExitsThreeAndNamesTheLine) {
  WriteFile(feed_, std::string(kGazette) + "\n{\"id\": \"broken\", \"text\": \n" + kWire + "\n");
  CliResult r = RunVerbatim({"extract", feed_});
  EXPECT_EQ(r.code, kSomeRejected);
  EXPECT_NE(r.err.find(feed_ + ":2"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(feed_ + ":1"), std::string::npos) << r.err;
  JsonLines lines(r.out);
  std::set<std::string> docs;
  for (size_t i = 0; i < lines.size(); ++i) docs.insert(Str(lines[i], "doc"));
  EXPECT_EQ(docs, (std::set<std::string>{"gazette-1", "wire-2"}));
}

TEST_F(CliTest, WarningsDoNotChangeTheExitCode) {
  WriteFile(feed_, R"({"id":"d","published":"last Tuesday","text":"Body text here."})"
                   "\n");
  CliResult r = RunVerbatim({"articles", feed_});
  EXPECT_EQ(r.code, kOk);
  EXPECT_NE(r.err.find("warning: " + feed_ + ":1"), std::string::npos) << r.err;
}

TEST_F(CliTest, ExtractJsonlHasEveryContractField) {
  CliResult r = RunVerbatim({"extract", "--format", "jsonl", feed_});
  ASSERT_EQ(r.code, kOk) << r.err;
  JsonLines lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  for (size_t i = 0; i < lines.size(); ++i) {
    simdjson::dom::object q = lines[i];
    for (std::string_view key : {"doc", "field", "segments", "start", "end", "text", "kind",
                                 "parent", "speaker", "speaker_mention", "cue", "confidence"}) {
      EXPECT_TRUE(Has(q, key)) << "line " << i << " lacks " << key;
    }
    EXPECT_EQ(Str(q, "field"), "text");
    simdjson::dom::array segments;
    ASSERT_EQ(q["segments"].get_array().get(segments), simdjson::SUCCESS);
    ASSERT_EQ(segments.size(), 1u);
    int64_t seg_begin = segments.at(0).at(0).get_int64().value();
    int64_t seg_end = segments.at(0).at(1).get_int64().value();
    EXPECT_EQ(q["start"].get_int64().value(), seg_begin);
    EXPECT_EQ(q["end"].get_int64().value(), seg_end);
    EXPECT_EQ(Str(q, "kind"), "direct");
    EXPECT_TRUE(IsNull(q, "parent"));
    simdjson::dom::object mention;
    ASSERT_EQ(q["speaker_mention"].get_object().get(mention), simdjson::SUCCESS);
    EXPECT_TRUE(Has(mention, "start") && Has(mention, "end") && Has(mention, "text"));
    simdjson::dom::object cue;
    ASSERT_EQ(q["cue"].get_object().get(cue), simdjson::SUCCESS);
    double confidence = q["confidence"].get_double().value();
    EXPECT_GT(confidence, 0.0);
    EXPECT_LE(confidence, 1.0);
  }
  EXPECT_EQ(Str(lines[0], "doc"), "gazette-1");
  EXPECT_EQ(Str(lines[0], "text"), "There is something on the table now, I think,");
  EXPECT_EQ(Str(lines[0], "speaker"), "Mark Rutte");
  EXPECT_EQ(Str(lines[0]["cue"].get_object().value(), "text"), "told");
  EXPECT_EQ(Str(lines[1], "speaker"), "Annalena Baerbock");
  EXPECT_EQ(Str(lines[2], "speaker"), "Mark Rutte");
}

TEST_F(CliTest, ExtractOffsetsPointIntoTheArticlesText) {
  CliResult articles = RunVerbatim({"articles", feed_});
  CliResult extract = RunVerbatim({"extract", feed_});
  ASSERT_EQ(articles.code, kOk);
  ASSERT_EQ(extract.code, kOk);
  JsonLines docs(articles.out), quotes(extract.out);
  ASSERT_EQ(docs.size(), 2u);
  for (size_t i = 0; i < quotes.size(); ++i) {
    std::string doc = Str(quotes[i], "doc");
    std::string text = Str(docs[doc == "gazette-1" ? 0 : 1], "text");
    int64_t start = quotes[i]["start"].get_int64().value();
    int64_t end = quotes[i]["end"].get_int64().value();
    EXPECT_EQ(text.substr(start, end - start), Str(quotes[i], "text"));
  }
}

TEST_F(CliTest, ExtractTableHasAHeader) {
  CliResult r = RunVerbatim({"extract", "--format", "table", feed_});
  ASSERT_EQ(r.code, kOk);
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_GE(lines.size(), 5u);  // header, rule, three quotations
  EXPECT_EQ(lines[0].substr(0, 3), "doc");
  EXPECT_NE(lines[0].find("speaker"), std::string::npos);
  EXPECT_EQ(lines[1].substr(0, 3), "---");
}

TEST_F(CliTest, ArticlesJsonlHasEveryField) {
  CliResult r = RunVerbatim({"articles", feed_});
  ASSERT_EQ(r.code, kOk) << r.err;
  JsonLines lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  for (size_t i = 0; i < lines.size(); ++i) {
    for (std::string_view key :
         {"doc", "title", "published", "crawled", "outlet", "author", "url", "lang", "text", "boilerplate"}) {
      EXPECT_TRUE(Has(lines[i], key)) << "line " << i << " lacks " << key;
    }
  }
  simdjson::dom::object a = lines[0];
  EXPECT_EQ(Str(a, "doc"), "gazette-1");
  EXPECT_EQ(Str(a, "title"), "Rutte visits Washington");
  EXPECT_EQ(Str(a, "published"), "2025-04-24");
  EXPECT_EQ(Str(a, "outlet"), "Harbour Gazette");
  EXPECT_EQ(Str(a, "author"), "A. Writer");
  EXPECT_EQ(Str(a, "url"), "https://example.com/1");
  EXPECT_EQ(Str(a, "lang"), "en");
  EXPECT_EQ(Str(a, "text").substr(0, 10), "NATO Secre");
  simdjson::dom::array bp;
  ASSERT_EQ(a["boilerplate"].get_array().get(bp), simdjson::SUCCESS);
  EXPECT_EQ(bp.size(), 0u);
  EXPECT_TRUE(IsNull(lines[1], "author"));
  EXPECT_TRUE(IsNull(lines[1], "url"));
}

TEST_F(CliTest, ArticlesReportBoilerplateRangesAndExtraFields) {
  WriteFile(
      feed_,
      R"({"id":"b","section":"world","text":"Rutte spoke on Thursday.\nAds by MGDK\nMore text."})"
      "\n");
  CliResult r = RunVerbatim({"articles", feed_});
  ASSERT_EQ(r.code, kOk);
  JsonLines lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  simdjson::dom::array bp = lines[0]["boilerplate"].get_array().value();
  ASSERT_EQ(bp.size(), 1u);
  EXPECT_EQ(bp.at(0).at(0).get_int64().value(), 25);
  EXPECT_EQ(bp.at(0).at(1).get_int64().value(), 36);
  EXPECT_EQ(Str(lines[0]["extra"].get_object().value(), "section"), "world");
}

TEST_F(CliTest, ReingestingUnchangedDocumentsAddsNothing) {
  CliResult first = RunVerbatim({"ingest", feed_, "--db", db_});
  ASSERT_EQ(first.code, kOk) << first.err;
  EXPECT_NE(first.out.find("2 new, 0 replaced, 0 unchanged"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("3 quotations stored"), std::string::npos) << first.out;

  CliResult again = RunVerbatim({"ingest", feed_, "--db", db_});
  ASSERT_EQ(again.code, kOk) << again.err;
  EXPECT_NE(again.out.find("0 new, 0 replaced, 2 unchanged"), std::string::npos) << again.out;
}

TEST_F(CliTest, ReingestingChangedTextReplacesTheDocument) {
  Ingest();
  std::string changed(kGazette);
  changed.replace(changed.find("on Thursday"), 11, "on Friday");
  WriteFile(feed_, changed + "\n" + kWire + "\n");
  CliResult r = RunVerbatim({"ingest", feed_, "--db", db_});
  ASSERT_EQ(r.code, kOk) << r.err;
  EXPECT_NE(r.out.find("0 new, 1 replaced, 1 unchanged"), std::string::npos) << r.out;
  // Still one copy of each quotation.
  CliResult q = RunVerbatim({"quotes", "--db", db_, "--format", "jsonl"});
  EXPECT_EQ(JsonLines(q.out).size(), 3u) << q.out;
}

TEST_F(CliTest, IngestWithABadLineExitsThree) {
  WriteFile(feed_, std::string(kGazette) + "\nnot json\n");
  CliResult r = RunVerbatim({"ingest", feed_, "--db", db_});
  EXPECT_EQ(r.code, kSomeRejected);
  EXPECT_NE(r.err.find(feed_ + ":2"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 new"), std::string::npos) << r.out;
}

TEST_F(CliTest, QuotesBySpeakerIncludePublishedAndOutlet) {
  Ingest();
  CliResult r = RunVerbatim({"quotes", "--db", db_, "--speaker", "rutte", "--format", "jsonl"});
  ASSERT_EQ(r.code, kOk) << r.err;
  JsonLines lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  std::set<std::string> outlets, dates;
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(Str(lines[i], "speaker"), "Mark Rutte");
    for (std::string_view key : {"doc", "segments", "text", "kind", "speaker_mention", "cue",
                                 "confidence", "published", "outlet"}) {
      EXPECT_TRUE(Has(lines[i], key)) << key;
    }
    outlets.insert(Str(lines[i], "outlet"));
    dates.insert(Str(lines[i], "published"));
  }
  EXPECT_EQ(outlets, (std::set<std::string>{"Harbour Gazette", "Northwind Wire"}));
  EXPECT_EQ(dates, (std::set<std::string>{"2025-04-24", "2025-05-15"}));
}

// A saved web page goes through ingest like any article: its quotations land in the database
// with the page's outlet and date, and `articles` prints it in the same contract.
TEST_F(CliTest, HtmlPageIsIngestedWithItsOutletAndDate) {
  const std::string page = (testing::TestdataDir() / "html" / "harbour-vote.html").string();
  CliResult a = RunVerbatim({"articles", page, "--format", "jsonl"});
  ASSERT_EQ(a.code, kOk) << a.err;
  JsonLines articles(a.out);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(Str(articles[0], "outlet"), "The Northgate Courier");
  EXPECT_TRUE(Has(articles[0], "crawled"));
  EXPECT_NE(a.err.find("1 pages read as articles"), std::string::npos) << a.err;

  CliResult in = RunVerbatim({"ingest", "--db", db_, page});
  ASSERT_EQ(in.code, kOk) << in.err;
  CliResult r = RunVerbatim({"quotes", "--db", db_, "--speaker", "okafor", "--format", "jsonl"});
  ASSERT_EQ(r.code, kOk) << r.err;
  JsonLines lines(r.out);
  ASSERT_GE(lines.size(), 2u) << r.out;
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(Str(lines[i], "speaker"), "Maria Okafor");
    EXPECT_EQ(Str(lines[i], "outlet"), "The Northgate Courier");
    EXPECT_EQ(Str(lines[i], "published"), "2024-03-14T21:40:00Z");
  }
}

TEST_F(CliTest, QuotesSpeakerMatchIsWholeWordsAndCaseBlind) {
  Ingest();
  EXPECT_EQ(
      JsonLines(
          RunVerbatim({"quotes", "--db", db_, "--speaker", "BAERBOCK", "--format", "jsonl"}).out)
          .size(),
      1u);
  EXPECT_EQ(
      JsonLines(RunVerbatim({"quotes", "--db", db_, "--speaker", "rut", "--format", "jsonl"}).out)
          .size(),
      0u);
}

TEST_F(CliTest, QuotesSearchFindsWords) {
  Ingest();
  CliResult r =
      RunVerbatim({"quotes", "--db", db_, "--search", "russian court", "--format", "jsonl"});
  ASSERT_EQ(r.code, kOk) << r.err;
  JsonLines lines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_EQ(Str(lines[0], "text"), "The ball is now in the Russian court,");
  EXPECT_EQ(
      JsonLines(RunVerbatim({"quotes", "--db", db_, "--search", "tango", "--format", "jsonl"}).out)
          .size(),
      0u);
}

TEST_F(CliTest, QuotesFromAndToFilterByPublicationDay) {
  Ingest();
  JsonLines late(
      RunVerbatim({"quotes", "--db", db_, "--from", "2025-05-01", "--format", "jsonl"}).out);
  ASSERT_EQ(late.size(), 2u);
  for (size_t i = 0; i < late.size(); ++i) EXPECT_EQ(Str(late[i], "doc"), "wire-2");

  JsonLines early(
      RunVerbatim({"quotes", "--db", db_, "--to", "2025-04-24", "--format", "jsonl"}).out);
  ASSERT_EQ(early.size(), 1u);  // inclusive of that day
  EXPECT_EQ(Str(early[0], "doc"), "gazette-1");

  JsonLines none(RunVerbatim({"quotes", "--db", db_, "--from", "2025-04-25", "--to", "2025-05-14",
                              "--format", "jsonl"})
                     .out);
  EXPECT_EQ(none.size(), 0u);
}

TEST_F(CliTest, QuotesCsvHasAHeaderAndQuotedFields) {
  Ingest();
  CliResult r = RunVerbatim({"quotes", "--db", db_, "--format", "csv", "--speaker", "Baerbock"});
  ASSERT_EQ(r.code, kOk) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0], "doc,published,outlet,speaker,kind,text");
  EXPECT_EQ(lines[1],
            "wire-2,2025-05-15,Northwind Wire,Annalena Baerbock,direct,"
            "\"We are ready to sign the agreement today,\"");
}

TEST_F(CliTest, QuotesOutletAndLimit) {
  Ingest();
  EXPECT_EQ(JsonLines(RunVerbatim({"quotes", "--db", db_, "--outlet", "Northwind Wire", "--format",
                                   "jsonl"})
                          .out)
                .size(),
            2u);
  EXPECT_EQ(JsonLines(RunVerbatim({"quotes", "--db", db_, "--limit", "1", "--format", "jsonl"}).out)
                .size(),
            1u);
}

TEST_F(CliTest, QuotesOnAMissingDatabaseFails) {
  CliResult r = RunVerbatim({"quotes", "--db", db_});
  EXPECT_EQ(r.code, kNothingProcessed);
  EXPECT_FALSE(fs::exists(db_));  // a query never creates a database
}

TEST_F(CliTest, SpeakersListsCounts) {
  Ingest();
  CliResult r = RunVerbatim({"speakers", "--db", db_, "--format", "jsonl"});
  ASSERT_EQ(r.code, kOk) << r.err;
  JsonLines lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(Str(lines[0], "name"), "Mark Rutte");  // most quoted first
  EXPECT_EQ(lines[0]["quotations"].get_int64().value(), 2);
  EXPECT_EQ(lines[0]["articles"].get_int64().value(), 2);
  EXPECT_EQ(Str(lines[1], "name"), "Annalena Baerbock");

  EXPECT_EQ(lines[0]["variants"].get_array().value().size(), 1u);

  // CSV gained a last column, `variants` (columns are read by header name).
  CliResult csv = RunVerbatim({"speakers", "--db", db_, "--format", "csv"});
  EXPECT_EQ(Lines(csv.out)[0], "name,quotations,articles,variants");
  EXPECT_EQ(Lines(csv.out)[1], "Mark Rutte,2,2,Mark Rutte");
}

TEST_F(CliTest, RemoveDocDeletesItsQuotations) {
  Ingest();
  CliResult r = RunVerbatim({"remove", "--db", db_, "--doc", "gazette-1"});
  ASSERT_EQ(r.code, kOk) << r.err;
  EXPECT_NE(r.out.find("removed 1 document(s)"), std::string::npos) << r.out;
  JsonLines left(RunVerbatim({"quotes", "--db", db_, "--format", "jsonl"}).out);
  ASSERT_EQ(left.size(), 2u);
  for (size_t i = 0; i < left.size(); ++i) EXPECT_EQ(Str(left[i], "doc"), "wire-2");

  CliResult again = RunVerbatim({"remove", "--db", db_, "--doc", "gazette-1"});
  EXPECT_EQ(again.code, kNothingProcessed);
  EXPECT_NE(again.err.find("gazette-1"), std::string::npos) << again.err;
}

TEST_F(CliTest, RemoveOutletDeletesEveryDocumentOfIt) {
  Ingest();
  CliResult r = RunVerbatim({"remove", "--db", db_, "--outlet", "Northwind Wire"});
  ASSERT_EQ(r.code, kOk) << r.err;
  EXPECT_NE(r.out.find("removed 1 document(s)"), std::string::npos) << r.out;
  EXPECT_EQ(JsonLines(RunVerbatim({"quotes", "--db", db_, "--format", "jsonl"}).out).size(), 1u);
}

TEST_F(CliTest, ReprocessRerunsExtractionOverStoredDocuments) {
  Ingest();
  CliResult r = RunVerbatim({"reprocess", "--db", db_});
  ASSERT_EQ(r.code, kOk) << r.err;
  EXPECT_NE(r.out.find("reprocessed 2 documents"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": 3 quotations"), std::string::npos) << r.out;
  // Same quotations as before, not duplicated.
  EXPECT_EQ(JsonLines(RunVerbatim({"quotes", "--db", db_, "--format", "jsonl"}).out).size(), 3u);
}

TEST_F(CliTest, ReprocessOnAMissingDatabaseFails) {
  EXPECT_EQ(RunVerbatim({"reprocess", "--db", db_}).code, kNothingProcessed);
}

TEST(Cli, DemoRunsAndSummarisesOutlets) {
  CliResult r = RunVerbatim({"demo"});
  EXPECT_EQ(r.code, kOk) << r.err;
  EXPECT_NE(r.out.find("Articles and quotations per outlet"), std::string::npos);
  EXPECT_NE(r.out.find("The Harbour Gazette"), std::string::npos);
  EXPECT_NE(r.out.find("Speakers"), std::string::npos);
}

TEST(Cli, DemoKeepsItsDatabaseWhenAsked) {
  TempDir dir;
  const std::string db = (dir.path() / "demo.db").string();
  ASSERT_EQ(RunVerbatim({"demo", "--keep", db}).code, kOk);
  ASSERT_TRUE(fs::exists(db));
  CliResult r = RunVerbatim({"quotes", "--db", db, "--speaker", "varga", "--format", "jsonl"});
  EXPECT_EQ(r.code, kOk);
  EXPECT_GT(JsonLines(r.out).size(), 0u);
}


TEST(Cli, ClustersJsonlFollowsTheContractAndTraceShowsTheTimeline) {
  // Two outlets carry one utterance in different words; a third quotation stands alone.
  testing::TempDir dir;
  const std::string feed = (dir.path() / "feed.jsonl").string();
  testing::WriteFile(feed,
      R"({"id":"a","outlet":"Alpha","published":"2025-04-24","title":"Talks","text":"\"The ball is clearly in the Russian court,\" Mark Rutte told reporters."})" "\n"
      R"({"id":"b","outlet":"Beta","published":"2025-04-27","title":"Talks","text":"\"The ball clearly is in the court of the Russians,\" Rutte said. \"We want a lasting and durable peace deal,\" he added."})" "\n");
  const std::string db = (dir.path() / "n.db").string();
  ASSERT_EQ(RunVerbatim({"ingest", feed, "--db", db}).code, 0);
  CliResult r = RunVerbatim({"clusters", "--db", db, "--format", "jsonl"});
  ASSERT_EQ(r.code, 0) << r.err;
  JsonLines lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  simdjson::dom::object top = lines[0];  // most outlets first
  for (const char* key : {"cluster", "canonical", "speakers", "first_seen", "flags", "quotes"}) {
    EXPECT_TRUE(Has(top, key)) << key;
  }
  EXPECT_EQ(Str(top, "first_seen"), "2025-04-24");
  simdjson::dom::array quotes = top["quotes"].get_array().value();
  ASSERT_EQ(quotes.size(), 2u);
  for (simdjson::dom::element q : quotes) {
    for (const char* key : {"doc", "field", "text", "start", "end", "speaker", "outlet", "published"}) {
      EXPECT_TRUE(Has(q.get_object().value(), key)) << key;
    }
  }
  simdjson::dom::array speakers = top["speakers"].get_array().value();
  ASSERT_EQ(speakers.size(), 1u);  // "Rutte" and "Mark Rutte" are one identity
  EXPECT_EQ(std::string_view(speakers.at(0).get_string().value()), "Mark Rutte");
  EXPECT_EQ(top["flags"].get_array().value().size(), 0u);

  CliResult wide = RunVerbatim({"clusters", "--db", db, "--min-outlets", "2"});
  EXPECT_EQ(Lines(wide.out).size(), 3u);  // header, rule, one cluster

  CliResult t = RunVerbatim({"trace", "ball in the Russian court", "--db", db});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_LT(t.out.find("2025-04-24"), t.out.find("2025-04-27"));
  EXPECT_NE(t.out.find("first seen: 2025-04-24"), std::string::npos) << t.out;
  EXPECT_EQ(RunVerbatim({"trace", "completely unrelated words about fishing", "--db", db}).code, 1);
  // One shared word of two is not a match ("court" alone).
  EXPECT_EQ(RunVerbatim({"trace", "tennis court", "--db", db}).code, 1);
}

TEST(Cli, StoriesAndSimilarityFollowTheirContracts) {
  testing::TempDir dir;
  const std::string feed = (dir.path() / "feed.jsonl").string();
  testing::WriteFile(feed,
      R"({"id":"a","outlet":"Alpha","published":"2025-05-15","title":"Ministers meet in Antalya","text":"NATO foreign ministers met in Antalya on Thursday. Mark Rutte said the alliance would raise defence spending and praised Turkey for hosting the Ukraine talks."})" "\n"
      R"({"id":"b","outlet":"Beta","published":"2025-05-16","title":"Rutte in Antalya","text":"In Antalya, NATO foreign ministers gathered on Thursday, where Mark Rutte praised Turkey as host of the Ukraine talks and said defence spending would rise."})" "\n"
      R"({"id":"c","outlet":"Alpha","published":"2025-05-15","title":"Floods","text":"Heavy rain flooded the river valley overnight, forcing hundreds of residents from their homes near the old mill town."})" "\n");
  const std::string db = (dir.path() / "s.db").string();
  ASSERT_EQ(RunVerbatim({"ingest", feed, "--db", db}).code, 0);
  CliResult r = RunVerbatim({"stories", "--db", db, "--format", "jsonl"});
  ASSERT_EQ(r.code, 0) << r.err;
  JsonLines lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  for (const char* key : {"story", "title", "docs", "outlets", "first_seen", "last_seen"}) EXPECT_TRUE(Has(lines[0], key)) << key;
  EXPECT_EQ(lines[0]["docs"].get_array().value().size(), 2u);
  EXPECT_EQ(Str(lines[0], "first_seen"), "2025-05-15");
  EXPECT_EQ(Str(lines[0], "last_seen"), "2025-05-16");

  const std::string pairs = (dir.path() / "pairs.jsonl").string();
  testing::WriteFile(pairs,
      R"({"id":"p1","a":{"title":"Antalya talks","text":"NATO ministers met in Antalya and Rutte praised Turkey."},"b":{"title":"Rutte in Antalya","text":"In Antalya NATO ministers met; Rutte praised Turkey."}})" "\n"
      R"({"id":"p2","a":{"title":"Antalya talks","text":"NATO ministers met in Antalya and Rutte praised Turkey."},"b":{"title":"Floods","text":"Heavy rain flooded the river valley overnight."}})" "\n");
  CliResult s = RunVerbatim({"similarity", pairs});
  ASSERT_EQ(s.code, 0) << s.err;
  JsonLines scores(s.out);
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(Str(scores[0], "id"), "p1");
  double s1 = scores[0]["score"].get_double().value(), s2 = scores[1]["score"].get_double().value();
  EXPECT_GT(s1, s2);
  EXPECT_GE(s2, 0.0);
  EXPECT_LE(s1, 1.0);
  EXPECT_EQ(RunVerbatim({"similarity", (dir.path() / "missing.jsonl").string()}).code, 1);
}

TEST(Cli, IngestingInTwoHalvesGivesTheSameClustersStoriesAndSpeakers) {
  // The demo corpus in two halves into one database, and whole into another.
  testing::TempDir dir;
  std::string all = testing::ReadFile(testing::DemoDir() / "articles.jsonl");
  std::vector<std::string> lines = Lines(all);
  std::string first, second;
  for (size_t i = 0; i < lines.size(); ++i) (i < lines.size() / 2 ? first : second) += lines[i] + "\n";
  const std::string a = (dir.path() / "a.jsonl").string(), b = (dir.path() / "b.jsonl").string();
  testing::WriteFile(a, first);
  testing::WriteFile(b, second);
  const std::string halves = (dir.path() / "halves.db").string(), whole = (dir.path() / "whole.db").string();
  ASSERT_EQ(RunVerbatim({"ingest", a, "--db", halves}).code, 0);
  ASSERT_EQ(RunVerbatim({"ingest", b, "--db", halves}).code, 0);
  ASSERT_EQ(RunVerbatim({"ingest", a, b, "--db", whole}).code, 0);
  for (const char* cmd : {"clusters", "stories", "speakers"}) {
    CliResult x = RunVerbatim({cmd, "--db", halves, "--format", "jsonl"});
    CliResult y = RunVerbatim({cmd, "--db", whole, "--format", "jsonl"});
    ASSERT_EQ(x.code, 0) << x.err;
    EXPECT_FALSE(x.out.empty()) << cmd;
    EXPECT_EQ(x.out, y.out) << cmd;
  }
}
}  // namespace
}  // namespace verbatim::cli

namespace verbatim::cli {
namespace {

// The parallel pipeline writes what one thread writes: the same extract lines in the same
// order, and the same database (quotations, clusters, stories, speakers).
TEST(Cli, AnyNumberOfThreadsGivesTheOneThreadOutput) {
  testing::TempDir dir;
  const std::string corpus = (testing::DemoDir() / "articles.jsonl").string();
  CliResult one = RunVerbatim({"extract", corpus, "--threads", "1"});
  ASSERT_EQ(one.code, 0) << one.err;
  ASSERT_GT(Lines(one.out).size(), 100u);
  for (const char* threads : {"2", "5"}) {
    CliResult many = RunVerbatim({"extract", corpus, "--threads", threads});
    EXPECT_EQ(many.out, one.out) << threads << " threads";
    EXPECT_EQ(many.err, one.err) << threads << " threads";
  }
  const std::string db1 = (dir.path() / "one.db").string(), db5 = (dir.path() / "five.db").string();
  CliResult i1 = RunVerbatim({"ingest", corpus, "--db", db1, "--threads", "1"});
  CliResult i5 = RunVerbatim({"ingest", corpus, "--db", db5, "--threads", "5"});
  ASSERT_EQ(i1.code, 0) << i1.err;
  EXPECT_EQ(i5.out.substr(i5.out.find(':')), i1.out.substr(i1.out.find(':')));  // counts
  for (std::vector<std::string> cmd : std::vector<std::vector<std::string>>{
           {"quotes", "--format", "jsonl"}, {"clusters", "--format", "jsonl"}, {"stories", "--format", "jsonl"},
           {"speakers", "--format", "jsonl"}}) {
    std::vector<std::string> a = cmd, b = cmd;
    a.insert(a.end(), {"--db", db1});
    b.insert(b.end(), {"--db", db5});
    CliResult x = RunVerbatim(a), y = RunVerbatim(b);
    ASSERT_EQ(x.code, 0) << x.err;
    EXPECT_FALSE(x.out.empty()) << cmd[0];
    EXPECT_EQ(x.out, y.out) << cmd[0];
  }
}

// --memory sets how the index updates share memory and --threads whether they run at once;
// on the demo corpus the stored clusters and stories depend on neither (chunk boundaries are
// pinned in store/stories_test.cc). --timings names each stage with its time and peak memory.
TEST(Cli, MemoryBudgetAndTimings) {
  testing::TempDir dir;
  const std::string corpus = (testing::DemoDir() / "articles.jsonl").string();
  const std::string db1 = (dir.path() / "default.db").string(), db2 = (dir.path() / "least.db").string();
  const std::string db3 = (dir.path() / "concurrent.db").string();
  CliResult a = RunVerbatim({"ingest", corpus, "--db", db1, "--threads", "1"});
  CliResult b = RunVerbatim({"ingest", corpus, "--db", db2, "--threads", "1", "--memory", "256MiB", "--timings"});
  CliResult c = RunVerbatim({"ingest", corpus, "--db", db3, "--threads", "2", "--memory", "256MiB", "--timings"});
  ASSERT_EQ(a.code, 0) << a.err;
  ASSERT_EQ(b.code, 0) << b.err;
  ASSERT_EQ(c.code, 0) << c.err;
  EXPECT_TRUE(a.err.empty()) << a.err;
  // One thread: the index updates one after the other; more: both at once, each timed.
  for (const auto& [err, stages] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {b.err, {"verbatim: documents (read, extract, store): ", "verbatim: quote clusters: ", "verbatim: stories: "}},
           {c.err, {"verbatim: documents (read, extract, store): ", "verbatim: quote clusters and stories, at once: "}}}) {
    for (const std::string& stage : stages) {
      const size_t at = err.find(stage);
      ASSERT_NE(at, std::string::npos) << err;
      EXPECT_NE(err.find(" s, peak RSS ", at), std::string::npos) << err;
    }
  }
  EXPECT_NE(c.err.find("verbatim: quote clusters "), std::string::npos) << c.err;
  EXPECT_NE(c.err.find(" (on two threads)"), std::string::npos) << c.err;
  // The documents stage says how many parsed sentences it had seen before.
  EXPECT_NE(b.err.find(" sentences seen before, "), std::string::npos) << b.err;
  for (const char* what : {"clusters", "stories"}) {
    CliResult x = RunVerbatim({what, "--db", db1, "--format", "jsonl"});
    EXPECT_FALSE(x.out.empty()) << what;
    for (const std::string& other : {db2, db3}) {
      CliResult y = RunVerbatim({what, "--db", other, "--format", "jsonl"});
      EXPECT_EQ(x.out, y.out) << what << " " << other;
    }
  }
  for (const char* bad : {"100M", "lots", "1.5G"}) {
    CliResult r = RunVerbatim({"ingest", corpus, "--db", (dir.path() / "bad.db").string(), "--memory", bad});
    EXPECT_EQ(r.code, kUsage) << bad;
    EXPECT_NE(r.err.find("--memory"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "bad.db")) << bad;
    CliResult e = RunVerbatim({"extract", corpus, "--memory", bad});
    EXPECT_EQ(e.code, kUsage) << bad;
    EXPECT_NE(e.err.find("--memory"), std::string::npos) << e.err;
  }
  // extract's budget sizes its parse cache only: the smallest gives the same quotations.
  CliResult x = RunVerbatim({"extract", corpus});
  CliResult y = RunVerbatim({"extract", corpus, "--memory", "256MiB", "--threads", "2"});
  ASSERT_EQ(x.code, 0) << x.err;
  EXPECT_FALSE(x.out.empty());
  EXPECT_EQ(x.out, y.out);
}

// The progress line: on a terminal (a pseudo-terminal from util-linux `script`), and never with
// --quiet or when stderr is not a terminal (every other test's stderr is compared exactly).
TEST(Cli, ProgressLineOnlyOnATerminalAndNotWithQuiet) {
  const char* binary = std::getenv("VERBATIM_BINARY");
  ASSERT_NE(binary, nullptr);
  testing::TempDir dir;
  const std::string corpus = (dir.path() / "many.jsonl").string();
  std::string lines;
  for (int i = 0; i < 4000; ++i) {
    lines += absl::StrCat(R"({"doc":"a)", i, R"(","text":"\"We will win this vote,\" said Ada Example, the leader. She said the party was ready and that the budget would pass before the summer."})", "\n");
  }
  testing::WriteFile(corpus, lines);
  auto run = [&](const std::string& flags) {
    const std::string cmd = absl::StrCat("script -qec '", binary, " extract ", corpus, " ", flags, " > /dev/null' /dev/null");
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    for (size_t n; p != nullptr && (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    if (p != nullptr) pclose(p);
    return out;
  };
  const std::string shown = run("--threads 2");
  EXPECT_NE(shown.find(" articles \xc2\xb7 "), std::string::npos) << shown;
  EXPECT_NE(shown.find(" quotations"), std::string::npos) << shown;
  EXPECT_EQ(run("--threads 2 --quiet"), "");
  // ingest names its stages after the reading, while the indexes are updated.
  const std::string db = (dir.path() / "progress.db").string();
  const std::string ingest_cmd = absl::StrCat("script -qec '", binary, " ingest ", corpus, " --db ", db, "' /dev/null");
  std::string ingested;
  FILE* p = popen(ingest_cmd.c_str(), "r");
  char buf[4096];
  for (size_t n; p != nullptr && (n = fread(buf, 1, sizeof buf, p)) > 0;) ingested.append(buf, n);
  if (p != nullptr) pclose(p);
  EXPECT_NE(ingested.find("verbatim: clustering quotations"), std::string::npos) << ingested;
  EXPECT_NE(ingested.find("grouping stories"), std::string::npos) << ingested;
  EXPECT_NE(ingested.find("ingested into"), std::string::npos) << ingested;
}

TEST(Cli, StoriesAndQuoteClustersPointAtEachOther) {
  testing::TempDir dir;
  const std::string db = (dir.path() / "d.db").string();
  ASSERT_EQ(RunVerbatim({"ingest", (testing::DemoDir() / "articles.jsonl").string(), "--db", db}).code, 0);
  CliResult st = RunVerbatim({"stories", "--db", db, "--format", "jsonl"});
  CliResult cl = RunVerbatim({"clusters", "--db", db, "--format", "jsonl"});
  ASSERT_EQ(st.code, 0) << st.err;
  ASSERT_EQ(cl.code, 0) << cl.err;
  // doc -> story, and story -> the clusters it lists.
  std::map<std::string, int64_t> story_of_doc;
  std::map<int64_t, std::set<int64_t>> clusters_of_story;
  JsonLines stories(st.out);
  for (size_t i = 0; i < stories.size(); ++i) {
    int64_t id = stories[i]["story"].get_int64().value();
    for (simdjson::dom::element d : stories[i]["docs"].get_array()) story_of_doc[std::string(d.get_string().value())] = id;
    for (simdjson::dom::element c : stories[i]["quote_clusters"].get_array()) clusters_of_story[id].insert(c.get_int64().value());
  }
  JsonLines clusters(cl.out);
  size_t checked = 0;
  for (size_t i = 0; i < clusters.size(); ++i) {
    int64_t cluster = clusters[i]["cluster"].get_int64().value();
    for (simdjson::dom::element q : clusters[i]["quotes"].get_array()) {
      std::string doc(q["doc"].get_string().value());
      int64_t story = q["story"].get_int64().value();
      EXPECT_EQ(story, story_of_doc.at(doc)) << doc;
      EXPECT_TRUE(clusters_of_story[story].contains(cluster)) << "story " << story << " lacks cluster " << cluster;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100u);
}

}  // namespace
}  // namespace verbatim::cli

namespace verbatim::cli {
namespace {

TEST(Cli, SeedsHaveOneRutteAcrossTheFiveArticles) {
  VERBATIM_REQUIRE_SHARED();
  testing::TempDir dir;
  const std::string db = (dir.path() / "s.db").string();
  ASSERT_EQ(RunVerbatim({"ingest", (testing::SharedDir() / "corpus/seeds").string(), "--db", db}).code, 0);
  CliResult r = RunVerbatim({"speakers", "--db", db, "--format", "jsonl"});
  ASSERT_EQ(r.code, 0) << r.err;
  JsonLines lines(r.out);
  int rutte = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (Str(lines[i], "name").find("Rutte") == std::string::npos) continue;
    ++rutte;
    EXPECT_EQ(Str(lines[i], "name"), "Mark Rutte");
    EXPECT_EQ(lines[i]["articles"].get_int64().value(), 5);
  }
  EXPECT_EQ(rutte, 1) << r.out;
}

}  // namespace
TEST(Cli, EvalHtmlScoresATinyAebSetAndNeedsASet) {
  TempDir dir;
  fs::create_directories(dir.path() / "html");
  WriteFile(dir.path() / "ground-truth.json",
            "{\"p1\": {\"articleBody\": \"The council approved the plan on Tuesday after a long debate, "
            "and work starts in May.\", \"url\": \"https://example.org/a\"}}");
  // A stored (uncompressed) gzip member would need zlib to write; a .html.gz that is not gzip is
  // a read error, which the command reports.
  WriteFile(dir.path() / "html/p1.html.gz", "not gzip");
  CliResult bad = RunVerbatim({"eval", "html", "--aeb", dir.path().string(), "--trafilatura", "",
                               "--mediacloud", ""});
  EXPECT_EQ(bad.code, 1) << bad.err;
  EXPECT_NE(bad.err.find("gzip"), std::string::npos) << bad.err;
  CliResult none =
      RunVerbatim({"eval", "html", "--aeb", "", "--trafilatura", "", "--mediacloud", ""});
  EXPECT_EQ(none.code, 2);
  CliResult path = RunVerbatim({"eval", "html", "somewhere"});
  EXPECT_EQ(path.code, 2);
  CliResult no_path = RunVerbatim({"eval", "polnear"});
  EXPECT_EQ(no_path.code, 2);
}

TEST(Cli, EvalHtmlOnTheSharedSetsPrintsBothScores) {
  VERBATIM_REQUIRE_SHARED();
  std::string shared = verbatim::testing::SharedDir().string();
  CliResult r = RunVerbatim({"eval", "html", "--aeb", shared + "/eval/html/aeb", "--trafilatura",
                             shared + "/eval/html/trafilatura", "--mediacloud",
                             shared + "/eval/html/mediacloud-2020", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"aeb\":{"), std::string::npos);
  EXPECT_NE(r.out.find("\"trafilatura\":{"), std::string::npos);
  EXPECT_NE(r.out.find("\"trafilatura_metadata\":{"), std::string::npos);
  EXPECT_NE(r.out.find("\"mediacloud\":{"), std::string::npos);
}

}  // namespace verbatim::cli

namespace verbatim::cli {
namespace {

std::string WarcResponse(int n, const std::string& uri, const std::string& content_type, const std::string& body) {
  const std::string http = "HTTP/1.1 200 OK\r\nContent-Type: " + content_type +
                           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" +
         absl::StrFormat("%012d", n) + ">\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response"
         "\r\nContent-Length: " + std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
}

// Web pages are parsed on the worker threads, and what comes out (lines, messages, counts and the
// database) is still what one thread makes, in input order: pages with articles, a page without
// one, a file that is not HTML, a page too large to hand to a worker, and a crawl.
TEST(Cli, WebPagesGiveTheOneThreadOutputOnAnyNumberOfThreads) {
  TempDir dir;
  const fs::path web = dir.path() / "web";
  fs::create_directories(web);
  const std::string page = testing::ReadFile(testing::TestdataDir() / "html" / "harbour-vote.html");
  for (int i = 0; i < 12; ++i) WriteFile(web / absl::StrFormat("p%02d.html", i), page);
  WriteFile(web / "p05.html", "<html><body><ul><li><a href=/a>Home</a></li></ul></body></html>");
  WriteFile(web / "p07.html", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, '\0'));
  std::string large = page;
  large.insert(large.find("</body>"), absl::StrCat("<!--", std::string(size_t{3} << 19, 'x'), "-->"));
  WriteFile(web / "p09.html", large);
  std::string crawl;
  for (int i = 0; i < 6; ++i) {
    crawl += WarcResponse(i, absl::StrCat("https://example.org/news/", i), i == 2 ? "image/jpeg" : "text/html",
                          i == 2 ? std::string(64, 'j') : page);
  }
  WriteFile(web / "crawl.warc", crawl);

  CliResult one = RunVerbatim({"extract", web.string(), "--format", "jsonl", "--threads", "1"});
  ASSERT_EQ(one.code, kSomeRejected) << one.err;
  EXPECT_GT(Lines(one.out).size(), 20u);
  EXPECT_NE(one.err.find("p05.html: no article text found in the page"), std::string::npos) << one.err;
  EXPECT_NE(one.err.find("p07.html"), std::string::npos) << one.err;
  EXPECT_NE(one.err.find("15 pages read as articles from 6 WARC records"), std::string::npos) << one.err;
  for (const char* threads : {"2", "3"}) {
    CliResult many = RunVerbatim({"extract", web.string(), "--format", "jsonl", "--threads", threads});
    EXPECT_EQ(many.code, one.code);
    EXPECT_EQ(many.out, one.out) << threads << " threads";
    EXPECT_EQ(many.err, one.err) << threads << " threads";
  }
  const std::string db1 = (dir.path() / "one.db").string(), db3 = (dir.path() / "three.db").string();
  CliResult i1 = RunVerbatim({"ingest", web.string(), "--db", db1, "--threads", "1"});
  CliResult i3 = RunVerbatim({"ingest", web.string(), "--db", db3, "--threads", "3"});
  EXPECT_EQ(i1.code, kSomeRejected) << i1.err;
  EXPECT_EQ(i3.err, i1.err);
  CliResult q1 = RunVerbatim({"quotes", "--db", db1, "--format", "jsonl"});
  CliResult q3 = RunVerbatim({"quotes", "--db", db3, "--format", "jsonl"});
  ASSERT_EQ(q1.code, kOk) << q1.err;
  EXPECT_EQ(Lines(q1.out).size(), Lines(one.out).size());
  EXPECT_EQ(q3.out, q1.out);
}

// JSONL records are parsed on the worker threads too: the rejections and repairs of a file
// with bad records are reported as the reader reports them (`articles`), with file and line,
// in input order, and counted, whatever the number of threads.
TEST(Cli, JsonlRecordsGiveTheReadersMessagesOnAnyNumberOfThreads) {
  TempDir dir;
  const std::string corpus = testing::ReadFile(testing::DemoDir() / "articles.jsonl");
  std::vector<std::string> lines = Lines(corpus);
  ASSERT_GT(lines.size(), 20u);
  lines.resize(20);
  lines[3] = "{\"id\": \"broken\", \"text\": ";                                     // malformed
  lines[6] = "{\"id\": \"typed\", \"text\": 42}";                                   // mistyped
  lines[9].insert(lines[9].find("\"text\": \"") + 9, "caf\xe9 ");                  // invalid UTF-8
  lines[12].insert(1, "\"published\": \"the day after\", ");                       // unreadable date
  lines.insert(lines.begin() + 15, "   ");                                            // blank
  std::string file;
  for (const std::string& l : lines) file += l + "\n";
  const std::string path = (dir.path() / "mixed.jsonl").string();
  WriteFile(path, file);

  CliResult read = RunVerbatim({"articles", path, "--format", "jsonl"});
  ASSERT_EQ(read.code, kSomeRejected) << read.err;
  const std::vector<std::string> expected = Lines(read.err);
  ASSERT_EQ(expected.size(), 4u) << read.err;
  EXPECT_NE(expected[0].find("mixed.jsonl:4: malformed JSON"), std::string::npos) << read.err;
  EXPECT_NE(expected[1].find("mixed.jsonl:7: field 'text' must be a string"), std::string::npos) << read.err;
  EXPECT_NE(expected[2].find("mixed.jsonl:10: replaced 1 invalid UTF-8"), std::string::npos) << read.err;
  EXPECT_NE(expected[3].find("mixed.jsonl:13: unreadable date 'the day after'"), std::string::npos) << read.err;
  for (const char* threads : {"1", "2", "3"}) {
    CliResult extract = RunVerbatim({"extract", path, "--threads", threads});
    EXPECT_EQ(extract.code, kSomeRejected) << threads << " threads";
    EXPECT_EQ(extract.err, read.err) << threads << " threads";
    const std::string db = (dir.path() / absl::StrCat("t", threads, ".db")).string();
    CliResult ingest = RunVerbatim({"ingest", path, "--db", db, "--threads", threads});
    EXPECT_EQ(ingest.code, kSomeRejected) << threads << " threads";
    EXPECT_EQ(ingest.err, read.err) << threads << " threads";
    EXPECT_NE(ingest.out.find(": 18 new,"), std::string::npos) << ingest.out;
  }
}

}  // namespace
}  // namespace verbatim::cli
