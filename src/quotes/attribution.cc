// Speakers and cues: phrases next to cues, resolution, attribution of quotations.
#include <algorithm>
#include <iterator>
#include <optional>

#include "quotes/attribution_features.h"
#include "quotes/document_extraction.h"
#include "text/utf8.h"

namespace verbatim::quotes::internal {

// The phrase that ends at token j: a pronoun, a name run, or a role phrase.
std::optional<Mention> DocumentExtraction::PhraseEndingAt(const FieldData& f, int j, int lo) const {
  std::optional<Mention> m = SimplePhraseEndingAt(f, j, lo);
  // "a spokesman for the ministry": the role before "for/of/at" is the speaker; the phrase
  // covers both.
  if (m && m->first >= 2 && static_cast<int>(m->first) - 2 >= lo) {
    const Token& prep = f.toks[m->first - 1];
    if (prep.is_word && (prep.lower == "for" || prep.lower == "of" || prep.lower == "at")) {
      std::optional<Mention> head = SimplePhraseEndingAt(f, static_cast<int>(m->first) - 2, lo);
      // "Secretary of State John Kerry": a capitalised title with "of" before a person's full
      // name is one title, not a role working for someone.
      const Token& role = f.toks[head ? head->first : 0];
      if (head && head->kind == MentionKind::kRole && prep.lower == "of" && role.capitalized &&
          !lex_.Is(role.lower, kDeterminer) && m->kind == MentionKind::kName && !m->org &&
          std::count(m->name.begin(), m->name.end(), ' ') >= 1) {
        if (std::optional<Mention> titled = ParseMention(f.norm.text, f.toks, head->first, static_cast<uint32_t>(j), lex_)) {
          return titled;
        }
      }
      if (head && (head->kind == MentionKind::kRole)) {
        head->last = static_cast<uint32_t>(j);
        return head;
      }
    }
  }
  return m;
}

std::optional<Mention> DocumentExtraction::SimplePhraseEndingAt(const FieldData& f, int j, int lo) const {
  if (j < lo) return std::nullopt;
  const Token& t = f.toks[j];
  if (!t.is_word) return std::nullopt;
  if (lex_.Is(t.lower, kPronoun)) return ParseMention(f.norm.text, f.toks, j, j, lex_);
  int depth = t.quote_depth;
  if (IsNameWord(t, lex_) || (t.capitalized && (lex_.Is(t.lower, kRoleNoun) || lex_.Is(t.lower, kTitle)))) {
    int b = NameRunStart(f.toks, j, lo, lex_);
    if (b < 0) b = j;
    while (b - 1 >= lo && f.toks[b - 1].is_word && f.toks[b - 1].capitalized &&
           lex_.Is(f.toks[b - 1].lower, kTitle) && f.toks[b - 1].quote_depth == depth) {
      --b;
    }
    if (b - 1 >= lo && lex_.Is(f.toks[b - 1].lower, kDeterminer) && f.toks[b - 1].quote_depth == depth) --b;
    return ParseMention(f.norm.text, f.toks, b, j, lex_);
  }
  if (lex_.Is(t.lower, kRoleNoun) || lex_.Is(t.lower, kOrgNoun)) {
    // Walk back over modifiers to a determiner: "the NATO chief", "a company spokesman".
    int b = j;
    for (int k = j - 1; k >= lo && j - k <= 5; --k) {
      const Token& m = f.toks[k];
      if (!m.is_word || m.quote_depth != depth) break;
      if (lex_.Is(m.lower, kDeterminer)) {
        b = k;
        break;
      }
      if (lex_.Is(m.lower, kCue) || lex_.Is(m.lower, kVerbish) || (lex_.Is(m.lower, kFunction) && !m.capitalized)) break;
      b = k;
    }
    return ParseMention(f.norm.text, f.toks, b, j, lex_);
  }
  return std::nullopt;
}

std::optional<Mention> DocumentExtraction::PhraseStartingAt(const FieldData& f, int j, int hi) const {
  if (j >= hi) return std::nullopt;
  const Token& t = f.toks[j];
  if (!t.is_word) return std::nullopt;
  if (lex_.Is(t.lower, kPronoun)) {
    return t.lower == "it" || t.lower == "you" ? std::nullopt : ParseMention(f.norm.text, f.toks, j, j, lex_);
  }
  int depth = t.quote_depth;
  int b = j, k = j;
  if (lex_.Is(t.lower, kDeterminer)) ++k;
  // Capitalised titles and names, or lowercase modifiers up to a role noun.
  int e = kNone;
  for (int x = k; x < hi && x - k < 8; ++x) {
    const Token& m = f.toks[x];
    if (!m.is_word || m.quote_depth != depth) break;
    if (IsNameWord(m, lex_) || (m.capitalized && lex_.Is(m.lower, kTitle))) {
      int ne = NameRunEnd(f.toks, x, hi, lex_);
      e = ne >= 0 ? ne : x;
      // "NATO chief", "company spokesman": a capitalised modifier of a role noun.
      if (e + 1 < hi && f.toks[e + 1].is_word && !f.toks[e + 1].capitalized &&
          lex_.Is(f.toks[e + 1].lower, kRoleNoun) && f.toks[e + 1].quote_depth == depth) {
        ++e;
      }
      break;
    }
    if (lex_.Is(m.lower, kRoleNoun) || lex_.Is(m.lower, kOrgNoun)) {
      e = x;
      // "the head of the agency": stop at the head noun.
      if (x + 1 < hi && f.toks[x + 1].is_word && (lex_.Is(f.toks[x + 1].lower, kRoleNoun))) e = x + 1;
      break;
    }
    if (lex_.Is(m.lower, kCue) || lex_.Is(m.lower, kVerbish) || lex_.Is(m.lower, kFunction)) break;
  }
  if (e == kNone) return std::nullopt;
  // "one Brennholt homeowner": a capitalised modifier before a lowercase head noun.
  if (k > j && lex_.Is(t.lower, kIndefinite) && IsNameWord(f.toks[e], lex_) && e + 1 < hi &&
      f.toks[e + 1].is_word && !f.toks[e + 1].capitalized &&
      f.toks[e + 1].quote_depth == depth &&
      !(lex_.Classes(f.toks[e + 1].lower) & (kFunction | kVerbish | kCue | kSkippable))) {
    ++e;
  }
  // A role phrase followed by a name: "the Kremlin spokesman Dmitry Peskov".
  if (e + 1 < hi && IsNameWord(f.toks[e + 1], lex_) && !IsNameWord(f.toks[e], lex_)) {
    int ne = NameRunEnd(f.toks, e + 1, hi, lex_);
    if (ne >= 0) e = ne;
  }
  return ParseMention(f.norm.text, f.toks, b, e, lex_);
}

std::optional<Mention> DocumentExtraction::LeftPhrase(const FieldData& f, int j, int lo) const {
  int depth = j + 1 < static_cast<int>(f.toks.size()) ? f.toks[j + 1].quote_depth : 0;
  int skipped = 0;
  while (j >= lo && f.toks[j].is_word && lex_.Is(f.toks[j].lower, kSkippable) && skipped < 3 &&
         !lex_.Is(f.toks[j].lower, kPronoun)) {
    --j;
    ++skipped;
  }
  if (j < lo || f.toks[j].quote_depth != depth) return std::nullopt;
  // A relative clause: "engineer Pavel Ostrander, who told the hearing ...".
  if (f.toks[j].is_word && f.toks[j].lower == "who" && j - 2 >= lo && IsPunct(f.toks[j - 1], ',')) {
    return PhraseEndingAt(f, j - 2, lo);
  }
  if (IsPunct(f.toks[j], ',') && j - 1 >= lo && IsPunct(f.toks[j - 1], ')')) {
    // "Sen. Jack Reed (D-R.I.), said": skip the parenthesis.
    for (int k = j - 2; k >= lo && j - k <= 12; --k) {
      if (IsPunct(f.toks[k], '(')) return PhraseEndingAt(f, k - 1, lo);
    }
  }
  if (IsPunct(f.toks[j], ',') && j - 1 >= lo) {
    // "Eastmark's district governor, Bettina Sauer, said": the name in the appositive.
    if (auto np = PhraseEndingAt(f, j - 1, lo);
        np && np->kind == MentionKind::kName && np->first > static_cast<uint32_t>(lo) &&
        IsPunct(f.toks[np->first - 1], ',')) {
      return np;
    }
  }
  if (IsPunct(f.toks[j], ',') || IsPunct(f.toks[j], ')')) {
    // An appositive or aside: "Mark Rutte, after meeting with Donald Trump, stated".
    char32_t open = IsPunct(f.toks[j], ',') ? ',' : '(';
    for (int k = j - 1; k >= lo && j - k <= 20; --k) {
      if (f.toks[k].quote_depth != depth || IsQuoteToken(f.toks[k])) break;
      if (IsPunct(f.toks[k], open)) return PhraseEndingAt(f, k - 1, lo);
    }
    return std::nullopt;
  }
  return PhraseEndingAt(f, j, lo);
}

std::optional<Mention> DocumentExtraction::GroupPhraseEndingAt(const FieldData& f, int j, int lo) const {
  if (j < lo || !f.toks[j].is_word) return std::nullopt;
  const Token& head = f.toks[j];
  bool number = text::IsDigit(static_cast<unsigned char>(f.norm.text[head.begin]));
  bool plural = !head.capitalized && head.lower.size() > 3 && head.lower.back() == 's' &&
                !(lex_.Classes(head.lower) & (kVerbish | kCue | kFunction | kSkippable));
  static constexpr std::string_view kGroups[] = {"percent", "others", "half", "majority", "most",
                                                   "many", "some", "few", "both", "all", "third", "quarter"};
  bool group = std::find(std::begin(kGroups), std::end(kGroups), head.lower) != std::end(kGroups);
  if (!number && !plural && !group) return std::nullopt;
  int b = j;
  for (int k = j - 1; k >= lo && j - k < 7; --k) {
    const Token& t = f.toks[k];
    if (!t.is_word || t.quote_depth != head.quote_depth) break;
    if (lex_.Classes(t.lower) & (kVerbish | kCue)) break;
    if ((lex_.Is(t.lower, kFunction) && !lex_.Is(t.lower, kDeterminer)) && t.lower != "of" && t.lower != "out" &&
        t.lower != "nearly" && t.lower != "about" && t.lower != "most" && t.lower != "many" && t.lower != "some") {
      break;
    }
    b = k;
  }
  Mention m;
  m.first = static_cast<uint32_t>(b);
  m.last = static_cast<uint32_t>(j);
  m.kind = MentionKind::kRole;
  m.indefinite = true;
  return m;
}

// A reporting cue at token c, with its speaker phrase, searched within [lo, hi).
std::optional<CueHit> DocumentExtraction::CueAt(const FieldData& f, int c, int lo, int hi) const {
  const Token& t = f.toks[c];
  // Only words are cues. This runs for most tokens of every article and most are no cue: look
  // the word up in the lexicon once and test its classes below.
  if (!t.is_word) return std::nullopt;
  const uint32_t classes = lex_.Classes(t.lower);
  if ((classes & kNounCue) != 0 && c - 1 >= lo && f.toks[c - 1].is_word) {
    // "Dr Pavel Ostrander's verdict that ...", "his warning that ...".
    const Token& owner = f.toks[c - 1];
    CueHit hit;
    hit.tok = hit.last_tok = c;
    std::string_view base;
    if (owner.lower == "his" || owner.lower == "her") {
      hit.np = ParseMention(f.norm.text, f.toks, c - 1, c - 1, lex_);
      if (hit.np) hit.np->pronoun = owner.lower == "his" ? "he" : "she";
      if (hit.np) hit.np->kind = MentionKind::kPronoun;
      return hit;
    }
    if (StripPossessive(owner.lower, &base) && IsNameWord(owner, lex_)) {
      int b = NameRunStart(f.toks, c - 1, lo, lex_);
      hit.np = ParseMention(f.norm.text, f.toks, b < 0 ? c - 1 : b, c - 1, lex_);
      hit.np_left = true;
      return hit;
    }
    return std::nullopt;
  }
  if (!((classes & kCue) != 0 || (learned_cues_ && lex_.CuePrecision(t.lower) >= options_.learned_cue_precision))) {
    return std::nullopt;
  }
  CueHit hit;
  hit.tok = hit.last_tok = c;
  if (t.lower == "according") {
    if (c + 1 >= hi || f.toks[c + 1].lower != "to") return std::nullopt;
    hit.last_tok = c + 1;
    hit.np = PhraseStartingAt(f, c + 2, hi);
    if (!hit.np && c + 2 < hi && f.toks[c + 2].is_word) {
      // "according to a fact sheet lawmakers released Monday": an unnamed source up to the
      // next comma.
      int e = c + 2;
      while (e + 1 < hi && e - c < 10 && !IsPunct(f.toks[e + 1], ',') && !IsTerminal(f.toks[e + 1]) &&
             f.toks[e + 1].quote_depth == t.quote_depth) {
        ++e;
      }
      Mention m;
      m.first = static_cast<uint32_t>(c + 2);
      m.last = static_cast<uint32_t>(e);
      m.kind = MentionKind::kRole;
      m.indefinite = true;
      hit.np = m;
    }
    return hit;
  }
  // "called for", "called on" are not speech about a quotation's words.
  bool addressee_after = t.lower == "told" || t.lower == "tells" || t.lower == "telling" ||
                         t.lower == "asked" || t.lower == "asks" || t.lower == "urged" ||
                         t.lower == "urges" || t.lower == "praised" || t.lower == "called" ||
                         t.lower == "questioned" || t.lower == "welcomed";
  bool participle = (classes & kCueParticiple) != 0;
  if (!participle) {
    if (auto np = LeftPhrase(f, c - 1, lo)) {
      hit.np = np;
      hit.np_left = true;
      return hit;
    }
    // "46 percent of voters said", "Nearly nine out of 10 say", "some friends say": a group
    // of people, unnamed, before a verb of saying or thinking.
    static constexpr std::string_view kGroupCues[] = {"say", "says", "said", "think", "believe", "believes"};
    if (std::find(std::begin(kGroupCues), std::end(kGroupCues), t.lower) != std::end(kGroupCues)) {
      if (auto np = GroupPhraseEndingAt(f, c - 1, lo)) {
        hit.np = np;
        hit.np_left = true;
        return hit;
      }
    }
  }
  if (!addressee_after && !participle) {
    if (auto np = PhraseStartingAt(f, c + 1, hi)) {
      int after = static_cast<int>(np->last) + 1;
      bool clause = after < hi && f.toks[after].is_word &&
                    (lex_.Is(f.toks[after].lower, kVerbish) || f.toks[after].lower == "that" ||
                     lex_.Is(f.toks[after].lower, kCue));
      if (!clause) hit.np = np;
    }
  }
  // No phrase the rules know ("said a New Hampshire Republican", "echoed 17-year-old Jared
  // Potts"): the cue's subject in the parse, when it lies inside [lo, hi).
  if (!hit.np && !participle) {
    if (int subject = ParsedSubjectOf(f, c); subject != kNone) {
      Mention m = SourceMention(f, subject);
      if (static_cast<int>(m.first) >= lo && static_cast<int>(m.last) < hi) {
        hit.np_left = static_cast<int>(m.last) < c;
        hit.np = m;
      }
    }
  }
  return hit;
}

// The subject that opens a sentence, or follows its introductory clause.
std::optional<Mention> DocumentExtraction::SentenceSubject(const FieldData& f, int lo, int hi) const {
  int j = lo;
  while (j < hi && !f.toks[j].is_word && !IsQuoteToken(f.toks[j])) ++j;
  if (j >= hi) return std::nullopt;
  int depth = f.toks[j].quote_depth;
  if (auto m = PhraseStartingAt(f, j, hi)) return m;
  for (int k = j; k < hi && k - j < 20; ++k) {
    if (f.toks[k].quote_depth != depth) break;
    if (IsPunct(f.toks[k], ',')) {
      if (auto m = PhraseStartingAt(f, k + 1, hi); m && m->kind != MentionKind::kRole) return m;
      break;
    }
  }
  return std::nullopt;
}

int DocumentExtraction::Resolve(const FieldData& f, const Mention& m, const Salience& s,
                                int container_lo) const {
  switch (m.kind) {
    case MentionKind::kName:
      return entities_.Find(m);
    case MentionKind::kPronoun: {
      // "..., the OECD said. "...," it added.": an organisation speaks as "it" or "they".
      if (m.pronoun == "it" || m.pronoun == "they") return container_lo == kNone ? s.org : kNone;
      if (m.pronoun != "he" && m.pronoun != "she") return kNone;
      Gender want = GenderOfPronoun(m.pronoun);
      if (container_lo != kNone) {
        // Inside a quotation: the nearest person named before the pronoun.
        for (int k = static_cast<int>(m.first) - 1; k >= container_lo; --k) {
          if (!IsNameWord(f.toks[k], lex_)) continue;
          int b = NameRunStart(f.toks, k, container_lo, lex_);
          if (auto nm = ParseMention(f.norm.text, f.toks, b < 0 ? k : b, k, lex_);
              nm && nm->kind == MentionKind::kName) {
            int id = entities_.Find(*nm);
            if (id >= 0 && !entities_.Get(id).org && entities_.Get(id).person_evidence &&
                GenderAgrees(entities_.Get(id).gender, want)) {
              return id;
            }
          }
          if (b > 0) k = b;
        }
      }
      return ResolvePersonPronoun(f, static_cast<int>(m.first), want, s.person);
    }
    case MentionKind::kRole:
      return m.indefinite ? kUnnamed : entities_.ResolveRole(m, s.person >= 0 ? s.person : kNone);
    case MentionKind::kOrgRole: {
      if (m.indefinite) return kUnnamed;
      int named = entities_.ResolveOrgRole(m);
      return named != kNone ? named : s.org;
    }
  }
  return kNone;
}

int DocumentExtraction::ResolvePersonPronoun(const FieldData& f, int at, Gender want, int salient) const {
  auto agrees = [&](int id) {
    const Entity& e = entities_.Get(id);
    return !e.org && e.person_evidence && GenderAgrees(e.gender, want);
  };
  if (salient == kUnnamed || (salient >= 0 && agrees(salient))) return salient;
  // "Her comments did not impress Tim Collins. "...," he said.": the salient person is a
  // woman, so "he" is the man named just before.
  int sentence = f.sentence_of[at];
  int earliest = f.sentences[std::max(0, sentence - 2)].first;
  auto it = std::lower_bound(f.names.begin(), f.names.end(), at,
                             [](const NameMention& n, int pos) { return n.first < pos; });
  while (it != f.names.begin()) {
    --it;
    if (it->first < earliest) break;
    if (it->entity >= 0 && agrees(it->entity)) return it->entity;
  }
  return salient >= 0 && GenderAgrees(entities_.Get(salient).gender, want) ? salient : kNone;
}

int DocumentExtraction::ParsedSubjectOf(const FieldData& f, int first_tok, int last_tok) const {
  if (last_tok < 0) last_tok = first_tok;
  if (first_tok < 0 || f.words.empty() || !f.words[f.token_word[first_tok]].parsed) return kNone;
  int cue = CueHead(f, f.token_word[first_tok], f.token_word[last_tok + 1] - 1);
  if (cue == kNone) return kNone;
  for (int c : f.ChildrenOf(cue)) {
    if (f.words[c].deprel != "nsubj" && f.words[c].deprel != "nsubj:pass") continue;
    syntax::Upos upos = f.words[c].upos;
    bool nominal = upos == syntax::Upos::kNoun || upos == syntax::Upos::kPropn || upos == syntax::Upos::kPron;
    return nominal && f.toks[f.words[c].token].is_word ? c : kNone;  // "»" tagged PROPN is no subject
  }
  return kNone;
}

std::optional<Mention> DocumentExtraction::ParsedSubject(const FieldData& f, const CueHit& hit) const {
  if (!hit.np) return std::nullopt;
  int subject = ParsedSubjectOf(f, hit.tok, hit.last_tok);
  if (subject == kNone) return std::nullopt;
  int cue = CueHead(f, f.token_word[hit.tok], f.token_word[hit.last_tok + 1] - 1);
  int head_tok = f.words[subject].token;
  int np_first = static_cast<int>(hit.np->first), np_last = static_cast<int>(hit.np->last);
  if (np_first <= head_tok && head_tok <= np_last) return std::nullopt;  // the rules agree
  // Parsers err too: overrule the rules only where their phrase is part of something else the
  // parse explains. Inside the subject's phrase but not its head: a possessor ("Amazon's"
  // Robin Terrell), an apposition's place ("Oxfordshire"), a modifier ("the Newport-based"
  // athlete).
  auto within = [&](int w) {
    return f.token_word[np_first] >= f.words[w].subtree_first && f.token_word[np_last + 1] - 1 <= f.words[w].subtree_last;
  };
  if (within(subject)) {
    // "The head of the unit, Mick Deats, said": a name in apposition, or compounded with a
    // role ("Mansoor Mohi-Uddin, chief currency strategist" parsed as one noun phrase), is the
    // person meant.
    if (hit.np->kind == MentionKind::kName && !hit.np->org) {
      for (int w = f.token_word[np_last]; w != kNone && w != subject; w = f.words[w].head) {
        if (f.words[w].deprel == "appos" || f.words[w].deprel == "compound") return std::nullopt;
      }
    }
    return SourceMention(f, subject);
  }
  // Inside the reported clause: "Mr Johnson ... said Mr Blair "should butt out of" the row".
  for (int c : f.ChildrenOf(cue)) {
    if ((f.words[c].deprel == "ccomp" || f.words[c].deprel == "xcomp") && within(c) && subject < cue) {
      return SourceMention(f, subject);
    }
  }
  return std::nullopt;
}

// Attribution of the quotation whose marks are tokens open_tok / close_tok (close_tok may be
// kNone for a span that runs to the paragraph end), searching the sentence [lo, hi).
Attribution DocumentExtraction::AttributeSpan(const FieldData& f, int open_tok, int close_tok,
                                              int lo, int hi, const Salience& s,
                                              int container_lo) const {
  Attribution a;
  int depth = open_tok != kNone ? f.toks[open_tok].quote_depth : 0;
  auto accept = [&](const CueHit& given, double confidence) {
    CueHit hit = given;
    if (std::optional<Mention> subject = ParsedSubject(f, hit)) hit.np = subject;
    a.mention = hit.np;
    a.cue_first = hit.tok;
    a.cue_last = hit.last_tok;
    a.from_cue = true;
    a.entity = Resolve(f, *hit.np, s, container_lo);
    if (hit.np->kind == MentionKind::kPronoun && container_lo == kNone &&
        (hit.np->pronoun == "he" || hit.np->pronoun == "she")) {
      // "Governor Oskar Renwick has said little since March, when he described ...": the
      // subject of the same sentence outranks the previous sentences.
      if (auto subj = SentenceSubject(f, lo, static_cast<int>(hit.np->first));
          subj && subj->kind == MentionKind::kName && subj->last < hit.np->first) {
        int id = entities_.Find(*subj);
        if (id >= 0 && entities_.Get(id).person_evidence && !entities_.Get(id).org) a.entity = id;
      }
    }
    a.confidence = confidence;
    if (hit.np->kind == MentionKind::kPronoun) a.confidence -= 0.05;
    if (hit.np->kind == MentionKind::kRole) a.confidence -= 0.1;
  };
  // 1. After the quotation: "...," Rutte told reporters / "...," said Rutte / "..." he added.
  if (close_tok != kNone) {
    int k = close_tok + 1;
    // Up to 20 tokens: "...," Adam Green, co-founder of the Progressive Change Campaign
    // Committee, said in a statement.
    for (int steps = 0; k < hi && steps < 20; ++k, ++steps) {
      const Token& t = f.toks[k];
      if (t.quote_depth != depth || IsQuoteToken(t) || IsTerminal(t)) break;
      if (auto hit = CueAt(f, k, close_tok + 1, hi); hit && hit->np) {
        if (!hit->np_left || hit->np->first > static_cast<uint32_t>(close_tok)) {
          accept(*hit, 0.9);
          return a;
        }
      }
      if (t.is_word && lex_.Is(t.lower, kCueParticiple)) break;
      // A new clause begins: its cue is not this quotation's ("“...” and told reporters").
      static constexpr std::string_view kClauseWords[] = {"and", "but", "while", "although", "because",
                                                          "when", "after", "before", "if", "though"};
      if (t.is_word && std::find(std::begin(kClauseWords), std::end(kClauseWords), t.lower) != std::end(kClauseWords)) break;
    }
  }
  // 2. Before it: Rutte said: "..." / the secretary general said "..." / according to X, "...".
  for (int k = (open_tok == kNone ? lo : open_tok) - 1; k >= lo; --k) {
    const Token& t = f.toks[k];
    if (t.quote_depth != depth) continue;
    auto hit = CueAt(f, k, lo, open_tok);
    if (!hit) continue;
    if (hit->np) {
      accept(*hit, 0.85);
      return a;
    }
    // "..., saying: '...'" or "he said and added: '...'": the subject of the clause speaks.
    for (int b = k - 1; b >= lo; --b) {
      if (f.toks[b].quote_depth != depth) continue;
      if (auto earlier = CueAt(f, b, lo, k); earlier && earlier->np && earlier->np_left) {
        earlier->tok = hit->tok;
        earlier->last_tok = hit->last_tok;
        accept(*earlier, 0.8);
        return a;
      }
    }
    if (auto subj = SentenceSubject(f, lo, k)) {
      CueHit h = *hit;
      h.np = subj;
      accept(h, 0.75);
      return a;
    }
    // "When Freya Lind climbed onto a forklift ... and told the crowd that": the first
    // person named in the clause before the cue.
    for (int b = lo; b < k; ++b) {
      if (f.toks[b].quote_depth != depth || !IsNameWord(f.toks[b], lex_)) continue;
      int e = NameRunEnd(f.toks, b, k, lex_);
      auto nm = ParseMention(f.norm.text, f.toks, b, e < 0 ? b : e, lex_);
      int id = nm && nm->kind == MentionKind::kName ? entities_.Find(*nm) : kNone;
      const Token* before = b > lo ? &f.toks[b - 1] : nullptr;
      bool clause_start = before == nullptr || IsPunct(*before, ',') ||
                          (before->is_word && lex_.Is(before->lower, kFunction) && !lex_.Is(before->lower, kDeterminer));
      if (id >= 0 && clause_start && entities_.Get(id).person_evidence && !entities_.Get(id).org) {
        CueHit h = *hit;
        h.np = nm;
        accept(h, 0.7);
        return a;
      }
      if (e > b) b = e;
    }
  }
  // 3. A colon headline: NATO Chief: “The Ball Is Clearly in Russia’s Court”; or a sentence
  // that introduces the quotation: "She then addressed the supporters again: “...”".
  if (open_tok != kNone && open_tok - 2 >= lo && IsPunct(f.toks[open_tok - 1], ':')) {
    std::optional<Mention> np = PhraseEndingAt(f, open_tok - 2, lo);
    if (!np) np = SentenceSubject(f, lo, open_tok - 1);
    if (np) {
      CueHit h;
      h.tok = h.last_tok = open_tok - 1;
      h.np = np;
      accept(h, 0.75);
      return a;
    }
  }
  return a;
}

// Spans become candidates: multi-paragraph chains join, split quotes join.
void DocumentExtraction::BuildCandidates(int fi) {
  FieldData& f = fields_[fi];
  std::vector<int> cand_of_span(f.spans.size(), kNone);
  for (size_t s = 0; s < f.spans.size(); ++s) {
    const QuoteSpan& q = f.spans[s];
    if (q.continues != kNone && cand_of_span[q.continues] != kNone) {
      int c = cand_of_span[q.continues];
      candidates_[c].spans.push_back(static_cast<int>(s));
      cand_of_span[s] = c;
      continue;
    }
    Candidate c;
    c.field = fi;
    c.spans.push_back(static_cast<int>(s));
    if (q.depth > 0 && q.parent != kNone) c.parent_candidate = cand_of_span[q.parent];
    cand_of_span[s] = static_cast<int>(candidates_.size());
    candidates_.push_back(c);
  }
}

void DocumentExtraction::AttributeField(int fi) {
  FieldData& f = fields_[fi];
  // Candidates of this field, by the token of their first opening mark.
  std::vector<int> mine;
  for (int c = 0; c < static_cast<int>(candidates_.size()); ++c) {
    if (candidates_[c].field == fi && candidates_[c].unmarked_paragraph == kNone) mine.push_back(c);
  }
  Salience sal;
  std::vector<Salience> sal_at_sentence(f.sentences.size());
  // Walk the sentences in reading order, keeping track of who is being talked about.
  for (size_t si = 0; si < f.sentences.size(); ++si) {
    auto [lo, hi] = f.sentences[si];
    sal_at_sentence[si] = sal;
    if (auto subj = SentenceSubject(f, lo, hi)) {
      if (subj->kind == MentionKind::kName) {
        int id = entities_.Find(*subj);
        if (id >= 0 && entities_.Get(id).person_evidence && !entities_.Get(id).org) sal.person = id;
      } else if (subj->kind == MentionKind::kRole && subj->indefinite) {
        sal.person = kUnnamed;
      }
    }
    for (int k = lo; k < hi; ++k) {
      if (f.toks[k].quote_depth != 0) continue;
      auto hit = CueAt(f, k, lo, hi);
      if (!hit || !hit->np) continue;
      int id = Resolve(f, *hit->np, sal, kNone);
      if (id == kUnnamed) sal.person = kUnnamed;
      if (id < 0) continue;
      if (entities_.Get(id).org) sal.org = id;
      else sal.person = id;
      // "Judge Vale asked Lamm why ...": the one asked answers next.
      if (f.toks[k].lower == "asked" || f.toks[k].lower == "asks") {
        if (auto obj = PhraseStartingAt(f, hit->last_tok + 1, hi); obj && obj->kind == MentionKind::kName) {
          int oid = entities_.Find(*obj);
          if (oid >= 0 && !entities_.Get(oid).org) sal.person = oid;
        }
      }
    }
    // Top-level quotations whose last span closes in this sentence.
    for (int c : mine) {
      Candidate& cand = candidates_[c];
      const QuoteSpan& first = f.spans[cand.spans.front()];
      int last_span = cand.spans.back();
      if (first.depth != 0) continue;
      int anchor = f.span_open_tok[last_span];
      if (anchor == kNone || f.sentence_of[anchor] != static_cast<int>(si)) continue;
      int open_tok = f.span_open_tok[cand.spans.front()];
      int open_sentence = open_tok == kNone ? static_cast<int>(si) : f.sentence_of[open_tok];
      int open_lo = f.sentences[open_sentence].first;
      Salience before = sal_at_sentence[open_sentence];
      cand.attr = AttributeSpan(f, open_tok, f.span_close_tok[last_span], open_lo, hi, before, kNone);
      if (!cand.attr.from_cue && cand.spans.size() > 1) {
        // Multi-paragraph: the attribution may stand before the first segment.
        auto [flo, fhi] = f.sentences[open_sentence];
        cand.attr = AttributeSpan(f, open_tok, kNone, flo, fhi, before, kNone);
      }
      if (cand.attr.entity >= 0) {
        if (!entities_.Get(cand.attr.entity).org) sal.person = cand.attr.entity;
      } else if (cand.attr.entity == kUnnamed) {
        sal.person = kUnnamed;
      }
    }
  }
  // Split quotes: "A," he said, "B." — the second span joins the first. B may be the first
  // paragraph of a multi-paragraph quotation: "A," said Sella, "b. "C." (bbc-sport-327).
  for (size_t i = 0; i + 1 < mine.size(); ++i) {
    Candidate& a = candidates_[mine[i]];
    Candidate& b = candidates_[mine[i + 1]];
    if (!a.keep || a.spans.size() != 1) continue;
    const QuoteSpan& qa = f.spans[a.spans[0]];
    const QuoteSpan& qb = f.spans[b.spans[0]];
    if (qa.depth || qb.depth || qa.paragraph != qb.paragraph || qa.continued) continue;
    int ca = f.span_close_tok[a.spans[0]], ob = f.span_open_tok[b.spans[0]];
    int la = f.span_last_tok[a.spans[0]];
    if (ca == kNone || ob == kNone || la < 0 || !IsPunct(f.toks[la], ',') || ob - ca > 18) continue;
    if (!IsPunct(f.toks[ob - 1], ',') || !a.attr.from_cue || a.attr.cue_first <= ca) continue;
    if (a.attr.mention && static_cast<int>(a.attr.mention->first) < ca) continue;
    a.spans.insert(a.spans.end(), b.spans.begin(), b.spans.end());
    b.keep = false;
  }
  // Quotations without a cue of their own.
  for (size_t i = 0; i < mine.size(); ++i) {
    Candidate& cand = candidates_[mine[i]];
    if (!cand.keep || cand.attr.from_cue || f.spans[cand.spans.front()].depth != 0) continue;
    int open_tok = f.span_open_tok[cand.spans.front()];
    if (open_tok == kNone) continue;
    uint32_t para = f.toks[open_tok].paragraph;
    // Another quotation of the same paragraph with a speaker.
    int best = kNone, best_dist = 1 << 30;
    for (int other : mine) {
      const Candidate& o = candidates_[other];
      if (other == mine[i] || !o.keep || !o.attr.from_cue || (o.attr.entity == kNone && !o.attr.mention)) continue;
      int ot = f.span_open_tok[o.spans.front()];
      if (ot == kNone || f.toks[ot].paragraph != para) continue;
      // A later quotation introduced by its own attribution ("... And Yelling says: "...")
      // brings in its speaker from there on, not back to the paragraph's start.
      if (ot > open_tok && o.attr.cue_first != kNone && o.attr.cue_first < ot) continue;
      int dist = std::abs(ot - open_tok);
      if (dist < best_dist) {
        best = other;
        best_dist = dist;
      }
    }
    if (best != kNone) {
      // "“A,” Clark said. “B.”": one attribution; B shares A's speaker mention and cue.
      const Attribution& from = candidates_[best].attr;
      cand.attr.entity = from.entity;
      cand.attr.mention = from.mention;
      cand.attr.cue_first = from.cue_first;
      cand.attr.cue_last = from.cue_last;
      cand.attr.confidence = 0.7;
      cand.same_attribution_as = best;
      continue;
    }
    // A paragraph that is only a quotation continues the speaker of the text before it; its
    // mention is the one that last named that speaker.
    const Salience& s = sal_at_sentence[f.sentence_of[open_tok]];
    if (s.person != kNone) {
      cand.attr.entity = s.person;
      cand.attr.confidence = 0.6;
      for (size_t k = i; k-- > 0;) {
        const Candidate& o = candidates_[mine[k]];
        if (o.keep && o.attr.from_cue && o.attr.entity == s.person && o.attr.mention) {
          cand.attr.mention = o.attr.mention;
          cand.attr.cue_first = o.attr.cue_first;
          cand.attr.cue_last = o.attr.cue_last;
          break;
        }
      }
    } else if (f.heading[para]) {
      // A headline quotation without attribution usually repeats a body quotation: take its
      // speaker, else the article's most prominent person.
      cand.attr.entity = SpeakerOfSimilarQuote(cand);
      if (cand.attr.entity < 0) cand.attr.entity = entities_.MostQuotedPerson();
      cand.attr.confidence = 0.5;
    }
  }
  // Nested quotations: attributed inside their parent's words.
  for (int c : mine) {
    Candidate& cand = candidates_[c];
    const QuoteSpan& q = f.spans[cand.spans.front()];
    if (q.depth == 0 || q.parent == kNone) continue;
    int lo = f.span_first_tok[q.parent], hi = f.span_last_tok[q.parent] + 1;
    int open_tok = f.span_open_tok[cand.spans.front()];
    int close_tok = f.span_close_tok[cand.spans.front()];
    // The sentence inside the parent: back to the previous stop at the nested depth.
    int slo = lo;
    for (int k = (open_tok == kNone ? lo : open_tok) - 1; k >= lo; --k) {
      if (f.toks[k].quote_depth == q.depth && IsTerminal(f.toks[k])) {
        slo = k + 1;
        break;
      }
    }
    int parent_open = f.span_open_tok[q.parent];
    Salience outer = parent_open == kNone ? Salience{} : sal_at_sentence[f.sentence_of[parent_open]];
    cand.attr = AttributeSpan(f, open_tok, close_tok, slo, hi, outer, lo);
  }
}

std::vector<std::string> DocumentExtraction::ContentWords(const Candidate& c) const {
  std::vector<std::string> words;
  const FieldData& f = fields_[c.field];
  if (c.spans.empty()) return words;
  for (int t = f.span_first_tok[c.spans.front()]; t <= f.span_last_tok[c.spans.back()]; ++t) {
    if (f.toks[t].is_word && !lex_.Is(f.toks[t].lower, kFunction)) words.push_back(f.toks[t].lower);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

int DocumentExtraction::SpeakerOfSimilarQuote(const Candidate& headline) const {
  std::vector<std::string> mine = ContentWords(headline);
  if (mine.empty()) return kNone;
  int best = kNone;
  size_t best_common = 0;
  for (const Candidate& c : candidates_) {
    if (&c == &headline || !c.keep || c.attr.entity < 0 || !c.attr.from_cue) continue;
    std::vector<std::string> other = ContentWords(c);
    std::vector<std::string> common;
    std::set_intersection(mine.begin(), mine.end(), other.begin(), other.end(), std::back_inserter(common));
    if (common.size() * 2 >= mine.size() && common.size() > best_common) {
      best = c.attr.entity;
      best_common = common.size();
    }
  }
  return best;
}


// "The ball is clearly in Russia’s court," / "Rutte reiterated, while ...": a line printed
// without its quote marks, ending in a comma, attributed at the start of the next line.
void DocumentExtraction::FindUnmarked(int fi) {
  FieldData& f = fields_[fi];
  size_t np = f.norm.paragraphs.size();
  for (size_t p = 0; p + 1 < np; ++p) {
    int b = f.para_first[p], e = f.para_first[p + 1];
    int nb = e, ne = f.para_first[p + 2 <= np ? p + 2 : np];
    if (b >= e || nb >= ne || !IsPunct(f.toks[e - 1], ',')) continue;
    int words = 0;
    bool marks = false;
    for (int t = b; t < e; ++t) {
      words += f.toks[t].is_word;
      marks |= IsQuoteToken(f.toks[t]);
    }
    if (marks || words < 3 || words > 80) continue;
    // The next line opens with speaker + cue (or cue + speaker), then a pause.
    for (int k = nb; k < ne && k - nb < 7; ++k) {
      auto hit = CueAt(f, k, nb, ne);
      if (!hit) continue;
      if (!hit->np) break;
      int np_first = static_cast<int>(hit->np->first);
      int after = hit->np_left ? hit->last_tok + 1 : static_cast<int>(hit->np->last) + 1;
      bool starts_line = hit->np_left ? np_first == nb : k == nb;
      bool pause = after >= ne || !f.toks[after].is_word ? (after >= ne || IsPunct(f.toks[after], ',') || IsTerminal(f.toks[after]))
                                                         : f.toks[after].lower != "that";
      if (!starts_line || !pause) break;
      Candidate c;
      c.field = fi;
      c.unmarked_paragraph = static_cast<int>(p);
      c.kind = QuoteKind::kUnmarked;
      c.attr.mention = hit->np;
      c.attr.cue_first = hit->tok;
      c.attr.cue_last = hit->last_tok;
      c.attr.from_cue = true;
      c.attr.entity = Resolve(f, *hit->np, Salience{}, kNone);
      c.attr.confidence = 0.7;
      candidates_.push_back(c);
      break;
    }
  }
}

}  // namespace verbatim::quotes::internal
