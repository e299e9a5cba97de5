// BodyExtractor: finds the article body of a news page among menus, ads, share bars, related
// links, cookie notes and comment sections, and returns it as clean blocks of text.
//
//   Dom dom = Dom::Parse(utf8_html);
//   BodyExtractor extractor;                    // once; immutable, shared by threads
//   Body body = extractor.Extract(dom);
//   for (const Block& b : body.blocks) use(b.kind, b.text);
//   std::string text = body.Text();             // blocks joined by blank lines
//
// How (general signals only; nothing names a site):
//  1. Elements that are never body text are set aside with their subtrees: <nav>, <aside>,
//     <footer>, <header>, forms' controls, <figure>s' captions, hidden elements (hidden,
//     aria-hidden, display:none), ARIA landmarks of navigation/banner/complementary/contentinfo, and
//     elements whose class or id uses the web's common vocabulary for page furniture (comment,
//     share, social, related, nav, menu, footer, sidebar, promo, newsletter, subscribe, cookie,
//     consent, ad/ads/advert, sponsor, breadcrumb, widget, popup, modal, trending, recommended...).
//     <html>, <body>, <main> and <article> are never set aside by their class.
//  2. The rest is cut into blocks at block-level elements (p, h1-h6, li, blockquote, pre, div,
//     td...); each block knows its text, letters, letters inside links and commas.
//  3. Readability's container vote: every block of at least `min_paragraph_chars` gives its
//     ancestors a score (1 + commas + length, divided by the distance); an ancestor's class or id
//     adds or takes away `class_weight` (article/content/body/story/entry... vs the furniture
//     words); the total is discounted by the subtree's link density. The best container wins,
//     then widens to its parent while what the parent adds is mostly prose (an article cut into
//     frames or cards elects one of them); its siblings join when they score near it or hold a
//     long, link-poor paragraph. Furniture by class spares an element holding half the page's
//     prose (layout classes on the wrapper of everything) and, for weak words, 400+ letters.
//     When the page carries a schema.org `articleBody` in JSON-LD, the container is instead the
//     smallest element holding most of the blocks whose words that text contains (a hint only:
//     the output is always the page's own blocks).
//  4. Inside the chosen container(s), blocks made mostly of links, and the page title's <h1>,
//     are dropped; so are labels (headings, and lines of at most 35 letters that end neither
//     like a sentence nor like a question) that introduce only a dropped link list ("Explore
//     further", "Lesen Sie auch") or end the body (an author's name under the text).
//
// Options (defaults):
//   | field                    | default | meaning                                              |
//   |--------------------------|---------|------------------------------------------------------|
//   | min_paragraph_chars      | 25      | letters a block needs to vote for its ancestors      |
//   | class_weight             | 25      | score for a positive/negative class or id word       |
//   | sibling_score_fraction   | 0.2     | a sibling joins at this fraction of the best score   |
//   | climb_prose_fraction     | 0.5     | the container widens while this much of what the    |
//   |                          |         | parent adds is prose (an article cut in fragments)   |
//   | max_link_density         | 0.5     | blocks with more of their letters in links drop out  |
//   | furniture_max_prose      | 400     | letters of long paragraphs that spare an element a   |
//   |                          |         | weak furniture class, or a <header>                  |
//   | drop_h1                  | true    | the headline is metadata, not body                   |
//   | use_json_ld_hint         | true    | let JSON-LD articleBody choose the container         |
//   | drop_orphan_labels       | true    | drop headings and short label lines that end the     |
//   |                          |         | body or introduce only a dropped link list           |
//
// Thread-safety: immutable after construction; Extract may be called from many threads.
// Cost: linear in the page's nodes (no recursion; safe on pages nested 20,000 deep).
#ifndef VERBATIM_HTML_BODY_EXTRACTOR_H_
#define VERBATIM_HTML_BODY_EXTRACTOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html/dom.h"

namespace verbatim::html {

enum class BlockKind : uint8_t { kParagraph, kHeading, kQuote, kListItem, kPreformatted };

std::string_view BlockKindName(BlockKind kind);

// One block of body text: whitespace collapsed to single spaces, inline elements joined, <br>
// kept as "\n" (in <pre>, the text as written).
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  NodeId node = kNoNode;  // the block-level element whose text this is
};

struct Body {
  std::vector<Block> blocks;
  NodeId container = kNoNode;  // the element chosen as the article, kNoNode when none was

  bool empty() const { return blocks.empty(); }
  // The blocks joined by "\n\n" (so headings stand on their own lines).
  std::string Text() const;
};

// The options of the table above (outside the class so that `= {}` can default them).
struct BodyExtractorOptions {
  int min_paragraph_chars = 25;
  double class_weight = 25;
  double sibling_score_fraction = 0.2;
  double climb_prose_fraction = 0.5;
  double max_link_density = 0.5;
  int furniture_max_prose = 400;
  bool drop_h1 = true;
  bool use_json_ld_hint = true;
  bool drop_orphan_labels = true;
};

class BodyExtractor {
 public:
  using Options = BodyExtractorOptions;

  explicit BodyExtractor(Options options = {});

  // The article body of `dom`; empty when the page has no text outside page furniture.
  Body Extract(const Dom& dom) const;

  const Options& options() const { return options_; }

 private:
  Options options_;
};

}  // namespace verbatim::html

#endif  // VERBATIM_HTML_BODY_EXTRACTOR_H_
