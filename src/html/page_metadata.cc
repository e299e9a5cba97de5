#include "html/page_metadata.h"

#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

#include "html/json_ld.h"
#include "text/dates.h"

namespace verbatim::html {
namespace {

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// Trims and collapses runs of white space (NBSP included) to one space.
std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool sp = IsSpaceByte(s[i]);
    if (!sp && s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      sp = true;
      ++i;
    }
    if (sp) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(s[i]);
  }
  return out;
}

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

bool ContainsAny(std::string_view hay, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles) {
    if (Contains(hay, n)) return true;
  }
  return false;
}

// Lower-case ASCII letters and digits only, other bytes (UTF-8 letters) kept: for comparing
// a title's part with an outlet's name ("The Post" vs "the-post").
std::string Fold(std::string_view s) {
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) out.push_back(c);
    else if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c + 32));
  }
  return out;
}

std::string_view Host(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  size_t end = rest.find_first_of("/?#:");
  return rest.substr(0, end);
}

std::string SiteDomain(std::string_view url) {
  std::string host = Lower(Host(url));
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

// The class and id of an element, lower-case, space-separated.
std::string ClassAndId(const Dom& dom, NodeId id) {
  std::string s = Lower(dom.attr(id, "class"));
  s.push_back(' ');
  s += Lower(dom.attr(id, "id"));
  return s;
}

// Page parts whose dates and names belong to something else than the article: comments,
// related-link lists, navigation, asides, footers, widgets.
bool IsExcludedZone(const Dom& dom, NodeId id) {
  std::string_view tag = dom.tag(id);
  if (tag == "footer" || tag == "nav" || tag == "aside") return true;
  // The page's wrappers carry state classes ("comments-open") that say nothing of their parts.
  if (tag == "html" || tag == "body" || tag == "main" || tag == "article") return false;
  std::string ci = ClassAndId(dom, id);
  if (ci.size() <= 1) return false;
  return ContainsAny(ci, {"comment", "related", "sidebar", "widget", "recommend", "footer",
                          "reply", "disqus", "popular", "trending", "most-read", "mostread",
                          "more-stories", "outbrain", "taboola", "newsletter", "teaser",
                          "breadcrumb", "navigation", "navbar", "topbar", "top-bar"});
}

// Everything the extractor reads, gathered in one walk over the page.
struct Signals {
  std::vector<std::pair<std::string, std::string>> metas;  // (name|property|itemprop, content)
  std::string html_lang;
  std::string canonical;
  std::string title_tag;
  NodeId h1 = kNoNode;
  std::vector<JsonLdEntity> json_ld;
  std::vector<NodeId> times;          // <time>/itemprop=datePublished outside excluded zones
  std::vector<NodeId> author_nodes;   // itemprop=author, rel=author
  std::vector<NodeId> byline_nodes;   // class/id author or byline
  std::vector<NodeId> date_nodes;     // class/id speaking of dates
  std::vector<uint8_t> excluded;      // per node: inside an excluded zone
  std::vector<uint8_t> in_article;    // per node: inside <article>
};

Signals Gather(const Dom& dom) {
  Signals s;
  s.excluded.assign(dom.size(), 0);
  s.in_article.assign(dom.size(), 0);
  for (NodeId id = 1; id < dom.size(); ++id) {
    NodeId p = dom.parent(id);
    if (p != kNoNode) {
      s.excluded[id] = s.excluded[p];
      s.in_article[id] = s.in_article[p];
    }
    if (!dom.IsElement(id)) continue;
    std::string_view tag = dom.tag(id);
    if (!s.excluded[id] && IsExcludedZone(dom, id)) s.excluded[id] = 1;
    if (tag == "article") s.in_article[id] = 1;
    if (tag == "html" && s.html_lang.empty()) {
      s.html_lang = std::string(dom.attr(id, "lang"));
      if (s.html_lang.empty()) s.html_lang = std::string(dom.attr(id, "xml:lang"));
    } else if (tag == "title" && s.title_tag.empty() && dom.Closest(id, "svg") == kNoNode) {
      s.title_tag = dom.TextContent(id);
    } else if (tag == "h1" && s.h1 == kNoNode && !s.excluded[id]) {
      if (!Collapse(dom.TextContent(id)).empty()) s.h1 = id;
    } else if (tag == "link") {
      std::string rel = Lower(dom.attr(id, "rel"));
      if (rel == "canonical" && s.canonical.empty()) s.canonical = std::string(dom.attr(id, "href"));
    } else if (tag == "script") {
      if (Lower(dom.attr(id, "type")) == "application/ld+json") {
        for (NodeId c = id + 1; c < dom.SubtreeEnd(id); ++c) {
          if (!dom.IsText(c)) continue;
          std::vector<JsonLdEntity> ents = ParseJsonLd(dom.text(c));
          for (JsonLdEntity& e : ents) s.json_ld.push_back(std::move(e));
        }
      }
      continue;
    }
    std::string_view itemprop = dom.attr(id, "itemprop");
    if (tag == "meta" || (!itemprop.empty() && dom.HasAttr(id, "content"))) {
      if (s.excluded[id]) continue;
      std::string_view content = dom.attr(id, "content");
      for (std::string_view key_attr : {"name", "property", "itemprop", "http-equiv"}) {
        std::string_view key = dom.attr(id, key_attr);
        if (!key.empty() && !content.empty()) {
          s.metas.emplace_back(Lower(key), Collapse(content));
        }
      }
      if (tag == "meta") continue;
    }
    if (s.excluded[id]) continue;
    std::string lower_itemprop = Lower(itemprop);
    if (tag == "time" || lower_itemprop == "datepublished") s.times.push_back(id);
    if (lower_itemprop == "author" || lower_itemprop == "creator" ||
        Lower(dom.attr(id, "rel")) == "author") {
      s.author_nodes.push_back(id);
    }
    std::string ci = ClassAndId(dom, id);
    if (ci.size() > 1) {
      if (ContainsAny(ci, {"byline", "author"})) s.byline_nodes.push_back(id);
      if (ContainsAny(ci, {"date", "time", "publish", "posted", "byline", "dateline", "meta",
                           "datum", "fecha", "data", "zeit", "info"})) {
        s.date_nodes.push_back(id);
      }
    }
  }
  return s;
}

const std::string* FindMeta(const Signals& s, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys) {
    for (const auto& [key, value] : s.metas) {
      if (key == k && !value.empty()) return &value;
    }
  }
  return nullptr;
}

