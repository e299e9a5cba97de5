#include "store/store.h"

#include <algorithm>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test_support.h"

namespace verbatim::store {
namespace {

namespace fs = std::filesystem;
using quotes::Field;
using quotes::Quotation;
using quotes::QuoteKind;
using quotes::TextSpan;

// A fresh directory per test, removed when the test ends.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ =
        fs::temp_directory_path() / ("verbatim_store_test_" + std::string(info->test_suite_name()) +
                                     "_" + info->name() + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// A second, plain connection for looking at what the Store wrote.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    EXPECT_EQ(
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
        SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << sql << ": " << (err ? err : "");
    sqlite3_free(err);
  }
  std::string Text(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(db_);
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  }
  int64_t Int(const std::string& sql) { return std::stoll(Text(sql)); }

 private:
  sqlite3* db_ = nullptr;
};

ingest::Document MakeDoc(std::string doc, std::string text, std::optional<std::string> outlet,
                         std::optional<std::string> published) {
  ingest::Document d;
  d.doc = std::move(doc);
  d.text = std::move(text);
  d.outlet = std::move(outlet);
  d.published = std::move(published);
  return d;
}

// Where `needle` first occurs in `text`.
text::ByteRange At(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return {at, at + needle.size()};
}

TextSpan SpanOf(const std::string& text, const std::string& needle) {
  text::ByteRange r = At(text, needle);
  return TextSpan{r.begin, r.end, needle};
}

// A direct quotation of `words`, which must occur in `text`, attributed to `speaker`.
Quotation MakeQuote(const std::string& text, const std::string& words,
                    std::optional<std::string> speaker) {
  Quotation q;
  size_t at = text.find(words);
  EXPECT_NE(at, std::string::npos) << words;
  q.segments = {{at, at + words.size()}};
  q.text = words;
  q.speaker = std::move(speaker);
  q.confidence = 0.9;
  return q;
}

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

PutResult PutOrDie(Store& store, const ingest::Document& doc,
                   const std::vector<Quotation>& quotes) {
  EXPECT_TRUE(store.BeginBatch().ok());
  absl::StatusOr<PutResult> r = store.PutDocument(doc, quotes, "test-1");
  EXPECT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(store.CommitBatch().ok());
  return r.ok() ? *r : PutResult::kUnchanged;
}

std::vector<std::string> Texts(const absl::StatusOr<std::vector<StoredQuote>>& found) {
  EXPECT_TRUE(found.ok()) << found.status();
  std::vector<std::string> out;
  if (found.ok()) {
    for (const StoredQuote& q : *found) out.push_back(q.quote.text);
  }
  return out;
}

// Three articles by three speakers, used by the query tests.
void AddCorpus(Store& store) {
  const std::string a = "Mark Rutte said: \"The economy is growing fast.\"";
  const std::string b = "\"We will not give up,\" said Recep Tayyip Erdoğan on Monday.";
  const std::string c = "\"Growth needs investment,\" a spokesman said. Rutte agreed.";
  PutOrDie(store, MakeDoc("a", a, "Reuters", "2024-03-01T10:00:00Z"),
           {MakeQuote(a, "The economy is growing fast.", "Mark Rutte")});
  PutOrDie(store, MakeDoc("b", b, "AP", "2024-03-05"),
           {MakeQuote(b, "We will not give up,", "Recep Tayyip Erdoğan")});
  PutOrDie(store, MakeDoc("c", c, std::nullopt, std::nullopt),
           {MakeQuote(c, "Growth needs investment,", std::nullopt)});
}

TEST(Store, OpenCreatesDatabaseInWalMode) {
  TempDir dir;
  const std::string path = dir.File("news.db");
  {
    std::unique_ptr<Store> store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    PutOrDie(*store, MakeDoc("a", "text", std::nullopt, std::nullopt), {});
    EXPECT_TRUE(fs::exists(path));
    EXPECT_TRUE(fs::exists(path + "-wal"));
    RawDb raw(path);
    EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(raw.Int("PRAGMA user_version"), Store::kSchemaVersion);
  }
  // Reopening an existing database keeps its contents.
  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->CountDocuments(), 1);
}

TEST(Store, PutIsUnchangedOnRepeatAndReplacedWhenTextChanges) {
  TempDir dir;
  const std::string path = dir.File("news.db");
  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  const std::string v1 = "\"Old words here,\" said Mark Rutte. \"More old words,\" he added.";
  ingest::Document doc = MakeDoc("x", v1, "Reuters", "2024-01-01");
  std::vector<Quotation> q1 = {MakeQuote(v1, "Old words here,", "Mark Rutte"),
                               MakeQuote(v1, "More old words,", "Mark Rutte")};
  EXPECT_EQ(PutOrDie(*store, doc, q1), PutResult::kInserted);
  EXPECT_EQ(PutOrDie(*store, doc, q1), PutResult::kUnchanged);
  EXPECT_EQ(*store->CountQuotations(), 2);

  const std::string v2 = "\"Brand new statement,\" said Olaf Scholz.";
  doc.text = v2;
  EXPECT_EQ(PutOrDie(*store, doc, {MakeQuote(v2, "Brand new statement,", "Olaf Scholz")}),
            PutResult::kReplaced);
  EXPECT_EQ(*store->CountDocuments(), 1);
  EXPECT_EQ(*store->CountQuotations(), 1);
  EXPECT_EQ(Texts(store->FindQuotes({})), std::vector<std::string>{"Brand new statement,"});

  // The old quotations left no trace: not in the FTS index, and their speaker is gone.
  QuoteQuery old_words;
  old_words.search = "old words";
  EXPECT_TRUE(Texts(store->FindQuotes(old_words)).empty());
  absl::StatusOr<std::vector<SpeakerRow>> speakers = store->Speakers();
  ASSERT_TRUE(speakers.ok());
  ASSERT_EQ(speakers->size(), 1u);
  EXPECT_EQ((*speakers)[0].name, "Olaf Scholz");
  RawDb raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM quotations_fts WHERE quotations_fts MATCH 'old'"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM speakers"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mentions"), 0);
}

