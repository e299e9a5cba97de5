#include "server/api.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "cluster/quote_clusterer.h"
#include "cluster/quote_clusters.h"
#include "cluster/quote_words.h"
#include "common/json.h"
#include "entities/speaker_identities.h"
#include "quotes/extractor.h"
#include "store/reader.h"
#include "store/sql.h"
#include "text/utf8.h"

namespace verbatim::server {
namespace {

using store::BrowseQuote;

// Limits of the list endpoints (docs/API.md).
constexpr int64_t kDefaultLimit = 20;
constexpr int64_t kMaxLimit = 200;
constexpr int64_t kMaxOffset = 1000000;
constexpr size_t kMaxParamBytes = 2000;
// Detail pages: the speaker page's quotations and clusters; candidates /api/check scores.
constexpr int64_t kSpeakerQuotes = 200;
constexpr size_t kSpeakerClusters = 20;
constexpr int64_t kCheckCandidates = 200;
constexpr int64_t kStoryDocuments = 50;  // a story page's documents per page

// A request that cannot be answered: the HTTP status and why.
struct Failure {
  int status;
  std::string message;
};

// ---- In-memory indexes --------------------------------------------------------------------

struct Identity {
  int64_t id = 0;                     // speakers.id of its name (else of its first variant)
  std::string name;
  std::vector<std::string> variants;  // most quoted first
  std::vector<int64_t> rows;          // speakers.id of every variant
  int64_t quotations = 0;
  int64_t articles = 0;               // summed over variants
};

struct ClusterEntry {
  int64_t id = 0;
  int64_t quotations = 0;
  int64_t outlet_count = 0;
  std::optional<std::string> first_seen, last_seen;  // YYYY-MM-DD
  std::vector<int> identities;                       // indexes into Index::identities
};

struct StoryEntry {
  int64_t id = 0;
  std::string title;                                 // its first article's
  std::vector<store::StoryMemberRow> documents;      // publication order, undated last
  std::vector<std::string> outlets;
  std::optional<std::string> first_seen, last_seen;  // YYYY-MM-DD
  int64_t quotations = 0;
};

// A quotation's place in publication order (undated last), for paging a speaker's quotations
// without sorting them per request.
struct RankedQuote {
  uint32_t rank = 0;
  int64_t id = 0;
};

struct Index {
  int64_t documents = 0, quotations = 0;
  absl::flat_hash_map<int64_t, std::vector<RankedQuote>> quotes_of_row;  // speakers.id -> by rank
  uint32_t dated_ranks = 0;                          // ranks below this are dated
  absl::flat_hash_map<std::string, std::vector<uint32_t>> names_with_word;  // folded word -> names
  std::vector<store::SpeakerNameRow> names;          // most quoted first
  std::vector<std::string> padded_names;             // per name: " " + folded + " "
  std::vector<Identity> identities;                  // most quoted first
  absl::flat_hash_map<int64_t, int> identity_of_row; // speakers.id -> identity
  std::vector<ClusterEntry> clusters;                // most outlets, then quotations, first
  absl::flat_hash_map<int64_t, int> cluster_at;
  std::vector<StoryEntry> stories;                   // most articles first
  absl::flat_hash_map<int64_t, int> story_at;
};

std::optional<std::string> Day(const std::optional<std::string>& published) {
  if (!published) return std::nullopt;
  return published->substr(0, 10);
}

void Widen(const std::optional<std::string>& day, std::optional<std::string>& first, std::optional<std::string>& last) {
  if (!day) return;
  if (!first || *day < *first) first = day;
  if (!last || *day > *last) last = day;
}

absl::StatusOr<std::shared_ptr<const Index>> BuildIndex(store::Reader& reader) {
  auto index = std::make_shared<Index>();
  STORE_ASSIGN_OR_RETURN(index->documents, reader.CountDocuments());
  STORE_ASSIGN_OR_RETURN(index->quotations, reader.CountQuotations());
  STORE_ASSIGN_OR_RETURN(index->names, reader.SpeakerNames());

  std::vector<entities::SpeakerName> names;
  absl::flat_hash_map<std::string, int64_t> row_of_name;
  for (const store::SpeakerNameRow& n : index->names) {
    index->padded_names.push_back(" " + n.folded + " ");
    for (size_t start = 0; start <= n.folded.size();) {
      size_t end = n.folded.find(' ', start);
      if (end == std::string::npos) end = n.folded.size();
      if (end > start) {
        std::vector<uint32_t>& names_of = index->names_with_word[n.folded.substr(start, end - start)];
        const auto at = static_cast<uint32_t>(index->padded_names.size() - 1);
        if (names_of.empty() || names_of.back() != at) names_of.push_back(at);
      }
      start = end + 1;
    }
    names.push_back({n.name, n.quotations, n.articles});
    row_of_name[n.name] = n.id;
  }
  for (entities::SpeakerIdentity& g : entities::GroupSpeakers(names)) {
    Identity id;
    id.name = g.name;
    id.variants = std::move(g.variants);
    id.quotations = g.quotations;
    id.articles = g.articles;
    for (const std::string& v : id.variants) id.rows.push_back(row_of_name[v]);
    auto named = row_of_name.find(id.name);
    id.id = named != row_of_name.end() ? named->second : id.rows.front();
    const int at = static_cast<int>(index->identities.size());
    for (int64_t row : id.rows) index->identity_of_row[row] = at;
    index->identities.push_back(std::move(id));
  }

  int64_t dated = 0;
  using QuotationOrder = std::vector<std::pair<int64_t, int64_t>>;
  STORE_ASSIGN_OR_RETURN(QuotationOrder order, reader.SpeakerQuotationOrder(dated));
  for (size_t i = 0; i < order.size(); ++i) {
    index->quotes_of_row[order[i].first].push_back({static_cast<uint32_t>(i), order[i].second});
  }
  index->dated_ranks = static_cast<uint32_t>(dated);

  STORE_ASSIGN_OR_RETURN(std::vector<store::ClusterMemberRow> members, reader.ClusterMemberRows());
  for (size_t i = 0; i < members.size();) {  // rows come grouped by cluster
    ClusterEntry c;
    c.id = members[i].cluster;
    std::set<std::string> outlets;
    std::set<int> identities;
    for (; i < members.size() && members[i].cluster == c.id; ++i) {
      const store::ClusterMemberRow& m = members[i];
      ++c.quotations;
      if (m.outlet) outlets.insert(*m.outlet);
      Widen(Day(m.published), c.first_seen, c.last_seen);
      if (m.speaker_row) {
        auto it = index->identity_of_row.find(*m.speaker_row);
        if (it != index->identity_of_row.end()) identities.insert(it->second);
      }
    }
    c.outlet_count = static_cast<int64_t>(outlets.size());
    c.identities.assign(identities.begin(), identities.end());
    index->clusters.push_back(std::move(c));
  }
  std::stable_sort(index->clusters.begin(), index->clusters.end(), [](const ClusterEntry& a, const ClusterEntry& b) {
    if (a.outlet_count != b.outlet_count) return a.outlet_count > b.outlet_count;
    if (a.quotations != b.quotations) return a.quotations > b.quotations;
    return a.id < b.id;
  });
  for (size_t i = 0; i < index->clusters.size(); ++i) index->cluster_at[index->clusters[i].id] = static_cast<int>(i);

  STORE_ASSIGN_OR_RETURN(std::vector<store::StoryMemberRow> docs, reader.StoryMemberRows());
  for (size_t i = 0; i < docs.size();) {  // rows come grouped by story, in publication order
    StoryEntry s;
    s.id = docs[i].story;
    s.title = docs[i].title;
    std::set<std::string> outlets;
    for (; i < docs.size() && docs[i].story == s.id; ++i) {
      if (docs[i].outlet) outlets.insert(*docs[i].outlet);
      Widen(Day(docs[i].published), s.first_seen, s.last_seen);
      s.quotations += docs[i].quotations;
      s.documents.push_back(std::move(docs[i]));
    }
    s.outlets.assign(outlets.begin(), outlets.end());
    index->stories.push_back(std::move(s));
  }
  std::stable_sort(index->stories.begin(), index->stories.end(), [](const StoryEntry& a, const StoryEntry& b) {
    if (a.documents.size() != b.documents.size()) return a.documents.size() > b.documents.size();
    return a.id < b.id;
  });
  for (size_t i = 0; i < index->stories.size(); ++i) index->story_at[index->stories[i].id] = static_cast<int>(i);
  return std::shared_ptr<const Index>(std::move(index));
}

// speakers.id of every canonical name holding the words of `query` as whole words, in order
// (case and accents ignored): what `verbatim quotes --speaker` matches.
std::vector<int64_t> MatchingSpeakerRows(const Index& index, std::string_view query) {
  std::vector<int64_t> rows;
  const std::string words = store::sql::FoldWords(query);
  if (words.empty()) return rows;
  const std::string needle = " " + words + " ";
  // Candidates: the names holding the query's first word; each is then checked whole.
  auto candidates = index.names_with_word.find(words.substr(0, words.find(' ')));
  if (candidates == index.names_with_word.end()) return rows;
  for (uint32_t i : candidates->second) {
    if (index.padded_names[i].find(needle) != std::string::npos) rows.push_back(index.names[i].id);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// The quotations of some speaker names in publication order (or latest first, undated last
// either way), as `QuoteFilter` with only `speaker_rows` would select them: ids of the page
// [offset, offset + limit) and the total.
std::vector<int64_t> SpeakerQuotePage(const Index& index, const std::vector<int64_t>& rows, bool latest_first,
                                      int64_t offset, int64_t limit, int64_t& total) {
  std::vector<RankedQuote> all;
  for (int64_t row : rows) {
    auto it = index.quotes_of_row.find(row);
    if (it != index.quotes_of_row.end()) all.insert(all.end(), it->second.begin(), it->second.end());
  }
  if (rows.size() > 1) {
    std::sort(all.begin(), all.end(), [](const RankedQuote& a, const RankedQuote& b) { return a.rank < b.rank; });
  }
  if (latest_first) {
    auto undated = std::partition_point(all.begin(), all.end(),
                                        [&](const RankedQuote& q) { return q.rank < index.dated_ranks; });
    std::reverse(all.begin(), undated);  // the exact reverse of publication order, undated last
    std::reverse(undated, all.end());
  }
  total = static_cast<int64_t>(all.size());
  std::vector<int64_t> ids;
  for (int64_t i = offset; i < total && i < offset + limit; ++i) ids.push_back(all[static_cast<size_t>(i)].id);
  return ids;
}

// Rows read by id, put back in the order of `ids`.
std::vector<BrowseQuote> InOrder(const std::vector<int64_t>& ids, std::vector<BrowseQuote> rows) {
  absl::flat_hash_map<int64_t, size_t> at;
  for (size_t i = 0; i < ids.size(); ++i) at[ids[i]] = i;
  std::sort(rows.begin(), rows.end(), [&](const BrowseQuote& a, const BrowseQuote& b) { return at[a.id] < at[b.id]; });
  return rows;
}

// ---- Parameters ---------------------------------------------------------------------------

class Params {
 public:
  // Fails on a parameter not in `allowed`, a repeated one, or one that is too long or not UTF-8.
  static std::optional<Failure> Check(const ApiParams& params, std::initializer_list<std::string_view> allowed) {
    std::set<std::string> seen;
    for (const auto& [name, value] : params) {
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        return Failure{400, absl::StrCat("unknown parameter '", Printable(name), "'")};
      }
      if (!seen.insert(name).second) return Failure{400, absl::StrCat("parameter '", name, "' given twice")};
      if (value.size() > kMaxParamBytes) {
        return Failure{400, absl::StrCat("parameter '", name, "' is longer than ", kMaxParamBytes, " bytes")};
      }
      if (!text::IsCleanUtf8(value)) return Failure{400, absl::StrCat("parameter '", name, "' is not UTF-8 text")};
    }
    return std::nullopt;
  }

  // A name for an error message: ASCII letters, digits and '_' only, at most 40.
  static std::string Printable(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 40)) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      out.push_back(ok ? c : '?');
    }
    return out;
  }

