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

namespace {

// SameSpeakerIdentity over names already split by NameWords.
bool SameIdentityWords(const std::vector<std::string>& wa, const std::vector<std::string>& wb) {
  if (wa.empty() || wb.empty() || wa.back() != wb.back()) return false;
  const auto& shorter = wa.size() <= wb.size() ? wa : wb;
  const auto& longer = wa.size() <= wb.size() ? wb : wa;
  return std::all_of(shorter.begin(), shorter.end(), [&](const std::string& w) {
    return std::find(longer.begin(), longer.end(), w) != longer.end();
  });
}

}  // namespace

bool SameSpeakerIdentity(const std::string& a, const std::string& b) {
  return SameIdentityWords(NameWords(a), NameWords(b));
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
  // Each name split into words once.
  struct Entry {
    const SpeakerName* name;
    std::vector<std::string> words;
  };
  std::vector<Entry> order;
  order.reserve(names.size());
  for (const SpeakerName& n : names) order.push_back({&n, NameWords(n.name)});
  // Fullest names first (they found identities), then by quotations.
  std::stable_sort(order.begin(), order.end(), [](const Entry& a, const Entry& b) {
    if (a.words.size() != b.words.size()) return a.words.size() > b.words.size();
    return a.name->quotations > b.name->quotations;
  });
  std::vector<SpeakerIdentity> ids;
  std::vector<std::vector<const std::vector<std::string>*>> variant_words;  // per identity
  // Identities by the last word of any of their variants: a name can only join an identity
  // with a variant that ends in its own last word (SameSpeakerIdentity), so only those are
  // compared (this keeps grouping near linear in the number of names).
  absl::flat_hash_map<std::string, std::vector<size_t>> by_last_word;
  absl::flat_hash_map<std::string, size_t> by_alias;
  for (const Entry& e : order) {
    const SpeakerName& n = *e.name;
    auto alias = aliases.find(n.name);
    size_t target = ids.size();
    if (alias != aliases.end()) {
      auto it = by_alias.find(alias->second);
      if (it != by_alias.end()) target = it->second;
      else {
        by_alias[alias->second] = ids.size();
        ids.push_back({alias->second, {}, 0, 0});
        variant_words.emplace_back();
      }
    } else {
      // The most quoted identity this name can belong to (the first such, in creation order).
      if (!e.words.empty()) {
        auto bucket = by_last_word.find(e.words.back());
        if (bucket != by_last_word.end()) {
          std::vector<size_t> candidates = bucket->second;
          std::sort(candidates.begin(), candidates.end());
          candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
          for (size_t i : candidates) {
            bool fits = std::any_of(variant_words[i].begin(), variant_words[i].end(),
                                    [&](const std::vector<std::string>* v) { return SameIdentityWords(*v, e.words); });
            if (fits && (target == ids.size() || ids[i].quotations > ids[target].quotations)) target = i;
          }
        }
      }
      if (target == ids.size()) {
        ids.push_back({n.name, {}, 0, 0});
        variant_words.emplace_back();
      }
    }
    SpeakerIdentity& id = ids[target];
    id.variants.push_back(n.name);
    id.quotations += n.quotations;
    id.articles += n.articles;
    variant_words[target].push_back(&e.words);
    if (!e.words.empty()) by_last_word[e.words.back()].push_back(target);
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