TEST(Store, MetadataChangeReplacesDocument) {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("news.db"));
  ASSERT_NE(store, nullptr);
  ingest::Document doc = MakeDoc("x", "text", "Reuters", "2024-01-01");
  EXPECT_EQ(PutOrDie(*store, doc, {}), PutResult::kInserted);
  doc.outlet = "AP";
  EXPECT_EQ(PutOrDie(*store, doc, {}), PutResult::kReplaced);
  doc.source_path = "elsewhere/x.txt";  // where it came from is not content
  EXPECT_EQ(PutOrDie(*store, doc, {}), PutResult::kUnchanged);
}

TEST(Store, ContentHashIsStableHexAndSeesEveryContentField) {
  ingest::Document doc = MakeDoc("x", "Some text.", "Reuters", "2024-01-01");
  const std::string h = ContentHash(doc);
  EXPECT_EQ(h.size(), 16u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  // Pinned: the hash is stored in databases, so it must never change between builds.
  EXPECT_EQ(h, "59e0a6c6c3972e3f");
  EXPECT_EQ(ContentHash(doc), h);

  auto differs = [&](auto mutate) {
    ingest::Document d = doc;
    mutate(d);
    return ContentHash(d) != h;
  };
  EXPECT_TRUE(differs([](ingest::Document& d) { d.text += " "; }));
  EXPECT_TRUE(differs([](ingest::Document& d) { d.title = "Title"; }));
  EXPECT_TRUE(differs([](ingest::Document& d) { d.title = ""; }));  // empty is not absent
  EXPECT_TRUE(differs([](ingest::Document& d) { d.published = std::nullopt; }));
  EXPECT_TRUE(differs([](ingest::Document& d) { d.author = "A"; }));
  EXPECT_TRUE(differs([](ingest::Document& d) { d.url = "u"; }));
  EXPECT_TRUE(differs([](ingest::Document& d) { d.extra_json = "{}"; }));
  EXPECT_TRUE(differs([](ingest::Document& d) { d.skip = {{0, 4}}; }));
  EXPECT_TRUE(differs([](ingest::Document& d) { d.crawled = "2024-01-02T00:00:00Z"; }));
  // Field boundaries are part of the hash.
  ingest::Document a = doc, b = doc;
  a.author = "ab";
  a.url = "c";
  b.author = "a";
  b.url = "bc";
  EXPECT_NE(ContentHash(a), ContentHash(b));
}

TEST(Store, RemoveDocumentAndOutletCascade) {
  TempDir dir;
  const std::string path = dir.File("news.db");
  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  AddCorpus(*store);
  const std::string d = "\"Second Reuters piece,\" Mark Rutte said.";
  PutOrDie(*store, MakeDoc("d", d, "Reuters", "2024-03-02"),
           {MakeQuote(d, "Second Reuters piece,", "Mark Rutte")});
  ASSERT_EQ(*store->CountDocuments(), 4);

  absl::StatusOr<int64_t> removed = store->RemoveDocument("b");
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(*store->RemoveDocument("b"), 0);
  EXPECT_EQ(*store->CountDocuments(), 3);
  EXPECT_EQ(*store->CountQuotations(), 3);
  RawDb raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM speakers WHERE name LIKE 'Recep%'"), 0);

  removed = store->RemoveOutlet("Reuters");
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(*removed, 2);
  EXPECT_EQ(*store->RemoveOutlet("Reuters"), 0);
  EXPECT_EQ(*store->CountDocuments(), 1);
  EXPECT_EQ(*store->CountQuotations(), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM speakers"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mentions"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM quotations_fts WHERE quotations_fts MATCH 'economy'"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM quotations_fts WHERE quotations_fts MATCH 'growth'"), 1);
}

TEST(Store, SpeakerFilterMatchesWholeFoldedWords) {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("news.db"));
  ASSERT_NE(store, nullptr);
  AddCorpus(*store);
  auto by = [&](const std::string& speaker) {
    QuoteQuery q;
    q.speaker = speaker;
    return Texts(store->FindQuotes(q));
  };
  const std::vector<std::string> rutte = {"The economy is growing fast."};
  const std::vector<std::string> erdogan = {"We will not give up,"};
  EXPECT_EQ(by("rutte"), rutte);
  EXPECT_EQ(by("RUTTE"), rutte);
  EXPECT_EQ(by("Mark Rutte"), rutte);
  EXPECT_EQ(by("  mark   rutte "), rutte);
  EXPECT_EQ(by("erdogan"), erdogan);
  EXPECT_EQ(by("Erdoğan"), erdogan);
  EXPECT_EQ(by("tayyip erdogan"), erdogan);
  EXPECT_TRUE(by("rut").empty());
  EXPECT_TRUE(by("ark").empty());
  EXPECT_TRUE(by("rutte mark").empty());  // a phrase, in order
  EXPECT_TRUE(by("recep erdogan").empty());
  EXPECT_TRUE(by("%").empty());
  EXPECT_TRUE(by("_").empty());
}