  explicit Params(const ApiParams& params) : params_(params) {}

  // The value, or none when absent or empty.
  std::optional<std::string> Text(const std::string& name) const {
    auto it = params_.find(name);
    if (it == params_.end() || it->second.empty()) return std::nullopt;
    return it->second;
  }

  std::variant<int64_t, Failure> Int(const std::string& name, int64_t fallback, int64_t min, int64_t max) const {
    std::optional<std::string> v = Text(name);
    if (!v) return fallback;
    int64_t n = 0;
    auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || ptr != v->data() + v->size()) {
      return Failure{400, absl::StrCat("parameter '", name, "' must be an integer")};
    }
    if (n < min || n > max) return Failure{400, absl::StrCat("parameter '", name, "' must be in ", min, "..", max)};
    return n;
  }

  // `limit` and `offset` of a list (docs/API.md): which items of n it shows.
  struct Page {
    int64_t limit = kDefaultLimit;
    int64_t offset = 0;
    size_t begin(size_t n) const { return std::min(n, static_cast<size_t>(offset)); }
    size_t end(size_t n) const { return std::min(n, static_cast<size_t>(offset + limit)); }
  };
  std::variant<Page, Failure> PageOf(int64_t default_limit) const {
    auto limit = Int("limit", default_limit, 1, kMaxLimit);
    if (auto* e = std::get_if<Failure>(&limit)) return *e;
    auto offset = Int("offset", 0, 0, kMaxOffset);
    if (auto* e = std::get_if<Failure>(&offset)) return *e;
    return Page{std::get<int64_t>(limit), std::get<int64_t>(offset)};
  }

  std::variant<std::optional<std::string>, Failure> Date(const std::string& name) const {
    std::optional<std::string> v = Text(name);
    if (!v) return std::optional<std::string>();
    auto digits = [&](size_t from, size_t n) {
      for (size_t i = from; i < from + n; ++i) {
        if ((*v)[i] < '0' || (*v)[i] > '9') return false;
      }
      return true;
    };
    const bool shape = v->size() == 10 && digits(0, 4) && (*v)[4] == '-' && digits(5, 2) && (*v)[7] == '-' && digits(8, 2);
    const int month = shape ? std::stoi(v->substr(5, 2)) : 0, day = shape ? std::stoi(v->substr(8, 2)) : 0;
    if (!shape || month < 1 || month > 12 || day < 1 || day > 31) {
      return Failure{400, absl::StrCat("parameter '", name, "' must be a date YYYY-MM-DD")};
    }
    return v;
  }

 private:
  const ApiParams& params_;
};

