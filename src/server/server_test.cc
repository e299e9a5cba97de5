// The HTTP API against a real server on a free loopback port, over a database built from the
// seed articles (../shared), the demo corpus and a few articles of our own (non-ASCII text,
// markup in every stored string).
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "gtest/gtest.h"
#include "server/api.h"
#include "server/http_server.h"
#include "simdjson.h"
#include "test_support.h"

namespace verbatim::server {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// Articles of our own: a non-ASCII one, and one whose every stored string carries markup.
constexpr const char* kOwnArticles =
    R"J({"doc":"own-zurich","title":"Émilie Côté on the euro","outlet":"Gazette de Zürich","published":"2025-05-02","text":"Zürich — 😀 Émilie Côté spoke on Friday. “The dice are cast — and the euro will hold,” said Émilie Côté, the central bank’s chief economist."})J"
    "\n"
    R"J({"doc":"own-markup","title":"<script>window.__pwned=1</script> title","outlet":"<img src=x onerror=alert(1)> Outlet","url":"javascript:alert(1)","published":"2025-05-03","text":"\"<b onmouseover=alert(1)>We will</b> never <script>alert(1)</script> give up,\" said Eve Markup, the campaign's director."})J"
    "\n";

int RunVerbatim(std::vector<std::string> args) {
  std::vector<const char*> argv{"verbatim"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  int rc = cli::RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  EXPECT_EQ(rc, 0) << err.str();
  return rc;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!testing::SharedAvailable()) return;  // each test reports it
    dir_ = new TempDir();
    db_ = (dir_->path() / "web.db").string();
    const fs::path own = dir_->path() / "own.jsonl";
    testing::WriteFile(own, kOwnArticles);
    std::vector<std::string> args{"ingest"};
    for (const auto& e : fs::directory_iterator(testing::SharedDir() / "corpus" / "seeds")) {
      if (e.path().extension() == ".txt") args.push_back(e.path().string());
    }
    args.push_back((testing::DemoDir() / "articles.jsonl").string());
    args.push_back(own.string());
    args.insert(args.end(), {"--db", db_});
    RunVerbatim(args);
    ApiOptions options;
    options.refresh_interval = std::chrono::milliseconds(0);  // see every commit at once
    auto api = Api::Open(db_, options);
    ASSERT_TRUE(api.ok()) << api.status();
    api_ = api->release();
    ServerOptions so;
    so.port = 0;
    so.threads = 8;
    auto server = HttpServer::Bind(*api_, so);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
    thread_ = new std::thread([] { server_->Run(); });
  }

  static void TearDownTestSuite() {
    if (server_ != nullptr) server_->Stop();
    if (thread_ != nullptr) thread_->join();
    delete thread_;
    delete server_;
    delete api_;
    delete dir_;
  }

  void SetUp() override { VERBATIM_REQUIRE_SHARED(); }

  struct Answer {
    int status = 0;
    std::string body;
    std::string content_type;
    simdjson::dom::element json;
    std::shared_ptr<simdjson::dom::parser> parser = std::make_shared<simdjson::dom::parser>();  // owns `json`
  };

  // GET `path` from the server; the body is parsed when it is JSON.
  Answer Get(const std::string& path) {
    httplib::Client client("127.0.0.1", server_->port());
    auto res = client.Get(path.c_str());
    Answer a;
    if (!res) {
      ADD_FAILURE() << "no answer for " << path;
      return a;
    }
    a.status = res->status;
    a.body = res->body;
    a.content_type = res->get_header_value("Content-Type");
    if (a.content_type.rfind("application/json", 0) == 0) {
      auto parsed = a.parser->parse(a.body);
      EXPECT_FALSE(parsed.error()) << path << ": " << a.body;
      if (!parsed.error()) a.json = parsed.value();
    }
    return a;
  }

  static std::string Str(simdjson::dom::element e) {
    std::string_view s;
    return e.get(s) == simdjson::SUCCESS ? std::string(s) : std::string();
  }
  static int64_t Int(simdjson::dom::element e) {
    int64_t v = -1;
    return e.get(v) == simdjson::SUCCESS ? v : -1;
  }

  // The id of the quote cluster /api/check finds for `wording`.
  int64_t ClusterOf(const std::string& wording) {
    Answer a = Get("/api/check?q=" + httplib::detail::encode_query_param(wording));
    EXPECT_EQ(a.status, 200) << a.body;
    return Int(a.json["match"]["cluster"]["id"]);
  }

  inline static TempDir* dir_ = nullptr;
  inline static std::string db_;
  inline static Api* api_ = nullptr;
  inline static HttpServer* server_ = nullptr;
  inline static std::thread* thread_ = nullptr;
};

