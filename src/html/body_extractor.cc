#include "html/body_extractor.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_set>
#include <utility>

namespace verbatim::html {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool OneOf(std::string_view s, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Elements whose subtree is never article text, whatever their size.
bool IsNeverBodyTag(std::string_view tag) {
  return OneOf(tag, {"script", "style", "noscript", "template", "button", "select", "option",
                     "input", "textarea", "label", "iframe", "svg", "canvas", "object", "embed",
                     "video", "audio", "map", "dialog", "head", "title", "meta", "link"});
}

// Page furniture by element name (set aside unless it holds most of the page's text).
bool IsFurnitureTag(std::string_view tag) {
  return OneOf(tag, {"nav", "aside", "footer", "header", "menu", "figcaption"});
}

// Elements that start and end a block of text.
bool IsBlockTag(std::string_view tag) {
  return OneOf(tag, {"address", "article", "aside", "blockquote", "body", "center", "dd",
                     "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
                     "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
                     "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
                     "table", "tbody", "thead", "tfoot", "td", "th", "tr", "ul", "caption",
                     "legend", "menu"});
}

bool IsHeadingTag(std::string_view tag) {
  return tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6';
}

// The class and id vocabulary. A word is a lower-cased run of letters and digits of the
// class/id value, also split at camelCase humps ("relatedLinks" -> "related", "links").
//
// Strong furniture words set an element aside even beside a body word ("article-comments",
// "story-share-bar"); weak ones only when no body word is there ("content has-sidebar" stays).
enum class ClassWord : uint8_t { kNone, kBody, kWeakFurniture, kStrongFurniture };

ClassWord ClassifyWord(std::string_view w) {
  auto starts = [&](std::string_view p) { return w.size() >= p.size() && w.substr(0, p.size()) == p; };
  // Strong furniture.
  if (OneOf(w, {"ad", "ads", "adv", "dfp", "gpt", "outbrain", "taboola", "disqus", "byline",
                "paywall", "caption", "credit", "credits"})) {
    return ClassWord::kStrongFurniture;
  }
  for (std::string_view p : {"comment", "related", "newsletter", "cookie", "consent", "gdpr",
                             "advert", "adslot", "adunit", "adcontainer", "adwrap", "adsense",
                             "adsbygoogle", "sponsor", "recommend", "subscri",
                             "breadcrumb", "outbrain", "taboola", "trending", "mostread",
                             "mostpopular", "signup", "donat"}) {
    if (starts(p)) return ClassWord::kStrongFurniture;
  }
  // Body words.
  if (OneOf(w, {"post", "text", "main", "prose", "blog", "paragraph", "richtext", "rte"})) {
    return ClassWord::kBody;
  }
  for (std::string_view p : {"article", "content", "body", "entry", "story"}) {
    if (starts(p)) return ClassWord::kBody;
  }
  // Weak furniture.
  if (OneOf(w, {"nav", "menu", "footer", "header", "masthead", "sidebar", "aside", "rail",
                "widget", "widgets", "banner", "meta", "author", "authors", "date", "timestamp",
                "dateline", "follow", "login", "pagination", "pager", "teasers", "promos",
                "more", "links", "navbar", "skip", "tag", "tags", "keywords"})) {
    return ClassWord::kWeakFurniture;
  }
  for (std::string_view p : {"navigation", "menu", "footer", "sidebar", "widget", "banner",
                             "pagination", "share", "sharing", "social", "popup", "modal",
                             "lightbox", "overlay", "toolbar", "promo"}) {
    if (starts(p)) return ClassWord::kWeakFurniture;
  }
  return ClassWord::kNone;
}

struct ClassVerdict {
  bool body = false, weak = false, strong = false;
};

// Class names that file the element under a taxonomy (WordPress's post classes "tag-berlin",
// "category-news", "author-jules") say nothing about page furniture.
bool IsTaxonomyClass(std::string_view name) {
  for (std::string_view p : {"tag-", "category-", "author-", "status-", "format-", "type-",
                             "post-", "postid-", "page-id-"}) {
    if (name.size() > p.size() && name.substr(0, p.size()) == p) return true;
  }
  return false;
}

void ClassifyWords(std::string_view value, ClassVerdict& v);

void ClassifyValue(std::string_view value, ClassVerdict& v) {
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && IsAsciiSpace(value[i])) ++i;
    size_t j = i;
    while (j < value.size() && !IsAsciiSpace(value[j])) ++j;
    std::string_view name = value.substr(i, j - i);
    if (!name.empty() && !IsTaxonomyClass(name)) ClassifyWords(name, v);
    i = j;
  }
}

