// Page metadata of a news page: title, publication date, modification date, authors, outlet,
// canonical URL, language and description, read from the signals real pages carry.
//
//   html::Dom dom = html::Dom::Parse(utf8_page);
//   html::MetadataExtractor extractor;
//   html::PageMetadata m = extractor.Extract(dom, "https://example.com/2020/03/27/story/");
//   if (m.published) store(*m.published, m.published_source);
//
// Signals, strongest first (a field takes the first signal that gives a usable value):
//   title      the first <h1> outside navigation and asides, og:title, twitter:title, JSON-LD
//              headline, <title>; a candidate that is only the outlet's name is skipped, and a
//              site-name part (" - Outlet", " | Outlet", "Outlet | ") is removed when it names
//              the outlet or the domain. (<h1> first: the page's visible headline; og:title is
//              often a shorter social-media variant. On trafilatura's pages 0.752 vs 0.706.)
//   published  "json-ld": the article entity's datePublished (dateCreated when earlier);
//              "meta": article:published_time, og:published_time, pubdate, publishdate, date,
//                dc.date(.issued), dcterms.created/issued, sailthru.date, parsely-pub-date,
//                itemprop=datePublished, ...;
//              "time": <time datetime> or an itemprop=datePublished element in the page, not
//                in comments, related-link lists, navigation, asides or footers;
//              "url": /2020/03/27/, /20200327/, 2020-03-27 in the URL path;
//              "text": a date written in the page near its headline, in an element whose class
//                or id speaks of dates or bylines first (English, German, French, Spanish, ...)
//   modified   JSON-LD dateModified, article:modified_time, og:updated_time, ...
//   author     JSON-LD author of the article (object, array or string), meta author,
//              article:author, parsely-author, dc.creator, itemprop=author, rel=author, a
//              byline element; several are joined by "; "
//   outlet     og:site_name, JSON-LD publisher.name, application-name, the URL's host
//   canonical  <link rel=canonical>, og:url (made absolute against the page URL)
//   lang       <html lang>, og:locale, content-language, JSON-LD inLanguage: the primary
//              BCP-47 subtag, lower-case ("de-DE" -> "de")
//
// Dates are rejected when their year is outside [min_year, max_year] or they fall after the
// reference date. Dates keep the page's local time ("2020-03-27T23:30:00-05:00" is the 27th).
//
// Options (MetadataOptions):
//   field            default  meaning
//   reference_date   ""       "YYYY-MM-DD": dates after it are impossible (e.g. the crawl
//                             date); "" accepts every date up to max_year
//   min_year         1995     earlier years are not publication dates of web pages
//   max_year         2099
//   original_date    true     among the dates one signal gives, take the earliest (the first
//                             publication, not the latest update), as htmldate does
//   modified_fallback true    no publication date at all: take the modification date
//   text_dates       true     read dates from the visible text when no markup gives one
//
// Thread-safety: immutable after construction; Extract may be called from many threads.
#ifndef VERBATIM_HTML_PAGE_METADATA_H_
#define VERBATIM_HTML_PAGE_METADATA_H_

#include <optional>
#include <string>
#include <string_view>

#include "html/dom.h"

namespace verbatim::html {

struct PageMetadata {
  std::optional<std::string> title;
  // ISO 8601: "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" plus the zone as written when known.
  std::optional<std::string> published;
  std::optional<std::string> modified;
  std::optional<std::string> author;  // several joined by "; "
  std::optional<std::string> outlet;
  std::optional<std::string> canonical_url;
  std::optional<std::string> lang;  // BCP-47 primary subtag, lower-case
  std::optional<std::string> description;
  // Which signal gave `published`: "json-ld", "meta", "time", "url", "text", "modified";
  // "" when there is no date.
  std::string published_source;
};

struct MetadataOptions {
  std::string reference_date;
  int min_year = 1995;
  int max_year = 2099;
  bool original_date = true;
  bool modified_fallback = true;
  bool text_dates = true;
};

class MetadataExtractor {
 public:
  using Options = MetadataOptions;

  explicit MetadataExtractor(Options options = {});

  // The metadata of `dom`; `url` is where the page was fetched from ("" when unknown: the
  // canonical URL stands in for it). Never fails: fields the page does not give stay empty.
  PageMetadata Extract(const Dom& dom, std::string_view url) const;

  const Options& options() const { return options_; }

 private:
  Options options_;
};

}  // namespace verbatim::html

#endif  // VERBATIM_HTML_PAGE_METADATA_H_
