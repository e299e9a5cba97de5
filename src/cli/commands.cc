#include "cli/commands.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <fstream>
#include <set>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/demo.h"
#include "cli/serve_command.h"
#include "cluster/article_similarity.h"
#include "cluster/quote_clusters.h"
#include "cluster/stories.h"
#include "entities/speaker_identities.h"
#include "cluster/quote_words.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cli/attribution_commands.h"
#include "cli/html_commands.h"
#include "cli/syntax_commands.h"
#include "eval/polnear.h"
#include "eval/semeval.h"
#include "common/json.h"
#include "common/ordered_workers.h"
#include "ingest/reader.h"
#include "store/clustering.h"
#include "store/memory_budget.h"
#include "store/stories.h"
#include "quotes/extractor.h"
#include "store/store.h"
#include "text/utf8.h"

namespace verbatim::cli {
namespace {

constexpr size_t kFlushBytes = 1 << 16;
// Documents per write transaction of `ingest`: each commit writes the index pages its documents
// touched, so fewer, larger transactions write less (500 -> 2,000: about a tenth less time in
// the documents stage, docs/PERFORMANCE.md); a failed commit loses at most this many.
constexpr int kBatchDocuments = 2000;

// What a crawl held, so a user can see why 200 records gave 30 articles; and the exit code the
// reading implies.
int ReadSummary(const ingest::ReadStats& stats, std::ostream& err) {
  if (stats.warc_records > 0 || stats.web_pages > 0 || !stats.skipped.empty()) {
    err << "verbatim: web input: " << stats.web_pages << " pages read as articles";
    if (stats.warc_records > 0) err << " from " << stats.warc_records << " WARC records";
    std::string sep = "; skipped: ";
    for (const auto& [kind, n] : stats.skipped) {
      err << sep << n << " " << kind;
      sep = ", ";
    }
    err << "\n";
  }
  if (stats.documents == 0) {
    if (stats.rejected == 0) err << "verbatim: no articles found in the input\n";
    return kNothingProcessed;
  }
  return stats.rejected > 0 ? kSomeRejected : kOk;
}

void PrintProblem(const ingest::ReadProblem& p, std::ostream& err) {
  err << "verbatim: " << (p.rejected ? "" : "warning: ") << p.where << ": " << p.message << "\n";
}

// Reads every input, reporting problems on `err`; returns the exit code the reading implies.
int ReadInputs(const std::vector<std::string>& paths, std::ostream& err,
               const ingest::ArticleReader::DocumentSink& sink) {
  ingest::ArticleReader reader;
  ingest::ReadStats stats;
  auto problems = [&](const ingest::ReadProblem& p) { PrintProblem(p, err); };
  for (const std::string& p : paths) reader.Read(p, sink, problems, stats);
  return ReadSummary(stats, err);
}

// One item of the extraction pipeline, in input order: an article, a JSONL record or a web
// page (both parsed by a worker; a large page already on the reading thread), or a message
// about the input (printed in order with the rest, so stderr does not depend on --threads).
struct InputItem {
  std::optional<ingest::Document> document;
  std::optional<ingest::PendingPage> page;
  std::optional<ingest::PendingLine> line;
  std::optional<ingest::ReadProblem> problem;
};

// What a worker made of an item's page or JSONL record: its document, or why the record was
// rejected; and the repairs made to it.
struct ParsedItem {
  std::optional<ingest::Document> document;
  std::optional<std::string> rejected;
  std::vector<std::string> warnings;
};

// The item's document: read as one, or parsed by a worker; nullptr for a message or a
// rejected record.
const ingest::Document* DocumentOf(const InputItem& item, const ParsedItem& parsed) {
  return item.document ? &*item.document : parsed.document ? &*parsed.document : nullptr;
}

// Pages above this size are parsed on the reading thread, so that the articles in flight do not
// hold megabytes of HTML each.
constexpr size_t kParseOnWorkerMaxBytes = size_t{1} << 20;

// The reading side of `extract` and `ingest`: inputs to InputItems (JSONL records and web
// pages unparsed, so that the workers parse them), and, as the ordered results come back,
// items to documents, with the messages and counts of ReadInputs.
class PipelineInput {
 public:
  using Submit = std::function<void(InputItem&&)>;

  explicit PipelineInput(std::ostream& err) : err_(err) {}

  // Reads `paths` (the submitting thread), handing every item to `submit`.
  void Read(const std::vector<std::string>& paths, const Submit& submit) {
    reader_.DeferWebPages([&](ingest::PendingPage&& page) {
      InputItem item;
      if (page.page.html.size() > kParseOnWorkerMaxBytes) {
        item.document = reader_.FromWebPage(std::move(page.page));
        page.page.html.clear();
      }
      item.page = std::move(page);
      submit(std::move(item));
    });
    reader_.DeferJsonLines([&](ingest::PendingLine&& line) {
      InputItem item;
      item.line = std::move(line);
      submit(std::move(item));
    });
    auto documents = [&](ingest::Document&& d) {
      InputItem item;
      item.document = std::move(d);
      submit(std::move(item));
    };
    auto problems = [&](const ingest::ReadProblem& p) {
      InputItem item;
      item.problem = p;
      submit(std::move(item));
    };
    for (const std::string& p : paths) reader_.Read(p, documents, problems, stats_);
  }

  // A worker's part (any thread): the item's JSONL record or page (when not done yet) parsed.
  ParsedItem Parse(const InputItem& item) const {
    ParsedItem parsed;
    if (item.line) {
      ingest::ParsedLine p = reader_.FromPendingLine(*item.line);
      if (p.document.ok()) {
        parsed.document = *std::move(p.document);
      } else {
        parsed.rejected = std::string(p.document.status().message());
      }
      parsed.warnings = std::move(p.warnings);
    } else if (item.page && !item.document) {
      parsed.document = reader_.FromWebPage(item.page->page);
    }
    return parsed;
  }

  // The submitting thread, in input order: the item's document, or nullptr after printing its
  // message or skipping a page without article text.
  const ingest::Document* Deliver(const InputItem& item, const ParsedItem& parsed) {
    if (item.problem) {
      PrintProblem(*item.problem, err_);
      return nullptr;
    }
    if (item.line) {  // as ArticleReader reports and counts a record it parses itself
      const std::string where = absl::StrCat(item.line->path, ":", item.line->line_number);
      if (parsed.rejected) {
        PrintProblem({where, *parsed.rejected, true}, err_);
        ++stats_.rejected;
        return nullptr;
      }
      for (const std::string& w : parsed.warnings) PrintProblem({where, w, false}, err_);
      stats_.warnings += parsed.warnings.empty() ? 0 : 1;
      ++stats_.documents;
    }
    const ingest::Document* d = DocumentOf(item, parsed);
    if (item.page) {
      if (d == nullptr || d->text.empty()) {
        // A listing, a video page or a login wall: nothing a quotation could point into.
        PrintProblem({item.page->where, "no article text found in the page", false}, err_);
        ++stats_.skipped["no-article"];
        return nullptr;
      }
      ++stats_.web_pages;
      ++stats_.documents;
    }
    return d;
  }