TEST(Store, SearchRequiresEveryWord) {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("news.db"));
  ASSERT_NE(store, nullptr);
  AddCorpus(*store);
  auto search = [&](const std::string& words) {
    QuoteQuery q;
    q.search = words;
    return Texts(store->FindQuotes(q));
  };
  EXPECT_EQ(search("economy"), std::vector<std::string>{"The economy is growing fast."});
  EXPECT_EQ(search("ECONOMY growing"), std::vector<std::string>{"The economy is growing fast."});
  EXPECT_TRUE(search("economy investment").empty());
  EXPECT_EQ(search("growth"), std::vector<std::string>{"Growth needs investment,"});
  EXPECT_EQ(search("   ").size(), 3u);  // no words: no filter
}

TEST(Store, SearchTreatsOperatorsAndQuotesAsText) {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("news.db"));
  ASSERT_NE(store, nullptr);
  const std::string t = "He said: \"foo OR bar* is what we say.\"";
  PutOrDie(*store, MakeDoc("a", t, std::nullopt, std::nullopt),
           {MakeQuote(t, "foo OR bar* is what we say.", "Someone")});
  std::vector<std::string> queries;
  for (const char* query :
       {"\"foo OR bar*", "foo OR bar*", "\"", "\"\"", "*", "NEAR(foo bar)", "foo -bar", "text:foo",
        "^foo", "(foo", "foo AND", "NOT", "'; DROP", "{foo}", "foo\"bar"}) {
    queries.push_back(query);
  }
  queries.push_back(std::string("foo\0bar", 7));  // FTS5 would stop reading at a NUL
  queries.push_back("\xff\xfe foo \xc3");         // invalid UTF-8
  for (const std::string& query : queries) {
    QuoteQuery q;
    q.search = query;
    absl::StatusOr<std::vector<StoredQuote>> found = store->FindQuotes(q);
    EXPECT_TRUE(found.ok()) << query << ": " << found.status();
  }
  QuoteQuery q;
  q.search = "\"foo OR bar*";
  EXPECT_EQ(Texts(store->FindQuotes(q)).size(), 1u);
  EXPECT_EQ(*store->CountDocuments(), 1);
}

TEST(Store, DateAndOutletFiltersOrderAndLimit) {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("news.db"));
  ASSERT_NE(store, nullptr);
  AddCorpus(*store);
  // Published order, undated last.
  absl::StatusOr<std::vector<StoredQuote>> all = store->FindQuotes({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].doc, "a");
  EXPECT_EQ((*all)[1].doc, "b");
  EXPECT_EQ((*all)[2].doc, "c");
  EXPECT_EQ((*all)[0].outlet, "Reuters");
  EXPECT_EQ((*all)[0].published, "2024-03-01T10:00:00Z");
  EXPECT_EQ((*all)[2].outlet, std::nullopt);

  auto docs = [&](const QuoteQuery& q) {
    std::vector<std::string> out;
    absl::StatusOr<std::vector<StoredQuote>> found = store->FindQuotes(q);
    EXPECT_TRUE(found.ok()) << found.status();
    for (const auto& s : *found) out.push_back(s.doc);
    return out;
  };
  QuoteQuery q;
  q.to = "2024-03-01";  // inclusive of the whole day
  EXPECT_EQ(docs(q), std::vector<std::string>{"a"});
  q = {};
  q.from = "2024-03-02";
  EXPECT_EQ(docs(q), std::vector<std::string>{"b"});
  q.to = "2024-03-04";
  EXPECT_TRUE(docs(q).empty());
  q = {};
  q.from = "2024-03-01";
  q.to = "2024-03-05";
  EXPECT_EQ(docs(q), (std::vector<std::string>{"a", "b"}));
  q = {};
  q.outlet = "AP";
  EXPECT_EQ(docs(q), std::vector<std::string>{"b"});
  q.outlet = "ap";
  EXPECT_TRUE(docs(q).empty());  // exact match
  q = {};
  q.limit = 2;
  EXPECT_EQ(docs(q), (std::vector<std::string>{"a", "b"}));
  // Filters combine, and each combination reuses its own cached statement.
  q = {};
  q.speaker = "rutte";
  q.search = "economy";
  q.from = "2024-01-01";
  q.to = "2024-12-31";
  q.outlet = "Reuters";
  q.limit = 10;
  EXPECT_EQ(docs(q), std::vector<std::string>{"a"});
  EXPECT_EQ(docs(q), std::vector<std::string>{"a"});
}