// Parses an id path segment: digits only, positive, no overflow.
std::optional<int64_t> ParseId(std::string_view s) {
  int64_t n = 0;
  if (s.empty() || s.size() > 18 || s[0] < '1' || s[0] > '9') return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return n;
}

// ---- JSON ---------------------------------------------------------------------------------

void AppendStrings(std::string& out, const std::vector<std::string>& v) {
  out += "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ",";
    json::AppendString(out, v[i]);
  }
  out += "]";
}

void AppendRange(std::string& out, const text::ByteRange& r) { absl::StrAppend(&out, "[", r.begin, ",", r.end, "]"); }

void AppendDiff(std::string& out, const std::vector<cluster::DiffRun>& runs) {
  out += "[";
  for (size_t i = 0; i < runs.size(); ++i) {
    if (i) out += ",";
    json::ObjectWriter w(out);
    w.Key("op").String(std::string_view(&runs[i].op, 1)).Key("text").String(runs[i].text);
    w.Close();
  }
  out += "]";
}

std::optional<int64_t> IdentityId(const Index& index, const std::optional<int64_t>& row) {
  if (!row) return std::nullopt;
  auto it = index.identity_of_row.find(*row);
  if (it == index.identity_of_row.end()) return std::nullopt;
  return index.identities[static_cast<size_t>(it->second)].id;
}

// Writes the keys of a Quote (docs/API.md) into an open object.
void QuoteKeys(const Index& index, const BrowseQuote& q, json::ObjectWriter& w) {
  w.Key("id").Int(q.id).Key("document").Int(q.document).Key("doc").String(q.doc).Key("index").Int(q.index);
  w.Key("kind").String(q.kind).Key("field").String(q.field).Key("text").String(q.text);
  w.Key("speaker").OptionalString(q.speaker).Key("speaker_id").OptionalInt(IdentityId(index, q.speaker_row));
  w.Key("cue").OptionalString(q.cue).Key("confidence").Double(q.confidence);
  w.Key("published").OptionalString(q.published).Key("outlet").OptionalString(q.outlet);
  w.Key("title").OptionalString(q.title).Key("url").OptionalString(q.url);
  w.Key("cluster").OptionalInt(q.cluster).Key("story").OptionalInt(q.story);
}

