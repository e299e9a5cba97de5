#include "html/article.h"

#include <utility>

namespace verbatim::html {

ArticleExtractor::ArticleExtractor(ArticleExtractorOptions options)
    : options_(std::move(options)), body_(options_.body), metadata_(options_.metadata) {}

HtmlArticle ArticleExtractor::Extract(std::string_view utf8_html, std::string_view url) const {
  return Extract(Dom::Parse(utf8_html, options_.parser), url);
}

HtmlArticle ArticleExtractor::Extract(const Dom& dom, std::string_view url) const {
  HtmlArticle a;
  Body body = body_.Extract(dom);
  a.text = body.Text();
  a.blocks = body.blocks.size();
  a.metadata = metadata_.Extract(dom, url);
  if (a.metadata.canonical_url) {
    a.url = a.metadata.canonical_url;
  } else if (!url.empty()) {
    a.url = std::string(url);
  }
  return a;
}

}  // namespace verbatim::html
