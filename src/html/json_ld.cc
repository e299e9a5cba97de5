#include "html/json_ld.h"

#include "simdjson.h"

namespace verbatim::html {
namespace {

using simdjson::SUCCESS;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string StringOf(element e) {
  std::string_view v;
  if (e.get_string().get(v) == SUCCESS) return std::string(v);
  array a;
  if (e.get_array().get(a) == SUCCESS) {
    for (element item : a) {
      if (item.get_string().get(v) == SUCCESS) return std::string(v);
    }
  }
  object o;  // {"@value": "..."} and {"@id": ...} forms
  if (e.get_object().get(o) == SUCCESS && o["@value"].get_string().get(v) == SUCCESS) {
    return std::string(v);
  }
  return "";
}

std::string Field(object o, std::string_view key) {
  element e;
  if (o[key].get(e) != SUCCESS) return "";
  return StringOf(e);
}

// A person or organisation's name: a string, or an object's "name" (itself maybe an array).
void AppendNames(element e, std::vector<std::string>& out) {
  std::string_view v;
  if (e.get_string().get(v) == SUCCESS) {
    if (!v.empty()) out.emplace_back(v);
    return;
  }
  array a;
  if (e.get_array().get(a) == SUCCESS) {
    for (element item : a) AppendNames(item, out);
    return;
  }
  object o;
  if (e.get_object().get(o) == SUCCESS) {
    std::string name = Field(o, "name");
    if (name.empty()) {
      std::string given = Field(o, "givenName"), family = Field(o, "familyName");
      name = given.empty() ? family : family.empty() ? given : given + " " + family;
    }
    if (!name.empty()) out.push_back(std::move(name));
  }
}

void Walk(element e, int depth, std::vector<JsonLdEntity>& out) {
  if (depth > 6) return;
  array a;
  if (e.get_array().get(a) == SUCCESS) {
    for (element item : a) Walk(item, depth + 1, out);
    return;
  }
  object o;
  if (e.get_object().get(o) != SUCCESS) return;
  element type;
  if (o["@type"].get(type) == SUCCESS) {
    JsonLdEntity ent;
    std::string_view t;
    array types;
    if (type.get_string().get(t) == SUCCESS) {
      ent.types.emplace_back(t);
    } else if (type.get_array().get(types) == SUCCESS) {
      for (element x : types) {
        if (x.get_string().get(t) == SUCCESS) ent.types.emplace_back(t);
      }
    }
    ent.headline = Field(o, "headline");
    ent.name = Field(o, "name");
    ent.description = Field(o, "description");
    ent.date_published = Field(o, "datePublished");
    if (ent.date_published.empty()) ent.date_published = Field(o, "uploadDate");
    ent.date_created = Field(o, "dateCreated");
    ent.date_modified = Field(o, "dateModified");
    ent.url = Field(o, "url");
    ent.in_language = Field(o, "inLanguage");
    element x;
    if (o["author"].get(x) == SUCCESS) AppendNames(x, ent.authors);
    if (ent.authors.empty() && o["creator"].get(x) == SUCCESS) AppendNames(x, ent.authors);
    if (o["publisher"].get(x) == SUCCESS) {
      std::vector<std::string> names;
      AppendNames(x, names);
      if (!names.empty()) ent.publisher = names.front();
    }
    out.push_back(std::move(ent));
  }
  for (std::string_view key : {"@graph", "mainEntity", "mainEntityOfPage"}) {
    element child;
    if (o[key].get(child) == SUCCESS) Walk(child, depth + 1, out);
  }
}

// Removes what pages wrap JSON in and what strict JSON forbids but pages write: raw line
// breaks and tabs inside strings (replaced by spaces, which is harmless between tokens too).
std::string CleanJson(std::string_view json) {
  size_t b = json.find_first_of("{[");
  size_t e = json.find_last_of("}]");
  if (b == std::string_view::npos || e == std::string_view::npos || e < b) return "";
  std::string out(json.substr(b, e - b + 1));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return out;
}

}  // namespace

bool JsonLdEntity::IsArticle() const {
  for (const std::string& t : types) {
    if (EndsWith(t, "Article") || t == "BlogPosting" || t == "SocialMediaPosting" ||
        t == "LiveBlogPosting" || t == "Report" || t == "Blog") {
      return true;
    }
  }
  return false;
}

bool JsonLdEntity::IsWebPage() const {
  for (const std::string& t : types) {
    if (EndsWith(t, "WebPage") || t == "ItemPage" || t == "AboutPage") return true;
  }
  return false;
}

std::vector<JsonLdEntity> ParseJsonLd(std::string_view json) {
  std::vector<JsonLdEntity> out;
  std::string clean = CleanJson(json);
  if (clean.empty()) return out;
  simdjson::dom::parser parser;
  element root;
  // Hand-written JSON-LD often closes one brace too many: retry without the last closers.
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (parser.parse(simdjson::padded_string(clean)).get(root) == SUCCESS) {
      Walk(root, 0, out);
      return out;
    }
    size_t last = clean.find_last_of("}]");
    if (last == std::string::npos || last == 0) break;
    size_t prev = clean.find_last_of("}]", last - 1);
    if (prev == std::string::npos) break;
    clean.resize(prev + 1);
  }
  return out;
}

}  // namespace verbatim::html
