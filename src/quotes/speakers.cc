#include "quotes/speakers.h"

#include <algorithm>

#include "text/utf8.h"

namespace verbatim::quotes {
namespace {

bool IsPunct(const Token& t, char32_t c) { return !t.is_word && t.punct == c; }

bool IsAcronym(const Token& t) {
  return t.is_word && t.all_caps && t.end - t.begin <= 6 && t.lower.size() >= 2;
}

// A title-like token inside a name run: "NATO", "Secretary", "U.S.", "spokesman".
bool IsTitleToken(const Token& t, const Lexicon& lex) {
  if (!t.is_word) return false;
  uint32_t c = lex.Classes(t.lower);
  return (c & (kTitle | kGeoAdjective | kRoleNoun)) != 0 || IsAcronym(t);
}

// Initials before a surname ("JK Rowling"), not an organisation's acronym ("NATO chief",
// "EU Commissioner", "BIFA founder"): at most three capitals, followed by a name word that is
// no title, and not a known organisation or place.
bool IsInitials(const Token& t, const Token& next, const Lexicon& lex) {
  return IsAcronym(t) && t.lower.size() <= 3 && next.is_word && next.capitalized && !next.all_caps &&
         !IsTitleToken(next, lex) && !(lex.Classes(t.lower) & (kOrgSuffix | kGeoAdjective | kTitle)) &&
         !(lex.Classes(next.lower) & kFunction);
}

// Levenshtein distance of at most one: "Mukerjee" / "Mukherjee".
bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or one letter added at the end
  return a.size() == b.size() ? a.substr(i + 1) == b.substr(i + 1) : a.substr(i) == b.substr(i + 1);
}

}  // namespace

Gender GenderOfWord(std::string_view w) {
  static constexpr std::string_view kMale[] = {
      "mr", "mr.", "sir", "lord", "king", "prince", "duke", "earl", "baron", "father", "brother",
      "monsieur", "herr", "senor", "señor", "spokesman", "chairman", "congressman", "businessman",
      "sportsman", "husband", "son", "uncle", "nephew", "grandfather", "boy", "man", "actor",
      "headmaster", "policeman", "fireman", "councilman", "assemblyman", "alderman", "statesman"};
  static constexpr std::string_view kFemale[] = {
      "mrs", "mrs.", "ms", "ms.", "miss", "lady", "dame", "queen", "princess", "duchess",
      "countess", "baroness", "sister", "mother", "madame", "mme", "frau", "senora", "señora",
      "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "sportswoman", "wife",
      "daughter", "aunt", "niece", "grandmother", "girl", "woman", "actress", "headmistress",
      "policewoman", "councilwoman", "assemblywoman", "stateswoman"};
  for (std::string_view m : kMale) {
    if (w == m) return Gender::kMale;
  }
  for (std::string_view f : kFemale) {
    if (w == f) return Gender::kFemale;
  }
  return Gender::kUnknown;
}

Gender GenderOfPronoun(std::string_view p) {
  if (p == "he" || p == "his" || p == "him" || p == "himself") return Gender::kMale;
  if (p == "she" || p == "her" || p == "hers" || p == "herself") return Gender::kFemale;
  return Gender::kUnknown;
}

bool IsNameWord(const Token& t, const Lexicon& lex) {
  if (!t.is_word || !t.capitalized) return false;
  uint32_t c = lex.Classes(t.lower);
  if (c & (kCalendar | kCue)) return false;
  std::string_view base;
  StripPossessive(t.lower, &base);
  if ((c & kFunction) && !(c & kTitle)) return false;
  return true;
}

// "of" inside an organisation's name: after a capitalised organisation word, before a name
// word ("Bank of England", "Royal College of Nursing", "Ministry of Defence").
bool IsOrgNameOf(const std::vector<Token>& tokens, size_t i, const Lexicon& lex) {
  if (i == 0 || i + 1 >= tokens.size() || !tokens[i].is_word || tokens[i].lower != "of") return false;
  const Token& before = tokens[i - 1];
  std::string_view base;
  return before.is_word && before.capitalized && lex.Is(before.lower, kOrgSuffix) &&
         !StripPossessive(before.lower, &base) && IsNameWord(tokens[i + 1], lex) &&
         before.paragraph == tokens[i + 1].paragraph;
}