  // After the last delivery: the summary and the exit code, as ReadInputs.
  int Finish() { return ReadSummary(stats_, err_); }

 private:
  std::ostream& err_;
  ingest::ArticleReader reader_;
  ingest::ReadStats stats_;
};

// Counts the articles the extractor leaves unread for their language, to report them.
class LanguageTally {
 public:
  // True when `d` is read; otherwise counts it under its language.
  bool Reads(const ingest::Document& d, const quotes::ExtractorOptions& options = {}) {
    if (quotes::ExtractsLanguageOf(d, options)) return true;
    ++by_language_[d.lang.value_or("?")];
    ++total_;
    return false;
  }
  // "; 3 in other languages stored without quotations (de 2, fr 1)" or "".
  std::string Summary(std::string_view what) const {
    if (total_ == 0) return "";
    std::string s = absl::StrCat(total_, " ", std::string(what), " (");
    bool first = true;
    for (const auto& [lang, n] : by_language_) {
      absl::StrAppend(&s, first ? "" : ", ", lang, " ", n);
      first = false;
    }
    return s + ")";
  }

 private:
  std::map<std::string, int64_t> by_language_;
  int64_t total_ = 0;
};

int Articles(const std::vector<std::string>& paths, const std::string& format, std::ostream& out,
             std::ostream& err) {
  std::string buf;
  std::vector<std::vector<std::string>> rows;
  int rc = ReadInputs(paths, err, [&](ingest::Document&& d) {
    if (format == "jsonl") {
      AppendArticleJson(d, buf);
      if (buf.size() > kFlushBytes) {
        out << buf;
        buf.clear();
      }
    } else {
      rows.push_back({d.doc, d.published.value_or(""), d.outlet.value_or(""), d.title.value_or(""),
                      std::to_string(d.text.size()), std::to_string(d.boilerplate.size())});
    }
  });
  if (format != "jsonl") buf = FormatTable({"doc", "published", "outlet", "title", "bytes", "boilerplate"}, rows);
  out << buf;
  return rc;
}

// Articles in flight between the reader and the ordered writer: enough to keep the workers
// busy, few enough that memory does not grow with the corpus.
constexpr size_t kInFlightPerThread = 64;

// What a worker makes of one item: what it parsed (a JSONL record or a page), whether its
// language is read, its quotations, and for `extract` their JSONL lines.
struct Extracted {
  ParsedItem parsed;
  bool read = false;
  std::vector<quotes::Quotation> quotations;
  std::string jsonl;
};

// A worker's job (any thread): the quotations of an article in a language the extractor reads.
Extracted ExtractArticle(const quotes::Extractor& extractor, const ingest::Document& d) {
  Extracted e;
  e.read = quotes::ExtractsLanguageOf(d, {});
  if (e.read) e.quotations = extractor.Extract(d);
  return e;
}

// The same for a pipeline item: its JSONL record or page parsed first; nothing for a message.
Extracted ExtractItem(const PipelineInput& input, const quotes::Extractor& extractor, const InputItem& item) {
  ParsedItem parsed = input.Parse(item);
  const ingest::Document* d = DocumentOf(item, parsed);
  Extracted e;
  if (d != nullptr) e = ExtractArticle(extractor, *d);
  e.parsed = std::move(parsed);
  return e;
}

// The extractor of `extract`, `ingest` and `reprocess`: the embedded models, parsing through a
// cache of `parse_cache_bytes` that the workers share (the same quotations as without).
struct CachedExtraction {
  explicit CachedExtraction(int64_t parse_cache_bytes)
      : parse_cache(*models.syntax, parse_cache_bytes), extractor({}, WithCache(models, parse_cache)) {}
  static quotes::ExtractorModels WithCache(quotes::ExtractorModels m, syntax::ParseCache& cache) {
    m.parse_cache = &cache;
    return m;
  }
  const quotes::ExtractorModels models = quotes::ExtractorModels::Embedded();
  syntax::ParseCache parse_cache;
  const quotes::Extractor extractor;
};

size_t InFlight(int threads) { return kInFlightPerThread * static_cast<size_t>(std::max(1, threads)); }

int Extract(const std::vector<std::string>& paths, const std::string& format, int threads, bool quiet,
            int64_t parse_cache_bytes, std::ostream& out, std::ostream& err) {
  Progress progress(err, quiet, paths);
  CachedExtraction extraction(parse_cache_bytes);
  const quotes::Extractor& extractor = extraction.extractor;
  std::string buf;
  std::vector<std::vector<std::string>> rows;
  LanguageTally languages;
  const bool jsonl = format == "jsonl";
  PipelineInput input(err);
  OrderedWorkers<InputItem, Extracted> workers(
      threads, InFlight(threads),
      [&](const InputItem& item) {
        Extracted e = ExtractItem(input, extractor, item);
        const ingest::Document* d = DocumentOf(item, e.parsed);
        if (jsonl && d != nullptr) {
          for (const quotes::Quotation& q : e.quotations) AppendQuotationJson(d->doc, q, e.jsonl);
        }
        return e;
      },
      [&](InputItem&& item, Extracted&& e) {
        const ingest::Document* delivered = input.Deliver(item, e.parsed);
        if (delivered == nullptr) return;
        const ingest::Document& d = *delivered;
        progress.Article(d.text.size(), e.quotations.size());
        if (!languages.Reads(d)) return;
        if (jsonl) {
          buf += e.jsonl;
        } else {
          for (const quotes::Quotation& q : e.quotations) {
            rows.push_back({d.doc, std::string(quotes::KindName(q.kind)), q.speaker.value_or(""), q.text});
          }
        }
        if (buf.size() > kFlushBytes) {
          out << buf;
          buf.clear();
        }
      });
  input.Read(paths, [&](InputItem&& item) { workers.Submit(std::move(item)); });
  workers.Finish();
  progress.Finish();
  int rc = input.Finish();
  if (format != "jsonl") buf = FormatTable({"doc", "kind", "speaker", "text"}, rows);
  out << buf;
  if (std::string s = languages.Summary("articles in languages the extractor does not read, "
                                        "no quotations extracted");
      !s.empty()) {
    err << "verbatim: " << s << "\n";
  }
  return rc;
}

absl::StatusOr<std::unique_ptr<store::Store>> OpenStore(const std::string& path, std::ostream& err) {
  auto s = store::Store::Open(path);
  if (!s.ok()) err << "verbatim: " << path << ": " << s.status().message() << "\n";
  return s;
}

// Brings the stored stories up to date (the new or un-grouped documents only).
bool RefreshStories(store::Store& st, const std::string& db, std::ostream& err,
                    int64_t chunk = store::kStoryChunkDocuments) {
  absl::StatusOr<store::StoryUpdate> u = store::UpdateStories(st, {}, chunk);
  if (!u.ok()) {
    err << "verbatim: " << db << ": updating stories: " << u.status().message() << "\n";
    return false;
  }
  return true;
}

// Brings the stored quote clusters up to date (the new or un-clustered quotations only).
bool RefreshQuoteClusters(store::Store& st, const std::string& db, std::ostream& err,
                          int64_t chunk = store::kClusterChunkQuotations) {
  absl::StatusOr<store::ClusterUpdate> u = store::UpdateQuoteClusters(st, {}, chunk);
  if (!u.ok()) {
    err << "verbatim: " << db << ": updating quote clusters: " << u.status().message() << "\n";
    return false;
  }
  return true;
}

struct IngestOptions {
  int threads = 1;
  bool quiet = false;
  bool timings = false;  // each stage's wall time and peak RSS on stderr
  store::MemoryBudget memory;
};

int Ingest(const std::vector<std::string>& paths, const std::string& db, const IngestOptions& options,
           std::ostream& out, std::ostream& err) {
  const int threads = options.threads;
  Progress progress(err, options.quiet, paths);
  StageTimes stages(err, options.timings);
  stages.Begin("documents (read, extract, store)");
  auto opened = OpenStore(db, err);
  if (!opened.ok()) return kNothingProcessed;
  store::Store& st = **opened;
  if (absl::Status s = st.SetPageCache(options.memory.page_cache_bytes); !s.ok()) {
    err << "verbatim: " << db << ": " << s.message() << "\n";
    return kNothingProcessed;
  }
  CachedExtraction extraction(options.memory.parse_cache_bytes);
  const quotes::Extractor& extractor = extraction.extractor;
  syntax::ParseCache& parse_cache = extraction.parse_cache;
  int64_t inserted = 0, replaced = 0, unchanged = 0, quotations = 0, failed = 0, in_batch = 0;
  bool batch_open = false;
  LanguageTally languages;
  auto commit = [&]() {
    if (!batch_open) return;
    if (absl::Status s = st.CommitBatch(); !s.ok()) {
      err << "verbatim: " << db << ": commit failed: " << s.message() << "\n";
      failed += in_batch;
    }
    batch_open = false;
    in_batch = 0;
  };
  // Workers extract; this thread stores, in input order, in transactions of kBatchDocuments.
  PipelineInput input(err);
  OrderedWorkers<InputItem, Extracted> workers(
      threads, InFlight(threads), [&](const InputItem& item) { return ExtractItem(input, extractor, item); },
      [&](InputItem&& item, Extracted&& e) {
    const ingest::Document* delivered = input.Deliver(item, e.parsed);
    if (delivered == nullptr) return;
    const ingest::Document& d = *delivered;
    if (!batch_open) {
      if (absl::Status s = st.BeginBatch(); !s.ok()) {
        err << "verbatim: " << db << ": " << s.message() << "\n";
        ++failed;
        return;
      }
      batch_open = true;
    }
    languages.Reads(d);
    progress.Article(d.text.size(), e.quotations.size());
    const std::vector<quotes::Quotation>& qs = e.quotations;
    auto r = st.PutDocument(d, qs, quotes::Extractor::kVersion);
    if (!r.ok()) {
      err << "verbatim: " << (d.source_line ? absl::StrCat(d.source_path, ":", d.source_line) : d.source_path)
          << ": cannot store document '" << d.doc << "': " << r.status().message() << "\n";
      ++failed;
      return;
    }
    switch (*r) {
      case store::PutResult::kInserted: ++inserted; quotations += static_cast<int64_t>(qs.size()); break;
      case store::PutResult::kReplaced: ++replaced; quotations += static_cast<int64_t>(qs.size()); break;
      case store::PutResult::kUnchanged: ++unchanged; break;
    }
    if (++in_batch >= kBatchDocuments) commit();
      });
  input.Read(paths, [&](InputItem&& item) { workers.Submit(std::move(item)); });
  workers.Finish();
  int rc = input.Finish();
  commit();
  const syntax::ParseCache::Stats parsed = parse_cache.stats();
  stages.Note(absl::StrFormat("parse cache: %d of %d sentences seen before, %.0f MB held", parsed.hits,
                              parsed.lookups, static_cast<double>(parsed.bytes) / 1e6));
  parse_cache.Clear();  // its memory goes to the index updates
  if (threads > 1) {
    // The two index updates touch disjoint tables, so they run at once: the quote clusters on a
    // second connection and thread, the stories here. Each waits out the other's short write
    // transactions.
    progress.Stage("clustering quotations and grouping stories");
    stages.Begin("quote clusters and stories, at once");
    auto second = OpenStore(db, err);
    if (!second.ok() || !(*second)->SetPageCache(options.memory.page_cache_bytes).ok()) {
      failed += 2;
    } else {
      constexpr int kWaitForWriterMs = 30 * 60 * 1000;
      st.SetBusyTimeout(kWaitForWriterMs);
      (*second)->SetBusyTimeout(kWaitForWriterMs);
      std::ostringstream cluster_err;
      bool clustered = false;
      double cluster_seconds = 0;
      std::thread clustering([&] {
        const auto start = std::chrono::steady_clock::now();
        clustered = RefreshQuoteClusters(**second, db, cluster_err, options.memory.cluster_chunk);
        cluster_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      });
      const auto start = std::chrono::steady_clock::now();
      if (!RefreshStories(st, db, err, options.memory.story_chunk)) ++failed;
      const double story_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      clustering.join();
      err << cluster_err.str();
      if (!clustered) ++failed;
      stages.Note(absl::StrFormat("quote clusters %.1f s, stories %.1f s (on two threads)", cluster_seconds,
                                  story_seconds));
    }
  } else {
    progress.Stage("clustering quotations");
    stages.Begin("quote clusters");
    if (!RefreshQuoteClusters(st, db, err, options.memory.cluster_chunk)) ++failed;
    progress.Stage("grouping stories");
    stages.Begin("stories");
    if (!RefreshStories(st, db, err, options.memory.story_chunk)) ++failed;
  }
  stages.End();
  progress.Finish();
  out << "ingested into " << db << ": " << inserted << " new, " << replaced << " replaced, "
      << unchanged << " unchanged documents; " << quotations << " quotations stored";
  if (std::string s = languages.Summary("in other languages, stored without quotations");
      !s.empty()) {
    out << "; " << s;
  }
  out << "\n";
  if (failed > 0 && rc == kOk) rc = kSomeRejected;
  if (inserted + replaced + unchanged == 0 && rc != kNothingProcessed) rc = kNothingProcessed;
  return rc;
}

int Reprocess(const std::string& db, std::ostream& out, std::ostream& err) {
  if (!std::filesystem::exists(db)) {
    err << "verbatim: " << db << ": no such database\n";
    return kNothingProcessed;
  }
  auto opened = OpenStore(db, err);
  if (!opened.ok()) return kNothingProcessed;
  store::Store& st = **opened;
  CachedExtraction extraction(store::MemoryBudgetFor(store::kDefaultMemoryBytes)->parse_cache_bytes);
  const quotes::Extractor& extractor = extraction.extractor;
  std::vector<std::pair<std::string, std::vector<quotes::Quotation>>> results;
  absl::Status s = st.ForEachDocument([&](const ingest::Document& d) {
    results.emplace_back(d.doc, extractor.Extract(d));
  });
  if (!s.ok()) {
    err << "verbatim: " << db << ": " << s.message() << "\n";
    return kNothingProcessed;
  }
  int64_t quotations = 0, failed = 0;
  if (absl::Status b = st.BeginBatch(); !b.ok()) {
    err << "verbatim: " << db << ": " << b.message() << "\n";
    return kNothingProcessed;
  }
  for (const auto& [doc, qs] : results) {
    if (absl::Status r = st.ReplaceQuotations(doc, qs, quotes::Extractor::kVersion); !r.ok()) {
      err << "verbatim: " << db << ": document '" << doc << "': " << r.message() << "\n";
      ++failed;
      continue;
    }
    quotations += static_cast<int64_t>(qs.size());
  }
  if (absl::Status c = st.CommitBatch(); !c.ok()) {
    err << "verbatim: " << db << ": " << c.message() << "\n";
    return kNothingProcessed;
  }
  if (!RefreshQuoteClusters(st, db, err)) ++failed;
  out << "reprocessed " << results.size() << " documents with " << quotes::Extractor::kVersion
      << ": " << quotations << " quotations\n";
  return failed ? kSomeRejected : kOk;
}

int Remove(const std::string& db, const std::string& doc, const std::string& outlet,
           std::ostream& out, std::ostream& err) {
  if (doc.empty() == outlet.empty()) {
    err << "verbatim remove: give exactly one of --doc or --outlet\n";
    return kUsage;
  }
  if (!std::filesystem::exists(db)) {
    err << "verbatim: " << db << ": no such database\n";
    return kNothingProcessed;
  }
  auto opened = OpenStore(db, err);
  if (!opened.ok()) return kNothingProcessed;
  auto removed = doc.empty() ? (*opened)->RemoveOutlet(outlet) : (*opened)->RemoveDocument(doc);
  if (!removed.ok()) {
    err << "verbatim: " << db << ": " << removed.status().message() << "\n";
    return kNothingProcessed;
  }
  if (!RefreshQuoteClusters(**opened, db, err) || !RefreshStories(**opened, db, err)) return kSomeRejected;
  out << "removed " << *removed << " document(s)\n";
  if (*removed == 0) {
    err << "verbatim: nothing matched " << (doc.empty() ? "outlet '" + outlet + "'" : "doc '" + doc + "'") << "\n";
    return kNothingProcessed;
  }
  return kOk;
}

int Quotes(const std::string& db, const store::QuoteQuery& query, const std::string& format,
           std::ostream& out, std::ostream& err) {
  if (!std::filesystem::exists(db)) {
    err << "verbatim: " << db << ": no such database\n";
    return kNothingProcessed;
  }
  auto opened = OpenStore(db, err);
  if (!opened.ok()) return kNothingProcessed;
  store::QuoteQuery q = query;
  if (format == "table" && !q.limit) q.limit = 50;  // a screenful; jsonl and csv print all
  auto found = (*opened)->FindQuotes(q);
  if (!found.ok()) {
    err << "verbatim: " << db << ": " << found.status().message() << "\n";
    return kNothingProcessed;
  }
  std::string buf;
  if (format == "jsonl") {
    for (const store::StoredQuote& s : *found) {
      buf.push_back('{');
      AppendQuotationFields(s.doc, s.quote, buf);
      buf += ",\"published\":";
      if (s.published) json::AppendString(buf, *s.published); else buf += "null";
      buf += ",\"outlet\":";
      if (s.outlet) json::AppendString(buf, *s.outlet); else buf += "null";
      buf += "}\n";
    }
  } else if (format == "csv") {
    buf = "doc,published,outlet,speaker,kind,text\n";
    for (const store::StoredQuote& s : *found) {
      const std::string published = s.published.value_or(""), outlet_name = s.outlet.value_or(""),
                        speaker_name = s.quote.speaker.value_or("");
      for (std::string_view f : {std::string_view(s.doc), std::string_view(published),
                                 std::string_view(outlet_name), std::string_view(speaker_name),
                                 quotes::KindName(s.quote.kind), std::string_view(s.quote.text)}) {
        if (buf.back() != '\n') buf.push_back(',');
        AppendCsvField(f, buf);
      }
      buf.push_back('\n');
    }
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const store::StoredQuote& s : *found) {
      rows.push_back({s.published.value_or("undated").substr(0, 10), s.outlet.value_or(""),
                      s.quote.speaker.value_or("(unknown)"), s.quote.text});
    }
    buf = FormatTable({"published", "outlet", "speaker", "quotation"}, rows, 90);
  }
  out << buf;
  return kOk;
}

int Speakers(const std::string& db, const std::string& format, const std::string& aliases_path,
             std::ostream& out, std::ostream& err) {
  if (!std::filesystem::exists(db)) {
    err << "verbatim: " << db << ": no such database\n";
    return kNothingProcessed;
  }
  entities::Aliases aliases;
  if (!aliases_path.empty()) {
    std::ifstream in(aliases_path, std::ios::binary);
    if (!in) {
      err << "verbatim: " << aliases_path << ": cannot open file\n";
      return kNothingProcessed;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    auto parsed = entities::ParseAliases(ss.str());
    if (!parsed.ok()) {
      err << "verbatim: " << aliases_path << ": " << parsed.status().message() << "\n";
      return kUsage;
    }
    aliases = *std::move(parsed);
  }
  auto opened = OpenStore(db, err);
  if (!opened.ok()) return kNothingProcessed;
  auto quotes = (*opened)->FindQuotes({});
  if (!quotes.ok()) {
    err << "verbatim: " << db << ": " << quotes.status().message() << "\n";
    return kNothingProcessed;
  }
  // Per canonical name: quotations and the articles they appear in.
  std::map<std::string, std::pair<int64_t, std::set<std::string>>> per_name;
  for (const store::StoredQuote& q : *quotes) {
    if (!q.quote.speaker) continue;
    auto& slot = per_name[*q.quote.speaker];
    ++slot.first;
    slot.second.insert(q.doc);
  }
  std::vector<entities::SpeakerName> names;
  for (const auto& [name, v] : per_name) names.push_back({name, v.first, static_cast<int64_t>(v.second.size())});
  std::vector<entities::SpeakerIdentity> ids = entities::GroupSpeakers(names, aliases);
  for (entities::SpeakerIdentity& id : ids) {  // distinct articles over all variants
    std::set<std::string> docs;
    for (const std::string& v : id.variants) docs.insert(per_name[v].second.begin(), per_name[v].second.end());
    id.articles = static_cast<int64_t>(docs.size());
  }
  std::string buf;
  auto joined = [](const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& x : v) s += (s.empty() ? "" : "; ") + x;
    return s;
  };
  if (format == "jsonl") {
    for (const entities::SpeakerIdentity& id : ids) {
      json::ObjectWriter w(buf);
      w.Key("name").String(id.name).Key("quotations").Int(id.quotations).Key("articles").Int(id.articles);
      w.Key("variants");
      buf += "[";
      for (size_t i = 0; i < id.variants.size(); ++i) {
        if (i) buf += ",";
        json::AppendString(buf, id.variants[i]);
      }
      buf += "]";
      w.Close();
      buf.push_back('\n');
    }
  } else if (format == "csv") {
    buf = "name,quotations,articles,variants\n";
    for (const entities::SpeakerIdentity& id : ids) {
      AppendCsvField(id.name, buf);
      buf += "," + std::to_string(id.quotations) + "," + std::to_string(id.articles) + ",";
      AppendCsvField(joined(id.variants), buf);
      buf += "\n";
    }
  } else {
    std::vector<std::vector<std::string>> t;
    for (const entities::SpeakerIdentity& id : ids) {
      t.push_back({id.name, std::to_string(id.quotations), std::to_string(id.articles), joined(id.variants)});
    }
    buf = FormatTable({"speaker", "quotations", "articles", "name variants"}, t);
  }
  out << buf;
  return kOk;
}

// Every stored quotation in quote marks (reported speech aside), in publication order with
// undated ones last, as clustering input.
absl::StatusOr<std::vector<store::StoredQuote>> LoadQuotesForClusters(const std::string& db, std::ostream& err) {
  if (!std::filesystem::exists(db)) {
    err << "verbatim: " << db << ": no such database\n";
    return absl::NotFoundError("no database");
  }
  auto opened = OpenStore(db, err);
  if (!opened.ok()) return opened.status();
  // A database written before clusters were stored (or by a failed update) catches up here.
  if (!RefreshQuoteClusters(**opened, db, err)) return absl::InternalError("cluster update failed");
  auto found = (*opened)->FindQuotes({});
  if (!found.ok()) {
    err << "verbatim: " << db << ": " << found.status().message() << "\n";
    return found.status();
  }
  std::vector<store::StoredQuote> out;
  for (store::StoredQuote& q : *found) {
    if (q.quote.kind != quotes::QuoteKind::kIndirect) out.push_back(std::move(q));
  }
  return out;
}

// The stored clusters of `quotes` (in publication order, undated last), described.
std::vector<cluster::QuoteCluster> StoredClusters(const std::vector<store::StoredQuote>& quotes) {
  std::vector<cluster::QuoteInput> in;
  std::vector<int64_t> cluster_of;
  for (const store::StoredQuote& q : quotes) {
    in.push_back({q.doc, q.quote.text, q.quote.speaker, q.outlet, q.published});
    cluster_of.push_back(q.cluster.value_or(-1 - static_cast<int64_t>(cluster_of.size())));
  }
  return cluster::DescribeQuoteClusters(in, cluster_of);
}

void AppendClusterJson(const cluster::QuoteCluster& c, const std::vector<store::StoredQuote>& quotes, std::string& out) {
  json::ObjectWriter w(out);
  w.Key("cluster").Int(c.id);
  w.Key("canonical").String(c.canonical);
  w.Key("speakers");
  out += "[";
  for (size_t i = 0; i < c.speakers.size(); ++i) {
    if (i) out += ",";
    json::AppendString(out, c.speakers[i]);
  }
  out += "]";
  w.Key("first_seen").OptionalString(c.first_seen);
  w.Key("flags");
  out += "[";
  for (size_t i = 0; i < c.flags.size(); ++i) {
    if (i) out += ",";
    json::AppendString(out, c.flags[i]);
  }
  out += "]";
  w.Key("quotes");
  out += "[";
  for (size_t i = 0; i < c.members.size(); ++i) {
    const store::StoredQuote& q = quotes[c.members[i]];
    if (i) out += ",";
    json::ObjectWriter qw(out);
    qw.Key("doc").String(q.doc).Key("field").String(quotes::FieldName(q.quote.field));
    qw.Key("text").String(q.quote.text);
    qw.Key("start").Int(static_cast<int64_t>(q.quote.start())).Key("end").Int(static_cast<int64_t>(q.quote.end()));
    qw.Key("speaker").OptionalString(q.quote.speaker).Key("outlet").OptionalString(q.outlet);
    qw.Key("published").OptionalString(q.published).Key("story").OptionalInt(q.story);
    qw.Key("altered").Bool(c.altered[i]);
    if (c.altered[i]) qw.Key("diff").String(c.diffs[i]);
    qw.Close();
  }
  out += "]";
  w.Close();
  out += "\n";
}

int Clusters(const std::string& db, const std::string& speaker, int64_t min_outlets, const std::string& format,
             std::ostream& out, std::ostream& err) {
  auto quotes_or = LoadQuotesForClusters(db, err);
  if (!quotes_or.ok()) return kNothingProcessed;
  const std::vector<store::StoredQuote>& quotes = *quotes_or;
  std::vector<cluster::QuoteCluster> clusters = StoredClusters(quotes);
  // Most widely carried first.
  std::stable_sort(clusters.begin(), clusters.end(), [](const auto& a, const auto& b) {
    if (a.outlets != b.outlets) return a.outlets > b.outlets;
    return a.members.size() > b.members.size();
  });
  std::string buf;
  std::vector<std::vector<std::string>> rows;
  for (const cluster::QuoteCluster& c : clusters) {
    if (static_cast<int64_t>(c.outlets) < min_outlets) continue;
    if (!speaker.empty() && std::none_of(c.speakers.begin(), c.speakers.end(), [&](const std::string& s) {
          return entities::SameSpeakerIdentity(s, speaker) || text::FoldForMatch(s).find(text::FoldForMatch(speaker)) != std::string::npos;
        })) {
      continue;
    }
    if (format == "jsonl") {
      AppendClusterJson(c, quotes, buf);
    } else {
      std::string speakers, flags;
      for (const std::string& s : c.speakers) speakers += (speakers.empty() ? "" : ", ") + s;
      for (const std::string& f : c.flags) flags += (flags.empty() ? "" : ", ") + f;
      rows.push_back({std::to_string(c.id), c.first_seen.value_or("undated"), std::to_string(c.outlets),
                      std::to_string(c.members.size()), speakers, flags, c.canonical});
    }
  }
  if (format != "jsonl") buf = FormatTable({"cluster", "first_seen", "outlets", "quotes", "speakers", "flags", "canonical"}, rows, 70);
  out << buf;
  return kOk;
}

int Trace(const std::string& db, const std::string& wording, std::ostream& out, std::ostream& err) {
  auto quotes_or = LoadQuotesForClusters(db, err);
  if (!quotes_or.ok()) return kNothingProcessed;
  const std::vector<store::StoredQuote>& quotes = *quotes_or;
  std::vector<cluster::QuoteCluster> clusters = StoredClusters(quotes);
  // The cluster whose members share the most content words with the wording asked about.
  std::vector<std::string> asked = cluster::ContentStemSet(wording);
  const cluster::QuoteCluster* best = nullptr;
  double best_score = 0;
  for (const cluster::QuoteCluster& c : clusters) {
    for (int m : c.members) {
      size_t shared = cluster::SharedStems(asked, cluster::ContentStemSet(quotes[m].quote.text));
      // At least two of the words asked about (all of them, when fewer), and half of them.
      if (shared < std::min<size_t>(2, asked.size())) continue;
      double score = asked.empty() ? 0 : static_cast<double>(shared) / static_cast<double>(asked.size()) +
                                             0.001 * static_cast<double>(c.members.size());
      if (score > best_score) best = &c, best_score = score;
    }
  }
  if (best == nullptr || best_score < 0.5) {
    err << "verbatim trace: no stored quotation matches \"" << wording << "\"\n";
    return kNothingProcessed;
  }
  std::string speakers;
  for (const std::string& s : best->speakers) speakers += (speakers.empty() ? "" : ", ") + s;
  out << "\xe2\x80\x9c" << best->canonical << "\xe2\x80\x9d\n"
      << "speakers: " << (speakers.empty() ? "(unknown)" : speakers) << "; first seen: "
      << best->first_seen.value_or("undated") << "; " << best->members.size() << " quotation(s) in "
      << best->outlets << " outlet(s)";
  for (const std::string& f : best->flags) out << "; " << f;
  out << "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < best->members.size(); ++i) {
    const store::StoredQuote& q = quotes[best->members[i]];
    rows.push_back({q.published ? q.published->substr(0, 10) : "undated", q.outlet.value_or(""), q.doc,
                    q.story ? std::to_string(*q.story) : "",
                    q.quote.speaker.value_or("(unknown)"), best->altered[i] ? "* " + best->diffs[i] : q.quote.text});
  }
  out << FormatTable({"published", "outlet", "doc", "story", "speaker", "wording (* differs from the earliest: [-removed-] {+added+})"}, rows, 90);
  return kOk;
}