TEST_F(ServerTest, HealthCountsTheDatabase) {
  Answer a = Get("/api/health");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(Str(a.json["status"]), "ok");
  EXPECT_EQ(Int(a.json["documents"]), 5 + 23 + 2);  // seeds, demo, our own
  EXPECT_GT(Int(a.json["quotations"]), 100);
}

TEST_F(ServerTest, QuotesOfRutteMatchWholeWordsCaseAndAccentsIgnored) {
  Answer a = Get("/api/quotes?speaker=rutte&limit=200");
  ASSERT_EQ(a.status, 200) << a.body;
  const int64_t total = Int(a.json["total"]);
  EXPECT_GT(total, 5);
  std::set<std::string> docs;
  for (auto item : a.json["items"].get_array()) {
    EXPECT_EQ(Str(item["speaker"]), "Mark Rutte");
    EXPECT_GT(Int(item["id"]), 0);
    EXPECT_GT(Int(item["speaker_id"]), 0);
    docs.insert(Str(item["doc"]));
  }
  EXPECT_EQ(docs.size(), 5u) << "Rutte is quoted in all five seed articles";
  EXPECT_EQ(Int(Get("/api/quotes?speaker=MARK%20RUTTE").json["total"]), total);
  EXPECT_EQ(Int(Get("/api/quotes?speaker=rut").json["total"]), 0) << "whole words only";
  EXPECT_EQ(Int(Get("/api/quotes?speaker=emilie%20cote").json["total"]), 1) << "accents ignored";
}

TEST_F(ServerTest, BallInTheRussianCourtClusterSpansAllFiveSeedArticles) {
  const int64_t id = ClusterOf("the ball is clearly in the Russian court");
  ASSERT_GT(id, 0);
  Answer a = Get("/api/clusters/" + std::to_string(id));
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(Int(a.json["id"]), id);
  std::set<std::string> docs;
  int64_t dated = 0;
  for (auto v : a.json["variants"].get_array()) {
    docs.insert(Str(v["doc"]));
    if (!v["published"].is_null()) ++dated;
    EXPECT_EQ(Int(v["cluster"]), id);
    EXPECT_TRUE(v["diff"].is_array());
  }
  EXPECT_EQ(docs.size(), 5u);
  EXPECT_EQ(Int(a.json["quotations"]), static_cast<int64_t>(a.json["variants"].get_array().size()));
  int64_t per_day = 0;
  for (auto d : a.json["per_day"].get_array()) per_day += Int(d["quotations"]);
  EXPECT_EQ(per_day, dated);
  EXPECT_EQ(per_day + Int(a.json["undated"]), Int(a.json["quotations"]));
  bool rutte = false;
  for (auto s : a.json["speakers"].get_array()) rutte = rutte || Str(s) == "Mark Rutte";
  EXPECT_TRUE(rutte);
}