void AppendQuote(std::string& out, const Index& index, const BrowseQuote& q) {
  json::ObjectWriter w(out);
  QuoteKeys(index, q, w);
  w.Close();
}

void AppendQuotes(std::string& out, const Index& index, const std::vector<BrowseQuote>& quotes) {
  out += "[";
  for (size_t i = 0; i < quotes.size(); ++i) {
    if (i) out += ",";
    AppendQuote(out, index, quotes[i]);
  }
  out += "]";
}

// A described cluster: its members (publication order, undated last) and what they tell.
struct DescribedCluster {
  const ClusterEntry* entry = nullptr;
  std::vector<BrowseQuote> members;
  cluster::QuoteCluster described;
};

absl::StatusOr<DescribedCluster> Describe(store::Reader& reader, const ClusterEntry& entry) {
  DescribedCluster d;
  d.entry = &entry;
  STORE_ASSIGN_OR_RETURN(d.members, reader.ClusterMembers(entry.id));
  std::vector<cluster::QuoteInput> inputs;
  for (const BrowseQuote& q : d.members) inputs.push_back({q.doc, q.text, q.speaker, q.outlet, q.published});
  std::vector<cluster::QuoteCluster> described =
      cluster::DescribeQuoteClusters(inputs, std::vector<int64_t>(inputs.size(), entry.id));
  if (!described.empty()) d.described = std::move(described.front());
  return d;
}

void ClusterSummaryKeys(const DescribedCluster& c, json::ObjectWriter& w, std::string& out) {
  w.Key("id").Int(c.entry->id).Key("canonical").String(c.described.canonical);
  w.Key("speakers");
  AppendStrings(out, c.described.speakers);
  w.Key("first_seen").OptionalString(c.entry->first_seen).Key("last_seen").OptionalString(c.entry->last_seen);
  w.Key("quotations").Int(c.entry->quotations).Key("outlet_count").Int(c.entry->outlet_count);
  w.Key("flags");
  AppendStrings(out, c.described.flags);
}

void AppendClusterSummary(std::string& out, const DescribedCluster& c) {
  json::ObjectWriter w(out);
  ClusterSummaryKeys(c, w, out);
  w.Close();
}

std::string ListJson(std::string_view items, int64_t total, int64_t limit, int64_t offset) {
  return absl::StrCat("{\"items\":", std::string(items), ",\"total\":", total, ",\"limit\":", limit, ",\"offset\":", offset, "}");
}

}  // namespace

std::string ErrorJson(int status, std::string_view message) {
  std::string out = "{\"error\":";
  json::ObjectWriter w(out);
  w.Key("status").Int(status).Key("message").String(message);
  w.Close();
  out += "}";
  return out;
}

// ---- State: connections and the current index ----------------------------------------------

struct Api::State {
  std::string path;
  ApiOptions options;

  std::mutex pool_mu;
  std::vector<std::unique_ptr<store::Reader>> idle;  // guarded by pool_mu

  std::mutex rebuild_mu;                    // held while checking for changes and rebuilding
  std::unique_ptr<store::Reader> watcher;   // guarded by rebuild_mu: data_version is per connection
  int64_t data_version = 0;                 // guarded by rebuild_mu
  std::mutex index_mu;
  std::shared_ptr<const Index> index;       // guarded by index_mu
  std::chrono::steady_clock::time_point checked;  // guarded by index_mu

  // A connection for the calling thread, given back when the lease ends.
  class Lease {
   public:
    Lease(State* s, std::unique_ptr<store::Reader> r) : state_(s), reader_(std::move(r)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (reader_) {
        std::lock_guard<std::mutex> lock(state_->pool_mu);
        state_->idle.push_back(std::move(reader_));
      }
    }
    store::Reader& operator*() { return *reader_; }

   private:
    State* state_;
    std::unique_ptr<store::Reader> reader_;
  };

