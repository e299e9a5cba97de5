// HtmlArticle: one news page read as an article — the clean body (the text every quotation
// offset will point into) and the page's metadata.
//
//   ArticleExtractor extractor;
//   HtmlArticle a = extractor.Extract(utf8_html, "https://example.com/news/1");
//
// The body is BodyExtractor's blocks joined by "\n\n" (headings and block quotes on their own
// lines); the metadata is MetadataExtractor's. `url` is the address the page was fetched from
// (a WARC record's target URI), used for dates and the outlet when the page does not say; the
// article's `url` is the page's canonical URL when it gives one, else this one.
//
// Thread-safe: Extract is const; the extractors keep no state between calls.
#ifndef VERBATIM_HTML_ARTICLE_H_
#define VERBATIM_HTML_ARTICLE_H_

#include <optional>
#include <string>
#include <string_view>

#include "html/body_extractor.h"
#include "html/dom.h"
#include "html/page_metadata.h"

namespace verbatim::html {

struct HtmlArticle {
  std::string text;  // the body; "" when the page has no article text
  PageMetadata metadata;
  std::optional<std::string> url;  // canonical URL, else the fetch URL, else none
  size_t blocks = 0;               // paragraphs, headings, quotes and list items in `text`
};

struct ArticleExtractorOptions {
  // libxml2: the same bodies and dates as Gumbo on the evaluation pages, 3-4x faster
  // (docs/PERFORMANCE.md, "HTML").
  HtmlParser parser = HtmlParser::kLibxml2;
  BodyExtractorOptions body;
  MetadataOptions metadata;
};

class ArticleExtractor {
 public:
  explicit ArticleExtractor(ArticleExtractorOptions options = {});

  // Parses `utf8_html` (valid UTF-8 without NUL: the readers guarantee it) and reads it.
  // Never fails: a page without an article gives an empty `text`.
  HtmlArticle Extract(std::string_view utf8_html, std::string_view url) const;
  HtmlArticle Extract(const Dom& dom, std::string_view url) const;

 private:
  ArticleExtractorOptions options_;
  BodyExtractor body_;
  MetadataExtractor metadata_;
};

}  // namespace verbatim::html

#endif  // VERBATIM_HTML_ARTICLE_H_
