// Reader: a read-only connection to a Verbatim database, for browsing (the HTTP API). It opens
// the file with SQLITE_OPEN_READONLY and `PRAGMA query_only`, so nothing done through it can
// change the database, and it sees every batch another process commits (WAL).
//
//   absl::StatusOr<std::unique_ptr<Reader>> r = Reader::Open("news.db");
//   absl::StatusOr<std::vector<BrowseQuote>> page = (*r)->Quotes(filter);
//
// Every query binds its values; none is assembled from user text.
//
// Thread-safety: a Reader is used by one thread at a time (one sqlite3 connection); open one
// per thread.
#ifndef VERBATIM_STORE_READER_H_
#define VERBATIM_STORE_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "store/store.h"
#include "text/byte_range.h"

namespace verbatim::store {

// A stored quotation with what a page shows beside it. Spans are UTF-8 byte offsets into the
// document's text (or its title when `field` is "title").
struct BrowseQuote {
  int64_t id = 0;
  int64_t document = 0;
  std::string doc;
  int index = 0;
  std::string kind;
  std::string field;
  std::string text;
  std::optional<int64_t> speaker_row;       // speakers.id of its canonical name
  std::optional<std::string> speaker;
  std::optional<std::string> cue;
  double confidence = 0;
  std::optional<std::string> published;
  std::optional<std::string> outlet;
  std::optional<std::string> title;
  std::optional<std::string> url;
  std::optional<int64_t> cluster;           // none for reported speech
  std::optional<int64_t> story;
  std::vector<text::ByteRange> segments;
  std::optional<text::ByteRange> clause;
  std::optional<text::ByteRange> cue_span;
  std::optional<quotes::TextSpan> mention;
};

// Which quotations `Quotes` and `CountQuotes` return. Unset members do not filter.
struct QuoteFilter {
  std::optional<std::vector<int64_t>> speaker_rows;  // speakers.id values (empty: none match)
  std::optional<std::string> words;                  // every word must occur (FTS5)
  std::optional<std::string> from, to;                // YYYY-MM-DD, inclusive
  std::optional<std::string> outlet;
  int64_t limit = 20;                                 // -1: no limit
  int64_t offset = 0;
  bool latest_first = false;                          // else publication order, undated last
};

struct SpeakerNameRow {
  int64_t id = 0;            // speakers.id
  std::string name;
  std::string folded;        // sql::FoldWords(name)
  int64_t quotations = 0;
  int64_t articles = 0;
};

// One clustered quotation, as the cluster index of the API sees it.
struct ClusterMemberRow {
  int64_t cluster = 0;
  int64_t document = 0;
  std::optional<int64_t> speaker_row;
  std::optional<std::string> outlet;
  std::optional<std::string> published;
};

// One grouped document, as the story index of the API sees it.
struct StoryMemberRow {
  int64_t story = 0;
  int64_t document = 0;
  std::string doc;
  std::string title;         // "" when none
  std::optional<std::string> outlet;
  std::optional<std::string> published;
  std::optional<std::string> url;
  int64_t quotations = 0;
};

struct BrowseDocument {
  int64_t id = 0;
  std::string doc;
  std::optional<std::string> title, published, crawled, outlet, author, url, lang;
  std::optional<int64_t> story;
  std::string text;
};

class Reader {
 public:
  // Fails when the file is missing, is not a Verbatim database, or has another schema version
  // (open it once with Store::Open to migrate it).
  static absl::StatusOr<std::unique_ptr<Reader>> Open(const std::string& path);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Changes whenever another connection commits (PRAGMA data_version).
  absl::StatusOr<int64_t> DataVersion();
  absl::StatusOr<int64_t> CountDocuments();
  absl::StatusOr<int64_t> CountQuotations();

  absl::StatusOr<std::vector<BrowseQuote>> Quotes(const QuoteFilter& filter);
  absl::StatusOr<int64_t> CountQuotes(const QuoteFilter& filter);
  // Quotations per day (YYYY-MM-DD, ascending) among those `filter` selects (limit ignored).
  absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> QuotesPerDay(const QuoteFilter& filter);
  // Members of a quote cluster (reported speech aside), publication order, undated last.
  absl::StatusOr<std::vector<BrowseQuote>> ClusterMembers(int64_t cluster);
  // Quotations of a document (by index), or of every document of a story.
  absl::StatusOr<std::vector<BrowseQuote>> DocumentQuotes(int64_t document);
  absl::StatusOr<std::optional<BrowseDocument>> Document(int64_t id);
  // Up to `limit` clustered quotations (reported speech aside) holding a word that starts with
  // any of `prefixes` (FTS5, best matches first).
  absl::StatusOr<std::vector<BrowseQuote>> QuotesWithAnyPrefix(const std::vector<std::string>& prefixes, int64_t limit);

  // Whole-index scans, for the server's in-memory indexes.
  absl::StatusOr<std::vector<SpeakerNameRow>> SpeakerNames();
  absl::StatusOr<std::vector<ClusterMemberRow>> ClusterMemberRows();
  absl::StatusOr<std::vector<StoryMemberRow>> StoryMemberRows();
  // (speakers.id, quotation id) of every attributed quotation, in publication order (undated
  // last, then doc and index: the order of Quotes); `dated` is set to how many are dated.
  absl::StatusOr<std::vector<std::pair<int64_t, int64_t>>> SpeakerQuotationOrder(int64_t& dated);
  // The quotations with these ids (any order; ids that no longer exist are left out).
  absl::StatusOr<std::vector<BrowseQuote>> QuotesById(const std::vector<int64_t>& ids);

 private:
  struct Statements;
  explicit Reader(struct sqlite3* db);

  struct sqlite3* db_;  // owned
  std::unique_ptr<Statements> stmts_;
};

}  // namespace verbatim::store

#endif  // VERBATIM_STORE_READER_H_