int NameRunStart(const std::vector<Token>& tokens, int last, int lo, const Lexicon& lex) {
  if (last < lo || !IsNameWord(tokens[last], lex)) return -1;
  int b = last;
  while (b - 1 >= lo) {
    const Token& prev = tokens[b - 1];
    if (IsNameWord(prev, lex) && prev.paragraph == tokens[b].paragraph) {
      // A possessive ends a name: "Trump's Mark" is two phrases.
      std::string_view base;
      if (StripPossessive(prev.lower, &base) && !lex.Is(tokens[b].lower, kOrgSuffix)) break;
      --b;
      continue;
    }
    // "Shippers’ Council": a plural possessive inside an organisation's name.
    if (!prev.is_word && (prev.punct == '\'' || prev.punct == U'\u2019') && b - 2 >= lo &&
        IsNameWord(tokens[b - 2], lex) && tokens[b - 2].lower.back() == 's' &&
        lex.Is(tokens[b].lower, kOrgSuffix)) {
      b -= 2;
      continue;
    }
    // "(Volodymyr)" between name words.
    if (IsPunct(prev, ')') && b - 3 >= lo && IsNameWord(tokens[b - 2], lex) &&
        IsPunct(tokens[b - 3], '(') && b - 4 >= lo && IsNameWord(tokens[b - 4], lex)) {
      b -= 4;
      continue;
    }
    if (b - 2 >= lo && IsOrgNameOf(tokens, static_cast<size_t>(b - 1), lex)) {
      b -= 2;
      continue;
    }
    // Particles ("Ursula von der Leyen") and inner lowercase titles ("Kremlin spokesman").
    if (prev.is_word && !prev.capitalized && b - 2 >= lo && IsNameWord(tokens[b - 2], lex) &&
        (lex.Is(prev.lower, kParticle) || lex.Is(prev.lower, kTitle))) {
      b -= 2;
      continue;
    }
    break;
  }
  return b;
}

int NameRunEnd(const std::vector<Token>& tokens, int first, int hi, const Lexicon& lex) {
  if (first >= hi || !IsNameWord(tokens[first], lex)) return -1;
  int e = first;
  while (e + 1 < hi) {
    std::string_view base;
    if (StripPossessive(tokens[e].lower, &base) &&
        !(e + 1 < hi && lex.Is(tokens[e + 1].lower, kOrgSuffix) && tokens[e + 1].capitalized)) {
      break;
    }
    const Token& next = tokens[e + 1];
    if (IsNameWord(next, lex) && next.paragraph == tokens[e].paragraph) {
      ++e;
      continue;
    }
    if (!next.is_word && (next.punct == '\'' || next.punct == U'\u2019') && e + 2 < hi &&
        tokens[e].lower.back() == 's' && IsNameWord(tokens[e + 2], lex) &&
        lex.Is(tokens[e + 2].lower, kOrgSuffix)) {
      e += 2;
      continue;
    }
    if (IsPunct(next, '(') && e + 3 < hi && IsNameWord(tokens[e + 2], lex) &&
        IsPunct(tokens[e + 3], ')') && e + 4 < hi && IsNameWord(tokens[e + 4], lex)) {
      e += 4;
      continue;
    }
    if (next.is_word && !next.capitalized && e + 2 < hi && IsNameWord(tokens[e + 2], lex) &&
        (lex.Is(next.lower, kParticle) || lex.Is(next.lower, kTitle) ||
         IsOrgNameOf(tokens, static_cast<size_t>(e + 1), lex))) {
      e += 2;
      continue;
    }
    break;
  }
  return e;
}

