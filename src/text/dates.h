// Calendar dates as pages and feeds write them: machine formats (ISO 8601, RFC 2822, compact
// "20200327"), dates in running text in many languages, and dates in URLs. Shared by the HTML
// metadata extractor and anything else that reads dates; depends on nothing but the standard
// library. All functions are pure and thread-safe.
//
//   NormalizeDateTime("2020-03-27T14:05:00+01:00")  -> "2020-03-27T14:05:00+01:00"
//   NormalizeDateTime("Fri, 27 Mar 2020 14:05 GMT")  -> "2020-03-27"
//   FindTextDates("Publié le 27 mars 2020 à 10h")   -> {2020-03-27 at bytes [10, 23)}
//   DateFromUrl("https://x.com/2020/03/27/story/")  -> 2020-03-27
//
// Local time is kept as written: a page that says "2020-03-27T23:30:00-05:00" was published
// on the 27th where it was written, which is what readers and gold annotations mean.
#ifndef VERBATIM_TEXT_DATES_H_
#define VERBATIM_TEXT_DATES_H_

#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verbatim::text {

// A proleptic Gregorian calendar date. Only valid dates are ever returned by this header.
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const CivilDate&) const = default;
  std::string Iso() const;  // "2020-03-27"
};

// Days since 1970-01-01 (negative before): differences between dates are day counts.
int DaysSinceEpoch(const CivilDate& d);

// True for a real calendar date (leap years included) with year in [1000, 9999].
bool IsValidCivilDate(int year, int month, int day);

// Parses "YYYY-MM-DD" (exactly); nullopt otherwise.
std::optional<CivilDate> ParseIsoDate(std::string_view iso);

// A machine-readable date or date-time as metadata carries it, normalised to ISO 8601:
// "YYYY-MM-DD" when only the date is known, "YYYY-MM-DDTHH:MM:SS" plus the zone as written
// ("Z" or "+HH:MM") when the time is. Accepts ISO 8601 with '-', '/' or '.' separators and a
// 'T' or space before the time, compact "20200327" (and "20200327T1405"), and anything
// FindTextDates reads ("Fri, 27 Mar 2020 14:05:00 GMT", "March 27, 2020"), taking the first
// date there. Returns nullopt when no valid date is found.
std::optional<std::string> NormalizeDateTime(std::string_view value);

// A date found in running text, with the byte range it was read from.
struct TextDate {
  CivilDate date;
  size_t begin = 0;
  size_t end = 0;
};

// Every date written in `text`, in order of appearance, in these forms:
//   numeric     2020-03-27, 2020/03/27, 2020.03.27, 27.03.2020, 27/03/2020, 03/27/2020 (the
//               day-first reading unless the day cannot be a month or the middle number cannot
//               be a month), 2020年3月27日, 2020년 3월 27일
//   month names "March 27, 2020", "Mar. 27th 2020", "27 March 2020", "27th of March, 2020",
//               "27. März 2020", "27 de marzo de 2020", "1er avril 2020", "27 marta 2020",
//               "2020. március 27." in English, German, French, Spanish, Portuguese, Italian,
//               Dutch, Polish, Czech, Russian, Ukrainian, Swedish/Danish/Norwegian,
//               Indonesian, Turkish, Romanian and Hungarian (names and usual abbreviations).
// Years must lie in [1900, 2099]. Numbers glued to letters or other digits are not dates.
std::vector<TextDate> FindTextDates(std::string_view text);

// The publication date a URL path spells: /2020/03/27/, /2020-03-27, /20200327/, a 12+-digit
// id that opens with a date and a time (/202003171044893040-), "2020/3/27". Only full dates;
// "/2020/03/" alone gives nullopt (see UrlYearMonth).
std::optional<CivilDate> DateFromUrl(std::string_view url);

// The year and month a URL path spells without a day ("/2020/03/slug"), as {year, month, 0}.
std::optional<CivilDate> UrlYearMonth(std::string_view url);

}  // namespace verbatim::text

#endif  // VERBATIM_TEXT_DATES_H_