TEST(Store, QuotationsRoundTripEveryField) {
  TempDir dir;
  const std::string path = dir.File("news.db");
  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  const std::string text =
      "\"The plan works,\" said Mark Rutte, \"and 'nobody' doubts it.\" An official said it "
      "\"may fail\".";
  ingest::Document doc = MakeDoc("q", text, "Reuters", "2024-05-01");
  doc.title = "\"Headline quote\" says Rutte";
  doc.published = "2024-05-01";

  Quotation outer;
  outer.field = Field::kText;
  outer.segments = {At(text, "The plan works,"), At(text, "and 'nobody' doubts it.")};
  outer.text = "The plan works, and 'nobody' doubts it.";
  outer.kind = QuoteKind::kDirect;
  outer.speaker = "Mark Rutte";
  outer.speaker_mention = SpanOf(text, "Mark Rutte");
  outer.cue = SpanOf(text, "said");
  outer.confidence = 0.875;
  Quotation nested;
  nested.segments = {At(text, "nobody")};
  nested.text = "nobody";
  nested.kind = QuoteKind::kNested;
  nested.parent = 0;
  nested.speaker = "Mark Rutte";
  nested.confidence = 0.5;
  Quotation unnamed;
  unnamed.segments = {At(text, "may fail")};
  unnamed.text = "may fail";
  unnamed.kind = QuoteKind::kPartial;
  unnamed.speaker_mention = SpanOf(text, "An official");
  unnamed.cue = SpanOf(text, "said it");
  unnamed.confidence = 0.25;
  Quotation headline;
  headline.field = Field::kTitle;
  headline.segments = {At(*doc.title, "Headline quote")};
  headline.text = "Headline quote";
  headline.kind = QuoteKind::kHeadline;
  const std::vector<Quotation> input = {outer, nested, unnamed, headline};
  EXPECT_EQ(PutOrDie(*store, doc, input), PutResult::kInserted);

  absl::StatusOr<std::vector<StoredQuote>> found = store->FindQuotes({});
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->size(), input.size());
  for (size_t i = 0; i < input.size(); ++i) {
    SCOPED_TRACE(i);
    const StoredQuote& s = (*found)[i];
    const Quotation& want = input[i];
    const Quotation& got = s.quote;
    EXPECT_EQ(s.doc, "q");
    EXPECT_EQ(s.index, static_cast<int>(i));
    EXPECT_EQ(s.title, doc.title);
    EXPECT_EQ(got.field, want.field);
    EXPECT_EQ(got.segments, want.segments);
    EXPECT_EQ(got.text, want.text);
    EXPECT_EQ(got.kind, want.kind);
    EXPECT_EQ(got.parent, want.parent);
    EXPECT_EQ(got.speaker, want.speaker);
    ASSERT_EQ(got.speaker_mention.has_value(), want.speaker_mention.has_value());
    if (want.speaker_mention) {
      EXPECT_EQ(got.speaker_mention->start, want.speaker_mention->start);
      EXPECT_EQ(got.speaker_mention->end, want.speaker_mention->end);
      EXPECT_EQ(got.speaker_mention->text, want.speaker_mention->text);
    }
    ASSERT_EQ(got.cue.has_value(), want.cue.has_value());
    if (want.cue) {
      EXPECT_EQ(got.cue->start, want.cue->start);
      EXPECT_EQ(got.cue->end, want.cue->end);
      EXPECT_EQ(got.cue->text, want.cue->text);
    }
    EXPECT_DOUBLE_EQ(got.confidence, want.confidence);
  }

  // One mention row per speaker mention; the unnamed source's has no speaker.
  RawDb raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mentions"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mentions WHERE speaker_id IS NULL"), 1);
  EXPECT_EQ(raw.Text("SELECT text FROM mentions WHERE speaker_id IS NULL"), "An official");
  EXPECT_EQ(raw.Text("SELECT extractor_version FROM quotations LIMIT 1"), "test-1");
  EXPECT_EQ(raw.Int("SELECT parent_idx FROM quotations WHERE idx = 1"), 0);

  absl::StatusOr<std::vector<SpeakerRow>> speakers = store->Speakers();
  ASSERT_TRUE(speakers.ok());
  ASSERT_EQ(speakers->size(), 1u);
  EXPECT_EQ((*speakers)[0].name, "Mark Rutte");
  EXPECT_EQ((*speakers)[0].quotations, 2);
  EXPECT_EQ((*speakers)[0].articles, 1);
}

TEST(Store, ForEachDocumentRoundTripsEveryField) {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("news.db"));
  ASSERT_NE(store, nullptr);
  ingest::Document full;
  full.doc = "2024/full.txt";
  full.title = "Zürich title";
  full.title_in_text = true;
  full.title_range = {0, 13};
  full.published = "2024-02-29T23:59:00+01:00";
  full.crawled = "2024-03-01T08:00:00Z";
  full.outlet = "NZZ";
  full.author = "Anna Müller";
  full.url = "https://example.com/a?b=c&d=\"e\"";
  full.lang = "de";
  full.text = "Zürich title\n\nBody with \"quotes\", émojis 🎉 and\ttabs.\n";
  full.boilerplate = {{40, 45}, {50, 52}};
  full.skip = {{0, 14}, {40, 45}, {50, 52}};
  full.extra_json = R"({"section":"Wirtschaft","tags":["a","b"]})";
  full.source_path = "corpus/2024/full.txt";
  full.source_line = 0;
  ingest::Document bare;
  bare.doc = "1-bare";
  bare.text = "";
  bare.source_path = "feed.jsonl";
  bare.source_line = 42;
  bare.title = "";  // present but empty stays present
  PutOrDie(*store, full, {});
  PutOrDie(*store, bare, {});

  std::vector<ingest::Document> seen;
  absl::Status status =
      store->ForEachDocument([&](const ingest::Document& d) { seen.push_back(d); });
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].doc, "1-bare");  // doc order
  for (const auto& [got, want] : {std::pair{seen[0], bare}, std::pair{seen[1], full}}) {
    SCOPED_TRACE(want.doc);
    EXPECT_EQ(got.doc, want.doc);
    EXPECT_EQ(got.title, want.title);
    EXPECT_EQ(got.title_in_text, want.title_in_text);
    EXPECT_EQ(got.title_range, want.title_range);
    EXPECT_EQ(got.published, want.published);
    EXPECT_EQ(got.crawled, want.crawled);
    EXPECT_EQ(got.outlet, want.outlet);
    EXPECT_EQ(got.author, want.author);
    EXPECT_EQ(got.url, want.url);
    EXPECT_EQ(got.lang, want.lang);
    EXPECT_EQ(got.text, want.text);
    EXPECT_EQ(got.boilerplate, want.boilerplate);
    EXPECT_EQ(got.skip, want.skip);
    EXPECT_EQ(got.extra_json, want.extra_json);
    EXPECT_EQ(got.source_path, want.source_path);
    EXPECT_EQ(got.source_line, want.source_line);
    EXPECT_EQ(ContentHash(got), ContentHash(want));
  }
}