  absl::StatusOr<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> lock(pool_mu);
      if (!idle.empty()) {
        std::unique_ptr<store::Reader> r = std::move(idle.back());
        idle.pop_back();
        return Lease(this, std::move(r));
      }
    }
    STORE_ASSIGN_OR_RETURN(std::unique_ptr<store::Reader> r, store::Reader::Open(path));
    return Lease(this, std::move(r));
  }

  // The index, rebuilt first when the database changed. While one thread rebuilds, the others
  // go on with the previous index.
  absl::StatusOr<std::shared_ptr<const Index>> CurrentIndex() {
    const auto now = std::chrono::steady_clock::now();
    std::shared_ptr<const Index> current;
    {
      std::lock_guard<std::mutex> lock(index_mu);
      current = index;
      if (current && now - checked < options.refresh_interval) return current;
    }
    std::unique_lock<std::mutex> rebuilding(rebuild_mu, std::try_to_lock);
    if (!rebuilding.owns_lock()) {
      if (current) return current;
      rebuilding.lock();  // the first index: wait for it
    }
    {
      std::lock_guard<std::mutex> lock(index_mu);
      if (index && index != current) return index;  // another thread just rebuilt it
    }
    STORE_ASSIGN_OR_RETURN(int64_t version, watcher->DataVersion());
    if (!current || version != data_version) {
      STORE_ASSIGN_OR_RETURN(current, BuildIndex(*watcher));
      data_version = version;
    }
    std::lock_guard<std::mutex> lock(index_mu);
    index = current;
    checked = now;
    return current;
  }

  // ---- Endpoints ----

  using Answer = std::variant<std::string, Failure>;

  Answer Health(const Index& ix) {
    std::string out;
    json::ObjectWriter w(out);
    w.Key("status").String("ok").Key("documents").Int(ix.documents).Key("quotations").Int(ix.quotations);
    w.Key("schema").Int(store::Store::kSchemaVersion).Key("extractor").String(quotes::Extractor::kVersion);
    w.Close();
    return out;
  }

  Answer QuoteList(const Index& ix, store::Reader& r, const Params& p) {
    store::QuoteFilter f;
    if (auto s = p.Text("speaker")) f.speaker_rows = MatchingSpeakerRows(ix, *s);
    f.words = p.Text("q");
    auto from = p.Date("from");
    if (auto* e = std::get_if<Failure>(&from)) return *e;
    auto to = p.Date("to");
    if (auto* e = std::get_if<Failure>(&to)) return *e;
    f.from = std::get<0>(from);
    f.to = std::get<0>(to);
    f.outlet = p.Text("outlet");
    if (auto order = p.Text("order")) {
      if (*order != "published" && *order != "latest") {
        return Failure{400, "parameter 'order' must be 'published' or 'latest'"};
      }
      f.latest_first = *order == "latest";
    }
    auto paged = p.PageOf(kDefaultLimit);
    if (auto* e = std::get_if<Failure>(&paged)) return *e;
    const Params::Page page = std::get<Params::Page>(paged);
    f.limit = page.limit;
    f.offset = page.offset;
    if (f.speaker_rows && !f.words && !f.from && !f.to && !f.outlet) {
      // Speaker only (the common question): paged from the index's ordered lists.
      int64_t total = 0;
      const std::vector<int64_t> ids = SpeakerQuotePage(ix, *f.speaker_rows, f.latest_first, f.offset, f.limit, total);
      auto rows = r.QuotesById(ids);
      if (!rows.ok()) return DatabaseFailure(rows.status());
      std::string items;
      AppendQuotes(items, ix, InOrder(ids, *std::move(rows)));
      return ListJson(items, total, f.limit, f.offset);
    }
    auto total = r.CountQuotes(f);
    if (!total.ok()) return DatabaseFailure(total.status());
    auto quotes = r.Quotes(f);
    if (!quotes.ok()) return DatabaseFailure(quotes.status());
    std::string items;
    AppendQuotes(items, ix, *quotes);
    return ListJson(items, *total, f.limit, f.offset);
  }

  static void IdentityKeys(const Identity& id, json::ObjectWriter& w, std::string& out) {
    w.Key("id").Int(id.id).Key("name").String(id.name).Key("variants");
    AppendStrings(out, id.variants);
    w.Key("quotations").Int(id.quotations).Key("articles").Int(id.articles);
  }

  Answer SpeakerList(const Index& ix, const Params& p) {
    auto paged = p.PageOf(kDefaultLimit);
    if (auto* e = std::get_if<Failure>(&paged)) return *e;
    const Params::Page page = std::get<Params::Page>(paged);
    std::vector<const Identity*> matches;
    if (auto q = p.Text("q")) {
      std::set<int> wanted;
      for (int64_t row : MatchingSpeakerRows(ix, *q)) {
        if (auto it = ix.identity_of_row.find(row); it != ix.identity_of_row.end()) wanted.insert(it->second);
      }
      for (int i : wanted) matches.push_back(&ix.identities[static_cast<size_t>(i)]);  // most quoted first
    } else {
      for (const Identity& id : ix.identities) matches.push_back(&id);
    }
    std::string items = "[";
    const size_t first = page.begin(matches.size());
    for (size_t i = first; i < page.end(matches.size()); ++i) {
      if (i > first) items += ",";
      json::ObjectWriter w(items);
      IdentityKeys(*matches[i], w, items);
      w.Close();
    }
    items += "]";
    return ListJson(items, static_cast<int64_t>(matches.size()), page.limit, page.offset);
  }

  Answer Speaker(const Index& ix, store::Reader& r, int64_t id) {
    auto it = ix.identity_of_row.find(id);
    if (it == ix.identity_of_row.end()) return Failure{404, absl::StrCat("no speaker ", id)};
    const int at = it->second;
    const Identity& who = ix.identities[static_cast<size_t>(at)];
    store::QuoteFilter f;
    f.speaker_rows = who.rows;
    int64_t total = 0;
    std::vector<int64_t> ids = SpeakerQuotePage(ix, who.rows, /*latest_first=*/true, 0, kSpeakerQuotes, total);
    auto rows = r.QuotesById(ids);
    if (!rows.ok()) return DatabaseFailure(rows.status());
    std::vector<BrowseQuote> quotes_in_order = InOrder(ids, *std::move(rows));
    auto* quotes = &quotes_in_order;
    std::reverse(quotes->begin(), quotes->end());  // the latest ones, in publication order
    // Undated ones sort last both ways; keep them last after reversing.
    std::stable_partition(quotes->begin(), quotes->end(), [](const BrowseQuote& q) { return q.published.has_value(); });
    auto per_day = r.QuotesPerDay(f);
    if (!per_day.ok()) return DatabaseFailure(per_day.status());
    std::optional<std::string> first, last;
    for (const auto& [day, n] : *per_day) Widen(day, first, last);

    std::string out;
    json::ObjectWriter w(out);
    IdentityKeys(who, w, out);
    w.Key("first_seen").OptionalString(first).Key("last_seen").OptionalString(last);
    w.Key("per_day");
    out += "[";
    for (size_t i = 0; i < per_day->size(); ++i) {
      if (i) out += ",";
      json::ObjectWriter d(out);
      d.Key("date").String((*per_day)[i].first).Key("quotations").Int((*per_day)[i].second);
      d.Close();
    }
    out += "]";
    w.Key("quotes");
    AppendQuotes(out, ix, *quotes);
    w.Key("clusters");
    out += "[";
    size_t shown = 0;
    for (const ClusterEntry& c : ix.clusters) {  // most outlets first
      if (shown == kSpeakerClusters) break;
      if (!std::binary_search(c.identities.begin(), c.identities.end(), at)) continue;
      auto described = Describe(r, c);
      if (!described.ok()) return DatabaseFailure(described.status());
      if (shown++) out += ",";
      AppendClusterSummary(out, *described);
    }
    out += "]";
    w.Close();
    return out;
  }

  Answer ClusterList(const Index& ix, store::Reader& r, const Params& p) {
    auto paged = p.PageOf(kDefaultLimit);
    if (auto* e = std::get_if<Failure>(&paged)) return *e;
    const Params::Page page = std::get<Params::Page>(paged);
    auto min_outlets = p.Int("min_outlets", 0, 0, 1000000);
    if (auto* e = std::get_if<Failure>(&min_outlets)) return *e;
    std::optional<std::set<int>> identities;
    if (auto s = p.Text("speaker")) {
      identities.emplace();
      for (int64_t row : MatchingSpeakerRows(ix, *s)) {
        if (auto it = ix.identity_of_row.find(row); it != ix.identity_of_row.end()) identities->insert(it->second);
      }
    }
    std::vector<const ClusterEntry*> matches;
    for (const ClusterEntry& c : ix.clusters) {
      if (c.outlet_count < std::get<int64_t>(min_outlets)) break;  // sorted by outlets
      if (identities && std::none_of(c.identities.begin(), c.identities.end(),
                                     [&](int i) { return identities->count(i) > 0; })) {
        continue;
      }
      matches.push_back(&c);
    }
    std::string items = "[";
    const size_t first = page.begin(matches.size());
    for (size_t i = first; i < page.end(matches.size()); ++i) {
      auto described = Describe(r, *matches[i]);
      if (!described.ok()) return DatabaseFailure(described.status());
      if (i > first) items += ",";
      AppendClusterSummary(items, *described);
    }
    items += "]";
    return ListJson(items, static_cast<int64_t>(matches.size()), page.limit, page.offset);
  }

  Answer Cluster(const Index& ix, store::Reader& r, int64_t id) {
    auto it = ix.cluster_at.find(id);
    if (it == ix.cluster_at.end()) return Failure{404, absl::StrCat("no quote cluster ", id)};
    auto described = Describe(r, ix.clusters[static_cast<size_t>(it->second)]);
    if (!described.ok()) return DatabaseFailure(described.status());
    const DescribedCluster& c = *described;
    std::string out;
    json::ObjectWriter w(out);
    ClusterSummaryKeys(c, w, out);
    w.Key("variants");
    out += "[";
    const std::string& earliest = c.members.empty() ? std::string() : c.members[c.described.earliest].text;
    std::map<std::optional<std::string>, int64_t> outlets;  // none (no outlet) first
    std::map<std::string, int64_t> per_day;
    int64_t undated = 0;
    for (size_t i = 0; i < c.members.size(); ++i) {
      const BrowseQuote& q = c.members[i];
      if (i) out += ",";
      json::ObjectWriter v(out);
      QuoteKeys(ix, q, v);
      v.Key("altered").Bool(i < c.described.altered.size() && c.described.altered[i]);
      v.Key("diff");
      AppendDiff(out, cluster::WordDiffRuns(earliest, q.text));
      v.Close();
      ++outlets[q.outlet];
      if (q.published) ++per_day[q.published->substr(0, 10)]; else ++undated;
    }
    out += "]";
    w.Key("outlets");
    out += "[";
    bool first = true;
    for (const auto& [name, n] : outlets) {
      if (!first) out += ",";
      first = false;
      json::ObjectWriter o(out);
      o.Key("outlet").OptionalString(name).Key("quotations").Int(n);
      o.Close();
    }
    out += "]";
    w.Key("per_day");
    out += "[";
    first = true;
    for (const auto& [day, n] : per_day) {
      if (!first) out += ",";
      first = false;
      json::ObjectWriter o(out);
      o.Key("date").String(day).Key("quotations").Int(n);
      o.Close();
    }
    out += "]";
    w.Key("undated").Int(undated);
    w.Close();
    return out;
  }

  static void StorySummaryKeys(const StoryEntry& s, json::ObjectWriter& w, std::string& out) {
    w.Key("id").Int(s.id).Key("title").String(s.title).Key("articles").Int(static_cast<int64_t>(s.documents.size()));
    w.Key("outlets");
    AppendStrings(out, s.outlets);
    w.Key("first_seen").OptionalString(s.first_seen).Key("last_seen").OptionalString(s.last_seen);
    w.Key("quotations").Int(s.quotations);
  }

  Answer StoryList(const Index& ix, const Params& p) {
    auto paged = p.PageOf(kDefaultLimit);
    if (auto* e = std::get_if<Failure>(&paged)) return *e;
    const Params::Page page = std::get<Params::Page>(paged);
    std::string items = "[";
    const size_t first = page.begin(ix.stories.size());
    for (size_t i = first; i < page.end(ix.stories.size()); ++i) {
      if (i > first) items += ",";
      json::ObjectWriter w(items);
      StorySummaryKeys(ix.stories[i], w, items);
      w.Close();
    }
    items += "]";
    return ListJson(items, static_cast<int64_t>(ix.stories.size()), page.limit, page.offset);
  }

  Answer Story(const Index& ix, store::Reader& r, int64_t id, const Params& p) {
    auto it = ix.story_at.find(id);
    if (it == ix.story_at.end()) return Failure{404, absl::StrCat("no story ", id)};
    const StoryEntry& s = ix.stories[static_cast<size_t>(it->second)];
    auto paged = p.PageOf(kStoryDocuments);
    if (auto* e = std::get_if<Failure>(&paged)) return *e;
    const Params::Page page = std::get<Params::Page>(paged);
    const size_t first = page.begin(s.documents.size()), end = page.end(s.documents.size());
    std::string out;
    json::ObjectWriter w(out);
    StorySummaryKeys(s, w, out);
    w.Key("limit").Int(page.limit).Key("offset").Int(page.offset);
    w.Key("documents");
    out += "[";
    for (size_t i = first; i < end; ++i) {
      const store::StoryMemberRow& d = s.documents[i];
      auto quotes = r.DocumentQuotes(d.document);
      if (!quotes.ok()) return DatabaseFailure(quotes.status());
      if (i > first) out += ",";
      json::ObjectWriter o(out);
      o.Key("id").Int(d.document).Key("doc").String(d.doc).Key("title").String(d.title);
      o.Key("outlet").OptionalString(d.outlet).Key("published").OptionalString(d.published).Key("url").OptionalString(d.url);
      o.Key("quotes");
      AppendQuotes(out, ix, *quotes);
      o.Close();
    }
    out += "]";
    w.Close();
    return out;
  }

  Answer Document(const Index& ix, store::Reader& r, int64_t id) {
    auto doc = r.Document(id);
    if (!doc.ok()) return DatabaseFailure(doc.status());
    if (!doc->has_value()) return Failure{404, absl::StrCat("no document ", id)};
    const store::BrowseDocument& d = **doc;
    auto quotes = r.DocumentQuotes(id);
    if (!quotes.ok()) return DatabaseFailure(quotes.status());
    std::string out;
    json::ObjectWriter w(out);
    w.Key("id").Int(d.id).Key("doc").String(d.doc).Key("title").OptionalString(d.title);
    w.Key("published").OptionalString(d.published).Key("crawled").OptionalString(d.crawled);
    w.Key("outlet").OptionalString(d.outlet).Key("author").OptionalString(d.author).Key("url").OptionalString(d.url);
    w.Key("lang").OptionalString(d.lang).Key("story").OptionalInt(d.story).Key("text").String(d.text);
    w.Key("quotes");
    out += "[";
    for (size_t i = 0; i < quotes->size(); ++i) {
      const BrowseQuote& q = (*quotes)[i];
      if (i) out += ",";
      json::ObjectWriter o(out);
      QuoteKeys(ix, q, o);
      o.Key("segments");
      out += "[";
      for (size_t k = 0; k < q.segments.size(); ++k) {
        if (k) out += ",";
        AppendRange(out, q.segments[k]);
      }
      out += "]";
      o.Key("clause");
      if (q.clause) AppendRange(out, *q.clause); else out += "null";
      o.Key("cue_span");
      if (q.cue_span) AppendRange(out, *q.cue_span); else out += "null";
      o.Key("mention");
      if (q.mention) {
        json::ObjectWriter m(out);
        m.Key("start").Int(static_cast<int64_t>(q.mention->start)).Key("end").Int(static_cast<int64_t>(q.mention->end));
        m.Key("text").String(q.mention->text);
        m.Close();
      } else {
        out += "null";
      }
      o.Close();
    }
    out += "]";
    w.Close();
    return out;
  }

  Answer Check(const Index& ix, store::Reader& r, const Params& p) {
    std::optional<std::string> wording = p.Text("q");
    if (!wording) return Failure{400, "parameter 'q' (the wording to check) is required"};
    std::optional<std::string> speaker = p.Text("speaker");
    std::string out;
    json::ObjectWriter w(out);
    w.Key("query").String(*wording).Key("speaker").OptionalString(speaker).Key("match");

    // The cluster whose members share the most content words with the wording: at least two
    // of them (all, when fewer) and half of them, as `verbatim trace` decides.
    const std::vector<std::string> asked = cluster::ContentStemSet(*wording);
    std::vector<std::string> prefixes;
    for (const std::string& stem : asked) {
      if (stem.size() >= 3) prefixes.push_back(stem);
    }
    auto candidates = r.QuotesWithAnyPrefix(prefixes, kCheckCandidates);
    if (!candidates.ok()) return DatabaseFailure(candidates.status());
    const ClusterEntry* best = nullptr;
    double best_score = 0;
    for (const BrowseQuote& q : *candidates) {
      if (!q.cluster) continue;
      auto at = ix.cluster_at.find(*q.cluster);
      if (at == ix.cluster_at.end()) continue;  // clustered after the index was built
      const ClusterEntry& c = ix.clusters[static_cast<size_t>(at->second)];
      const size_t shared = cluster::SharedStems(asked, cluster::ContentStemSet(q.text));
      if (shared < std::min<size_t>(2, asked.size())) continue;
      const double score = static_cast<double>(shared) / static_cast<double>(asked.size()) +
                           0.001 * static_cast<double>(std::min<int64_t>(c.quotations, 100));
      if (score > best_score) best = &c, best_score = score;
    }
    if (best == nullptr || best_score < 0.5) {
      out += "null";
      w.Close();
      return out;
    }
    auto described = Describe(r, *best);
    if (!described.ok()) return DatabaseFailure(described.status());
    const DescribedCluster& c = *described;
    const BrowseQuote& first = c.members[c.described.earliest];
    size_t closest = 0, closest_shared = 0;
    bool any_same = false;
    std::vector<bool> same;
    for (size_t i = 0; i < c.members.size(); ++i) {
      const std::vector<std::string> stems = cluster::ContentStemSet(c.members[i].text);
      const size_t shared = cluster::SharedStems(asked, stems);
      same.push_back(stems == asked);
      any_same = any_same || same.back();
      // Nearest: most shared stems, then fewest extra ones.
      if (shared > closest_shared || (shared == closest_shared && same.back())) closest = i, closest_shared = shared;
    }
    std::optional<bool> speaker_differs;
    if (speaker) {
      const std::string folded = store::sql::FoldWords(*speaker);
      speaker_differs = std::none_of(c.described.speakers.begin(), c.described.speakers.end(), [&](const std::string& s) {
        return entities::SameSpeakerIdentity(s, *speaker) ||
               (!folded.empty() && (" " + store::sql::FoldWords(s) + " ").find(" " + folded + " ") != std::string::npos);
      });
    }
    json::ObjectWriter m(out);
    m.Key("cluster");
    AppendClusterSummary(out, c);
    m.Key("first");
    AppendQuote(out, ix, first);
    m.Key("closest");
    AppendQuote(out, ix, c.members[closest]);
    m.Key("variants");
    out += "[";
    for (size_t i = 0; i < c.members.size(); ++i) {
      if (i) out += ",";
      json::ObjectWriter v(out);
      QuoteKeys(ix, c.members[i], v);
      v.Key("diff");
      AppendDiff(out, cluster::WordDiffRuns(*wording, c.members[i].text));
      v.Key("same").Bool(same[i]);
      v.Close();
    }
    out += "]";
    m.Key("altered").Bool(!any_same).Key("diff");
    AppendDiff(out, cluster::WordDiffRuns(first.text, *wording));
    m.Key("speakers");
    AppendStrings(out, c.described.speakers);
    m.Key("speaker_differs");
    if (speaker_differs) m.Bool(*speaker_differs); else m.Null();
    m.Close();
    w.Close();
    return out;
  }

  static Failure DatabaseFailure(const absl::Status& s) {
    // The message names the operation, never the SQL text or bound values.
    return Failure{s.code() == absl::StatusCode::kUnavailable ? 503 : 500,
                   absl::StrCat("database error (", absl::StatusCodeToString(s.code()), ")")};
  }
};