std::optional<std::string> MetaValue(const Signals& s,
                                     std::initializer_list<std::string_view> keys) {
  const std::string* v = FindMeta(s, keys);
  if (v == nullptr) return std::nullopt;
  return *v;
}

constexpr std::string_view kPublishedMetas[] = {
    "article:published_time", "article:published", "og:published_time",
    "og:article:published_time", "published_time", "article.published", "datepublished",
    "publishdate", "publish-date", "publish_date", "pubdate", "pub_date", "pub-date",
    "publication_date", "date_published", "article_date_original", "original-publish-date",
    "sailthru.date", "parsely-pub-date", "dc.date.issued", "dc.date.created", "dc.date",
    "dcterms.issued", "dcterms.created", "dcterms.date", "citation_publication_date",
    "citation_date", "rnews:datepublished", "article:post_date", "datecreated", "date",
    "created", "displaydate", "cxenseparse:recs:publishtime"};

constexpr std::string_view kModifiedMetas[] = {
    "article:modified_time", "article:modified", "og:updated_time", "modified_time",
    "datemodified", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod",
    "revised", "updated_time"};

class DateChooser {
 public:
  explicit DateChooser(const MetadataOptions& o) : options_(o) {
    reference_ = text::ParseIsoDate(o.reference_date);
  }

  // The normalised value when it is a plausible date, else nullopt.
  std::optional<std::string> Usable(std::string_view raw) const {
    std::optional<std::string> v = text::NormalizeDateTime(raw);
    if (!v) return std::nullopt;
    std::optional<text::CivilDate> d = text::ParseIsoDate(std::string_view(*v).substr(0, 10));
    return d && Plausible(*d) ? v : std::nullopt;
  }
  bool Plausible(const text::CivilDate& d) const {
    if (d.year < options_.min_year || d.year > options_.max_year) return false;
    return !reference_ || d <= *reference_;
  }
  // The first of `values`, or with original_date the earliest (by calendar date).
  std::optional<std::string> Pick(const std::vector<std::string>& values) const {
    if (values.empty()) return std::nullopt;
    if (!options_.original_date) return values.front();
    return *std::min_element(values.begin(), values.end(), [](const auto& a, const auto& b) {
      return a.substr(0, 10) < b.substr(0, 10);
    });
  }

