// Metadata found in an article's own text: the title line of a .txt file, an optional
// leading "date YYYY-MM-DD <title>" line, publication dates in the formats feeds use, and a
// coarse language guess. All functions are pure and thread-safe.
#ifndef VERBATIM_INGEST_METADATA_H_
#define VERBATIM_INGEST_METADATA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/byte_range.h"

namespace verbatim::ingest {

// A "date YYYY-MM-DD <title>" first line (leading white space allowed), as in
// ../shared/corpus/seeds/000_*.txt: " date 2025-04-25 NATO chief says ball is ...".
struct DateLine {
  std::string date;          // "2025-04-25"
  text::ByteRange prefix;    // "date 2025-04-25 " (not article text: skipped by extraction)
  text::ByteRange title;     // the rest of the line, possibly empty
};
std::optional<DateLine> ParseDateLine(std::string_view text);

// The title of a .txt article: the first line that is not boilerplate (`skip`) and looks like
// a headline (at most 25 words, not ending in a full stop, not a bullet). Returns its trimmed
// range, or nullopt when the first such line is body text (an article without a title).
std::optional<text::ByteRange> FindTitleLine(std::string_view text,
                                             const std::vector<text::ByteRange>& skip);

// Parses a publication date as feeds write it and returns ISO 8601: a date ("2016-09-12") or,
// for a date-time with a zone, the UTC date-time ("2016-09-12T12:05:00Z" for
// "2016-09-12T14:05:00+02:00"); a naive date-time stays naive. Accepts ISO dates and
// date-times, "2016-09-12 14:05:00", "September 12, 2016", "12 September 2016",
// "12-SEP-1987" and RFC 2822 ("Mon, 12 Sep 2016 14:05:00 +0000"). Impossible calendar dates
// ("2016-02-30") give nullopt.
std::optional<std::string> ParsePublished(std::string_view value);

// The text's language code: CLD2's when it is confident (text::IdentifyLanguage), else "en"
// when enough common English function words are there, else nullopt (unknown).
std::optional<std::string> GuessLanguage(std::string_view text);

}  // namespace verbatim::ingest

#endif  // VERBATIM_INGEST_METADATA_H_
