// Reported clauses: the clause around a partial quote, and reported speech without quote marks.
#include <algorithm>
#include <iterator>
#include <optional>

#include "quotes/attribution_features.h"
#include "quotes/document_extraction.h"
#include "text/utf8.h"

namespace verbatim::quotes::internal {

// The reported clause after a cue: "Rutte said Thursday [that the ball is ...]." Starts at a
// "that" close after the cue, else after the cue, its object ("told reporters") and any
// time words; ends before the sentence's final stop.
std::pair<int, int> DocumentExtraction::ClauseAfterCue(const FieldData& f, const CueHit& hit, int hi) const {
  int depth = f.toks[hit.tok].quote_depth;
  int b = hit.last_tok + 1;
  if (hit.np && !hit.np_left && static_cast<int>(hit.np->first) > hit.tok) b = static_cast<int>(hit.np->last) + 1;
  for (int k = b; k < hi && k - b < 10; ++k) {
    const Token& t = f.toks[k];
    if (t.quote_depth != depth || IsQuoteToken(t) || IsTerminal(t)) break;
    if (t.is_word && t.lower == "that") return {k, ClauseEnd(f, k, hi - 1)};
    // A subject or a verb first: the clause has begun ("said [he is confident that ...]").
    if (t.is_word && (lex_.Is(t.lower, kCue) || lex_.Is(t.lower, kPronoun) || lex_.Is(t.lower, kVerbish))) break;
  }
  const std::string& cue = f.toks[hit.tok].lower;
  // Verbs with an addressee before the clause: "urged Trump [to get his act together]".
  static constexpr std::string_view kAddressee[] = {
      "told", "tells", "telling", "asked", "asks", "asking", "warned", "warns", "assured",
      "assures", "urged", "urges", "urging", "pressed", "encouraged", "invited", "challenged",
      "reminded", "informed", "convinced", "persuaded", "advised", "begged", "implored"};
  if (std::find(std::begin(kAddressee), std::end(kAddressee), cue) != std::end(kAddressee)) {
    if (auto obj = PhraseStartingAt(f, b, hi)) b = static_cast<int>(obj->last) + 1;
  }
  while (b < hi && f.toks[b].is_word && (lex_.Is(f.toks[b].lower, kSkippable) || lex_.Is(f.toks[b].lower, kCalendar))) ++b;
  while (b < hi && (IsPunct(f.toks[b], ',') || IsPunct(f.toks[b], ':'))) ++b;
  // "Rutte said, adding that ...": the clause is the participle's.
  if (b + 1 < hi && f.toks[b].is_word && lex_.Is(f.toks[b].lower, kCueParticiple)) {
    ++b;
    if (b < hi && f.toks[b].lower == "that") return {b, ClauseEnd(f, b, hi - 1)};
  }
  return {b, ClauseEnd(f, b, hi - 1)};
}

// Where a reported clause stops early: before ", and she ...", ", while ...", ", despite ...",
// ", tapping ..." (a new clause or an aside that is the reporter's, not the speaker's).
int DocumentExtraction::ClauseEnd(const FieldData& f, int b, int e) const {
  int depth = b <= e ? f.toks[b].quote_depth : 0;
  for (int k = b + 3; k < e; ++k) {
    if (!IsPunct(f.toks[k], ',') || f.toks[k].quote_depth != depth) continue;
    const Token& n = f.toks[k + 1];
    if (!n.is_word) continue;
    static constexpr std::string_view kBreak[] = {"while", "although", "though", "despite",
                                                  "even", "as", "whereas", "which", "according", "including"};
    bool brk = std::find(std::begin(kBreak), std::end(kBreak), n.lower) != std::end(kBreak) ||
               lex_.Is(n.lower, kCue) ||  // "..., said one candidate he likes"
               (!n.capitalized && n.lower.size() > 4 && n.lower.ends_with("ing"));
    if (brk) return k - 1;
  }
  return e;
}

// The reported clause before an attribution: "[The plan is dead], he said."
std::pair<int, int> DocumentExtraction::ClauseBeforeCue(const FieldData& f, int lo, int before) const {
  int e = before - 1;
  while (e >= lo && (IsPunct(f.toks[e], ',') || IsPunct(f.toks[e], ':') || text::IsDash(f.toks[e].punct))) --e;
  return {lo, e};
}

// Every attributed quotation gets the clause it reports: a partial quote's clause runs from
// the cue ("said [that the "ball is ..." now]") or up to it.
void DocumentExtraction::FindClauses(int fi) {
  FieldData& f = fields_[fi];
  // Quotations of one paragraph that share an attribution report one content: from the first
  // quotation's words to the last one's.
  for (Candidate& c : candidates_) {
    if (c.field != fi || !c.keep || c.same_attribution_as == kNone) continue;
    Candidate& head = candidates_[c.same_attribution_as];
    if (!head.keep || head.kind != QuoteKind::kDirect || c.kind != QuoteKind::kDirect) continue;
    int first = std::min(f.span_first_tok[head.spans.front()], f.span_first_tok[c.spans.front()]);
    int last = std::max(f.span_last_tok[head.spans.back()], f.span_last_tok[c.spans.back()]);
    if (head.clause_first != kNone) {
      first = std::min(first, head.clause_first);
      last = std::max(last, head.clause_last);
    }
    head.clause_first = c.clause_first = first;
    head.clause_last = c.clause_last = last;
  }
  for (Candidate& c : candidates_) {
    if (c.field != fi || !c.keep || c.indirect || c.unmarked_paragraph != kNone || c.spans.empty()) continue;
    if (c.kind != QuoteKind::kPartial || !c.attr.from_cue || c.attr.cue_first == kNone) continue;
    int open_tok = f.span_open_tok[c.spans.front()];
    int close_tok = f.span_close_tok[c.spans.back()];
    if (open_tok == kNone) continue;
    auto [lo, hi] = f.sentences[f.sentence_of[open_tok]];
    if (close_tok != kNone) hi = std::max(hi, f.sentences[f.sentence_of[close_tok]].second);
    // Drop the final stop from the clause.
    int end = hi;
    while (end > lo && (IsTerminal(f.toks[end - 1]))) --end;
    int cue = c.attr.cue_first;
    int np_first = c.attr.mention ? static_cast<int>(c.attr.mention->first) : cue;
    int att_first = std::min(cue, np_first);
    int att_last = std::max(c.attr.cue_last, c.attr.mention ? static_cast<int>(c.attr.mention->last) : cue);
    bool inserted = att_first > lo + 2 && att_last + 1 < end && IsPunct(f.toks[att_first - 1], ',') &&
                    IsPunct(f.toks[att_last + 1], ',');
    if (inserted && cue < open_tok) {
      // "the two nations, Xi said, now have a "golden opportunity" ...": the sentence around
      // the inserted attribution is the content.
      c.clause_first = lo;
      c.clause_last = end - 1;
    } else if (cue < open_tok) {
      CueHit hit;
      hit.tok = cue;
      hit.last_tok = c.attr.cue_last;
      hit.np = c.attr.mention;
      hit.np_left = c.attr.mention && static_cast<int>(c.attr.mention->first) < cue;
      auto [b, e] = ClauseAfterCue(f, hit, end);
      if (b <= open_tok) {
        c.clause_first = b;
        c.clause_last = std::max(e, close_tok == kNone ? e : close_tok);
      }
    } else {
      auto [b, e] = ClauseBeforeCue(f, lo, std::min(cue, np_first));
      if (e >= open_tok) {
        c.clause_first = b;
        c.clause_last = e;
      }
    }
  }
}

// Reported speech without quote marks: "Rutte said (that) the alliance is ...", "The
// alliance is ..., Rutte said.", "According to Rutte, ...".
void DocumentExtraction::FindIndirect(int fi) {
  FieldData& f = fields_[fi];
  learned_cues_ = true;
  std::vector<bool> has_quote(f.sentences.size(), false);
  for (size_t s = 0; s < f.spans.size(); ++s) {
    if (f.span_open_tok[s] != kNone) has_quote[f.sentence_of[f.span_open_tok[s]]] = true;
  }
  // Cues that already attribute a quotation report nothing more.
  std::vector<bool> used_cue(f.toks.size(), false);
  for (const Candidate& c : candidates_) {
    if (c.field == fi && c.keep && c.attr.cue_first != kNone && c.attr.cue_first < static_cast<int>(used_cue.size())) {
      used_cue[c.attr.cue_first] = true;
    }
  }
  Salience sal;
  for (size_t si = 0; si < f.sentences.size(); ++si) {
    auto [lo, hi] = f.sentences[si];
    int end = hi;
    while (end > lo && IsTerminal(f.toks[end - 1])) --end;
    for (int k = lo; k < end; ++k) {
      if (f.toks[k].quote_depth != 0 || used_cue[k]) continue;
      auto hit = CueAt(f, k, lo, end);
      if (!hit) continue;
      const std::string& cue = f.toks[k].lower;
      if (lex_.Is(cue, kNounCue)) continue;
      if (!hit->np && k > lo) {
        // "He defended Mr. Trump's views, saying that ...", "Democrats seized the floor and
        // said they would ...": the subject of the sentence speaks.
        const Token& prev = f.toks[k - 1];
        bool joined = IsPunct(prev, ',') || prev.lower == "and" || prev.lower == "but" ||
                      (lex_.Is(cue, kCueParticiple) && prev.is_word);
        if (joined) {
          if (auto subj = SentenceSubject(f, lo, k)) {
            hit->np = subj;
            hit->np_left = true;
          }
        }
      }
      if (!hit->np) continue;
      int np_first = static_cast<int>(hit->np->first), np_last = static_cast<int>(hit->np->last);
      int att_first = std::min(np_first, k), att_last = std::max(np_last, hit->last_tok);
      std::pair<int, int> clause{kNone, kNone};
      if (cue == "according") {
        // "According to X, CLAUSE." / "CLAUSE, according to X." / "A, according to X, B.":
        // the source runs from "to" to the next comma or the sentence's end.
        int comma = kNone;
        for (int t = hit->last_tok + 1; t < end && t - k < 25; ++t) {
          if (IsPunct(f.toks[t], ',')) {
            comma = t;
            break;
          }
        }
        int src_end = comma == kNone ? end - 1 : comma - 1;
        if (src_end > hit->last_tok) {
          Mention m;
          m.first = static_cast<uint32_t>(hit->last_tok + 1);
          m.last = static_cast<uint32_t>(src_end);
          m.kind = MentionKind::kRole;
          m.indefinite = true;
          if (hit->np && hit->np->kind == MentionKind::kName) {
            m = *hit->np;
            m.last = static_cast<uint32_t>(src_end);
          }
          hit->np = m;
        }
        if (!has_quote[si]) {
          if (k - lo <= 2 && comma != kNone) clause = {comma + 1, ClauseEnd(f, comma + 1, end - 1)};
          else if (comma == kNone && k > lo + 2) clause = ClauseBeforeCue(f, lo, k);
          else if (comma != kNone && k > lo + 2) clause = {lo, end - 1};
        }
      }
      // Nothing reported may overlap a quotation of the sentence.
      bool quote_before = false, quote_after = false;
      for (int t = lo; t < end; ++t) {
        if (f.toks[t].quote_depth == 0) continue;
        (t < att_first ? quote_before : quote_after) = true;
      }
      bool inserted = att_first > lo + 2 && att_last + 2 < end && IsPunct(f.toks[att_first - 1], ',') &&
                      IsPunct(f.toks[att_last + 1], ',');
      // "..., the airline said Thursday." / "..., he said in an interview.": time and
      // circumstance after the attribution do not make it a new clause.
      int tail_end = att_last + 1;
      while (tail_end < end && tail_end - att_last <= 6 && f.toks[tail_end].is_word &&
             !lex_.Is(f.toks[tail_end].lower, kVerbish) && !lex_.Is(f.toks[tail_end].lower, kCue) &&
             f.toks[tail_end].lower != "that" && !lex_.Is(f.toks[tail_end].lower, kPronoun)) {
        ++tail_end;
      }
      bool attribution_ends_sentence = att_last + 1 >= end || tail_end >= end;
      if (clause.first != kNone || cue == "according") {
        // decided above
      } else if (inserted && !quote_before && !quote_after) {
        clause = {lo, end - 1};                        // "The plan, he said, is dead."
      } else if (attribution_ends_sentence && att_first > lo && !quote_before &&
                 (IsPunct(f.toks[att_first - 1], ',') || cue == "according")) {
        clause = ClauseBeforeCue(f, lo, att_first);   // "..., Rutte said."
      } else if (att_first - lo <= 30 && !quote_after && (hit->np_left || cue == "according")) {
        clause = ClauseAfterCue(f, *hit, end);         // "Rutte said (that) ..."
        bool that = clause.first < end && f.toks[clause.first].lower == "that";
        // Verbs of saying and thinking take a clause without "that" ("said he supports ...").
        static constexpr std::string_view kSaying[] = {
            "said", "says", "say", "added", "adds", "stated", "states", "argued", "argues", "argue",
            "claimed", "claims", "insisted", "insists", "warned", "warns", "explained", "told",
            "tells", "wrote", "writes", "contended", "maintained", "believes", "believed", "believe",
            "thinks", "thought", "think", "according", "stressed", "reiterated", "emphasized",
            "emphasised", "declared", "conceded", "insist", "predicted", "predicts"};
        // Others also take an object ("reported its results on Friday"): a clause only with a
        // finite verb in it.
        static constexpr std::string_view kObjectToo[] = {
            "noted", "notes", "acknowledged", "admitted", "suggested", "suggests", "suggest",
            "confirmed", "announced", "concluded", "estimated", "recalled", "show", "shows",
            "showed", "found", "finds", "expect", "hope", "fear", "warn", "acknowledge"};
        bool saying = std::find(std::begin(kSaying), std::end(kSaying), cue) != std::end(kSaying);
        bool object_too = std::find(std::begin(kObjectToo), std::end(kObjectToo), cue) != std::end(kObjectToo);
        bool verb = false;
        for (int t = clause.first; t <= clause.second && t < end; ++t) {
          const Token& w = f.toks[t];
          verb |= w.is_word && !w.capitalized &&
                  (lex_.Is(w.lower, kVerbish) || (w.lower.size() > 4 && w.lower.ends_with("ed")));
        }
        // A cue learned from train that is neither: its object is what is reported
        // ("endorsed Hillary Clinton", "criticized the deal") when it is precise enough.
        bool learned = lex_.CuePrecision(cue) >= options_.learned_cue_precision;
        if (!that && !saying && !(object_too && verb) && !learned) clause = {kNone, kNone};
      }
      if (clause.first == kNone) continue;
      int words = 0;
      for (int t = clause.first; t <= clause.second; ++t) words += f.toks[t].is_word;
      if (words < 4) continue;
      Candidate c;
      c.field = fi;
      c.indirect = true;
      c.kind = QuoteKind::kIndirect;
      c.clause_first = clause.first;
      c.clause_last = clause.second;
      c.attr.mention = hit->np;
      c.attr.cue_first = hit->tok;
      c.attr.cue_last = hit->last_tok;
      c.attr.from_cue = true;
      c.attr.entity = Resolve(f, *hit->np, sal, kNone);
      c.attr.confidence = 0.6;
      candidates_.push_back(c);
      break;  // one reported clause per sentence
    }
    // Keep track of who is being talked about, as AttributeField does.
    if (auto subj = SentenceSubject(f, lo, hi); subj && subj->kind == MentionKind::kName) {
      int id = entities_.Find(*subj);
      if (id >= 0 && entities_.Get(id).person_evidence && !entities_.Get(id).org) sal.person = id;
    }
  }
}

namespace {

std::string_view FormOfWord(const FieldData& f, int w) {
  return std::string_view(f.norm.text).substr(f.words[w].begin, f.words[w].end - f.words[w].begin);
}

}  // namespace

Mention DocumentExtraction::SourceMention(const FieldData& f, int head) const {
  const Word& h = f.words[head];
  // "Mr Johnson, MP for Henley-on-Thames, said": the name; "the company's founder, Elliot
  // Grove": the name in the apposition, the role words before it.
  int name_head = head;
  if (h.upos == syntax::Upos::kNoun) {
    for (int c : f.ChildrenOf(head)) {
      if (f.words[c].deprel == "appos" && f.words[c].upos == syntax::Upos::kPropn) {
        name_head = c;
        break;
      }
    }
  }
  // The core of the phrase: the head, its name words ("Bill" + flat "Clinton") and the
  // modifiers before it ("the", "Tory shadow education secretary", "President"), but not a
  // possessor ("Amazon's Robin Terrell": Amazon is who he works for, not his name).
  const Word& nh = f.words[name_head];
  int first = name_head, last = name_head;
  for (int c : f.ChildrenOf(name_head)) {
    std::string_view r = f.words[c].deprel;
    // Name words right after it ("Mohi" - "Uddin"), never across a comma.
    bool joined = f.words[c].subtree_first == last + 1 ||
                  (f.words[c].subtree_first == last + 2 && FormOfWord(f, last + 1) == "-");
    if (c > name_head && (r == "flat" || r == "compound" || r == "fixed") && joined) {
      last = std::max(last, f.words[c].subtree_last);
    }
  }
  // An organisation's name goes on over "of" ("the Bank of England", "the Royal College of
  // Nursing") and keeps a possessive that is part of it ("the Northgate Fishermen's
  // Association"), where the head is a capitalised organisation word.
  const Token& head_token = f.toks[nh.token];
  const bool org_name_head = head_token.capitalized && lex_.Is(head_token.lower, kOrgSuffix);
  auto all_capitalised = [&](int from, int to) {
    for (int w = from; w <= to; ++w) {
      const Token& t = f.toks[f.words[w].token];
      if (f.words[w].upos != syntax::Upos::kPart && f.words[w].upos != syntax::Upos::kPunct &&
          t.is_word && !t.capitalized && !IsOrgNameOf(f.toks, static_cast<size_t>(f.words[w].token), lex_)) {
        return false;
      }
    }
    return true;
  };
  if (org_name_head) {
    for (int c : f.ChildrenOf(name_head)) {
      const Word& cw = f.words[c];
      if (c > name_head && cw.subtree_first == last + 1 && cw.deprel.rfind("nmod", 0) == 0 &&
          IsOrgNameOf(f.toks, static_cast<size_t>(f.words[last + 1].token), lex_) &&
          all_capitalised(cw.subtree_first, cw.subtree_last)) {
        last = cw.subtree_last;
      }
    }
  }
  std::vector<std::string> affiliation;
  for (int c : f.ChildrenOf(name_head)) {
    std::string_view r = f.words[c].deprel;
    if (c >= name_head) break;
    if (r == "nmod:poss" && org_name_head && f.words[c].subtree_last + 1 >= name_head - 1 &&
        all_capitalised(f.words[c].subtree_first, f.words[c].subtree_last)) {
      first = std::min(first, f.words[c].subtree_first);
      continue;
    }
    if (r == "nmod:poss") {
      for (int w = f.words[c].subtree_first; w <= f.words[c].subtree_last; ++w) {
        if (f.words[w].upos != syntax::Upos::kPart && f.words[w].upos != syntax::Upos::kPunct) {
          affiliation.push_back(LowerWord(std::string_view(f.norm.text).substr(f.words[w].begin, f.words[w].end - f.words[w].begin)));
        }
      }
      first = f.words[c].subtree_last + 1;
      continue;
    }
    if (r == "det" || r == "compound" || r == "amod" || r == "nmod:desc" || r == "flat" || r == "nummod" ||
        r == "conj" || r == "cc") {
      first = std::min(first, f.words[c].subtree_first);
    }
  }
  if (first > name_head) first = name_head;
  // A parse that splits one phrase into two siblings ("the secretary" and "general" both
  // subjects of "said"): the nominal words just before it that hang from the same word.
  int sentence_begin = f.sentence_words[nh.sentence].first;
  while (first > sentence_begin) {
    const Word& p = f.words[first - 1];
    bool nominal = p.upos == syntax::Upos::kDet || p.upos == syntax::Upos::kAdj || p.upos == syntax::Upos::kNoun ||
                   p.upos == syntax::Upos::kPropn;
    if (!nominal || p.head != nh.head || p.deprel != nh.deprel || p.subtree_last != first - 1) break;
    first = p.subtree_first;
  }
  int first_tok = f.words[first].token, last_tok = f.words[last].token;
  std::optional<Mention> m = ParseMention(f.norm.text, f.toks, first_tok, last_tok, lex_);
  if (!m && nh.upos == syntax::Upos::kNoun) {
    // "the Newport-based athlete", "the Spectator editor": a description of someone, whatever
    // the lexicon knows of its head noun.
    Mention d;
    d.first = static_cast<uint32_t>(first_tok);
    d.last = static_cast<uint32_t>(last_tok);
    d.kind = MentionKind::kRole;
    for (int t = first_tok; t <= last_tok; ++t) {
      if (!f.toks[t].is_word) continue;
      if (lex_.Is(f.toks[t].lower, kDeterminer)) {
        d.indefinite |= lex_.Is(f.toks[t].lower, kIndefinite);
        d.after_the |= f.toks[t].lower == "the";
        continue;
      }
      d.roles.push_back(f.toks[t].lower);
    }
    // Bare plurals ("officials said", "analysts say") name no one in particular.
    d.indefinite |= !d.after_the && !d.roles.empty() && d.roles.back().size() > 3 && d.roles.back().back() == 's';
    m = d;
  }
  if (!m) {
    Mention u;  // "a poll of 1,000 voters": a source that names no one
    u.first = static_cast<uint32_t>(first_tok);
    u.last = static_cast<uint32_t>(last_tok);
    u.kind = MentionKind::kRole;
    u.indefinite = true;
    m = u;
  }
  // Appositions and the phrase's role words describe the person ("Mr Johnson, MP for
  // Henley" -> "mp"); the possessor is an affiliation.
  if (name_head != head) {
    for (int t = f.words[f.words[head].subtree_first].token; t < first_tok; ++t) {
      if (f.toks[t].is_word && !lex_.Is(f.toks[t].lower, kDeterminer)) m->roles.push_back(f.toks[t].lower);
    }
  }
  for (int c : f.ChildrenOf(name_head)) {
    if (f.words[c].deprel != "appos" || c == name_head) continue;
    for (int w = f.words[c].subtree_first; w <= f.words[c].subtree_last && w - f.words[c].subtree_first < 8; ++w) {
      const Token& t = f.toks[f.words[w].token];
      if (t.is_word && !lex_.Is(t.lower, kDeterminer) && !lex_.Is(t.lower, kFunction)) m->roles.push_back(t.lower);
    }
  }
  m->roles.insert(m->roles.end(), affiliation.begin(), affiliation.end());
  return *m;
}

void DocumentExtraction::FindIndirectLearned(int fi) {
  FieldData& f = fields_[fi];
  // Cues that already attribute a quotation report nothing more.
  std::vector<bool> used_cue(f.toks.size(), false);
  for (const Candidate& c : candidates_) {
    if (c.field != fi || !c.keep || c.attr.cue_first == kNone) continue;
    for (int t = c.attr.cue_first; t <= c.attr.cue_last && t < static_cast<int>(used_cue.size()); ++t) used_cue[t] = true;
  }
  // The tokens of the quotations kept so far, marks included.
  std::vector<bool> in_quotation(f.toks.size(), false);
  for (const Candidate& c : candidates_) {
    if (c.field != fi || !c.keep || c.indirect || c.spans.empty()) continue;
    for (int s : c.spans) {
      int b = f.span_open_tok[s] != kNone ? f.span_open_tok[s] : f.span_first_tok[s];
      int e = f.span_close_tok[s] != kNone ? f.span_close_tok[s] : f.span_last_tok[s];
      for (int t = std::max(b, 0); t <= e && t < static_cast<int>(f.toks.size()); ++t) in_quotation[t] = true;
    }
  }
  std::vector<uint64_t> keys;
  Salience sal;
  for (size_t si = 0; si < f.sentences.size(); ++si) {
    auto [wb, we] = f.sentence_words[si];
    for (int w = wb; w < we && f.words[w].parsed; ++w) {
      const Word& word = f.words[w];
      if (word.upos == syntax::Upos::kPunct || used_cue[word.token] || !attribution_->MayBeCue(word.lower_hash)) continue;
      keys.clear();
      CueFeatures(f, w, keys);
      float cue_score = attribution_->CueScore(keys);
      if (cue_score <= 0) continue;
      std::vector<ContentCandidate> contents = ContentCandidates(f, w);
      int best = kNone;
      float best_score = 0;
      for (size_t c = 0; c < contents.size(); ++c) {
        keys.clear();
        ContentFeatures(f, w, contents[c], keys);
        float s = attribution_->ContentScore(keys);
        if (best == kNone || s > best_score) {
          best = static_cast<int>(c);
          best_score = s;
        }
      }
      if (best == kNone) continue;
      const ContentCandidate& content = contents[best];
      int first_tok = f.words[content.first].token, last_tok = f.words[content.last].token;
      // Quoted words are the quotations' business, unless the quotations dropped them (a scare
      // quote or a name inside the reported clause: "called the committee a "witch hunt""), when
      // they are part of what is reported.
      bool quoted = false;
      for (int t = first_tok; t <= last_tok && !quoted; ++t) quoted = in_quotation[t];
      if (quoted) continue;
      std::vector<SourceCandidate> sources = SourceCandidates(f, w);
      int src = 0;
      float src_score = 0;
      for (size_t c = 0; c < sources.size(); ++c) {
        keys.clear();
        SourceFeatures(f, w, sources[c], keys);
        float s = attribution_->SourceScore(keys);
        if (c == 0 || s > src_score) {
          src = static_cast<int>(c);
          src_score = s;
        }
      }
      Candidate c;
      c.field = fi;
      c.indirect = true;
      c.kind = QuoteKind::kIndirect;
      c.clause_first = first_tok;
      c.clause_last = last_tok;
      c.attr.cue_first = c.attr.cue_last = word.token;
      c.attr.from_cue = true;
      if (sources[src].kind != SourceKind::kNoSource) {
        c.attr.mention = SourceMention(f, sources[src].head);
        c.attr.entity = Resolve(f, *c.attr.mention, sal, kNone);
      }
      c.attr.confidence = 0.6;
      candidates_.push_back(c);
    }
    // Keep track of who is being talked about, as AttributeField does.
    auto [lo, hi] = f.sentences[si];
    if (auto subj = SentenceSubject(f, lo, hi); subj && subj->kind == MentionKind::kName) {
      int id = entities_.Find(*subj);
      if (id >= 0 && entities_.Get(id).person_evidence && !entities_.Get(id).org) sal.person = id;
    }
  }
}

}  // namespace verbatim::quotes::internal