 private:
  const MetadataOptions& options_;
  std::optional<text::CivilDate> reference_;
};

// The entity that describes the page's article: the first article-typed one with a date, else
// the first article-typed one, else a WebPage with a date, else another typed entity that
// names the page's own URL (a video page's VideoObject), else nullptr. A VideoObject embedded
// in an article is not the article: its upload date is not the article's.
const JsonLdEntity* MainEntity(const std::vector<JsonLdEntity>& ents, std::string_view url) {
  auto dated = [](const JsonLdEntity& e) {
    return !(e.date_published.empty() && e.date_created.empty());
  };
  for (const JsonLdEntity& e : ents) {
    if (e.IsArticle() && dated(e)) return &e;
  }
  for (const JsonLdEntity& e : ents) {
    if (e.IsArticle()) return &e;
  }
  for (const JsonLdEntity& e : ents) {
    if (e.IsWebPage() && dated(e)) return &e;
  }
  for (const JsonLdEntity& e : ents) {
    if (dated(e) && !url.empty() && e.url == url) return &e;
  }
  return nullptr;
}

// Words that mark a date as a modification, not the publication: "Updated March 28, 2020".
bool PrecededByUpdate(std::string_view text, size_t begin) {
  size_t from = begin > 40 ? begin - 40 : 0;
  std::string before = Lower(text.substr(from, begin - from));
  return ContainsAny(before, {"updated", "update:", "modified", "aktualisiert", "geändert",
                              "mis à jour", "modifié", "actualizado", "actualización",
                              "aggiornato", "atualizado", "bijgewerkt", "обновлено"});
}

// Dates written in one short element's text, not marked as updates.
std::vector<std::string> ElementDates(const Dom& dom, NodeId id, const DateChooser& chooser) {
  std::vector<std::string> out;
  std::string text = dom.TextContent(id);
  if (text.size() > 400) return out;
  for (const text::TextDate& d : text::FindTextDates(text)) {
    if (!chooser.Plausible(d.date) || PrecededByUpdate(text, d.begin)) continue;
    out.push_back(d.date.Iso());
  }
  return out;
}

struct DateResult {
  std::optional<std::string> value;
  std::string source;
};

// A date from the markup: JSON-LD, meta tags, <time>/datePublished elements.
DateResult MarkupDate(const Dom& dom, const Signals& s, const JsonLdEntity* main,
                      const DateChooser& chooser, const MetadataOptions& options) {
  std::optional<std::string> json_ld;
  if (main != nullptr) {
    // dateCreated is often the CMS draft's creation, days before publication: a fallback only.
    json_ld = chooser.Usable(main->date_published);
    if (!json_ld) json_ld = chooser.Usable(main->date_created);
  }
  std::vector<std::string> metas;
  for (std::string_view k : kPublishedMetas) {
    for (const auto& [key, value] : s.metas) {
      if (key != k) continue;
      if (auto d = chooser.Usable(value)) metas.push_back(*d);
    }
  }
  std::optional<std::string> meta = chooser.Pick(metas);
  if (json_ld) {
    // Two publication dates in the markup: the original date is the earlier one (a JSON-LD
    // block regenerated on update, or shifted by a wrong zone, gives a later one).
    if (options.original_date && meta && meta->substr(0, 10) < json_ld->substr(0, 10)) {
      return {meta, "meta"};
    }
    return {json_ld, "json-ld"};
  }
  if (meta) return {meta, "meta"};

  // A <time> or datePublished element: one marked as the publication first, then any in the
  // article or after the headline (a <time> above the headline is often the site's "today"
  // in the masthead).
  std::optional<std::string> plain;
  for (NodeId id : s.times) {
    std::string_view raw = dom.attr(id, "datetime");
    if (raw.empty()) raw = dom.attr(id, "content");
    std::optional<std::string> v;
    if (!raw.empty()) v = chooser.Usable(raw);
    if (!v) {
      std::vector<std::string> in_text = ElementDates(dom, id, chooser);
      if (!in_text.empty()) v = in_text.front();
    }
    if (!v) continue;
    std::string marks = ClassAndId(dom, id) + " " + Lower(dom.attr(id, "itemprop"));
    if (ContainsAny(marks, {"update", "modif"})) continue;
    if (dom.HasAttr(id, "pubdate") ||
        ContainsAny(marks, {"datepublished", "publish", "entry-date", "posted", "created"})) {
      return {v, "time"};
    }
    if (!plain && (s.in_article[id] || (s.h1 != kNoNode && id > s.h1))) plain = v;
  }
  if (plain) return {plain, "time"};
  return {};
}