int Stories(const std::string& db, double min_score, const std::string& format, std::ostream& out, std::ostream& err) {
  if (!std::filesystem::exists(db)) {
    err << "verbatim: " << db << ": no such database\n";
    return kNothingProcessed;
  }
  auto opened = OpenStore(db, err);
  if (!opened.ok()) return kNothingProcessed;
  std::vector<cluster::StoryInput> articles;
  std::vector<cluster::Story> stories;
  if (min_score < 0) {
    // The stored stories, brought up to date.
    if (!RefreshStories(**opened, db, err)) return kNothingProcessed;
    auto rows = (*opened)->StoryRows(200);
    if (!rows.ok()) {
      err << "verbatim: " << db << ": " << rows.status().message() << "\n";
      return kNothingProcessed;
    }
    std::vector<int64_t> story_of;
    for (store::StoryArticle& a : *rows) {
      articles.push_back({a.doc, a.title, a.text, a.published, a.outlet});
      story_of.push_back(a.story.value_or(-a.id));
    }
    stories = cluster::DescribeStories(articles, story_of);
  } else {
    // Another threshold: grouped afresh at query time.
    absl::Status s = (*opened)->ForEachDocument([&](const ingest::Document& d) {
      articles.push_back({d.doc, d.title.value_or(""), d.text, d.published, d.outlet});
    });
    if (!s.ok()) {
      err << "verbatim: " << db << ": " << s.message() << "\n";
      return kNothingProcessed;
    }
    // Publication order, undated last: a story is named by its first article.
    std::stable_sort(articles.begin(), articles.end(), [](const auto& a, const auto& b) {
      return a.published.value_or("9999") < b.published.value_or("9999");
    });
    cluster::StoryOptions options;
    options.min_score = min_score;
    stories = cluster::BuildStories(articles, options);
  }
  std::map<std::string, std::vector<int64_t>> clusters_of_doc;
  if (auto pairs = (*opened)->QuoteClustersByDocument(); pairs.ok()) {
    for (auto& [doc, cl] : *pairs) clusters_of_doc[doc].push_back(cl);
  } else {
    err << "verbatim: " << db << ": " << pairs.status().message() << "\n";
    return kNothingProcessed;
  }
  std::stable_sort(stories.begin(), stories.end(), [](const auto& a, const auto& b) {
    return a.members.size() > b.members.size();
  });
  std::string buf;
  std::vector<std::vector<std::string>> rows;
  for (const cluster::Story& st : stories) {
    if (format == "jsonl") {
      json::ObjectWriter w(buf);
      w.Key("story").Int(st.id).Key("title").String(st.title);
      w.Key("docs");
      buf += "[";
      for (size_t i = 0; i < st.members.size(); ++i) {
        if (i) buf += ",";
        json::AppendString(buf, articles[st.members[i]].doc);
      }
      buf += "]";
      w.Key("outlets");
      buf += "[";
      for (size_t i = 0; i < st.outlets.size(); ++i) {
        if (i) buf += ",";
        json::AppendString(buf, st.outlets[i]);
      }
      buf += "]";
      w.Key("first_seen").OptionalString(st.first_seen).Key("last_seen").OptionalString(st.last_seen);
      // The quote clusters its articles carry, most quotations first (then by id).
      std::map<int64_t, int> counts;
      for (int m : st.members) {
        auto it = clusters_of_doc.find(articles[m].doc);
        if (it == clusters_of_doc.end()) continue;
        for (int64_t cl : it->second) ++counts[cl];
      }
      std::vector<std::pair<int, int64_t>> ranked;
      int quotations = 0;
      for (const auto& [cl, n] : counts) ranked.emplace_back(-n, cl), quotations += n;
      std::sort(ranked.begin(), ranked.end());
      w.Key("quotations").Int(quotations);
      w.Key("quote_clusters");
      buf += "[";
      for (size_t i = 0; i < ranked.size(); ++i) {
        if (i) buf += ",";
        buf += std::to_string(ranked[i].second);
      }
      buf += "]";
      w.Close();
      buf += "\n";
    } else {
      std::string docs;
      for (int m : st.members) docs += (docs.empty() ? "" : ", ") + articles[m].doc;
      rows.push_back({std::to_string(st.id), st.first_seen.value_or("undated"), std::to_string(st.members.size()),
                      std::to_string(st.outlets.size()), st.title, docs});
    }
  }
  if (format != "jsonl") buf = FormatTable({"story", "first_seen", "articles", "outlets", "title", "docs"}, rows, 60);
  out << buf;
  return kOk;
}

}  // namespace

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"verbatim: who said what, when, and how was it reported"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(quotes::Extractor::kVersion));

  std::vector<std::string> paths;
  std::string format, db, doc, outlet, keep;
  store::QuoteQuery query;
  std::string speaker, search, from, to;
  int64_t limit = -1;

  auto* articles = app.add_subcommand("articles", "Print documents as Verbatim reads them");
  articles->add_option("paths", paths, "Files, folders or - (default: standard input)");
  articles->add_option("--format", format, "jsonl (default) or table")->check(CLI::IsMember({"jsonl", "table"}));

  auto* extract = app.add_subcommand("extract", "Print quotations as JSONL, without a database");
  extract->add_option("paths", paths, "Files, folders or - (default: standard input)");
  extract->add_option("--format", format, "jsonl (default) or table")->check(CLI::IsMember({"jsonl", "table"}));
  int pipeline_threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  extract->add_option("--threads", pipeline_threads, "Extraction threads (output is the same for any number)")
      ->capture_default_str()->check(CLI::Range(1, 256));
  bool quiet = false;
  extract->add_flag("--quiet", quiet, "No progress line (it is shown only when stderr is a terminal)");

  auto* ingest = app.add_subcommand("ingest", "Read articles and store them with their quotations");
  ingest->add_option("paths", paths, "Files, folders or -")->required();
  ingest->add_option("--db", db, "SQLite database file")->required();
  ingest->add_option("--threads", pipeline_threads, "Extraction threads (one thread writes the database, in input order)")
      ->capture_default_str()->check(CLI::Range(1, 256));
  ingest->add_flag("--quiet", quiet, "No progress line (it is shown only when stderr is a terminal)");
  std::string memory = "1GiB";
  ingest->add_option("--memory", memory,
                     "Memory budget, like 512M or 2GiB (at least 256MiB): the sentence parse cache while "
                     "documents are read, then the index updates (the same clusters and stories in "
                     "smaller chunks)")
      ->capture_default_str();
  extract->add_option("--memory", memory,
                      "Memory budget, like 512M or 2GiB (at least 256MiB): sets the sentence parse cache "
                      "(the same output with any budget)")
      ->capture_default_str();
  bool timings = false;
  ingest->add_flag("--timings", timings, "Print each stage's wall time and peak memory on stderr");

  auto* reprocess = app.add_subcommand("reprocess", "Re-run extraction over stored documents");
  reprocess->add_option("--db", db, "SQLite database file")->required();

  auto* remove = app.add_subcommand("remove", "Delete a document or a whole outlet");
  remove->add_option("--db", db, "SQLite database file")->required();
  remove->add_option("--doc", doc, "Document id");
  remove->add_option("--outlet", outlet, "Outlet name");

  auto* quotes_cmd = app.add_subcommand("quotes", "Search stored quotations");
  quotes_cmd->add_option("--db", db, "SQLite database file")->required();
  quotes_cmd->add_option("--speaker", speaker, "Whole words of the speaker's name (case and accents ignored)");
  quotes_cmd->add_option("--search", search, "Words that must occur in the quotation");
  quotes_cmd->add_option("--from", from, "Earliest publication date, YYYY-MM-DD");
  quotes_cmd->add_option("--to", to, "Latest publication date, YYYY-MM-DD (inclusive)");
  quotes_cmd->add_option("--outlet", outlet, "Only this outlet");
  quotes_cmd->add_option("--limit", limit, "At most N quotations")->check(CLI::PositiveNumber);
  quotes_cmd->add_option("--format", format, "table (default), jsonl or csv")->check(CLI::IsMember({"table", "jsonl", "csv"}));

  auto* speakers = app.add_subcommand("speakers", "List speakers with quotation and article counts");
  speakers->add_option("--db", db, "SQLite database file")->required();
  speakers->add_option("--format", format, "table (default), jsonl or csv")->check(CLI::IsMember({"table", "jsonl", "csv"}));
  std::string aliases_path;
  speakers->add_option("--aliases", aliases_path, "File of corrections: 'Canonical Name = Variant; Variant' per line");

  std::string eval_set, eval_dir;
  bool eval_json = false;
  std::string model_path;
  bool gold_tags = false;
  auto* eval = app.add_subcommand("eval", "Score attribution, similarity, syntax or HTML body extraction against an annotated corpus");
  eval->add_option("dataset", eval_set, "polnear (attribution), semeval (article similarity), ud (tagger and parser) or html (article bodies)")
      ->required()->check(CLI::IsMember({"polnear", "semeval", "ud", "html"}));
  eval->add_option("path", eval_dir, "polnear: a split directory (text/, attributions/); semeval: a pairs JSONL file; ud: a CoNLL-U file; html: none (see --aeb, --trafilatura)");
  HtmlEvalFlags html_eval;
  AddHtmlEvalOptions(*eval, html_eval);
  std::string attribution_model_path;
  eval->add_option("--attribution-model", attribution_model_path,
                   "polnear: attribution model file (default: the embedded model)");
  eval->add_option("--model", model_path, "ud: syntax model file (default: the embedded model)");
  eval->add_flag("--gold-tags", gold_tags, "ud: give the parser the gold UPOS tags");

  std::string conllu_path;
  auto* parse = app.add_subcommand("parse", "Tag and parse the words of a CoNLL-U file (UD UPOS, HEAD, DEPREL)");
  parse->add_option("path", conllu_path, "CoNLL-U file; its FORM column gives the words")->required();
  parse->add_option("--format", format, "conllu (default)")->check(CLI::IsMember({"conllu"}));
  parse->add_option("--model", model_path, "Syntax model file (default: the embedded model)");

  std::string train_path, dev_path, out_path;
  std::vector<std::string> corpus_paths;
  int threads = 1;
  auto* train = app.add_subcommand("train", "Train a model");
  train->require_subcommand(1);
  std::string polnear_train;
  int epochs = 8;
  auto* train_attribution = train->add_subcommand(
      "attribution", "Train the attribution model (cues, contents, sources) on a PolNeAR split");
  train_attribution->add_option("--polnear", polnear_train, "PolNeAR split directory (text/, attributions/)")->required();
  train_attribution->add_option("--out", out_path, "Model file to write")->required();
  train_attribution->add_option("--dev", dev_path, "PolNeAR split scored after each epoch (progress figures only)");
  train_attribution->add_option("--epochs", epochs, "Passes over the examples")->check(CLI::Range(1, 100));
  auto* train_syntax = train->add_subcommand("syntax", "Train the UPOS tagger and dependency parser on UD treebanks");
  train_syntax->add_option("--train", train_path, "Training CoNLL-U file")->required();
  train_syntax->add_option("--dev", dev_path, "Development CoNLL-U file (progress figures)")->required();
  train_syntax->add_option("--out", out_path, "Model file to write")->required();
  train_syntax->add_option("--corpus", corpus_paths, "JSONL article files for word clusters (repeatable; none: no clusters)");
  train_syntax->add_option("--threads", threads, "Threads for the tagger jobs (the model does not depend on it)")
      ->check(CLI::Range(1, 64));

  std::string pairs_path;
  auto* similarity = app.add_subcommand("similarity", "Score article pairs: how likely they report the same story");
  similarity->add_option("pairs", pairs_path, "JSONL lines {id, a: {title, text}, b: {title, text}}")->required();
  eval->add_flag("--json", eval_json, "Print figures and every attribution's match decision as JSON");

  int64_t min_outlets = 0;
  auto* clusters_cmd = app.add_subcommand("clusters", "Variants of one utterance across outlets and time");
  clusters_cmd->add_option("--db", db, "SQLite database file")->required();
  clusters_cmd->add_option("--speaker", speaker, "Only clusters with this speaker");
  clusters_cmd->add_option("--min-outlets", min_outlets, "Only clusters carried by at least N outlets");
  clusters_cmd->add_option("--format", format, "table (default) or jsonl")->check(CLI::IsMember({"table", "jsonl"}));

  double min_score = -1;
  auto* stories_cmd = app.add_subcommand("stories", "Articles grouped into stories (the same event)");
  stories_cmd->add_option("--db", db, "SQLite database file")->required();
  stories_cmd->add_option("--min-score", min_score, "Similarity needed to join a story (default: the SemEval threshold)");
  stories_cmd->add_option("--format", format, "table (default) or jsonl")->check(CLI::IsMember({"table", "jsonl"}));

  std::string trace_text;
  auto* trace = app.add_subcommand("trace", "The timeline of the quotation that best matches TEXT");
  trace->add_option("text", trace_text, "Words of the quotation")->required();
  trace->add_option("--db", db, "SQLite database file")->required();

  auto* demo = app.add_subcommand("demo", "Ingest the built-in demo corpus and summarise it");
  demo->add_option("--keep", keep, "Keep the demo database at this path");
  bool demo_serve = false;
  server::ServerOptions serve_options;
  demo->add_flag("--serve", demo_serve, "Then open the demo database in the web page (verbatim serve)");
  demo->add_option("--port", serve_options.port, "With --serve: port (0: any free one)")->capture_default_str();

  auto* serve = app.add_subcommand("serve", "Serve a database: JSON API and web page (docs/API.md)");
  serve->add_option("--db", db, "SQLite database file")->required();
  serve->add_option("--host", serve_options.host, "Address to listen on (loopback unless told otherwise)")
      ->capture_default_str();
  serve->add_option("--port", serve_options.port, "Port (0: any free one)")->capture_default_str()->check(CLI::Range(0, 65535));
  serve->add_option("--threads", serve_options.threads, "Worker threads (each open connection holds one)")
      ->capture_default_str()->check(CLI::Range(1, 1024));
  serve->add_option("--web-root", serve_options.web_root, "Serve the page's files from this folder (front-end work)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    app.exit(e, out, err);
    return kUsage;
  }
  for (const std::string& d : {from, to}) {
    if (!d.empty() && !(d.size() == 10 && d[4] == '-' && d[7] == '-')) {
      err << "verbatim: dates must be YYYY-MM-DD, got '" << d << "'\n";
      return kUsage;
    }
  }
  if (paths.empty()) paths.push_back("-");
  try {
    if (articles->parsed()) return Articles(paths, format.empty() ? "jsonl" : format, out, err);
    if (extract->parsed() || ingest->parsed()) {
      absl::StatusOr<int64_t> bytes = store::ParseByteSize(memory);
      absl::StatusOr<store::MemoryBudget> budget =
          bytes.ok() ? store::MemoryBudgetFor(*bytes)
                     : absl::StatusOr<store::MemoryBudget>(bytes.status());
      if (!budget.ok()) {
        err << "verbatim: --memory: " << budget.status().message() << "\n";
        return kUsage;
      }
      if (extract->parsed()) {
        return Extract(paths, format.empty() ? "jsonl" : format, pipeline_threads, quiet, budget->parse_cache_bytes,
                       out, err);
      }
      return Ingest(paths, db, IngestOptions{pipeline_threads, quiet, timings, *budget}, out, err);
    }
    if (reprocess->parsed()) return Reprocess(db, out, err);
    if (remove->parsed()) return Remove(db, doc, outlet, out, err);
    if (quotes_cmd->parsed()) {
      if (!speaker.empty()) query.speaker = speaker;
      if (!search.empty()) query.search = search;
      if (!from.empty()) query.from = from;
      if (!to.empty()) query.to = to;
      if (!outlet.empty()) query.outlet = outlet;
      if (limit > 0) query.limit = limit;
      return Quotes(db, query, format.empty() ? "table" : format, out, err);
    }
    if (speakers->parsed()) return Speakers(db, format.empty() ? "table" : format, aliases_path, out, err);
    if (demo->parsed()) return RunDemo(keep, demo_serve ? &serve_options : nullptr, out, err);
    if (serve->parsed()) return Serve(db, serve_options, out, err);
    if (clusters_cmd->parsed()) return Clusters(db, speaker, min_outlets, format.empty() ? "table" : format, out, err);
    if (trace->parsed()) return Trace(db, trace_text, out, err);
    if (stories_cmd->parsed()) return Stories(db, min_score, format.empty() ? "table" : format, out, err);
    if (similarity->parsed()) {
      auto pairs = eval::ReadArticlePairs(pairs_path);
      if (!pairs.ok()) {
        err << "verbatim similarity: " << pairs.status().message() << "\n";
        return kNothingProcessed;
      }
      std::vector<double> cosines = eval::PairCosines(*pairs);
      cluster::ArticleSimilarity transform;
      std::string buf;
      for (size_t i = 0; i < pairs->size(); ++i) {
        json::ObjectWriter w(buf);
        w.Key("id").String((*pairs)[i].id).Key("score").Double(transform.Transform(cosines[i]));
        w.Close();
        buf += "\n";
      }
      out << buf;
      return kOk;
    }
    if (train_attribution->parsed()) return TrainAttribution(polnear_train, dev_path, out_path, epochs, out, err);
    if (train_syntax->parsed()) return TrainSyntax(train_path, dev_path, out_path, corpus_paths, threads, out, err);
    if (parse->parsed()) return ParseConlluFile(conllu_path, model_path, out, err);
    if (eval->parsed() && eval_set == "html") {
      if (!eval_dir.empty()) {
        err << "verbatim eval html: takes no path; give --aeb DIR and/or --trafilatura DIR\n";
        return kUsage;
      }
      return EvalHtml(html_eval, eval_json, out, err);
    }
    if (eval->parsed() && eval_dir.empty()) {
      err << "verbatim eval " << eval_set << ": a path is required\n";
      return kUsage;
    }
    if (eval->parsed() && eval_set == "ud") return EvalUd(eval_dir, model_path, gold_tags, out, err);
    if (eval->parsed() && eval_set == "semeval") {
      auto r = eval::EvaluateSimilarity(eval_dir);
      if (!r.ok()) {
        err << "verbatim eval: " << r.status().message() << "\n";
        return kNothingProcessed;
      }
      char line[256];
      std::snprintf(line, sizeof line, "SemEval-2022 Task 8, en-en pairs: %zu\nPearson r (score vs -overall): %.3f\n5-fold cross-validated r: %.3f +- %.3f (95%% interval)\n",
                    r->pairs, r->pearson, r->cv_mean, r->cv_half_width);
      out << line << "folds:";
      for (size_t k = 0; k < r->fold_r.size(); ++k) {
        std::snprintf(line, sizeof line, " %.3f (epsilon %.3g)", r->fold_r[k], r->fold_epsilon[k]);
        out << line;
      }
      out << "\n";
      std::snprintf(line, sizeof line, "story threshold (best F1 for overall <= 1.5): %.2f, F1 %.3f\n", r->story_threshold, r->story_f1);
      out << line;
      return kOk;
    }
    if (eval->parsed()) {
      quotes::ExtractorModels models = quotes::ExtractorModels::Embedded();
      std::optional<quotes::AttributionModel> attribution;
      if (!attribution_model_path.empty()) {
        absl::StatusOr<quotes::AttributionModel> m = quotes::AttributionModel::Load(attribution_model_path);
        if (!m.ok()) {
          err << "verbatim: " << m.status().message() << "\n";
          return kNothingProcessed;
        }
        attribution = *std::move(m);
        models.attribution = &*attribution;
      }
      auto report = eval::EvaluatePolnear(eval_dir, quotes::Extractor({}, models));
      if (!report.ok()) {
        err << "verbatim eval: " << report.status().message() << "\n";
        return kNothingProcessed;
      }
      out << (eval_json ? eval::ReportJson(*report, eval_dir, true) : eval::FormatReport(*report));
      return kOk;
    }
  } catch (const std::exception& e) {  // a bug, not bad input: say so instead of aborting
    err << "verbatim: internal error: " << e.what() << "\n";
    return kNothingProcessed;
  }
  return kUsage;
}

}  // namespace verbatim::cli
