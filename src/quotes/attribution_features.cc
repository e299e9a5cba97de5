#include "quotes/attribution_features.h"

#include <algorithm>
#include <bit>

#include "syntax/feature_hash.h"
#include "syntax/lexicon.h"

namespace verbatim::quotes::internal {
namespace {

using syntax::FeatureKey;
using syntax::HashBytes;
using syntax::Upos;

// Feature templates. The numbers are part of the model file's meaning: append, never reuse.
enum Template : uint32_t {
  kBias = 1,
  kLower, kStem, kUpos, kRel, kStemUpos, kStemRel, kChildRel, kStemChildRel, kUposChildRel,
  kComplementizer, kHeadStem, kHeadUposRel, kPrevLower, kNextLower, kStemNextLower,
  kNextMark, kPrevMark, kInQuote, kSentenceHasQuote, kSubjectUpos, kStemSubjectUpos,
  kLexiconClass, kLearnedPrecision, kPassive, kStemPassive, kStemPrevLower,
  // content
  kContentKind = 100, kContentKindRel, kContentKindStem, kContentKindRelStem, kContentLength,
  kContentKindLength, kContentFirstLower, kContentFirstUpos, kContentLastUpos,
  kContentHasQuote, kContentIsQuote, kContentToSentenceEnd, kContentFromSentenceStart,
  kContentSide, kContentGap, kContentAnchorUpos, kContentKindQuote, kContentAlsoKind,
  kContentStemSide, kContentCueInside, kContentVariant, kContentVariantFirst, kContentVariantStem,
  kContentCovers, kContentCoversStem,
  // source
  kSourceKind = 200, kSourceKindRel, kSourceRelStem, kSourceUpos, kSourcePronoun,
  kSourceSide, kSourceDistance, kSourceLength, kSourceKindStem, kSourceNoneStem,
  kSourceNoneUpos, kSourceNoneRel, kSourceNonePassive, kSourceRelPassive, kSourceShape,
  kSourceNoneHasSubject, kSourceQuoteBetween,
};

std::string_view FormOf(const FieldData& f, int w) {
  return std::string_view(f.norm.text).substr(f.words[w].begin, f.words[w].end - f.words[w].begin);
}

uint64_t H(std::string_view s) { return HashBytes(s); }
uint64_t U(Upos u) { return static_cast<uint64_t>(u) + 1; }

bool IsPunctWord(const FieldData& f, int w) { return f.words[w].upos == Upos::kPunct; }

// The first child of `w` with relation `rel` (or whose relation starts with `rel:`).
int ChildWith(const FieldData& f, int w, std::string_view rel) {
  for (int c : f.ChildrenOf(w)) {
    std::string_view r = f.words[c].deprel;
    if (r == rel || (r.size() > rel.size() && r.substr(0, rel.size()) == rel && r[rel.size()] == ':')) return c;
  }
  return kNone;
}

bool IsQuoteWord(const FieldData& f, int w) {
  const Token& t = f.toks[f.words[w].token];
  return IsQuoteToken(t);
}

uint64_t LengthBucket(int n) { return static_cast<uint64_t>(std::bit_width(static_cast<unsigned>(std::max(n, 0)))); }

// The words of sentence s.
std::pair<int, int> SentenceWords(const FieldData& f, int w) { return f.sentence_words[f.words[w].sentence]; }

}  // namespace

std::string Stem(std::string s) {
  if (s.size() > 3 && s.back() == 's' && s[s.size() - 2] != 's') s.pop_back();
  if (s.size() > 5 && s.ends_with("ing")) {
    s.resize(s.size() - 3);
  } else if (s.size() > 4 && s.ends_with("ied")) {
    s.resize(s.size() - 3);
    s += 'y';
  } else if (s.size() > 4 && s.ends_with("ed")) {
    s.resize(s.size() - 2);
  }
  if (s.size() > 3 && s.back() == 'e') s.pop_back();
  return s;
}

uint64_t WordHash(std::string_view lower) { return HashBytes(lower); }

std::pair<int, int> TrimPunctuation(const FieldData& f, int first, int last) {
  while (first <= last && IsPunctWord(f, first)) ++first;
  while (last >= first && IsPunctWord(f, last)) --last;
  return {first, last};
}

int CueHead(const FieldData& f, int first, int last) {
  int best = kNone;
  for (int w = first; w <= last; ++w) {
    if (!f.words[w].parsed) return kNone;
    int h = f.words[w].head;
    bool outside = h == kNone || h < first || h > last;
    if (outside && !IsPunctWord(f, w) && (best == kNone || IsPunctWord(f, best))) best = w;
  }
  return best;
}

void CueFeatures(const FieldData& f, int w, std::vector<uint64_t>& keys) {
  const Word& word = f.words[w];
  uint64_t stem = word.stem_hash;
  uint64_t rel = H(word.deprel);
  keys.push_back(FeatureKey(kBias, 0));
  keys.push_back(FeatureKey(kLower, word.lower_hash));
  keys.push_back(FeatureKey(kStem, stem));
  keys.push_back(FeatureKey(kUpos, U(word.upos)));
  keys.push_back(FeatureKey(kRel, rel));
  keys.push_back(FeatureKey(kStemUpos, stem, U(word.upos)));
  keys.push_back(FeatureKey(kStemRel, stem, rel));
  bool passive = false;
  for (int c : f.ChildrenOf(w)) {
    std::string_view r = f.words[c].deprel;
    if (r == "punct" || r == "det") continue;
    keys.push_back(FeatureKey(kChildRel, H(r)));
    keys.push_back(FeatureKey(kStemChildRel, stem, H(r)));
    keys.push_back(FeatureKey(kUposChildRel, U(word.upos), H(r)));
    passive |= r == "aux:pass" || r == "nsubj:pass";
    if (r == "ccomp" || r == "advcl" || r == "acl") {
      if (int m = ChildWith(f, c, "mark"); m != kNone) keys.push_back(FeatureKey(kComplementizer, H(r), f.words[m].lower_hash));
    }
  }
  keys.push_back(FeatureKey(kPassive, passive));
  keys.push_back(FeatureKey(kStemPassive, stem, passive));
  if (word.head != kNone) {
    keys.push_back(FeatureKey(kHeadStem, f.words[word.head].stem_hash));
    keys.push_back(FeatureKey(kHeadUposRel, U(f.words[word.head].upos), rel));
  } else {
    keys.push_back(FeatureKey(kHeadUposRel, 0, rel));
  }
  auto [sb, se] = SentenceWords(f, w);
  uint64_t prev = w > sb ? f.words[w - 1].lower_hash : 1, next = w + 1 < se ? f.words[w + 1].lower_hash : 1;
  keys.push_back(FeatureKey(kPrevLower, prev));
  keys.push_back(FeatureKey(kNextLower, next));
  keys.push_back(FeatureKey(kStemNextLower, stem, next));
  keys.push_back(FeatureKey(kStemPrevLower, stem, prev));
  // Marks next to the cue: '"...," he said', 'said: "..."'.
  auto mark = [&](int x) -> uint64_t {
    if (x < sb || x >= se) return 1;
    if (IsQuoteWord(f, x)) return 2;
    std::string_view form = FormOf(f, x);
    return form == ":" ? 3 : form == "," ? 4 : 5;
  };
  keys.push_back(FeatureKey(kNextMark, mark(w + 1)));
  keys.push_back(FeatureKey(kPrevMark, mark(w - 1), mark(w - 2)));
  keys.push_back(FeatureKey(kInQuote, f.toks[word.token].quote_depth > 0));
  bool quote = false;
  for (int x = sb; x < se && !quote; ++x) quote = IsQuoteWord(f, x);
  keys.push_back(FeatureKey(kSentenceHasQuote, quote));
  int subj = ChildWith(f, w, "nsubj");
  uint64_t subj_desc = subj == kNone ? 0 : f.words[subj].upos == Upos::kPron ? f.words[subj].lower_hash : U(f.words[subj].upos);
  keys.push_back(FeatureKey(kSubjectUpos, subj_desc));
  keys.push_back(FeatureKey(kStemSubjectUpos, stem, subj_desc));
  const Lexicon& lex = Lexicon::Default();
  std::string lower = LowerWord(FormOf(f, w));
  uint32_t classes = lex.Classes(lower);
  keys.push_back(FeatureKey(kLexiconClass, classes & (kCue | kCueParticiple | kNounCue | kRoleNoun | kOrgNoun)));
  keys.push_back(FeatureKey(kLearnedPrecision, static_cast<uint64_t>(lex.CuePrecision(lower) * 10)));
}

std::vector<ContentCandidate> ContentCandidates(const FieldData& f, int cue) {
  std::vector<ContentCandidate> out;
  auto [sb, se] = SentenceWords(f, cue);
  auto push = [&](int first, int last, ContentKind kind, int anchor, std::string_view rel, uint8_t variant) {
    auto [b, e] = TrimPunctuation(f, first, last);
    if (b > e) return;
    for (ContentCandidate& o : out) {
      if (o.first == b && o.last == e) {
        o.also |= 1u << (static_cast<int>(kind) * 4 + variant);
        return;
      }
    }
    out.push_back({b, e, kind, anchor, rel, variant});
  };
  auto add = [&](int first, int last, ContentKind kind, int anchor, std::string_view rel) {
    push(first, last, kind, anchor, rel, 0);
    if (anchor == kNone) return;
    auto [b, e] = TrimPunctuation(f, first, last);
    if (b > e) return;
    syntax::Upos lead = f.words[b].upos;
    if (b < e && (lead == Upos::kAdp || lead == Upos::kSconj || lead == Upos::kCconj)) {
      push(b + 1, e, kind, anchor, rel, kWithoutIntroducer);
    }
    // The anchor's first right-hand dependent that opens a new clause after punctuation.
    for (int c : f.ChildrenOf(anchor)) {
      if (c <= anchor || c > e) continue;
      std::string_view r = f.words[c].deprel;
      bool clause = r == "conj" || r == "parataxis" || r == "advcl" || r == "appos" || r == "list" ||
                    r == "acl:relcl" || r == "dep" || r == "obl";
      int before = f.words[c].subtree_first - 1;
      if (clause && before > b && IsPunctWord(f, before)) {
        push(b, before - 1, kind, anchor, rel, kFirstClause);
        break;
      }
    }
  };
  static constexpr std::string_view kNotContent[] = {
      "punct", "aux", "aux:pass", "cop", "det", "case", "cc", "mark", "advmod", "compound",
      "compound:prt", "amod", "nummod", "fixed", "flat", "discourse", "expl", "nsubj", "nsubj:pass",
      "det:predet", "nmod:poss", "goeswith", "reparandum", "vocative", "obl:tmod", "obl:npmod", "cc:preconj"};
  int right_first = kNone, right_last = kNone, right_count = 0;
  for (int c : f.ChildrenOf(cue)) {
    std::string_view r = f.words[c].deprel;
    if (std::find(std::begin(kNotContent), std::end(kNotContent), r) != std::end(kNotContent)) continue;
    add(f.words[c].subtree_first, f.words[c].subtree_last, ContentKind::kChild, c, r);
    if (c > cue) {
      if (right_first == kNone) right_first = f.words[c].subtree_first;
      right_last = f.words[c].subtree_last;
      ++right_count;
    }
  }
  // Several complements together: "told [them] [that ...]", "offered [no proof] [that ...]".
  if (right_count > 1) push(right_first, right_last, ContentKind::kChildren, kNone, "", 0);
  // The clause the cue hangs from. "according to X" and "as X said" attach through a case or
  // mark word: climb to the phrase first.
  int from = cue;
  std::string_view rel = f.words[cue].deprel;
  if ((rel == "case" || rel == "mark" || rel == "fixed") && f.words[cue].head != kNone) {
    from = f.words[cue].head;
    if (f.words[from].deprel == "fixed" && f.words[from].head != kNone) from = f.words[from].head;
  }
  if (int h = f.words[from].head; h != kNone) {
    const Word& host = f.words[h];
    const Word& own = f.words[from];
    if (own.subtree_last < host.subtree_last && own.subtree_first > host.subtree_first) {
      add(host.subtree_first, host.subtree_last, ContentKind::kHost, h, f.words[from].deprel);
    } else if (own.subtree_first > host.subtree_first) {
      add(host.subtree_first, own.subtree_first - 1, ContentKind::kHost, h, f.words[from].deprel);
    } else {
      add(own.subtree_last + 1, host.subtree_last, ContentKind::kHost, h, f.words[from].deprel);
    }
  }
  // The nearest quotation on each side, inside the sentence.
  std::pair<int, int> before{kNone, kNone}, after{kNone, kNone};
  for (size_t s = 0; s < f.spans.size(); ++s) {
    int ft = f.span_first_tok[s], lt = f.span_last_tok[s];
    if (f.spans[s].depth != 0 || ft > lt) continue;
    int b = f.token_word[ft], e = f.token_word[lt + 1] - 1;
    if (b < sb || e >= se) continue;
    if (e < cue) before = {b, e};
    if (b > cue && after.first == kNone) after = {b, e};
  }
  for (auto [b, e] : {before, after}) {
    if (b != kNone) add(b, e, ContentKind::kQuote, kNone, "");
  }
  add(cue + 1, se - 1, ContentKind::kAfter, kNone, "");
  add(sb, cue - 1, ContentKind::kBefore, kNone, "");
  return out;
}

void ContentFeatures(const FieldData& f, int cue, const ContentCandidate& c,
                     std::vector<uint64_t>& keys) {
  uint64_t kind = static_cast<uint64_t>(c.kind) + 1;
  uint64_t rel = H(c.relation);
  uint64_t stem = f.words[cue].stem_hash;
  auto [sb, se] = SentenceWords(f, cue);
  int n = c.last - c.first + 1;
  keys.push_back(FeatureKey(kContentVariant, c.variant, kind));
  keys.push_back(FeatureKey(kContentVariantFirst, c.variant, f.words[c.first].lower_hash));
  keys.push_back(FeatureKey(kContentVariantStem, c.variant, stem));
  keys.push_back(FeatureKey(kContentKind, kind));
  keys.push_back(FeatureKey(kContentKindRel, kind, rel));
  keys.push_back(FeatureKey(kContentKindStem, kind, stem));
  keys.push_back(FeatureKey(kContentKindRelStem, kind, rel, stem));
  keys.push_back(FeatureKey(kContentLength, LengthBucket(n)));
  keys.push_back(FeatureKey(kContentKindLength, kind, LengthBucket(n)));
  keys.push_back(FeatureKey(kContentFirstLower, f.words[c.first].lower_hash));
  keys.push_back(FeatureKey(kContentFirstUpos, U(f.words[c.first].upos), kind));
  keys.push_back(FeatureKey(kContentLastUpos, U(f.words[c.last].upos)));
  int quote_words = 0;
  for (int w = c.first; w <= c.last; ++w) quote_words += f.toks[f.words[w].token].quote_depth > 0;
  uint64_t quoted = quote_words == 0 ? 0 : quote_words == n ? 2 : 1;
  keys.push_back(FeatureKey(kContentHasQuote, quoted));
  keys.push_back(FeatureKey(kContentKindQuote, kind, quoted));
  keys.push_back(FeatureKey(kContentIsQuote, c.kind == ContentKind::kQuote));
  auto [tb, te] = TrimPunctuation(f, sb, se - 1);
  keys.push_back(FeatureKey(kContentToSentenceEnd, c.last >= te, kind));
  keys.push_back(FeatureKey(kContentFromSentenceStart, c.first <= tb, kind));
  uint64_t side = c.last < cue ? 1 : c.first > cue ? 2 : 3;
  keys.push_back(FeatureKey(kContentSide, side, kind));
  keys.push_back(FeatureKey(kContentStemSide, stem, side));
  keys.push_back(FeatureKey(kContentCueInside, c.first <= cue && cue <= c.last));
  int gap = c.first > cue ? c.first - cue - 1 : c.last < cue ? cue - c.last - 1 : 0;
  keys.push_back(FeatureKey(kContentGap, LengthBucket(gap), kind));
  if (c.anchor != kNone) keys.push_back(FeatureKey(kContentAnchorUpos, U(f.words[c.anchor].upos), kind));
  // Which of the cue's dependents the span takes whole, in part, or leaves out.
  for (int d : f.ChildrenOf(cue)) {
    const Word& dw = f.words[d];
    if (dw.upos == Upos::kPunct) continue;
    uint64_t covered = dw.subtree_first >= c.first && dw.subtree_last <= c.last ? 2
                       : dw.subtree_last < c.first || dw.subtree_first > c.last ? 0 : 1;
    if (covered == 0 && (d < c.first - 1 || d > c.last + 1)) continue;
    keys.push_back(FeatureKey(kContentCovers, H(dw.deprel), covered));
    keys.push_back(FeatureKey(kContentCoversStem, H(dw.deprel), covered, stem));
  }
  // Other kinds that offer the same span.
  for (uint32_t bits = c.also; bits != 0; bits &= bits - 1) {
    keys.push_back(FeatureKey(kContentAlsoKind, kind, static_cast<uint64_t>(std::countr_zero(bits))));
  }
}

std::vector<SourceCandidate> SourceCandidates(const FieldData& f, int cue) {
  std::vector<SourceCandidate> out;
  out.push_back({});
  auto add = [&](int head, SourceKind kind) {
    if (head == kNone || IsPunctWord(f, head)) return;
    for (const SourceCandidate& s : out) {
      if (s.head == head) return;
    }
    out.push_back({kind, head, f.words[head].subtree_first, f.words[head].subtree_last, f.words[head].deprel});
  };
  static constexpr std::string_view kSourceRelations[] = {"nsubj", "nsubj:pass", "obl:agent", "nmod:poss",
                                                          "obl", "nmod", "csubj", "iobj", "obj"};
  for (int c : f.ChildrenOf(cue)) {
    std::string_view r = f.words[c].deprel;
    if (std::find(std::begin(kSourceRelations), std::end(kSourceRelations), r) != std::end(kSourceRelations)) {
      add(c, SourceKind::kChild);
    }
  }
  int from = cue;
  std::string_view rel = f.words[cue].deprel;
  if ((rel == "case" || rel == "mark" || rel == "fixed") && f.words[cue].head != kNone) {
    from = f.words[cue].head;
    if (f.words[from].deprel == "fixed" && f.words[from].head != kNone) from = f.words[from].head;
    // "according to [the report]": the phrase "according" introduces.
    add(from, SourceKind::kHead);
  }
  if (int h = f.words[from].head; h != kNone) {
    std::string_view r = f.words[from].deprel;
    if (r.substr(0, 3) == "acl") add(h, SourceKind::kHead);  // "a spokesman who said"
    // "..., saying ...", "declined to say ...", "and said ...": the governing verb's subject.
    for (int c : f.ChildrenOf(h)) {
      std::string_view cr = f.words[c].deprel;
      if (c != from && (cr == "nsubj" || cr == "nsubj:pass")) add(c, SourceKind::kGoverning);
    }
    if (int g = f.words[h].head; g != kNone && (r == "conj" || r == "xcomp")) {
      for (int c : f.ChildrenOf(g)) {
        if (f.words[c].deprel == "nsubj") add(c, SourceKind::kGoverning);
      }
    }
  }
  return out;
}

void SourceFeatures(const FieldData& f, int cue, const SourceCandidate& c, std::vector<uint64_t>& keys) {
  uint64_t stem = f.words[cue].stem_hash;
  uint64_t kind = static_cast<uint64_t>(c.kind) + 1;
  bool passive = ChildWith(f, cue, "aux") != kNone && ChildWith(f, cue, "aux:pass") != kNone;
  passive |= ChildWith(f, cue, "nsubj:pass") != kNone;
  keys.push_back(FeatureKey(kSourceKind, kind));
  if (c.kind == SourceKind::kNoSource) {
    keys.push_back(FeatureKey(kSourceNoneStem, stem));
    keys.push_back(FeatureKey(kSourceNoneUpos, U(f.words[cue].upos)));
    keys.push_back(FeatureKey(kSourceNoneRel, H(f.words[cue].deprel)));
    keys.push_back(FeatureKey(kSourceNonePassive, passive));
    keys.push_back(FeatureKey(kSourceNoneHasSubject, ChildWith(f, cue, "nsubj") != kNone));
    return;
  }
  uint64_t rel = H(c.relation);
  const Word& head = f.words[c.head];
  keys.push_back(FeatureKey(kSourceKindRel, kind, rel));
  keys.push_back(FeatureKey(kSourceRelStem, rel, stem));
  keys.push_back(FeatureKey(kSourceKindStem, kind, stem));
  keys.push_back(FeatureKey(kSourceRelPassive, rel, passive));
  keys.push_back(FeatureKey(kSourceUpos, U(head.upos), rel));
  if (head.upos == Upos::kPron || head.upos == Upos::kDet) keys.push_back(FeatureKey(kSourcePronoun, head.lower_hash));
  keys.push_back(FeatureKey(kSourceSide, c.head < cue, rel));
  keys.push_back(FeatureKey(kSourceDistance, LengthBucket(std::abs(c.head - cue))));
  keys.push_back(FeatureKey(kSourceLength, LengthBucket(c.last - c.first + 1)));
  const Token& t = f.toks[head.token];
  keys.push_back(FeatureKey(kSourceShape, t.capitalized, t.all_caps, U(head.upos)));
  bool quote_between = false;
  for (int w = std::min(c.head, cue) + 1; w < std::max(c.head, cue) && !quote_between; ++w) quote_between = IsQuoteWord(f, w);
  keys.push_back(FeatureKey(kSourceQuoteBetween, quote_between, rel));
}

}  // namespace verbatim::quotes::internal