// The element the article starts at: the first <h1>, else a short element whose text is the
// title (pages that set their headline in a <div> or <td>), else kNoNode.
NodeId HeadlineAnchor(const Dom& dom, const Signals& s, const std::optional<std::string>& title) {
  if (s.h1 != kNoNode) return s.h1;
  if (!title) return kNoNode;
  std::string folded_title = Fold(*title);
  if (folded_title.size() < 8) return kNoNode;
  for (NodeId id = 0; id < dom.size(); ++id) {
    if (!dom.IsElement(id) || s.excluded[id] || dom.SubtreeEnd(id) - id > 8) continue;
    std::string_view tag = dom.tag(id);
    if (tag == "title" || tag == "a" || tag == "script" || tag == "style" || tag == "option" ||
        dom.Closest(id, "head") != kNoNode) {
      continue;
    }
    if (Fold(dom.TextContent(id)) == folded_title) return id;
  }
  return kNoNode;
}

// A date the page shows: in an element whose class or id speaks of dates, nearest the
// headline (an element before it counts double: mastheads show today's date above
// everything), else the first date written after the headline.
std::optional<std::string> VisibleDate(const Dom& dom, const Signals& s, NodeId anchor,
                                       const DateChooser& chooser) {
  std::optional<std::string> best;
  long best_distance = 0;
  for (NodeId id : s.date_nodes) {
    if (dom.SubtreeEnd(id) - id > 80) continue;
    std::string ci = ClassAndId(dom, id);
    if (ContainsAny(ci, {"update", "modif"})) continue;
    std::vector<std::string> dates = ElementDates(dom, id, chooser);
    if (dates.empty()) continue;
    long distance = static_cast<long>(id);
    if (anchor != kNoNode) {
      distance = static_cast<long>(id) - static_cast<long>(anchor);
      if (distance < 0) distance = -2 * distance;
    }
    if (!best || distance < best_distance) {
      best = chooser.Pick(dates);
      best_distance = distance;
    }
  }
  if (best || anchor == kNoNode) return best;
  std::string text;
  for (NodeId id = anchor; id < dom.size() && text.size() < 3000; ++id) {
    if (!dom.IsText(id) || s.excluded[id]) continue;
    std::string_view ptag = dom.tag(dom.parent(id));
    if (ptag == "script" || ptag == "style" || ptag == "noscript") continue;
    text += dom.text(id);
    text.push_back(' ');
  }
  for (const text::TextDate& d : text::FindTextDates(text)) {
    if (chooser.Plausible(d.date) && !PrecededByUpdate(text, d.begin)) return d.date.Iso();
  }
  return std::nullopt;
}

// Days from `a` to `b` (ISO dates or date-times); a large number when either is no date.
int DayDistance(std::string_view a, std::string_view b) {
  std::optional<text::CivilDate> da = text::ParseIsoDate(a.substr(0, 10));
  std::optional<text::CivilDate> db = text::ParseIsoDate(b.substr(0, 10));
  if (!da || !db) return 1 << 20;
  return text::DaysSinceEpoch(*db) - text::DaysSinceEpoch(*da);
}

bool IsUtc(std::string_view date_time) {
  return date_time.size() > 10 &&
         (date_time.back() == 'Z' || date_time.substr(date_time.size() - 6) == "+00:00");
}