void ClassifyWords(std::string_view value, ClassVerdict& v) {
  std::array<char, 32> word{};
  size_t len = 0;
  bool overflow = false;
  auto flush = [&] {
    if (len > 0 && !overflow) {
      switch (ClassifyWord({word.data(), len})) {
        case ClassWord::kBody: v.body = true; break;
        case ClassWord::kWeakFurniture: v.weak = true; break;
        case ClassWord::kStrongFurniture: v.strong = true; break;
        case ClassWord::kNone: break;
      }
    }
    len = 0;
    overflow = false;
  };
  char prev = 0;
  for (char c : value) {
    bool upper = c >= 'A' && c <= 'Z';
    bool lower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (upper && prev >= 'a' && prev <= 'z') flush();  // camelCase hump
    if (upper || lower) {
      if (len < word.size()) {
        word[len++] = upper ? static_cast<char>(c + 32) : c;
      } else {
        overflow = true;
      }
    } else {
      flush();
    }
    prev = c;
  }
  flush();
}

ClassVerdict ClassifyElement(const Dom& dom, NodeId id) {
  ClassVerdict v;
  ClassifyValue(dom.attr(id, "class"), v);
  ClassifyValue(dom.attr(id, "id"), v);
  return v;
}

bool ContainsInsensitive(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    bool ok = true;
    for (size_t j = 0; j < needle.size() && ok; ++j) {
      char c = hay[i + j];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      ok = c == needle[j];
    }
    if (ok) return true;
  }
  return false;
}

// Hidden by markup: the hidden attribute, aria-hidden, an inline display:none.
bool IsHidden(const Dom& dom, NodeId id) {
  if (dom.HasAttr(id, "hidden")) return true;
  if (dom.attr(id, "aria-hidden") == "true") return true;
  std::string_view style = dom.attr(id, "style");
  if (!style.empty()) {
    std::string compact;
    for (char c : style) {
      if (!IsAsciiSpace(c)) compact.push_back(c);
    }
    if (ContainsInsensitive(compact, "display:none") ||
        ContainsInsensitive(compact, "visibility:hidden")) {
      return true;
    }
  }
  return false;
}

bool IsFurnitureRole(std::string_view role) {
  return OneOf(role, {"navigation", "banner", "complementary", "contentinfo", "dialog",
                      "alertdialog", "menu", "menubar", "search"});
}

// Letters: code points that are not white space (NBSP counts as space).
size_t CountLetters(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    if (IsAsciiSpace(s[i])) continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) continue;
    ++n;
  }
  return n;
}

size_t CountCommas(std::string_view s) {
  size_t n = static_cast<size_t>(std::count(s.begin(), s.end(), ','));
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if ((s.compare(i, 3, "\xEF\xBC\x8C") == 0) || (s.compare(i, 3, "\xE3\x80\x81") == 0)) ++n;
  }
  return n;
}

// A block as segmentation finds it, with the figures the vote and the filters need.
struct RawBlock {
  Block block;
  size_t letters = 0;
  size_t link_letters = 0;
  size_t commas = 0;
  bool h1 = false;
  double link_density() const {
    return letters == 0 ? 0.0 : static_cast<double>(link_letters) / static_cast<double>(letters);
  }
};

// A heading or a short line that does not end like a sentence or a question (see step 4):
// "Explore further", "Lesen Sie auch", an author's name under the text. Questions are kept
// ("What charges does Assange face in the US?" heads a section), as are lines introducing
// something at more length than a label ("Twitter seemed a bit confused by the campaign:").
bool IsLabel(const RawBlock& b) {
  std::string_view t = b.block.text;
  if (t.empty() || t.back() == '?') return false;
  if (b.block.kind == BlockKind::kHeading) return true;
  if (b.letters > 35 || b.block.kind == BlockKind::kListItem) return false;
  char last = t.back();
  return last != '.' && last != '"' && last != ')' && static_cast<unsigned char>(last) < 0x80;
}