TEST(Store, ForEachDocumentCanReplaceQuotationsAsItGoes) {
  TempDir dir;
  const std::string path = dir.File("news.db");
  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  AddCorpus(*store);
  ASSERT_TRUE(store->BeginBatch().ok());
  int calls = 0;
  absl::Status status = store->ForEachDocument([&](const ingest::Document& d) {
    ++calls;
    // Re-extraction now attributes every quote to one new speaker.
    std::vector<Quotation> quotes = {MakeQuote(d.text, d.text.substr(0, 5), "New Speaker")};
    EXPECT_TRUE(store->ReplaceQuotations(d.doc, quotes, "test-2").ok());
  });
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_TRUE(store->CommitBatch().ok());
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(*store->CountQuotations(), 3);
  absl::StatusOr<std::vector<SpeakerRow>> speakers = store->Speakers();
  ASSERT_TRUE(speakers.ok());
  ASSERT_EQ(speakers->size(), 1u);
  EXPECT_EQ((*speakers)[0].name, "New Speaker");
  EXPECT_EQ((*speakers)[0].articles, 3);
  RawDb raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM speakers"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM quotations WHERE extractor_version = 'test-2'"), 3);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM quotations_fts WHERE quotations_fts MATCH 'economy'"), 0);

  absl::Status missing = store->ReplaceQuotations("nope", {}, "test-2");
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
}

TEST(Store, SpeakersAndOutletsAreCounted) {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("news.db"));
  ASSERT_NE(store, nullptr);
  AddCorpus(*store);
  const std::string d = "\"One,\" said Mark Rutte. \"Two,\" Rutte added.";
  PutOrDie(*store, MakeDoc("d", d, "Reuters", "2024-03-02"),
           {MakeQuote(d, "One,", "Mark Rutte"), MakeQuote(d, "Two,", "Mark Rutte")});
  PutOrDie(*store, MakeDoc("e", "nothing quoted", "AP", std::nullopt), {});

  absl::StatusOr<std::vector<SpeakerRow>> speakers = store->Speakers();
  ASSERT_TRUE(speakers.ok()) << speakers.status();
  ASSERT_EQ(speakers->size(), 2u);
  EXPECT_EQ((*speakers)[0].name, "Mark Rutte");
  EXPECT_EQ((*speakers)[0].quotations, 3);
  EXPECT_EQ((*speakers)[0].articles, 2);
  EXPECT_EQ((*speakers)[1].name, "Recep Tayyip Erdoğan");
  EXPECT_EQ((*speakers)[1].quotations, 1);

  absl::StatusOr<std::vector<OutletRow>> outlets = store->Outlets();
  ASSERT_TRUE(outlets.ok()) << outlets.status();
  ASSERT_EQ(outlets->size(), 3u);
  EXPECT_EQ((*outlets)[0].outlet, "Reuters");
  EXPECT_EQ((*outlets)[0].articles, 2);
  EXPECT_EQ((*outlets)[0].quotations, 3);
  EXPECT_EQ((*outlets)[1].outlet, "AP");
  EXPECT_EQ((*outlets)[1].articles, 2);
  EXPECT_EQ((*outlets)[1].quotations, 1);
  EXPECT_EQ((*outlets)[2].outlet, "(unknown)");
  EXPECT_EQ((*outlets)[2].articles, 1);
  EXPECT_EQ((*outlets)[2].quotations, 1);
}

