#include "html/dom.h"

#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <utility>

namespace verbatim::html {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Elements whose text is not page text.
bool IsHiddenTextElement(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "noscript" || tag == "template";
}

// Elements that end a line of text (a space is put between their text and the next).
bool IsBlockElement(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
      "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
      "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
      "table", "td", "th", "tr", "ul"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), tag) != std::end(kBlocks);
}

}  // namespace

// Appends nodes in document order; the parser adapters drive it.
class Dom::Builder {
 public:
  explicit Builder(Dom& dom) : dom_(dom) {
    dom_.nodes_.push_back(Node{});  // the document node
    open_.push_back(0);
  }

  void StartElement(std::string_view name) {
    Node n;
    n.kind = NodeKind::kElement;
    n.name = Intern(name, /*lower=*/true);
    n.attr_begin = static_cast<uint32_t>(dom_.attrs_.size());
    Link(n);
    open_.push_back(static_cast<NodeId>(dom_.nodes_.size()));
    dom_.nodes_.push_back(n);
  }
  // REQUIRES: called right after StartElement, before any child.
  void AddAttribute(std::string_view name, std::string_view value) {
    dom_.attrs_.push_back(Attr{Intern(name, /*lower=*/true), Intern(value, /*lower=*/false)});
    ++dom_.nodes_.back().attr_count;
  }
  void EndElement() {
    dom_.nodes_[open_.back()].end = static_cast<NodeId>(dom_.nodes_.size());
    open_.pop_back();
  }
  void AddText(std::string_view text) {
    if (text.empty()) return;
    // Adjacent text (libxml2 splits around entities) becomes one node.
    NodeId last = static_cast<NodeId>(dom_.nodes_.size() - 1);
    if (dom_.nodes_[last].kind == NodeKind::kText && dom_.nodes_[last].parent == open_.back() &&
        dom_.nodes_[last].text.offset + dom_.nodes_[last].text.length == dom_.chars_.size()) {
      dom_.chars_.append(text);
      dom_.nodes_[last].text.length += static_cast<uint32_t>(text.size());
      return;
    }
    Node n;
    n.kind = NodeKind::kText;
    n.text = Intern(text, /*lower=*/false);
    Link(n);
    dom_.nodes_.push_back(n);
    dom_.nodes_.back().end = static_cast<NodeId>(dom_.nodes_.size());
  }
  void Finish() {
    while (!open_.empty()) EndElement();
  }

 private:
  void Link(Node& n) {
    n.parent = open_.back();
    size_t depth = open_.size();
    n.depth = static_cast<uint16_t>(std::min<size_t>(depth, std::numeric_limits<uint16_t>::max()));
  }
  Slice32 Intern(std::string_view s, bool lower) {
    Slice32 slice{static_cast<uint32_t>(dom_.chars_.size()), static_cast<uint32_t>(s.size())};
    if (lower) {
      for (char c : s) dom_.chars_.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
    } else {
      dom_.chars_.append(s);
    }
    return slice;
  }

  Dom& dom_;
  std::vector<NodeId> open_;
};

namespace {

std::string_view GumboTagName(const GumboElement& el) {
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece original = el.original_tag;
  gumbo_tag_from_original_text(&original);
  return {original.data, original.length};
}

// Gumbo hands back a tree of GumboNodes; walk it without recursion (pages nest deeply).
void WalkGumbo(const GumboNode* document, Dom::Builder& b) {
  struct Frame {
    const GumboVector* children;
    unsigned next;
  };
  std::vector<Frame> stack;
  stack.push_back({&document->v.document.children, 0});
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next >= f.children->length) {
      stack.pop_back();
      if (!stack.empty()) b.EndElement();
      continue;
    }
    const auto* node = static_cast<const GumboNode*>(f.children->data[f.next++]);
    switch (node->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& el = node->v.element;
        b.StartElement(GumboTagName(el));
        for (unsigned i = 0; i < el.attributes.length; ++i) {
          const auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
          b.AddAttribute(a->name, a->value);
        }
        stack.push_back({&el.children, 0});
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        b.AddText(node->v.text.text);
        break;
      default:
        break;  // comments, the document
    }
  }
}