DateResult ChoosePublished(const Dom& dom, const Signals& s, const JsonLdEntity* main,
                           std::string_view url, const std::optional<std::string>& title,
                           const MetadataOptions& options, std::optional<std::string>& modified) {
  DateChooser chooser(options);

  // Modification dates, for the `modified` field and as a last resort.
  std::vector<std::string> mods;
  if (main != nullptr) {
    if (auto v = chooser.Usable(main->date_modified)) mods.push_back(*v);
  }
  for (const auto& [key, value] : s.metas) {
    if (std::find(std::begin(kModifiedMetas), std::end(kModifiedMetas), key) ==
        std::end(kModifiedMetas)) {
      continue;
    }
    if (auto v = chooser.Usable(value)) mods.push_back(*v);
  }
  if (!mods.empty()) {
    modified = *std::max_element(mods.begin(), mods.end(), [](const auto& a, const auto& b) {
      return a.substr(0, 10) < b.substr(0, 10);
    });
  }

  std::optional<text::CivilDate> url_date = text::DateFromUrl(url);
  if (url_date && !chooser.Plausible(*url_date)) url_date.reset();
  NodeId anchor = HeadlineAnchor(dom, s, title);

  DateResult markup = MarkupDate(dom, s, main, chooser, options);
  if (markup.value) {
    // A time stamp is often written in UTC (or a server's zone) while the page's calendar day
    // is local: "2020-04-14T00:38:07Z" on a page of 13 April. A URL or a shown date one day
    // off is the local day.
    int url_distance = url_date ? std::abs(DayDistance(*markup.value, url_date->Iso())) : -1;
    if (url_distance == 1) return {url_date->Iso(), "url"};
    if (url_distance != 0 && options.text_dates && IsUtc(*markup.value)) {
      std::optional<std::string> shown = VisibleDate(dom, s, anchor, chooser);
      if (shown && std::abs(DayDistance(*markup.value, *shown)) == 1) return {shown, "text"};
    }
    return markup;
  }
  if (url_date) return {url_date->Iso(), "url"};
  if (options.text_dates) {
    if (std::optional<std::string> shown = VisibleDate(dom, s, anchor, chooser)) {
      return {shown, "text"};
    }
  }
  if (options.modified_fallback && modified) return {chooser.Pick(mods), "modified"};
  return {};
}

// Removes a site-name part from a title: "Story - The Post" -> "Story" when "The Post" names
// the outlet (or the domain: "Story | nzz.ch").
std::string StripSiteName(const std::string& title, const std::optional<std::string>& outlet,
                          std::string_view domain) {
  static constexpr std::string_view kSeparators[] = {
      " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ", " \xC2\xB7 ",
      " / ", " : "};
  std::string folded_outlet = outlet ? Fold(*outlet) : "";
  std::string folded_domain = Fold(domain);
  std::string domain_label(domain.substr(0, domain.find('.')));
  std::string folded_label = Fold(domain_label);
  auto names_site = [&](std::string_view part) {
    std::string f = Fold(part);
    if (f.empty()) return false;
    if (!folded_outlet.empty() &&
        (f == folded_outlet || (f.size() >= 4 && Contains(folded_outlet, f)) ||
         (folded_outlet.size() >= 4 && Contains(f, folded_outlet)))) {
      return true;
    }
    return (!folded_domain.empty() && f == folded_domain) ||
           (folded_label.size() >= 3 && (f == folded_label || Contains(f, folded_label)) &&
            f.size() <= folded_label.size() + 12);
  };
  for (std::string_view sep : kSeparators) {
    size_t last = title.rfind(sep);
    if (last != std::string::npos && last > 0 &&
        names_site(std::string_view(title).substr(last + sep.size()))) {
      return StripSiteName(title.substr(0, last), outlet, domain);
    }
    size_t first = title.find(sep);
    if (first != std::string::npos && first + sep.size() < title.size() &&
        names_site(std::string_view(title).substr(0, first))) {
      return title.substr(first + sep.size());
    }
  }
  return title;
}

// "By Jane Doe" -> "Jane Doe"; "" for what cannot be a person's name.
std::string CleanAuthor(std::string_view raw) {
  std::string a = Collapse(raw);
  auto strip_leading = [&a] {
    size_t k = 0;
    while (k < a.size() && (a[k] == ',' || a[k] == ';' || a[k] == ':' || a[k] == '|' ||
                            a[k] == '-' || a[k] == ' ')) {
      ++k;
    }
    a.erase(0, k);
  };
  strip_leading();
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view prefix :
         {"By ", "by ", "BY ", "Von ", "von ", "Par ", "par ", "Por ", "por ", "Di ", "di ",
          "Door ", "door ", "About the Author", "About the author", "Autor:", "Author:",
          "Autor ", "Author ", "Text:", "Text von "}) {
      if (a.rfind(prefix, 0) == 0) {
        a.erase(0, prefix.size());
        strip_leading();
        stripped = true;
      }
    }
  }
  while (!a.empty() && (a.back() == ',' || a.back() == '|' || a.back() == ' ')) a.pop_back();
  size_t words = a.empty() ? 0 : 1 + std::count(a.begin(), a.end(), ' ');
  // "Zeige alle Beiträge von Max Muster →" is a link label, not a name.
  if (a.empty() || a.size() > 80 || words > 6 || Contains(a, "http") || Contains(a, "www.") ||
      Contains(a, "@") || Contains(a, "{") || Contains(a, "\xE2\x86\x92")) {
    return "";
  }
  return a;
}