TEST_F(ServerTest, CheckFlagsAnAlteredWordingAndAnotherSpeaker) {
  Answer a = Get("/api/check?q=" + httplib::detail::encode_query_param("the ball is firmly in the court of Moscow") +
                 "&speaker=Joe%20Biden");
  ASSERT_EQ(a.status, 200) << a.body;
  auto m = a.json["match"];
  ASSERT_FALSE(m.is_null()) << a.body;
  bool altered = false, differs = false;
  EXPECT_EQ(m["altered"].get(altered), simdjson::SUCCESS);
  EXPECT_TRUE(altered);
  EXPECT_EQ(m["speaker_differs"].get(differs), simdjson::SUCCESS);
  EXPECT_TRUE(differs);
  EXPECT_FALSE(Str(m["first"]["doc"]).empty());
  // The diff against the first appearance names the words that changed.
  std::string added;
  for (auto run : m["diff"].get_array()) {
    if (Str(run["op"]) == "+") added += Str(run["text"]) + " ";
  }
  EXPECT_NE(added.find("Moscow"), std::string::npos) << a.body;

  Answer b = Get("/api/check?q=" + httplib::detail::encode_query_param("the ball is clearly in the Russian court") +
                 "&speaker=Rutte");
  bool b_altered = true, b_differs = true;
  EXPECT_EQ(b.json["match"]["altered"].get(b_altered), simdjson::SUCCESS);
  EXPECT_FALSE(b_altered);
  EXPECT_EQ(b.json["match"]["speaker_differs"].get(b_differs), simdjson::SUCCESS);
  EXPECT_FALSE(b_differs);

  Answer none = Get("/api/check?q=" + httplib::detail::encode_query_param("purple giraffes negotiate tariffs"));
  EXPECT_EQ(none.status, 200);
  EXPECT_TRUE(none.json["match"].is_null()) << none.body;
}

TEST_F(ServerTest, PagesOfQuotesAreDisjointAndAddUpToTheTotal) {
  const int64_t total = Int(Get("/api/quotes?limit=1").json["total"]);
  ASSERT_GT(total, 40);
  std::set<int64_t> seen;
  int64_t pages = 0;
  for (int64_t offset = 0; offset < total; offset += 25, ++pages) {
    Answer a = Get("/api/quotes?limit=25&offset=" + std::to_string(offset));
    ASSERT_EQ(a.status, 200);
    EXPECT_EQ(Int(a.json["total"]), total);
    EXPECT_EQ(Int(a.json["offset"]), offset);
    for (auto item : a.json["items"].get_array()) EXPECT_TRUE(seen.insert(Int(item["id"])).second);
  }
  EXPECT_EQ(static_cast<int64_t>(seen.size()), total);
  EXPECT_EQ(Get("/api/quotes?limit=25&offset=" + std::to_string(total)).json["items"].get_array().size(), 0u);
  // Lists of speakers, clusters and stories page the same way.
  for (const std::string list : {"speakers", "clusters", "stories"}) {
    Answer first = Get("/api/" + list + "?limit=2"), second = Get("/api/" + list + "?limit=2&offset=2");
    ASSERT_EQ(first.json["items"].get_array().size(), 2u) << list;
    EXPECT_NE(Int(first.json["items"].at(0)["id"]), Int(second.json["items"].at(0)["id"])) << list;
    EXPECT_EQ(Int(first.json["total"]), Int(second.json["total"])) << list;
  }
}

// A speaker's quotations are paged from the index's ordered lists; a date range that keeps
// every dated quotation sends the same question through SQL, which must agree.
TEST_F(ServerTest, SpeakerPagesFromTheIndexMatchTheSqlPath) {
  Answer speakers = Get("/api/speakers?limit=12");
  int compared = 0;
  for (auto s : speakers.json["items"].get_array()) {
    const std::string name = httplib::detail::encode_query_param(Str(s["name"]));
    for (const std::string order : {"published", "latest"}) {
      for (const std::string page : {"&limit=7", "&limit=7&offset=7"}) {
        Answer fast = Get("/api/quotes?speaker=" + name + "&order=" + order + page);
        Answer sql = Get("/api/quotes?speaker=" + name + "&order=" + order + page + "&from=1000-01-01");
        if (Int(fast.json["total"]) != Int(sql.json["total"])) continue;  // has undated quotations
        std::vector<int64_t> a, b;
        for (auto q : fast.json["items"].get_array()) a.push_back(Int(q["id"]));
        for (auto q : sql.json["items"].get_array()) b.push_back(Int(q["id"]));
        EXPECT_EQ(a, b) << name << " " << order << page;
        ++compared;
      }
    }
  }
  EXPECT_GE(compared, 20);
}

