// Dom: a parsed HTML page as a compact, read-only tree that the article extractor walks.
//
// The page is parsed by a real HTML parser from Debian (Gumbo, the HTML5 algorithm, by default;
// libxml2's HTML parser as an alternative that docs/PERFORMANCE.md measures beside it) and copied
// into flat arrays in document order (pre-order), so a node's descendants are the ids
// [id + 1, SubtreeEnd(id)) and most walks are loops, not recursion.
//
//   Dom dom = Dom::Parse(utf8_html);
//   for (NodeId id = 0; id < dom.size(); ++id)
//     if (dom.IsElement(id, "p")) use(dom.TextContent(id));
//
// Kept: the document node (id 0), elements (tag names lower-case) with their attributes (names
// lower-case, values with entities decoded), text and CDATA (entities decoded; whitespace-only
// text too, since it separates inline words). Dropped: comments, doctype, processing
// instructions. Text inside <script>, <style> and <noscript> is kept as text nodes of those
// elements (JSON-LD lives in <script>); TextContent skips it.
//
// Thread-safety: a Dom is immutable after Parse; const methods may be called from many threads.
#ifndef VERBATIM_HTML_DOM_H_
#define VERBATIM_HTML_DOM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace verbatim::html {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

enum class NodeKind : uint8_t { kDocument, kElement, kText };

enum class HtmlParser : uint8_t { kGumbo, kLibxml2 };

class Dom {
 public:
  // Parses `utf8` (which must be valid UTF-8 without NUL bytes; the readers guarantee it).
  // Never fails: any input gives a tree, at worst the document node alone.
  static Dom Parse(std::string_view utf8, HtmlParser parser = HtmlParser::kGumbo);

  size_t size() const { return nodes_.size(); }
  static constexpr NodeId root() { return 0; }

  NodeKind kind(NodeId id) const { return nodes_[id].kind; }
  bool IsElement(NodeId id) const { return nodes_[id].kind == NodeKind::kElement; }
  bool IsElement(NodeId id, std::string_view tag_name) const {
    return IsElement(id) && tag(id) == tag_name;
  }
  bool IsText(NodeId id) const { return nodes_[id].kind == NodeKind::kText; }

  // Lower-case element name; "" for text and the document node.
  std::string_view tag(NodeId id) const { return Slice(nodes_[id].name); }
  // Decoded text of a text node; "" otherwise.
  std::string_view text(NodeId id) const { return Slice(nodes_[id].text); }
  // The value of attribute `name` (lower-case), or "" when the element has none.
  std::string_view attr(NodeId id, std::string_view name) const;
  bool HasAttr(NodeId id, std::string_view name) const;
  // All attributes of an element, in source order, as (name, value) pairs.
  std::vector<std::pair<std::string_view, std::string_view>> Attributes(NodeId id) const;

  NodeId parent(NodeId id) const { return nodes_[id].parent; }
  NodeId first_child(NodeId id) const {
    return nodes_[id].end > id + 1 ? id + 1 : kNoNode;
  }
  NodeId next_sibling(NodeId id) const {
    NodeId p = nodes_[id].parent;
    NodeId next = nodes_[id].end;
    return (p != kNoNode && next < nodes_[p].end) ? next : kNoNode;
  }
  // One past the last descendant of `id` (pre-order).
  NodeId SubtreeEnd(NodeId id) const { return nodes_[id].end; }
  int depth(NodeId id) const { return nodes_[id].depth; }

  // Internal: the sink the parser adapters fill (declared here so they can name it).
  class Builder;

  // The nearest ancestor-or-self element named `tag_name`, or kNoNode.
  NodeId Closest(NodeId id, std::string_view tag_name) const;
  // Every element named `tag_name`, in document order.
  std::vector<NodeId> ElementsByTag(std::string_view tag_name) const;

  // The text of the subtree as a browser's innerText would roughly give it on one line: text
  // nodes concatenated, runs of whitespace collapsed to one space, trimmed; <script>, <style>,
  // <noscript> and <template> skipped; <br> and block boundaries become one space.
  std::string TextContent(NodeId id) const;

 private:
  struct Slice32 {
    uint32_t offset = 0;
    uint32_t length = 0;
  };
  struct Node {
    NodeKind kind = NodeKind::kDocument;
    uint16_t depth = 0;
    NodeId parent = kNoNode;
    NodeId end = 0;              // one past the last descendant
    Slice32 name;                // element name
    Slice32 text;                // text node content
    uint32_t attr_begin = 0;     // index into attrs_
    uint32_t attr_count = 0;
  };
  struct Attr {
    Slice32 name;
    Slice32 value;
  };
  std::string_view Slice(Slice32 s) const { return {chars_.data() + s.offset, s.length}; }

  std::vector<Node> nodes_;
  std::vector<Attr> attrs_;
  std::string chars_;  // every name, value and text, back to back
};

}  // namespace verbatim::html

#endif  // VERBATIM_HTML_DOM_H_