// Cuts the page into blocks at block-level elements, skipping `excluded` subtrees.
class Segmenter {
 public:
  Segmenter(const Dom& dom, const std::vector<uint8_t>& excluded)
      : dom_(dom), excluded_(excluded) {}

  std::vector<RawBlock> Run() {
    const NodeId size = static_cast<NodeId>(dom_.size());
    for (NodeId n = 1; n < size;) {
      while (!open_.empty() && n >= open_.back().end) Close();
      if (excluded_[n]) {
        if (dom_.IsElement(n) && IsBlockTag(dom_.tag(n))) Flush();
        n = dom_.SubtreeEnd(n);
        continue;
      }
      if (dom_.IsElement(n)) {
        std::string_view tag = dom_.tag(n);
        if (tag == "br") {
          if (pre_ > 0) {
            text_.push_back('\n');
          } else if (!text_.empty() && text_.back() != '\n') {
            text_.push_back('\n');
            pending_space_ = false;
          }
        } else {
          Open o{dom_.SubtreeEnd(n), n, 0};
          if (IsBlockTag(tag)) {
            Flush();
            o.flags |= kBlock;
          }
          if (tag == "a") o.flags |= kLink;
          if (IsHeadingTag(tag)) o.flags |= kHeading;
          if (tag == "h1") o.flags |= kH1;
          if (tag == "pre") o.flags |= kPre;
          if (tag == "blockquote") o.flags |= kQuote;
          if (tag == "li" || tag == "dd" || tag == "dt") o.flags |= kItem;
          if (o.flags != 0) Push(o);
        }
      } else if (dom_.IsText(n)) {
        AppendText(dom_.text(n));
      }
      ++n;
    }
    while (!open_.empty()) Close();
    Flush();
    return std::move(blocks_);
  }

 private:
  enum Flag : uint8_t {
    kBlock = 1, kLink = 2, kHeading = 4, kH1 = 8, kPre = 16, kQuote = 32, kItem = 64
  };
  struct Open {
    NodeId end;
    NodeId id;
    uint8_t flags;
  };

  void Push(const Open& o) {
    Count(o.flags, +1);
    open_.push_back(o);
  }
  void Close() {
    Open o = open_.back();
    if (o.flags & kBlock) Flush();
    Count(o.flags, -1);
    open_.pop_back();
  }
  void Count(uint8_t flags, int delta) {
    if (flags & kLink) links_ += delta;
    if (flags & kHeading) headings_ += delta;
    if (flags & kH1) h1s_ += delta;
    if (flags & kPre) pre_ += delta;
    if (flags & kQuote) quotes_ += delta;
    if (flags & kItem) items_ += delta;
  }

