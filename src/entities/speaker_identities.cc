#include "entities/speaker_identities.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "text/utf8.h"

namespace verbatim::entities {
namespace {

std::vector<std::string> NameWords(const std::string& name) {
  std::vector<std::string> out;
  std::string folded = text::FoldForMatch(name), w;
  for (char c : folded + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w.push_back(c);
    } else if (!w.empty()) {
      while (w.size() > 3 && w.back() == 'y') w.pop_back();
      out.push_back(w);
      w.clear();
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool SameSpeakerIdentity(const std::string& a, const std::string& b) {
  std::vector<std::string> wa = NameWords(a), wb = NameWords(b);
  if (wa.empty() || wb.empty() || wa.back() != wb.back()) return false;
  const auto& shorter = wa.size() <= wb.size() ? wa : wb;
  const auto& longer = wa.size() <= wb.size() ? wb : wa;
  return std::all_of(shorter.begin(), shorter.end(), [&](const std::string& w) {
    return std::find(longer.begin(), longer.end(), w) != longer.end();
  });
}

absl::StatusOr<Aliases> ParseAliases(std::string_view contents) {
  Aliases out;
  int line_no = 0;
  size_t start = 0;
  while (start <= contents.size()) {
    size_t nl = contents.find('\n', start);
    std::string_view line = contents.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    ++line_no;
    start = nl == std::string_view::npos ? contents.size() + 1 : nl + 1;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat("line ", line_no, ": expected 'Canonical Name = Variant; Variant'"));
    }
    std::string canonical(Trim(line.substr(0, eq)));
    if (canonical.empty()) return absl::InvalidArgumentError(absl::StrCat("line ", line_no, ": empty canonical name"));
    out[canonical] = canonical;
    std::string_view rest = line.substr(eq + 1);
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view v = Trim(rest.substr(0, semi));
      if (!v.empty()) out[std::string(v)] = canonical;
      if (semi == std::string_view::npos) break;
      rest = rest.substr(semi + 1);
    }
  }
  return out;
}

std::vector<SpeakerIdentity> GroupSpeakers(const std::vector<SpeakerName>& names, const Aliases& aliases) {
  // Fullest names first (they found identities), then by quotations.
  std::vector<SpeakerName> order = names;
  std::stable_sort(order.begin(), order.end(), [](const SpeakerName& a, const SpeakerName& b) {
    size_t wa = NameWords(a.name).size(), wb = NameWords(b.name).size();
    if (wa != wb) return wa > wb;
    return a.quotations > b.quotations;
  });
  std::vector<SpeakerIdentity> ids;
  absl::flat_hash_map<std::string, size_t> by_alias;
  for (const SpeakerName& n : order) {
    auto alias = aliases.find(n.name);
    size_t target = ids.size();
    if (alias != aliases.end()) {
      auto it = by_alias.find(alias->second);
      if (it != by_alias.end()) target = it->second;
      else {
        by_alias[alias->second] = ids.size();
        ids.push_back({alias->second, {}, 0, 0});
      }
    } else {
      // The most quoted identity this name can belong to.
      for (size_t i = 0; i < ids.size(); ++i) {
        bool fits = std::any_of(ids[i].variants.begin(), ids[i].variants.end(),
                                [&](const std::string& v) { return SameSpeakerIdentity(v, n.name); });
        if (fits && (target == ids.size() || ids[i].quotations > ids[target].quotations)) target = i;
      }
      if (target == ids.size()) ids.push_back({n.name, {}, 0, 0});
    }
    SpeakerIdentity& id = ids[target];
    id.variants.push_back(n.name);
    id.quotations += n.quotations;
    id.articles += n.articles;
  }
  absl::flat_hash_map<std::string, int64_t> quoted;
  for (const SpeakerName& n : names) quoted[n.name] = n.quotations;
  for (size_t i = 0; i < ids.size(); ++i) {
    SpeakerIdentity& id = ids[i];
    std::stable_sort(id.variants.begin(), id.variants.end(),
                     [&](const std::string& a, const std::string& b) { return quoted[a] > quoted[b]; });
    // Shown by its most quoted full name ("Donald Trump"), not by the longest one, which can
    // carry a stray word a headline put before it ("Offensive Things Donald Trump").
    bool aliased = std::any_of(by_alias.begin(), by_alias.end(), [&](const auto& kv) { return kv.second == i; });
    if (!aliased) {
      auto full = std::find_if(id.variants.begin(), id.variants.end(),
                               [](const std::string& v) { return NameWords(v).size() >= 2; });
      id.name = full != id.variants.end() ? *full : id.variants.front();
    }
  }
  std::stable_sort(ids.begin(), ids.end(), [](const SpeakerIdentity& a, const SpeakerIdentity& b) {
    return a.quotations > b.quotations;
  });
  return ids;
}

}  // namespace verbatim::entities