// Quotations enter the full-text index when their batch commits (FTS5 would write its pending
// terms at every document's savepoint); replacing and removing documents in the same batch as
// their quotations were stored leaves an index that agrees with the table.
TEST(Store, SearchIndexAgreesWithTheQuotationsAfterEveryKindOfWrite) {
  TempDir dir;
  const std::string path = dir.File("news.db");
  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  auto put = [&](const std::string& id, const std::string& words) {
    const std::string text = "\"" + words + ",\" said Mark Rutte.";
    absl::StatusOr<PutResult> r = store->PutDocument(MakeDoc(id, text, "Reuters", "2024-01-01"),
                                                     {MakeQuote(text, words + ",", "Mark Rutte")}, "test-1");
    EXPECT_TRUE(r.ok()) << r.status();
  };
  auto found = [&](const std::string& words) {
    QuoteQuery q;
    q.search = words;
    std::vector<std::string> texts = Texts(store->FindQuotes(q));
    std::sort(texts.begin(), texts.end());
    return texts;
  };
  RawDb raw(path);
  auto index_agrees = [&]() {
    raw.Exec("INSERT INTO quotations_fts(quotations_fts, rank) VALUES ('integrity-check', 1)");
    EXPECT_EQ(raw.Int("SELECT count(*) FROM quotations_fts WHERE quotations_fts MATCH 'words'"),
              raw.Int("SELECT count(*) FROM quotations WHERE text LIKE '%words%'"));
  };

  ASSERT_TRUE(store->BeginBatch().ok());
  put("a", "alpha words");
  put("b", "beta words");
  put("a", "gamma words");  // replaces a, whose quotation is not yet indexed
  ASSERT_TRUE(store->CommitBatch().ok());
  EXPECT_EQ(found("words"), (std::vector<std::string>{"beta words,", "gamma words,"}));
  EXPECT_TRUE(found("alpha").empty());
  index_agrees();

  ASSERT_TRUE(store->BeginBatch().ok());
  put("d", "delta words");
  ASSERT_TRUE(store->RemoveDocument("b").ok());
  ASSERT_TRUE(store->RemoveOutlet("Nobody").ok());
  ASSERT_TRUE(store->CommitBatch().ok());
  EXPECT_EQ(found("words"), (std::vector<std::string>{"delta words,", "gamma words,"}));
  index_agrees();

  // Outside a batch each write is indexed as it ends.
  const std::string text = "\"epsilon words,\" said Mark Rutte.";
  ASSERT_TRUE(store->ReplaceQuotations("d", {MakeQuote(text, "epsilon words,", "Mark Rutte")}, "test-2").ok());
  EXPECT_EQ(found("words"), (std::vector<std::string>{"epsilon words,", "gamma words,"}));
  index_agrees();

  // A rolled-back batch leaves nothing in the index, and the next one indexes its own rows.
  ASSERT_TRUE(store->BeginBatch().ok());
  put("e", "zeta words");
  ASSERT_TRUE(store->RollbackBatch().ok());
  ASSERT_TRUE(store->BeginBatch().ok());
  put("f", "eta words");
  ASSERT_TRUE(store->CommitBatch().ok());
  EXPECT_EQ(found("words"), (std::vector<std::string>{"epsilon words,", "eta words,", "gamma words,"}));
  index_agrees();
}

// A version 7 database indexed quotations by a trigger; opening it drops the trigger, so a
// quotation is indexed once.
TEST(Store, AVersionSevenDatabaseLosesItsInsertTrigger) {
  TempDir dir;
  const std::string path = dir.File("news.db");
  ASSERT_NE(OpenOrDie(path), nullptr);
  {
    RawDb raw(path);
    raw.Exec(testing::kUndoSchemaV10);
    raw.Exec(testing::kUndoSchemaV9);
    raw.Exec("CREATE TRIGGER quotations_fts_insert AFTER INSERT ON quotations BEGIN "
             "INSERT INTO quotations_fts(rowid, text) VALUES (new.id, new.text); END");
    raw.Exec("PRAGMA user_version = 7");
  }
  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  AddCorpus(*store);
  RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), Store::kSchemaVersion);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_master WHERE name = 'quotations_fts_insert'"), 0);
  raw.Exec("INSERT INTO quotations_fts(quotations_fts, rank) VALUES ('integrity-check', 1)");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM quotations_fts WHERE quotations_fts MATCH 'economy'"), 1);
}

TEST(Store, RollbackBatchDiscardsWrites) {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("news.db"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->PutDocument(MakeDoc("a", "t", std::nullopt, std::nullopt), {}, "v").ok());
  EXPECT_EQ(*store->CountDocuments(), 1);
  ASSERT_TRUE(store->RollbackBatch().ok());
  EXPECT_EQ(*store->CountDocuments(), 0);
}

// Counts the savepoint journals SQLite opens as files, through a VFS that wraps the default
// one (made the default once per process).
int subjournal_files = 0;
int (*default_open)(sqlite3_vfs*, sqlite3_filename, sqlite3_file*, int, int*) = nullptr;
int CountingOpen(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out) {
  if ((flags & SQLITE_OPEN_SUBJOURNAL) != 0) ++subjournal_files;
  return default_open(vfs, name, file, flags, out);
}
void CountSubjournalFiles() {
  static sqlite3_vfs counting = [] {
    sqlite3_vfs v = *sqlite3_vfs_find(nullptr);
    default_open = v.xOpen;
    v.xOpen = CountingOpen;
    v.zName = "counting";
    return v;
  }();
  static const int registered = sqlite3_vfs_register(&counting, /*makeDflt=*/1);
  ASSERT_EQ(registered, SQLITE_OK);
  subjournal_files = 0;
}

// The same 300 documents into a fresh database in one batch of the given kind; how many
// savepoint journals went to files. Their quotations land all over the speaker and text
// indexes, so each document's savepoint touches many pages the batch already changed.
int SubjournalFilesOfOneBatch(const std::string& path, Store::Writes writes) {
  CountSubjournalFiles();
  std::unique_ptr<Store> store = OpenOrDie(path);
  EXPECT_NE(store, nullptr);
  if (store == nullptr) return -1;
  std::mt19937 random(7);
  EXPECT_TRUE(store->BeginBatch(writes).ok());
  for (int d = 0; d < 300; ++d) {
    std::string text;
    std::vector<Quotation> quotes;
    for (int q = 0; q < 20; ++q) {
      const std::string words = "Quote " + std::to_string(random()) + " about " + std::to_string(random());
      text += words + " said Speaker" + std::to_string(random() % 5000) + ". ";
      quotes.push_back(MakeQuote(text, words, "Speaker" + std::to_string(random() % 5000)));
    }
    EXPECT_TRUE(store->PutDocument(MakeDoc("doc" + std::to_string(d), text, "Outlet", "2024-03-01"), quotes, "v").ok());
  }
  EXPECT_TRUE(store->CommitBatch().ok());
  EXPECT_EQ(*store->CountDocuments(), 300);
  return subjournal_files;
}