// "Rob Picheta, CNN" -> "Rob Picheta" and "unocero - Alberto Ávila" -> "Alberto Ávila" when
// the other part names the outlet.
std::string WithoutOutlet(std::string a, const std::string& folded_outlet,
                          const std::string& folded_label) {
  auto names_outlet = [&](std::string_view part) {
    std::string f = Fold(part);
    return !f.empty() && (f == folded_outlet || (folded_label.size() >= 3 && f == folded_label));
  };
  for (std::string_view sep : {", ", " - ", " | ", " / "}) {
    size_t at = a.rfind(sep);
    if (at != std::string::npos && names_outlet(std::string_view(a).substr(at + sep.size()))) {
      return a.substr(0, at);
    }
    at = a.find(sep);
    if (at != std::string::npos && names_outlet(std::string_view(a).substr(0, at))) {
      return a.substr(at + sep.size());
    }
  }
  return a;
}

std::optional<std::string> JoinAuthors(const std::vector<std::string>& raw,
                                       const std::optional<std::string>& outlet) {
  std::vector<std::string> names;
  std::string folded_outlet = outlet ? Fold(*outlet) : "";
  std::string folded_label = folded_outlet.substr(0, folded_outlet.find('.'));
  for (const std::string& r : raw) {
    std::string a = CleanAuthor(WithoutOutlet(Collapse(r), folded_outlet, folded_label));
    if (a.empty() || (!folded_outlet.empty() && Fold(a) == folded_outlet)) continue;
    bool dup = std::any_of(names.begin(), names.end(),
                           [&](const std::string& n) { return Fold(n) == Fold(a); });
    if (!dup) names.push_back(a);
  }
  if (names.empty()) return std::nullopt;
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += "; ";
    out += n;
  }
  return out;
}

std::optional<std::string> ChooseAuthor(const Dom& dom, const Signals& s,
                                        const JsonLdEntity* main,
                                        const std::optional<std::string>& outlet) {
  if (main != nullptr) {
    if (auto a = JoinAuthors(main->authors, outlet)) return a;
  }
  for (const JsonLdEntity& e : s.json_ld) {
    if (e.IsArticle()) {
      if (auto a = JoinAuthors(e.authors, outlet)) return a;
    }
  }
  for (std::string_view key : {"author", "article:author", "parsely-author", "sailthru.author",
                               "dc.creator", "dcterms.creator", "byl", "citation_author",
                               "twitter:creator:name"}) {
    std::vector<std::string> v;
    for (const auto& [k, value] : s.metas) {
      if (k == key) v.push_back(value);
    }
    if (auto a = JoinAuthors(v, outlet)) return a;
  }
  auto node_name = [&](NodeId id) {
    // itemprop=author may wrap itemprop=name.
    for (NodeId c = id + 1; c < dom.SubtreeEnd(id); ++c) {
      if (dom.IsElement(c) && Lower(dom.attr(c, "itemprop")) == "name") {
        std::string_view content = dom.attr(c, "content");
        return content.empty() ? dom.TextContent(c) : std::string(content);
      }
    }
    std::string_view content = dom.attr(id, "content");
    return content.empty() ? dom.TextContent(id) : std::string(content);
  };
  {
    std::vector<std::string> v;
    for (NodeId id : s.author_nodes) v.push_back(node_name(id));
    if (auto a = JoinAuthors(v, outlet)) return a;
  }
  for (NodeId id : s.byline_nodes) {
    if (dom.SubtreeEnd(id) - id > 12) continue;
    std::string t = CleanAuthor(dom.TextContent(id));
    size_t words = t.empty() ? 0 : 1 + std::count(t.begin(), t.end(), ' ');
    bool digits = std::any_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (words >= 2 && words <= 6 && !digits) return JoinAuthors({t}, outlet);
  }
  return std::nullopt;
}

