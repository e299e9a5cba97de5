#include "cli/demo.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <ostream>
#include <random>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/serve_command.h"
#include "ingest/reader.h"
#include "quotes/extractor.h"
#include "store/clustering.h"
#include "store/stories.h"
#include "store/store.h"
#include "text/utf8.h"

namespace verbatim::cli {
namespace fs = std::filesystem;
namespace {

// A fresh directory under the system temp directory.
fs::path MakeTempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path p = fs::temp_directory_path() / absl::StrCat("verbatim-demo-", rd());
    std::error_code ec;
    if (fs::create_directory(p, ec)) return p;
  }
  return {};
}

std::string Shorten(std::string_view s, size_t max) {
  std::string out;
  size_t n = 0, i = 0;
  while (i < s.size() && n < max) {
    size_t start = i;
    char32_t cp = text::DecodeNext(s, i);
    out.append(cp == '\n' ? std::string_view(" ") : s.substr(start, i - start));
    ++n;
  }
  if (i < s.size()) out += "\xe2\x80\xa6";
  return out;
}

}  // namespace

int RunDemo(const std::string& keep_db, const server::ServerOptions* serve, std::ostream& out, std::ostream& err) {
  fs::path dir;
  std::string db = keep_db;
  if (db.empty()) {
    dir = MakeTempDir();
    if (dir.empty()) {
      err << "verbatim demo: cannot create a temporary directory\n";
      return kNothingProcessed;
    }
    db = (dir / "demo.db").string();
  }
  int rc = kOk;
  {
    auto opened = store::Store::Open(db);
    if (!opened.ok()) {
      err << "verbatim demo: " << db << ": " << opened.status().message() << "\n";
      return kNothingProcessed;
    }
    store::Store& st = **opened;
    ingest::ArticleReader reader;
    quotes::Extractor extractor;
    std::istringstream lines{std::string(kDemoCorpus)};
    std::string line;
    int line_no = 0, docs = 0;
    size_t quotations = 0;
    if (absl::Status s = st.BeginBatch(); !s.ok()) {
      err << "verbatim demo: " << s.message() << "\n";
      return kNothingProcessed;
    }
    while (std::getline(lines, line)) {
      ++line_no;
      if (line.empty()) continue;
      auto d = reader.FromJsonLine(line, absl::StrCat("demo:", line_no));
      if (!d.ok()) {
        err << "verbatim demo: demo:" << line_no << ": " << d.status().message() << "\n";
        rc = kSomeRejected;
        continue;
      }
      std::vector<quotes::Quotation> qs = extractor.Extract(*d);
      quotations += qs.size();
      if (auto r = st.PutDocument(*d, qs, quotes::Extractor::kVersion); !r.ok()) {
        err << "verbatim demo: " << d->doc << ": " << r.status().message() << "\n";
        rc = kSomeRejected;
      }
      ++docs;
    }
    if (absl::Status s = st.CommitBatch(); !s.ok()) {
      err << "verbatim demo: " << s.message() << "\n";
      return kNothingProcessed;
    }
    if (auto u = store::UpdateQuoteClusters(st); !u.ok()) {
      err << "verbatim demo: updating quote clusters: " << u.status().message() << "\n";
      rc = kSomeRejected;
    }
    if (auto u = store::UpdateStories(st); !u.ok()) {
      err << "verbatim demo: updating stories: " << u.status().message() << "\n";
      rc = kSomeRejected;
    }

    auto speakers = st.Speakers();
    auto outlets = st.Outlets();
    auto all = st.FindQuotes({});
    if (!speakers.ok() || !outlets.ok() || !all.ok()) {
      err << "verbatim demo: query failed\n";
      return kNothingProcessed;
    }
    out << "Verbatim demo: " << docs << " articles (our own fiction), " << quotations
        << " quotations, database " << (keep_db.empty() ? "(temporary)" : db) << "\n\n";

    // Speakers, with the wordings they are most reported by (same words in several articles).
    out << "Speakers (quotations / articles) and their most reported quotations\n";
    for (size_t i = 0; i < speakers->size() && i < 8; ++i) {
      const store::SpeakerRow& s = (*speakers)[i];
      out << "  " << s.name << "  (" << s.quotations << " / " << s.articles << ")\n";
      std::map<std::string, std::pair<std::set<std::string>, std::string>> by_text;
      for (const store::StoredQuote& q : *all) {
        if (q.quote.speaker != s.name) continue;
        std::string key = text::FoldForMatch(q.quote.text);
        key.erase(std::remove_if(key.begin(), key.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }), key.end());
        auto& slot = by_text[key];
        slot.first.insert(q.doc);
        if (slot.second.empty() || q.quote.text.size() < slot.second.size()) slot.second = q.quote.text;
      }
      std::vector<std::pair<size_t, std::string>> ranked;
      for (auto& [k, v] : by_text) ranked.emplace_back(v.first.size(), v.second);
      std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second.size() > b.second.size();
      });
      for (size_t k = 0; k < ranked.size() && k < 2; ++k) {
        out << "      \xe2\x80\x9c" << Shorten(ranked[k].second, 100) << "\xe2\x80\x9d";
        if (ranked[k].first > 1) out << "  (" << ranked[k].first << " articles)";
        out << "\n";
      }
    }
    out << "\nArticles and quotations per outlet\n";
    std::vector<std::vector<std::string>> rows;
    for (const store::OutletRow& o : *outlets) {
      rows.push_back({o.outlet, std::to_string(o.articles), std::to_string(o.quotations)});
    }
    std::string table = FormatTable({"outlet", "articles", "quotations"}, rows);
    std::istringstream tl(table);
    for (std::string l; std::getline(tl, l);) out << "  " << l << "\n";
    out << "\nTry: verbatim demo --keep demo.db && verbatim quotes --db demo.db --speaker varga\n"
        << "     verbatim demo --serve   (the web page: search, speakers, quote timelines)\n";
  }
  if (serve != nullptr) {
    out << "\n";
    const int served = Serve(db, *serve, out, err);
    if (served != kOk) rc = served;
  }
  if (!dir.empty()) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return rc;
}

}  // namespace verbatim::cli