Api::Api(std::unique_ptr<State> state) : state_(std::move(state)) {}
Api::~Api() = default;

absl::StatusOr<std::unique_ptr<Api>> Api::Open(const std::string& db_path, const ApiOptions& options) {
  auto state = std::make_unique<State>();
  state->path = db_path;
  state->options = options;
  STORE_ASSIGN_OR_RETURN(state->watcher, store::Reader::Open(db_path));
  std::unique_ptr<Api> api(new Api(std::move(state)));
  STORE_ASSIGN_OR_RETURN(std::shared_ptr<const Index> first, api->state_->CurrentIndex());
  (void)first;
  return api;
}

ApiResponse Api::Get(std::string_view path, const ApiParams& params) const {
  State& s = *state_;
  constexpr std::string_view kPrefix = "/api/";
  if (path.substr(0, kPrefix.size()) != kPrefix) return {404, ErrorJson(404, "no such endpoint")};
  std::string_view rest = path.substr(kPrefix.size());
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  const size_t slash = rest.find('/');
  const std::string_view name = rest.substr(0, slash);
  std::optional<int64_t> id;
  if (slash != std::string_view::npos) {
    const std::string_view tail = rest.substr(slash + 1);
    id = ParseId(tail);
    if (!id) {
      const bool known = name == "speakers" || name == "clusters" || name == "stories" || name == "documents";
      return known && tail.find('/') == std::string_view::npos
                 ? ApiResponse{400, ErrorJson(400, "an id must be a positive integer")}
                 : ApiResponse{404, ErrorJson(404, "no such endpoint")};
    }
  }

  auto answer = [&]() -> State::Answer {
    auto need = [&](std::initializer_list<std::string_view> allowed) { return Params::Check(params, allowed); };
    std::optional<Failure> bad;
    if (name == "health" && !id) bad = need({});
    else if (name == "quotes" && !id) bad = need({"speaker", "q", "from", "to", "outlet", "order", "limit", "offset"});
    else if (name == "speakers") bad = id ? need({}) : need({"q", "limit", "offset"});
    else if (name == "clusters") bad = id ? need({}) : need({"min_outlets", "speaker", "limit", "offset"});
    else if (name == "stories") bad = need({"limit", "offset"});
    else if (name == "documents" && id) bad = need({});
    else if (name == "check" && !id) bad = need({"q", "speaker"});
    else return Failure{404, "no such endpoint"};
    if (bad) return *bad;

    auto index = s.CurrentIndex();
    if (!index.ok()) return State::DatabaseFailure(index.status());
    const Index& ix = **index;
    if (name == "health") return s.Health(ix);
    if (name == "speakers" && !id) return s.SpeakerList(ix, Params(params));
    if (name == "stories" && !id) return s.StoryList(ix, Params(params));
    auto lease = s.Acquire();
    if (!lease.ok()) return State::DatabaseFailure(lease.status());
    store::Reader& r = **lease;
    const Params p(params);
    if (name == "quotes") return s.QuoteList(ix, r, p);
    if (name == "speakers") return s.Speaker(ix, r, *id);
    if (name == "clusters") return id ? s.Cluster(ix, r, *id) : s.ClusterList(ix, r, p);
    if (name == "stories") return s.Story(ix, r, *id, p);
    if (name == "documents") return s.Document(ix, r, *id);
    return s.Check(ix, r, p);
  };
  State::Answer a = answer();
  if (auto* f = std::get_if<Failure>(&a)) return {f->status, ErrorJson(f->status, f->message)};
  return {200, std::move(std::get<std::string>(a))};
}

}  // namespace verbatim::server