TEST_F(ServerTest, BadParametersAre400AndUnknownIds404) {
  for (const std::string path :
       {"/api/quotes?limit=0", "/api/quotes?limit=201", "/api/quotes?limit=ten", "/api/quotes?offset=-1",
        "/api/quotes?from=2025-13-01", "/api/quotes?to=yesterday", "/api/quotes?colour=red",
        "/api/quotes?limit=2&limit=3", "/api/clusters?min_outlets=x", "/api/check", "/api/documents/abc",
        "/api/speakers/-1", "/api/quotes?q=%FF%FE"}) {
    Answer a = Get(path);
    EXPECT_EQ(a.status, 400) << path << ": " << a.body;
    EXPECT_EQ(Int(a.json["error"]["status"]), 400) << path;
    EXPECT_FALSE(Str(a.json["error"]["message"]).empty()) << path;
  }
  for (const std::string path : {"/api/clusters/999999999", "/api/speakers/999999", "/api/stories/999999",
                                 "/api/documents/999999", "/api/nothing", "/api/quotes/3"}) {
    Answer a = Get(path);
    EXPECT_EQ(a.status, 404) << path << ": " << a.body;
    EXPECT_EQ(Int(a.json["error"]["status"]), 404) << path;
  }
}

TEST_F(ServerTest, OnlyGetAndHeadAndNoRequestBodies) {
  httplib::Client client("127.0.0.1", server_->port());
  auto del = client.Delete("/api/quotes");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  EXPECT_EQ(del->get_header_value("Allow"), "GET, HEAD");
  auto post = client.Post("/api/quotes", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_TRUE(post->status == 405 || post->status == 413) << post->status;
  auto head = client.Head("/api/health");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  const std::string long_query(20000, 'a');
  auto huge = client.Get(("/api/quotes?q=" + long_query).c_str());
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 414);
}

TEST_F(ServerTest, NonAsciiArticleOffsetsSliceTheTextExactly) {
  Answer q = Get("/api/quotes?speaker=Emilie%20Cote");
  ASSERT_EQ(Int(q.json["total"]), 1) << q.body;
  const int64_t doc_id = Int(q.json["items"].at(0)["document"]);
  Answer a = Get("/api/documents/" + std::to_string(doc_id));
  ASSERT_EQ(a.status, 200);
  const std::string text = Str(a.json["text"]);
  auto quotes = a.json["quotes"].get_array();
  ASSERT_EQ(quotes.size(), 1u);
  auto quote = quotes.at(0);
  std::string joined;
  for (auto seg : quote["segments"].get_array()) {
    const int64_t s = Int(seg.at(0)), e = Int(seg.at(1));
    ASSERT_LE(e, static_cast<int64_t>(text.size()));
    joined += (joined.empty() ? "" : " ") + text.substr(static_cast<size_t>(s), static_cast<size_t>(e - s));
  }
  EXPECT_EQ(joined, Str(quote["text"]));
  EXPECT_EQ(joined.rfind("The dice are cast — and", 0), 0u) << joined;
  const int64_t ms = Int(quote["mention"]["start"]), me = Int(quote["mention"]["end"]);
  EXPECT_EQ(text.substr(static_cast<size_t>(ms), static_cast<size_t>(me - ms)), Str(quote["mention"]["text"]));
  const int64_t cs = Int(quote["cue_span"].at(0)), ce = Int(quote["cue_span"].at(1));
  EXPECT_EQ(text.substr(static_cast<size_t>(cs), static_cast<size_t>(ce - cs)), Str(quote["cue"]));
}

