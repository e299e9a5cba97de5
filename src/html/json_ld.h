// JSON-LD (<script type="application/ld+json">) read into the few schema.org entities a news
// page's metadata needs: the article (NewsArticle, Article, BlogPosting, ...), the page
// (WebPage) and whatever else carries a type, with their dates, authors and publisher.
//
//   for (const JsonLdEntity& e : ParseJsonLd(script_text))
//     if (e.IsArticle()) use(e.date_published);
//
// Thread-safe: a pure function.
#ifndef VERBATIM_HTML_JSON_LD_H_
#define VERBATIM_HTML_JSON_LD_H_

#include <string>
#include <string_view>
#include <vector>

namespace verbatim::html {

// One typed JSON-LD node. Strings are "" when absent; values are as written (not normalised).
struct JsonLdEntity {
  std::vector<std::string> types;  // "@type", a string or an array
  std::string headline;
  std::string name;
  std::string description;
  std::string date_published;
  std::string date_created;
  std::string date_modified;
  std::string url;
  std::string in_language;
  std::vector<std::string> authors;  // names: author/creator as string, object or array
  std::string publisher;             // publisher.name (or a string publisher)

  // NewsArticle, Article, ReportageNewsArticle, BlogPosting, AnalysisNewsArticle, ...: any
  // type whose name ends in "Article", plus BlogPosting, SocialMediaPosting, LiveBlogPosting.
  bool IsArticle() const;
  // WebPage and its kinds (ItemPage, ...).
  bool IsWebPage() const;
};

// Every entity of one script's JSON, in document order: top-level objects, arrays of them,
// the members of "@graph", and nested "mainEntity"/"mainEntityOfPage" objects. The text is
// cleaned first (HTML comment and CDATA wrappers, raw control characters inside strings).
// JSON that fails to parse is retried without its last closing brackets (pages that close one
// too many); malformed JSON gives an empty vector: never fails.
std::vector<JsonLdEntity> ParseJsonLd(std::string_view json);

}  // namespace verbatim::html

#endif  // VERBATIM_HTML_JSON_LD_H_