  void AppendText(std::string_view s) {
    if (pre_ > 0) {
      text_.append(s);
      size_t l = CountLetters(s);
      letters_ += l;
      if (links_ > 0) link_letters_ += l;
      return;
    }
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (IsAsciiSpace(c) || (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() &&
                              static_cast<unsigned char>(s[i + 1]) == 0xA0)) {
        if (c != ' ' && !IsAsciiSpace(c)) ++i;  // the NBSP's second byte
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && !text_.empty() && text_.back() != '\n') text_.push_back(' ');
      pending_space_ = false;
      text_.push_back(c);
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ++letters_;
        if (links_ > 0) ++link_letters_;
      }
    }
  }

  void Flush() {
    pending_space_ = false;
    if (letters_ > 0) {
      // Trim; inside a block, a break never stands next to a space or another break.
      std::string out;
      out.reserve(text_.size());
      for (char c : text_) {
        if (pre_ == 0 && c == '\n') {
          while (!out.empty() && out.back() == ' ') out.pop_back();
          if (!out.empty() && out.back() == '\n') continue;
        } else if (pre_ == 0 && c == ' ' && !out.empty() && out.back() == '\n') {
          continue;
        }
        out.push_back(c);
      }
      size_t b = 0, e = out.size();
      while (b < e && IsAsciiSpace(out[b])) ++b;
      while (e > b && IsAsciiSpace(out[e - 1])) --e;
      RawBlock rb;
      rb.block.text = out.substr(b, e - b);
      rb.block.node = Owner();
      rb.block.kind = headings_ > 0 ? BlockKind::kHeading
                      : pre_ > 0    ? BlockKind::kPreformatted
                      : quotes_ > 0 ? BlockKind::kQuote
                      : items_ > 0  ? BlockKind::kListItem
                                    : BlockKind::kParagraph;
      rb.h1 = h1s_ > 0;
      rb.letters = letters_;
      rb.link_letters = link_letters_;
      rb.commas = CountCommas(rb.block.text);
      if (!rb.block.text.empty()) blocks_.push_back(std::move(rb));
    }
    text_.clear();
    letters_ = link_letters_ = 0;
  }

  NodeId Owner() const {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (it->flags & kBlock) return it->id;
    }
    return Dom::root();
  }

  const Dom& dom_;
  const std::vector<uint8_t>& excluded_;
  std::vector<Open> open_;
  std::vector<RawBlock> blocks_;
  std::string text_;
  bool pending_space_ = false;
  size_t letters_ = 0, link_letters_ = 0;
  int links_ = 0, headings_ = 0, h1s_ = 0, pre_ = 0, quotes_ = 0, items_ = 0;
};

// --- The JSON-LD hint ---------------------------------------------------------------------

void FindArticleBody(simdjson::dom::element e, int depth, std::string& best) {
  if (depth > 12) return;
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (e.get_object().get(object) == simdjson::SUCCESS) {
    for (simdjson::dom::key_value_pair field : object) {
      std::string_view s;
      if (field.key == "articleBody" && field.value.get_string().get(s) == simdjson::SUCCESS) {
        if (s.size() > best.size()) best.assign(s);
      } else {
        FindArticleBody(field.value, depth + 1, best);
      }
    }
  } else if (e.get_array().get(array) == simdjson::SUCCESS) {
    for (simdjson::dom::element child : array) FindArticleBody(child, depth + 1, best);
  }
}

// The longest schema.org articleBody of the page's JSON-LD, or "".
std::string JsonLdArticleBody(const Dom& dom) {
  std::string best;
  simdjson::dom::parser parser;
  for (NodeId id = 0; id < dom.size(); ++id) {
    if (!dom.IsElement(id, "script") || dom.attr(id, "type") != "application/ld+json") continue;
    std::string json;
    for (NodeId c = id + 1; c < dom.SubtreeEnd(id); ++c) json.append(dom.text(c));
    if (json.find("articleBody") == std::string::npos) continue;
    simdjson::dom::element root;
    if (parser.parse(json).get(root) != simdjson::SUCCESS) continue;
    FindArticleBody(root, 0, best);
  }
  return best;
}

// Hashes of word 4-grams; words are runs of ASCII letters/digits and non-ASCII bytes, lower-cased.
std::vector<uint64_t> WordShingles(std::string_view s) {
  std::vector<uint64_t> words;
  uint64_t h = 1469598103934665603ull;
  bool in_word = false;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                c >= 0x80;
    if (word) {
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      h = (h ^ c) * 1099511628211ull;
      in_word = true;
    } else if (in_word) {
      words.push_back(h);
      h = 1469598103934665603ull;
      in_word = false;
    }
  }
  if (in_word) words.push_back(h);
  std::vector<uint64_t> out;
  for (size_t i = 0; i + 4 <= words.size(); ++i) {
    out.push_back(words[i] * 31 + words[i + 1] * 961 + words[i + 2] * 29791 + words[i + 3]);
  }
  return out;
}

// Paragraphs of a text given outside the markup (JSON-LD articleBody): one per non-empty line,
// tags some publishers leave in it removed, white space collapsed.
std::vector<Block> BlocksOfPlainText(std::string_view text) {
  std::vector<Block> out;
  std::string line;
  bool in_tag = false, pending_space = false;
  auto flush = [&] {
    if (!line.empty()) out.push_back(Block{BlockKind::kParagraph, std::move(line), kNoNode});
    line.clear();
    pending_space = false;
  };
  for (char c : text) {
    if (in_tag) {
      in_tag = c != '>';
      if (!in_tag) pending_space = true;
    } else if (c == '<') {
      in_tag = true;
    } else if (c == '\n' || c == '\r') {
      flush();
    } else if (IsAsciiSpace(c)) {
      pending_space = true;
    } else {
      if (pending_space && !line.empty()) line.push_back(' ');
      pending_space = false;
      line.push_back(c);
    }
  }
  flush();
  return out;
}

}  // namespace