TEST_F(ServerTest, MarkupInStoredStringsComesBackAsJsonText) {
  Answer a = Get("/api/quotes?speaker=Eve%20Markup");
  ASSERT_EQ(Int(a.json["total"]), 1) << a.body;
  auto item = a.json["items"].at(0);
  EXPECT_NE(Str(item["text"]).find("<b onmouseover=alert(1)>"), std::string::npos);
  EXPECT_EQ(Str(item["url"]), "javascript:alert(1)");  // data as stored; the page never links it
  EXPECT_EQ(a.content_type, "application/json; charset=utf-8");
  httplib::Client client("127.0.0.1", server_->port());
  auto res = client.Get("/api/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServerTest, SpeakerPagesGroupNameVariantsAndStoriesListTheirArticles) {
  Answer list = Get("/api/speakers?q=rutte");
  ASSERT_EQ(Int(list.json["total"]), 1) << list.body;
  const int64_t id = Int(list.json["items"].at(0)["id"]);
  Answer s = Get("/api/speakers/" + std::to_string(id));
  ASSERT_EQ(s.status, 200);
  EXPECT_EQ(Str(s.json["name"]), "Mark Rutte");
  EXPECT_GT(s.json["quotes"].get_array().size(), 5u);
  EXPECT_GT(s.json["clusters"].get_array().size(), 0u);
  EXPECT_GT(s.json["per_day"].get_array().size(), 0u);

  Answer stories = Get("/api/stories?limit=1");
  ASSERT_EQ(stories.status, 200);
  auto top = stories.json["items"].at(0);
  const int64_t articles = Int(top["articles"]);
  EXPECT_GE(articles, 2);
  Answer story = Get("/api/stories/" + std::to_string(Int(top["id"])));
  ASSERT_EQ(story.status, 200);
  EXPECT_EQ(static_cast<int64_t>(story.json["documents"].get_array().size()), articles);
  Answer paged = Get("/api/stories/" + std::to_string(Int(top["id"])) + "?limit=1&offset=1");
  ASSERT_EQ(paged.json["documents"].get_array().size(), 1u);
  EXPECT_EQ(Int(paged.json["documents"].at(0)["id"]), Int(story.json["documents"].at(1)["id"]));
  EXPECT_EQ(Int(paged.json["articles"]), articles);
}

TEST_F(ServerTest, WebPageAndItsFilesAreServedAndNothingElse) {
  Answer page = Get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("app.js"), std::string::npos);
  httplib::Client client("127.0.0.1", server_->port());
  auto res = client.Get("/");
  ASSERT_TRUE(res);
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(Get("/app.js").status, 200);
  for (const std::string path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/.git", "/etc/passwd",
                                 "/app.js/..", "/nothing.js"}) {
    EXPECT_EQ(Get(path).status, 404) << path;
  }
}

TEST_F(ServerTest, SeesWhatAnotherConnectionCommits) {
  const int64_t before = Int(Get("/api/health").json["documents"]);
  const fs::path more = dir_->path() / "more.jsonl";
  testing::WriteFile(more, R"({"doc":"late-article","text":"\"We are late,\" said Late Speaker."})" "\n");
  RunVerbatim({"ingest", more.string(), "--db", db_});
  EXPECT_EQ(Int(Get("/api/health").json["documents"]), before + 1);
  EXPECT_EQ(Int(Get("/api/quotes?speaker=late%20speaker").json["total"]), 1);
}

// `verbatim demo --serve`, as a user runs it: the real binary, its first "serving" line, the
// demo database over HTTP, and a clean exit on SIGTERM.
TEST(DemoServe, OpensTheDemoDatabaseInTheWebPageAndStopsOnSigterm) {
  const char* binary = std::getenv("VERBATIM_BINARY");
  ASSERT_NE(binary, nullptr) << "VERBATIM_BINARY is set by CTest";
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(binary, binary, "demo", "--serve", "--port", "0", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  FILE* out = fdopen(fds[0], "r");
  std::string url;
  char line[4096];
  while (url.empty() && std::fgets(line, sizeof line, out) != nullptr) {
    const std::string l(line);
    const size_t at = l.find(" at http://");
    if (l.rfind("verbatim: serving ", 0) == 0 && at != std::string::npos) url = l.substr(at + 4);
  }
  ASSERT_FALSE(url.empty()) << "no 'verbatim: serving' line";
  const size_t colon = url.rfind(':');
  const int port = std::atoi(url.c_str() + colon + 1);
  httplib::Client client("127.0.0.1", port);
  auto health = client.Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_NE(health->body.find("\"documents\":23"), std::string::npos) << health->body;
  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  std::fclose(out);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
}

}  // namespace
}  // namespace verbatim::server