TEST(Store, ADocumentBatchKeepsItsSavepointJournalsInMemory) {
  TempDir dir;
  EXPECT_EQ(SubjournalFilesOfOneBatch(dir.File("documents.db"), Store::Writes::kDocuments), 0);
  // The same writes as a bulk batch journal to files, as SQLite does by default.
  EXPECT_GT(SubjournalFilesOfOneBatch(dir.File("bulk.db"), Store::Writes::kBulk), 0);
}

// A VFS over the default one whose writes fail with SQLITE_FULL while `writes_fail` is set: a
// disk that fills up under a running batch. Each file is the default VFS's file, placed after
// our header, behind methods that forward to it.
bool writes_fail = false;
struct ShimFile {
  sqlite3_file base;  // our methods
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};
sqlite3_vfs* real_vfs = nullptr;
sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real(); }
// Methods that forward to the real file; only xWrite can fail on demand. No memory-mapped
// pages (version 2): every write goes through xWrite.
sqlite3_io_methods ForwardingMethods(const sqlite3_io_methods& real) {
  sqlite3_io_methods m = real;
  m.iVersion = 2;
  m.xClose = [](sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); };
  m.xRead = [](sqlite3_file* f, void* data, int amount, sqlite3_int64 offset) {
    return Real(f)->pMethods->xRead(Real(f), data, amount, offset);
  };
  m.xWrite = [](sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
    return writes_fail ? SQLITE_FULL : Real(f)->pMethods->xWrite(Real(f), data, amount, offset);
  };
  m.xTruncate = [](sqlite3_file* f, sqlite3_int64 size) { return Real(f)->pMethods->xTruncate(Real(f), size); };
  m.xSync = [](sqlite3_file* f, int sync) { return Real(f)->pMethods->xSync(Real(f), sync); };
  m.xFileSize = [](sqlite3_file* f, sqlite3_int64* size) { return Real(f)->pMethods->xFileSize(Real(f), size); };
  m.xLock = [](sqlite3_file* f, int lock) { return Real(f)->pMethods->xLock(Real(f), lock); };
  m.xUnlock = [](sqlite3_file* f, int lock) { return Real(f)->pMethods->xUnlock(Real(f), lock); };
  m.xCheckReservedLock = [](sqlite3_file* f, int* held) {
    return Real(f)->pMethods->xCheckReservedLock(Real(f), held);
  };
  m.xFileControl = [](sqlite3_file* f, int op, void* arg) { return Real(f)->pMethods->xFileControl(Real(f), op, arg); };
  m.xSectorSize = [](sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); };
  m.xDeviceCharacteristics = [](sqlite3_file* f) { return Real(f)->pMethods->xDeviceCharacteristics(Real(f)); };
  m.xShmMap = [](sqlite3_file* f, int region, int size, int extend, void volatile** mapped) {
    return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, mapped);
  };
  m.xShmLock = [](sqlite3_file* f, int offset, int n, int lock) {
    return Real(f)->pMethods->xShmLock(Real(f), offset, n, lock);
  };
  m.xShmBarrier = [](sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); };
  m.xShmUnmap = [](sqlite3_file* f, int del) { return Real(f)->pMethods->xShmUnmap(Real(f), del); };
  m.xFetch = nullptr;
  m.xUnfetch = nullptr;
  return m;
}
int ShimOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out) {
  sqlite3_file* real = reinterpret_cast<ShimFile*>(file)->real();
  int rc = real_vfs->xOpen(real_vfs, name, real, flags, out);
  if (rc != SQLITE_OK || real->pMethods == nullptr) {
    file->pMethods = nullptr;
    return rc;
  }
  static const sqlite3_io_methods methods = ForwardingMethods(*real->pMethods);
  file->pMethods = &methods;
  return SQLITE_OK;
}
// Opens `path` through the failing VFS: made the default while the store opens (a connection
// keeps the VFS it was opened with), then the default again what it was.
std::unique_ptr<Store> OpenWhereWritesCanFail(const std::string& path) {
  static sqlite3_vfs shim = [] {
    real_vfs = sqlite3_vfs_find(nullptr);
    sqlite3_vfs v = *real_vfs;
    v.szOsFile = static_cast<int>(sizeof(ShimFile)) + real_vfs->szOsFile;
    v.xOpen = ShimOpen;
    v.zName = "writes-can-fail";
    return v;
  }();
  writes_fail = false;
  EXPECT_EQ(sqlite3_vfs_register(&shim, /*makeDflt=*/1), SQLITE_OK);
  std::unique_ptr<Store> store = OpenOrDie(path);
  EXPECT_EQ(sqlite3_vfs_register(real_vfs, /*makeDflt=*/1), SQLITE_OK);
  return store;
}