std::optional<Mention> ParseMention(std::string_view text, const std::vector<Token>& tokens,
                                    uint32_t first, uint32_t last, const Lexicon& lex) {
  Mention m;
  m.first = first;
  m.last = last;
  const Token& head = tokens[last];
  if (!head.is_word) return std::nullopt;
  if (first == last && lex.Is(head.lower, kPronoun)) {
    m.kind = MentionKind::kPronoun;
    m.pronoun = head.lower;
    return m;
  }
  m.after_the = first > 0 && tokens[first - 1].lower == "the";
  // Leading determiner: a role or organisation phrase ("the NATO chief", "a spokesman").
  uint32_t b = first;
  if (lex.Is(tokens[b].lower, kDeterminer)) {
    m.indefinite = lex.Is(tokens[b].lower, kIndefinite);
    m.after_the = tokens[b].lower == "the";
    ++b;
  }
  // Title words first, then the name: the name starts after the last title word that has a
  // name word after it ("Harbour Authority Chairman Tomas Okafor" -> "Tomas Okafor").
  uint32_t name_begin = b;
  bool title_of = false;  // inside "Secretary of State ...": title words up to the name
  for (uint32_t i = b; i < last; ++i) {
    const Token& t = tokens[i];
    if (t.is_word && t.lower == "of" && i > b && IsTitleToken(tokens[i - 1], lex) &&
        tokens[i - 1].capitalized) {
      title_of = true;
    }
    // The person's name is the last two words at most: "Director of Public Prosecutions
    // Keir Starmer".
    if (title_of && t.is_word && last - i >= 2) name_begin = i + 1;
    if (t.is_word && (IsTitleToken(t, lex) || !t.capitalized) && !IsInitials(t, tokens[i + 1], lex) &&
        !IsOrgNameOf(tokens, i, lex)) {
      name_begin = i + 1;
    }
  }
  while (name_begin <= last && !tokens[name_begin].is_word) ++name_begin;
  // "Governor" alone is a title; "the OECD" alone is a name.
  if (name_begin == last && IsTitleToken(tokens[last], lex) && !IsAcronym(tokens[last])) ++name_begin;
  for (uint32_t i = b; i < name_begin && i <= last; ++i) {
    if (tokens[i].is_word) m.roles.push_back(tokens[i].lower);
  }
  // A capitalised word after the titles that is itself a title ("General" in "Secretary
  // General Mark Rutte") was consumed above; what remains is the name.
  std::vector<std::string_view> words;
  bool org_name = false;  // the name holds an organisation's "of" ("Bank of England")
  for (uint32_t i = name_begin; i <= last; ++i) {
    const Token& t = tokens[i];
    if (!t.is_word && (t.punct == '\'' || t.punct == U'\u2019') && !words.empty() && i + 1 <= last) {
      // Keep the apostrophe of "Shippers’ Council" with its word.
      words.back() = text.substr(words.back().data() - text.data(), t.end - (words.back().data() - text.data()));
      continue;
    }
    if (!t.is_word) continue;  // parentheses around a given name
    if (i < last && IsOrgNameOf(tokens, i, lex)) {
      words.push_back(text.substr(t.begin, t.end - t.begin));
      org_name = true;
      continue;
    }
    if (!t.capitalized && !lex.Is(t.lower, kParticle)) {
      m.roles.push_back(t.lower);
      continue;
    }
    words.push_back(text.substr(t.begin, t.end - t.begin));
  }
  if (!head.capitalized && !words.empty()) {
    // "one Brennholt homeowner": the capitalised words only modify a common noun.
    m.roles.push_back(head.lower);
    words.clear();
  }
  if (words.empty()) {
    // Only titles and role words: "the NATO chief", "NATO Chief", "the company".
    std::string_view role = head.lower;
    if (!lex.Is(role, kRoleNoun) && !lex.Is(role, kOrgNoun) && !lex.Is(role, kTitle) &&
        !m.indefinite) {
      return std::nullopt;
    }
    m.kind = lex.Is(role, kOrgNoun) && !lex.Is(role, kRoleNoun) ? MentionKind::kOrgRole
                                                                 : MentionKind::kRole;
    // Bare plurals ("officials said") are unnamed sources.
    if (first == last && role.size() > 1 && role.back() == 's' && !lex.Is(role, kTitle)) {
      m.indefinite = true;
    }
    return m;
  }
  // Strip a possessive from the last word ("Trump's", "Trump’s").
  std::string_view& lastw = words.back();
  for (std::string_view suffix : {std::string_view("'s"), std::string_view("\xe2\x80\x99s")}) {
    if (lastw.size() > suffix.size() && lastw.substr(lastw.size() - suffix.size()) == suffix) {
      lastw.remove_suffix(suffix.size());
      break;
    }
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) m.name += ' ';
    m.name.append(words[i]);
  }
  std::string last_lower = LowerWord(words.back());
  m.org = org_name || lex.Is(last_lower, kOrgSuffix) || (words.size() == 1 && IsAcronym(head)) ||
          (m.after_the && m.roles.empty());
  m.key = text::FoldForMatch(m.org ? std::string_view(m.name) : words.back());
  m.kind = MentionKind::kName;
  return m;
}