void WalkLibxml2(xmlNode* first, Dom::Builder& b) {
  std::vector<xmlNode*> stack;  // the open elements' next siblings
  xmlNode* node = first;
  while (node != nullptr || !stack.empty()) {
    if (node == nullptr) {
      node = stack.back();
      stack.pop_back();
      b.EndElement();
      continue;
    }
    xmlNode* next = node->next;
    switch (node->type) {
      case XML_ELEMENT_NODE: {
        b.StartElement(reinterpret_cast<const char*>(node->name));
        for (xmlAttr* a = node->properties; a != nullptr; a = a->next) {
          std::string value;
          for (xmlNode* t = a->children; t != nullptr; t = t->next) {
            if (t->content != nullptr) value += reinterpret_cast<const char*>(t->content);
          }
          b.AddAttribute(reinterpret_cast<const char*>(a->name), value);
        }
        if (node->children != nullptr) {
          stack.push_back(next);
          node = node->children;
          continue;
        }
        b.EndElement();
        break;
      }
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (node->content != nullptr) b.AddText(reinterpret_cast<const char*>(node->content));
        break;
      default:
        break;
    }
    node = next;
  }
}

void InitLibxml2Once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace

Dom Dom::Parse(std::string_view utf8, HtmlParser parser) {
  Dom dom;
  dom.chars_.reserve(utf8.size() / 2);
  Builder b(dom);
  if (parser == HtmlParser::kGumbo) {
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // error records cost time and memory; nobody reads them
    GumboOutput* out = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
    WalkGumbo(out->document, b);
    gumbo_destroy_output(&options, out);
  } else {
    InitLibxml2Once();
    htmlDocPtr doc = htmlReadMemory(
        utf8.data(), static_cast<int>(std::min<size_t>(utf8.size(), INT32_MAX)), nullptr, "UTF-8",
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
            HTML_PARSE_COMPACT | XML_PARSE_HUGE);
    if (doc != nullptr) {
      WalkLibxml2(doc->children, b);
      xmlFreeDoc(doc);
    }
  }
  b.Finish();
  return dom;
}

std::string_view Dom::attr(NodeId id, std::string_view name) const {
  const Node& n = nodes_[id];
  for (uint32_t i = 0; i < n.attr_count; ++i) {
    const Attr& a = attrs_[n.attr_begin + i];
    if (Slice(a.name) == name) return Slice(a.value);
  }
  return {};
}

bool Dom::HasAttr(NodeId id, std::string_view name) const {
  const Node& n = nodes_[id];
  for (uint32_t i = 0; i < n.attr_count; ++i) {
    if (Slice(attrs_[n.attr_begin + i].name) == name) return true;
  }
  return false;
}

std::vector<std::pair<std::string_view, std::string_view>> Dom::Attributes(NodeId id) const {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  const Node& n = nodes_[id];
  for (uint32_t i = 0; i < n.attr_count; ++i) {
    const Attr& a = attrs_[n.attr_begin + i];
    out.emplace_back(Slice(a.name), Slice(a.value));
  }
  return out;
}

NodeId Dom::Closest(NodeId id, std::string_view tag_name) const {
  for (NodeId n = id; n != kNoNode; n = nodes_[n].parent) {
    if (IsElement(n, tag_name)) return n;
  }
  return kNoNode;
}

std::vector<NodeId> Dom::ElementsByTag(std::string_view tag_name) const {
  std::vector<NodeId> out;
  for (NodeId id = 0; id < nodes_.size(); ++id) {
    if (IsElement(id, tag_name)) out.push_back(id);
  }
  return out;
}

std::string Dom::TextContent(NodeId id) const {
  std::string out;
  bool pending_space = false;
  auto append = [&](std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      bool space = IsAsciiSpace(s[i]);
      size_t len = 1;
      if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        space = true;  // no-break space
        len = 2;
      }
      if (space) {
        pending_space = true;
      } else {
        if (pending_space && !out.empty()) out.push_back(' ');
        pending_space = false;
        out.push_back(s[i]);
      }
      i += len;
    }
  };
  NodeId end = nodes_[id].end;
  std::vector<NodeId> block_ends;  // open block elements' subtree ends
  for (NodeId n = id; n < end;) {
    while (!block_ends.empty() && n >= block_ends.back()) {
      pending_space = true;
      block_ends.pop_back();
    }
    if (IsElement(n)) {
      std::string_view t = tag(n);
      if (IsHiddenTextElement(t)) {
        n = nodes_[n].end;
        continue;
      }
      if (IsBlockElement(t)) {
        pending_space = true;
        block_ends.push_back(nodes_[n].end);
      }
    } else if (IsText(n)) {
      append(text(n));
    }
    ++n;
  }
  return out;
}

}  // namespace verbatim::html