// A batch whose end fails (the disk full) is rolled back whole: no transaction is left open,
// so the next batch begins and commits, and what earlier batches stored is kept. A small batch
// fails in COMMIT itself; one larger than the page cache fails earlier, while CommitBatch
// indexes its quotations for search (pages spill to the file there).
TEST(Store, ABatchWhoseEndFailsIsRolledBackAndTheNextOneCommits) {
  for (auto [lost, cache] : {std::pair{1, int64_t{64} << 20}, std::pair{300, int64_t{0}}}) {
    SCOPED_TRACE(lost);
    TempDir dir;
    std::unique_ptr<Store> store = OpenWhereWritesCanFail(dir.File("news.db"));
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->SetPageCache(cache).ok());  // 0: the smallest
    auto put = [&](const std::string& doc) {
      const std::string text = "\"We will rebuild " + doc + ",\" the mayor said.";
      return store->PutDocument(MakeDoc(doc, text, "Outlet", "2024-03-01"),
                                {MakeQuote(text, "We will rebuild " + doc + ",", "the mayor")}, "v").ok();
    };
    ASSERT_TRUE(store->BeginBatch().ok());
    ASSERT_TRUE(put("kept"));
    ASSERT_TRUE(store->CommitBatch().ok());

    ASSERT_TRUE(store->BeginBatch().ok());
    for (int i = 0; i < lost; ++i) ASSERT_TRUE(put("lost" + std::to_string(i)));
    writes_fail = true;
    absl::Status failed = store->CommitBatch();
    writes_fail = false;
    ASSERT_FALSE(failed.ok());

    absl::Status next = store->BeginBatch();
    ASSERT_TRUE(next.ok()) << "the failed batch left its transaction open: " << next;
    ASSERT_TRUE(put("next"));
    ASSERT_TRUE(store->CommitBatch().ok());
    store.reset();

    RawDb raw(dir.File("news.db"));
    EXPECT_EQ(raw.Text("SELECT group_concat(doc, ' ') FROM (SELECT doc FROM documents ORDER BY id)"), "kept next");
    EXPECT_EQ(raw.Int("SELECT count(*) FROM quotations"), 2);
    raw.Exec("INSERT INTO quotations_fts(quotations_fts, rank) VALUES ('integrity-check', 1)");
    EXPECT_EQ(raw.Int("SELECT count(*) FROM quotations_fts WHERE quotations_fts MATCH 'rebuild'"), 2);
  }
}

TEST(Store, GarbageFileIsAnErrorNamingThePath) {
  TempDir dir;
  std::mt19937 rng(1234);
  for (size_t size : {16u, 100u, 512u, 4096u, 65536u}) {
    SCOPED_TRACE(size);
    const std::string path = dir.File("garbage" + std::to_string(size) + ".db");
    std::string bytes(size, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xff);
    std::ofstream(path, std::ios::binary) << bytes;
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.status().message().find(path), absl::string_view::npos) << store.status();
    // The file was not touched.
    std::ifstream in(path, std::ios::binary);
    std::string after((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(after, bytes);
  }
}

TEST(Store, MissingDirectoryIsAnError) {
  TempDir dir;
  const std::string path = dir.File("no/such/dir/news.db");
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find(path), absl::string_view::npos) << store.status();
}

TEST(Store, NewerSchemaVersionIsRefused) {
  TempDir dir;
  const std::string path = dir.File("news.db");
  {
    std::unique_ptr<Store> store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
  }
  RawDb(path).Exec("PRAGMA user_version = 99");
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("99"), absl::string_view::npos) << store.status();

  // Also when the newer database is otherwise empty.
  const std::string empty = dir.File("empty.db");
  RawDb(empty).Exec("PRAGMA user_version = 99");
  EXPECT_FALSE(Store::Open(empty).ok());
}

TEST(Store, ForeignSqliteDatabaseIsRefused) {
  TempDir dir;
  const std::string path = dir.File("other.db");
  RawDb(path).Exec("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance REAL)");
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find(path), absl::string_view::npos) << store.status();
  EXPECT_EQ(RawDb(path).Int("SELECT count(*) FROM sqlite_schema"), 1);  // left alone
}

TEST(Store, CorruptRangeListIsDataLossNotACrash) {
  TempDir dir;
  const std::string path = dir.File("news.db");
  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  AddCorpus(*store);
  for (const char* bad : {"[[1,", "[[1,2]", "[1,2]", "[[1,2],]", "[[-1,2]]", "[[1,2]]x", "",
                          "[[1 2]]", "[[99999999999999999999999,1]]"}) {
    SCOPED_TRACE(bad);
    RawDb raw(path);
    raw.Exec(std::string("UPDATE documents SET skip = '") + bad + "' WHERE doc = 'b'");
    absl::Status status = store->ForEachDocument([](const ingest::Document&) {});
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
    raw.Exec("UPDATE quotations SET segments = '" + std::string(bad) + "'");
    EXPECT_EQ(store->FindQuotes({}).status().code(), absl::StatusCode::kDataLoss);
    raw.Exec("UPDATE quotations SET segments = ' [ [ 1 , 2 ] ] '");
    raw.Exec("UPDATE documents SET skip = '[]'");
    EXPECT_TRUE(store->ForEachDocument([](const ingest::Document&) {}).ok());
    EXPECT_TRUE(store->FindQuotes({}).ok());
  }
}

}  // namespace
}  // namespace verbatim::store