int EntityTable::Add(const Mention& m, bool as_speaker) {
  int id = Find(m);
  if (id < 0) {
    id = static_cast<int>(entities_.size());
    entities_.emplace_back();
    by_key_.emplace(m.key, id);
  }
  Entity& e = entities_[id];
  size_t words = static_cast<size_t>(std::count(m.name.begin(), m.name.end(), ' ')) + 1;
  if (words > e.canonical_words) {
    e.canonical = m.name;
    e.canonical_words = words;
  }
  for (const std::string& r : m.roles) {
    if (std::find(e.roles.begin(), e.roles.end(), r) == e.roles.end()) e.roles.push_back(r);
    if (Gender g = GenderOfWord(r); g != Gender::kUnknown && !m.org) {
      e.gender = e.gender == Gender::kUnknown || e.gender == g ? g : Gender::kConflict;
    }
  }
  ++e.mentions;
  if (as_speaker) ++e.speaker_mentions;
  bool titled = std::any_of(m.roles.begin(), m.roles.end(), [](const std::string& r) {
    return r != "the" && Lexicon::Default().Is(r, kTitle) && !Lexicon::Default().Is(r, kGeoAdjective);
  });
  e.person_evidence |= !m.org && (titled || as_speaker || (words >= 2 && !m.after_the));
  e.org |= m.org;
  return id;
}

int EntityTable::Find(const Mention& m) const {
  auto it = by_key_.find(m.key);
  if (it != by_key_.end()) return it->second;
  // A surname spelt two ways in one article ("Pranab Mukherjee" ... "Mr Mukerjee") names one
  // person when the spellings differ by one letter and are long enough to be distinctive.
  if (m.org || m.key.size() < 6) return -1;
  int best = -1;  // the earliest such person, whatever the map's order
  for (const auto& [key, id] : by_key_) {
    if (key.size() >= 6 && key[0] == m.key[0] && !entities_[id].org && WithinOneEdit(key, m.key) &&
        (best < 0 || id < best)) {
      best = id;
    }
  }
  return best;
}

int EntityTable::ResolveRole(const Mention& m, int salient) const {
  int best = -1, best_overlap = 0;
  for (int i = 0; i < static_cast<int>(entities_.size()); ++i) {
    const Entity& e = entities_[i];
    if (e.org || !e.person_evidence) continue;
    int overlap = 0;
    for (const std::string& r : m.roles) {
      if (r == "the" || r == "a") continue;
      overlap += std::find(e.roles.begin(), e.roles.end(), r) != e.roles.end();
    }
    if (overlap > best_overlap ||
        (overlap == best_overlap && overlap > 0 && best >= 0 &&
         e.speaker_mentions > entities_[best].speaker_mentions)) {
      best = i;
      best_overlap = overlap;
    }
  }
  if (best >= 0) return best;
  // No title in common: the person being talked about, else the article's most quoted one.
  if (salient >= 0 && !entities_[salient].org) return salient;
  return MostQuotedPerson();
}

int EntityTable::MostQuotedPerson() const {
  int best = -1;
  for (int i = 0; i < static_cast<int>(entities_.size()); ++i) {
    const Entity& e = entities_[i];
    if (e.org || !e.person_evidence || e.speaker_mentions == 0) continue;
    // Prominence: how often the person is named and quoted.
    auto score = [](const Entity& x) { return x.mentions + x.speaker_mentions; };
    if (best < 0 || score(e) > score(entities_[best])) best = i;
  }
  return best;
}

int EntityTable::ResolveOrgRole(const Mention& m) const {
  if (m.roles.empty()) return -1;
  const std::string& head = m.roles.back();
  int best = -1;
  for (int i = 0; i < static_cast<int>(entities_.size()); ++i) {
    const Entity& e = entities_[i];
    if (!e.org) continue;
    std::string folded = text::FoldForMatch(e.canonical);
    bool ends = folded.size() >= head.size() && folded.substr(folded.size() - head.size()) == head &&
                (folded.size() == head.size() || folded[folded.size() - head.size() - 1] == ' ');
    if (ends && (best < 0 || e.mentions > entities_[best].mentions)) best = i;
  }
  return best;
}

}  // namespace verbatim::quotes