std::string_view BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kHeading: return "heading";
    case BlockKind::kQuote: return "quote";
    case BlockKind::kListItem: return "list_item";
    case BlockKind::kPreformatted: return "preformatted";
  }
  return "paragraph";
}

std::string Body::Text() const {
  std::string out;
  for (const Block& b : blocks) {
    if (!out.empty()) out += "\n\n";
    out += b.text;
  }
  return out;
}

BodyExtractor::BodyExtractor(Options options) : options_(options) {}

Body BodyExtractor::Extract(const Dom& dom) const {
  Body body;
  const size_t size = dom.size();
  if (size <= 1) return body;

  // 1. Letters per subtree (text outside never-body elements), for the size guard.
  std::vector<uint8_t> never(size, 0);
  for (NodeId id = 1; id < size; ++id) {
    never[id] = never[dom.parent(id)] || (dom.IsElement(id) && IsNeverBodyTag(dom.tag(id)));
  }
  std::vector<uint32_t> letters(size, 0);
  for (NodeId id = 1; id < size; ++id) {
    if (dom.IsText(id) && !never[id]) letters[id] = static_cast<uint32_t>(CountLetters(dom.text(id)));
  }
  for (NodeId id = static_cast<NodeId>(size - 1); id >= 1; --id) letters[dom.parent(id)] += letters[id];
  const double page_letters = letters[0];
  // Prose: letters of paragraphs of 100 letters or more (a <p>, or an element's own text, as in
  // <div class="body__paragraph">text</div>), per subtree.
  std::vector<uint32_t> own(size, 0), prose(size, 0);
  for (NodeId id = 1; id < size; ++id) {
    if (dom.IsText(id)) own[dom.parent(id)] += letters[id];
  }
  for (NodeId id = static_cast<NodeId>(size - 1); id >= 1; --id) {
    uint32_t paragraph = dom.IsElement(id, "p") ? letters[id] : own[id];
    if (paragraph >= 100) prose[id] = std::max(prose[id], paragraph);
    prose[dom.parent(id)] += prose[id];
  }
  const double page_prose = prose[0];

  // Furniture is set aside unless it holds most of the page's text or half its prose: layout
  // classes on the wrapper of everything ("pg-right-rail-tall", "body_overlay",
  // "advertisement-off-canvas--pusher") must not empty the page.
  std::vector<uint8_t> excluded(size, 0);
  std::vector<int8_t> class_sign(size, 0);
  for (NodeId id = 1; id < size; ++id) {
    if (excluded[dom.parent(id)] || never[id]) {
      excluded[id] = 1;
      continue;
    }
    if (!dom.IsElement(id)) continue;
    std::string_view tag = dom.tag(id);
    if (tag == "html" || tag == "body") continue;
    ClassVerdict v = ClassifyElement(dom, id);
    class_sign[id] = static_cast<int8_t>(v.strong || (v.weak && !v.body) ? -1 : v.body ? 1 : 0);
    // Weak furniture words and <header> do not set aside an element that holds real prose
    // (page builders call every text box a "widget"; components put paragraphs in <header>).
    bool holds_prose = static_cast<double>(prose[id]) >= options_.furniture_max_prose;
    bool by_class = tag != "main" && tag != "article" && class_sign[id] < 0 &&
                    (v.strong || !holds_prose);
    bool by_markup = (IsFurnitureTag(tag) && (tag != "header" || !holds_prose)) ||
                     IsHidden(dom, id) || IsFurnitureRole(dom.attr(id, "role"));
    if ((by_markup || by_class) && letters[id] < 0.6 * page_letters &&
        (by_markup || prose[id] <= 0.5 * page_prose)) {
      excluded[id] = 1;
    }
  }

  // 2. Blocks.
  std::vector<RawBlock> blocks = Segmenter(dom, excluded).Run();
  if (blocks.empty()) return body;

  // Letters and link letters of the blocks in each subtree.
  std::vector<uint32_t> block_letters(size, 0), link_letters(size, 0);
  for (const RawBlock& b : blocks) {
    block_letters[b.block.node] += static_cast<uint32_t>(b.letters);
    link_letters[b.block.node] += static_cast<uint32_t>(b.link_letters);
  }
  for (NodeId id = static_cast<NodeId>(size - 1); id >= 1; --id) {
    block_letters[dom.parent(id)] += block_letters[id];
    link_letters[dom.parent(id)] += link_letters[id];
  }
  // Prose among the blocks: letters of long, link-poor blocks, per subtree.
  std::vector<uint32_t> good(size, 0);
  for (const RawBlock& b : blocks) {
    if (b.letters >= 60 && b.link_density() < 0.25) good[b.block.node] += static_cast<uint32_t>(b.letters);
  }
  for (NodeId id = static_cast<NodeId>(size - 1); id >= 1; --id) good[dom.parent(id)] += good[id];
  auto link_density = [&](NodeId id) {
    return block_letters[id] == 0
               ? 0.0
               : static_cast<double>(link_letters[id]) / static_cast<double>(block_letters[id]);
  };

  // 3. The container: by the JSON-LD hint when it fits the page, else by vote.
  NodeId top = kNoNode;
  std::vector<NodeId> chosen;
  if (options_.use_json_ld_hint) {
    std::string article_body = JsonLdArticleBody(dom);
    if (CountLetters(article_body) >= 250) {
      std::vector<uint64_t> grams = WordShingles(article_body);
      std::unordered_set<uint64_t> set(grams.begin(), grams.end());
      std::vector<uint32_t> matched(size, 0);
      for (const RawBlock& b : blocks) {
        std::vector<uint64_t> g = WordShingles(b.block.text);
        if (g.empty()) continue;
        size_t hits = 0;
        for (uint64_t x : g) hits += set.count(x);
        if (2 * hits >= g.size()) matched[b.block.node] += static_cast<uint32_t>(b.letters);
      }
      for (NodeId id = static_cast<NodeId>(size - 1); id >= 1; --id) matched[dom.parent(id)] += matched[id];
      const double total = matched[0];
      if (total >= 0.5 * static_cast<double>(CountLetters(article_body))) {
        // Descend while one child holds 90% of what matched.
        NodeId node = Dom::root();
        for (bool descended = true; descended;) {
          descended = false;
          for (NodeId c = dom.first_child(node); c != kNoNode; c = dom.next_sibling(c)) {
            if (matched[c] >= 0.9 * total) {
              node = c;
              descended = true;
              break;
            }
          }
        }
        top = node;
        chosen.push_back(node);
      } else if (total < 0.2 * static_cast<double>(CountLetters(article_body))) {
        // The page's markup does not carry the article (it is drawn by script): the JSON-LD
        // text is the only copy there is.
        body.blocks = BlocksOfPlainText(article_body);
        return body;
      }
    }
  }

  if (top == kNoNode) {
    std::vector<double> score(size, 0.0);
    std::vector<uint8_t> scored(size, 0);
    std::vector<NodeId> candidates;
    auto initial = [&](NodeId id) {
      std::string_view tag = dom.tag(id);
      double s = 0;
      if (tag == "div" || tag == "article" || tag == "main" || tag == "section") s += 5;
      else if (tag == "pre" || tag == "td" || tag == "blockquote") s += 3;
      else if (OneOf(tag, {"address", "ol", "ul", "dl", "dd", "dt", "li", "form"})) s -= 3;
      else if (IsHeadingTag(tag) || tag == "th") s -= 5;
      s += options_.class_weight * class_sign[id];
      return s;
    };
    for (const RawBlock& b : blocks) {
      if (b.letters < static_cast<size_t>(options_.min_paragraph_chars)) continue;
      double s = (1.0 + static_cast<double>(b.commas) +
                  std::min(static_cast<double>(b.letters) / 100.0, 3.0)) *
                 (1.0 - b.link_density());
      // A container's own text (a div of text and <br>s) makes it a candidate too.
      NodeId node = b.block.node;
      std::string_view owner_tag = dom.tag(node);
      if (owner_tag == "p" || owner_tag == "li" || owner_tag == "td" || owner_tag == "pre" ||
          owner_tag == "blockquote" || IsHeadingTag(owner_tag) || owner_tag == "dd" ||
          owner_tag == "dt" || owner_tag == "th" || node == Dom::root()) {
        node = dom.parent(b.block.node);
      }
      for (int level = 0; level < 5 && node != kNoNode && node != Dom::root(); ++level) {
        if (!scored[node]) {
          scored[node] = 1;
          score[node] = initial(node);
          candidates.push_back(node);
        }
        double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        score[node] += s / divider;
        node = dom.parent(node);
      }
    }
    double best = 0;
    for (NodeId c : candidates) {
      score[c] *= 1.0 - link_density(c);
      if (top == kNoNode || score[c] > best) {
        top = c;
        best = score[c];
      }
    }
    if (top != kNoNode) {
      // An article cut into fragments (frames, cards, CMS blocks) elects one fragment: climb
      // while the parent adds text that is mostly prose (long, link-poor blocks).
      for (NodeId p = dom.parent(top); p != kNoNode && p != Dom::root() && !dom.IsElement(p, "body");
           p = dom.parent(p)) {
        double extra = static_cast<double>(block_letters[p]) - block_letters[top];
        double extra_good = static_cast<double>(good[p]) - good[top];
        if (extra <= 0) {
          top = p;  // nothing new: the same text, a wider element
          continue;
        }
        if (extra_good < options_.climb_prose_fraction * extra) break;
        top = p;
      }
      NodeId parent = dom.parent(top);
      double threshold = std::max(10.0, options_.sibling_score_fraction * best);
      for (NodeId c = dom.first_child(parent); c != kNoNode; c = dom.next_sibling(c)) {
        bool join = c == top;
        if (!join && scored[c] && score[c] >= threshold) join = true;
        if (!join && dom.IsElement(c, "p") && !excluded[c]) {
          double ld = link_density(c);
          join = (block_letters[c] > 80 && ld < 0.25);
        }
        if (join) chosen.push_back(c);
      }
    }
  }

  // 4. The chosen containers' blocks, in document order, without link lists and the headline.
  body.container = top;
  // Chosen containers are disjoint (one element and its siblings), so marking them is linear.
  std::vector<uint8_t> in_chosen(chosen.empty() ? 0 : size, 0);
  for (NodeId c : chosen) std::fill(in_chosen.begin() + c, in_chosen.begin() + dom.SubtreeEnd(c), 1);
  auto inside = [&](NodeId n) { return chosen.empty() || in_chosen[n] != 0; };
  // A label is a heading or a short line without closing punctuation ("Read also", "Explore
  // further", "Das könnte Sie auch interessieren!" before a list of links). A label kept only
  // when prose follows it before the next label: one that introduces a link list that was
  // dropped, or that ends the body, introduces nothing of the article.
  std::vector<RawBlock*> kept;
  std::vector<uint8_t> label;
  std::vector<uint8_t> before_dropped_list;
  for (RawBlock& b : blocks) {
    if (!inside(b.block.node)) continue;
    if (b.link_density() > options_.max_link_density) {
      if (!kept.empty() && b.letters >= 20) before_dropped_list.back() = 1;
      continue;
    }
    if (b.h1 && options_.drop_h1) continue;
    if (chosen.empty() && b.letters < static_cast<size_t>(options_.min_paragraph_chars)) continue;
    kept.push_back(&b);
    label.push_back(options_.drop_orphan_labels && IsLabel(b) ? 1 : 0);
    before_dropped_list.push_back(0);
  }
  size_t end = kept.size();  // labels after the last prose block end the body
  while (end > 0 && label[end - 1]) --end;
  for (size_t i = 0; i < kept.size(); ++i) {
    if (label[i] && (i >= end || before_dropped_list[i])) continue;
    body.blocks.push_back(std::move(kept[i]->block));
  }
  return body;
}

}  // namespace verbatim::html