std::optional<std::string> PrimaryLanguage(std::string_view tag) {
  std::string t = Lower(Collapse(tag));
  t = t.substr(0, t.find_first_of("-_ ,;"));
  if (t.size() < 2 || t.size() > 3) return std::nullopt;
  for (char c : t) {
    if (c < 'a' || c > 'z') return std::nullopt;
  }
  return t;
}

std::string Absolute(std::string_view href, std::string_view base) {
  std::string h = Collapse(href);
  if (h.empty() || Contains(h, "://")) return h;
  size_t scheme = base.find("://");
  if (scheme == std::string_view::npos) return h;
  if (h.rfind("//", 0) == 0) return std::string(base.substr(0, scheme + 1)) + h;
  std::string_view host = Host(base);
  std::string root = std::string(base.substr(0, scheme + 3)) + std::string(host);
  if (h.front() == '/') return root + h;
  return root + "/" + h;
}

std::optional<std::string> NonEmpty(std::string s) {
  s = Collapse(s);
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

MetadataExtractor::MetadataExtractor(Options options) : options_(std::move(options)) {}

PageMetadata MetadataExtractor::Extract(const Dom& dom, std::string_view url) const {
  Signals s = Gather(dom);
  PageMetadata m;

  // Canonical URL first: it stands in for a missing page URL.
  if (!s.canonical.empty()) m.canonical_url = NonEmpty(Absolute(s.canonical, url));
  if (!m.canonical_url) {
    if (auto og = MetaValue(s, {"og:url"})) m.canonical_url = NonEmpty(Absolute(*og, url));
  }
  std::string page_url(url);
  if (page_url.empty() && m.canonical_url) page_url = *m.canonical_url;
  std::string domain = SiteDomain(page_url);
  const JsonLdEntity* main = MainEntity(s.json_ld, page_url);

  m.outlet = MetaValue(s, {"og:site_name"});
  if (!m.outlet && main != nullptr && !main->publisher.empty()) m.outlet = main->publisher;
  if (!m.outlet) {
    for (const JsonLdEntity& e : s.json_ld) {
      if (!e.publisher.empty()) {
        m.outlet = e.publisher;
        break;
      }
    }
  }
  if (!m.outlet) m.outlet = MetaValue(s, {"application-name", "al:android:app_name"});
  if (m.outlet) m.outlet = NonEmpty(*m.outlet);
  if (!m.outlet && !domain.empty()) m.outlet = domain;

  std::vector<std::string> titles;
  if (s.h1 != kNoNode) titles.push_back(dom.TextContent(s.h1));
  if (auto v = MetaValue(s, {"og:title", "twitter:title"})) titles.push_back(*v);
  if (main != nullptr && !main->headline.empty()) titles.push_back(main->headline);
  titles.push_back(s.title_tag);
  for (const std::string& t : titles) {
    std::optional<std::string> clean = NonEmpty(t);
    if (!clean) continue;
    // og:title is sometimes just the site's name ("IBU"): not a title.
    if (m.outlet && Fold(*clean) == Fold(*m.outlet)) continue;
    m.title = NonEmpty(StripSiteName(*clean, m.outlet, domain));
    if (m.title) break;
  }

  DateResult published = ChoosePublished(dom, s, main, page_url, m.title, options_, m.modified);
  m.published = published.value;
  if (m.published) m.published_source = published.source;

  m.author = ChooseAuthor(dom, s, main, m.outlet);

  if (!s.html_lang.empty()) m.lang = PrimaryLanguage(s.html_lang);
  if (!m.lang) {
    if (auto v = MetaValue(s, {"og:locale", "content-language", "language", "dc.language"})) {
      m.lang = PrimaryLanguage(*v);
    }
  }
  if (!m.lang && main != nullptr) m.lang = PrimaryLanguage(main->in_language);

  m.description = MetaValue(s, {"og:description", "description", "twitter:description"});
  if (!m.description && main != nullptr) m.description = NonEmpty(main->description);
  return m;
}

}  // namespace verbatim::html
