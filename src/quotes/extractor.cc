#include "quotes/extractor.h"

#include <algorithm>
#include <iterator>
#include <optional>

#include "quotes/quote_marks.h"
#include "quotes/speakers.h"
#include "quotes/token.h"
#include "text/normalizer.h"
#include "text/utf8.h"

namespace verbatim::quotes {
namespace {

constexpr int kNone = -1;
constexpr int kUnnamed = -2;  // an unnamed source ("one dock worker") is being talked about

bool IsPunct(const Token& t, char32_t c) { return !t.is_word && t.punct == c; }
bool IsTerminal(const Token& t) {
  return !t.is_word && (t.punct == '.' || t.punct == '!' || t.punct == '?' || t.punct == U'\u2026');
}
bool IsQuoteToken(const Token& t) { return !t.is_word && IsQuoteMark(t.punct); }
bool IsBullet(const Token& t) {
  return !t.is_word && (t.punct == '-' || t.punct == '*' || t.punct == U'\u2022' || t.punct == U'\u2013');
}

// One analysed field (the text, or a JSONL title) of a document.
struct FieldData {
  Field field = Field::kText;
  std::string_view original;
  text::NormalizedText norm;
  std::vector<Token> toks;
  std::vector<QuoteSpan> spans;
  std::vector<int> span_open_tok, span_close_tok;  // token of each span's marks (-1 if none)
  std::vector<int> span_first_tok, span_last_tok;  // content tokens (first > last if empty)
  std::vector<std::pair<int, int>> sentences;      // [begin, end) token ranges at depth 0
  std::vector<int> sentence_of;                    // per token
  std::vector<int> para_first;                     // per paragraph, first token; size n+1
  std::vector<bool> heading;                       // per paragraph
};

// A cue with the speaker phrase next to it.
struct CueHit {
  int tok = kNone;
  int last_tok = kNone;  // multi-word cues ("according to")
  std::optional<Mention> np;
  bool np_left = false;
};

// Who is being talked about: the last person who spoke or was the subject of a sentence.
struct Salience {
  int person = kNone;
  int org = kNone;
};

struct Attribution {
  std::optional<Mention> mention;
  int cue_first = kNone, cue_last = kNone;
  int entity = kNone;
  bool from_cue = false;
  double confidence = 0.4;
};

// A quotation being assembled: its spans (or, for unmarked, a paragraph).
struct Candidate {
  std::vector<int> spans;
  int unmarked_paragraph = kNone;
  int clause_first = kNone, clause_last = kNone;  // tokens of the reported clause
  bool indirect = false;                          // reported speech: the clause is the quotation
  int same_attribution_as = kNone;                // earlier candidate of the paragraph it continues
  QuoteKind kind = QuoteKind::kDirect;
  Attribution attr;
  int parent_candidate = kNone;
  int field = 0;
  bool keep = true;
};

class DocumentExtraction {
 public:
  DocumentExtraction(const ingest::Document& doc, const ExtractorOptions& options, const Lexicon& lex)
      : doc_(doc), options_(options), lex_(lex) {}

  std::vector<Quotation> Run();

 private:
  void Prepare(FieldData& f, std::string_view text, const std::vector<text::ByteRange>& skip, Field field);
  void SplitSentences(FieldData& f);
  void MarkHeadings(FieldData& f);
  void CollectNames(const FieldData& f);
  std::optional<CueHit> CueAt(const FieldData& f, int c, int lo, int hi) const;
  std::optional<Mention> LeftPhrase(const FieldData& f, int j, int lo) const;
  std::optional<Mention> RightPhrase(const FieldData& f, int j, int hi) const;
  std::optional<Mention> PhraseEndingAt(const FieldData& f, int j, int lo) const;
  std::optional<Mention> SimplePhraseEndingAt(const FieldData& f, int j, int lo) const;
  std::optional<Mention> GroupPhraseEndingAt(const FieldData& f, int j, int lo) const;
  std::optional<Mention> PhraseStartingAt(const FieldData& f, int j, int hi) const;
  std::optional<Mention> SentenceSubject(const FieldData& f, int lo, int hi) const;
  int Resolve(const FieldData& f, const Mention& m, const Salience& s, int container_lo) const;
  Attribution AttributeSpan(const FieldData& f, int open_tok, int close_tok, int lo, int hi,
                            const Salience& s, int container_lo) const;
  void BuildCandidates(int fi);
  void AttributeField(int fi);
  void FindUnmarked(int fi);
  void FindClauses(int fi);
  void FindIndirect(int fi);
  std::pair<int, int> ClauseAfterCue(const FieldData& f, const CueHit& hit, int hi) const;
  std::pair<int, int> ClauseBeforeCue(const FieldData& f, int lo, int before) const;
  int ClauseEnd(const FieldData& f, int b, int e) const;
  int SpeakerOfSimilarQuote(const Candidate& headline) const;
  std::vector<std::string> ContentWords(const Candidate& c) const;
  Quotation ToQuotation(const Candidate& c) const;
  TextSpan SpanOfTokens(const FieldData& f, int first, int last) const;
  int TokenAt(const FieldData& f, uint32_t pos) const;

  const ingest::Document& doc_;
  const ExtractorOptions& options_;
  bool learned_cues_ = false;  // learned cues count as cues (reported speech only)
  const Lexicon& lex_;
  std::vector<FieldData> fields_;
  EntityTable entities_;
  std::vector<Candidate> candidates_;
};

int DocumentExtraction::TokenAt(const FieldData& f, uint32_t pos) const {
  auto it = std::lower_bound(f.toks.begin(), f.toks.end(), pos,
                             [](const Token& t, uint32_t p) { return t.begin < p; });
  if (it == f.toks.end() || it->begin != pos) return kNone;
  return static_cast<int>(it - f.toks.begin());
}

void DocumentExtraction::Prepare(FieldData& f, std::string_view text,
                                 const std::vector<text::ByteRange>& skip, Field field) {
  f.field = field;
  f.original = text;
  f.norm = text::Normalizer().Normalize(text, skip);
  std::vector<ParagraphRange> paras;
  for (const text::ByteRange& r : f.norm.paragraphs) {
    paras.push_back({static_cast<uint32_t>(r.begin), static_cast<uint32_t>(r.end)});
  }
  f.toks = Tokenize(f.norm.text, paras);
  f.spans = FindQuoteSpans(f.norm.text, paras);
  f.para_first.assign(paras.size() + 1, static_cast<int>(f.toks.size()));
  for (int i = static_cast<int>(f.toks.size()) - 1; i >= 0; --i) f.para_first[f.toks[i].paragraph] = i;
  for (int p = static_cast<int>(paras.size()) - 1; p >= 0; --p) {
    f.para_first[p] = std::min(f.para_first[p], f.para_first[p + 1]);
  }
  size_t n = f.spans.size();
  f.span_open_tok.assign(n, kNone);
  f.span_close_tok.assign(n, kNone);
  f.span_first_tok.assign(n, 0);
  f.span_last_tok.assign(n, -1);
  for (size_t s = 0; s < n; ++s) {
    const QuoteSpan& q = f.spans[s];
    f.span_open_tok[s] = TokenAt(f, q.open_begin);
    if (!q.continued) {
      // The last token of the closing mark (two apostrophes make one mark).
      int ct = TokenAt(f, q.close_begin);
      while (ct != kNone && ct + 1 < static_cast<int>(f.toks.size()) && f.toks[ct + 1].end <= q.close_end) ++ct;
      f.span_close_tok[s] = ct;
    }
    auto first = std::lower_bound(f.toks.begin(), f.toks.end(), q.open_end,
                                  [](const Token& t, uint32_t p) { return t.begin < p; });
    int ft = static_cast<int>(first - f.toks.begin());
    int lt = ft - 1;
    while (lt + 1 < static_cast<int>(f.toks.size()) && f.toks[lt + 1].end <= q.close_begin) ++lt;
    f.span_first_tok[s] = ft;
    f.span_last_tok[s] = lt;
    for (int t = ft; t <= lt; ++t) {
      f.toks[t].quote_depth = std::max(f.toks[t].quote_depth, q.depth + 1);
      f.toks[t].quote_id = static_cast<int>(s);
    }
  }
  SplitSentences(f);
  MarkHeadings(f);
}

void DocumentExtraction::SplitSentences(FieldData& f) {
  f.sentence_of.assign(f.toks.size(), 0);
  std::vector<bool> closes_sentence_span(f.toks.size(), false);
  for (size_t s = 0; s < f.spans.size(); ++s) {
    int ct = f.span_close_tok[s];
    int lt = f.span_last_tok[s];
    if (ct != kNone && f.spans[s].depth == 0 && lt >= f.span_first_tok[s] && IsTerminal(f.toks[lt])) {
      closes_sentence_span[ct] = true;
    }
  }
  int begin = 0;
  for (int i = 0; i < static_cast<int>(f.toks.size()); ++i) {
    bool last_in_para = i + 1 == static_cast<int>(f.toks.size()) || f.toks[i + 1].paragraph != f.toks[i].paragraph;
    bool boundary = last_in_para;
    if (!boundary && f.toks[i].quote_depth == 0 && (IsTerminal(f.toks[i]) || closes_sentence_span[i])) {
      const Token& next = f.toks[i + 1];
      boundary = (next.is_word && (next.capitalized || text::IsDigit(static_cast<unsigned char>(f.norm.text[next.begin])))) ||
                 (IsQuoteToken(next) && next.quote_depth == 0);
      // "...court now." Rutte denied: a closing mark right after the stop ends the sentence there.
      if (IsTerminal(f.toks[i]) && IsQuoteToken(next) && i + 2 < static_cast<int>(f.toks.size()) &&
          f.toks[i + 1].quote_depth == 0 && f.toks[i].quote_depth == 0) {
        boundary = boundary && true;
      }
    }
    if (boundary) {
      for (int k = begin; k <= i; ++k) f.sentence_of[k] = static_cast<int>(f.sentences.size());
      f.sentences.push_back({begin, i + 1});
      begin = i + 1;
    }
  }
}

void DocumentExtraction::MarkHeadings(FieldData& f) {
  size_t np = f.norm.paragraphs.size();
  f.heading.assign(np, false);
  if (f.field == Field::kTitle) {
    f.heading.assign(np, true);
    return;
  }
  bool body_seen = false;
  for (size_t p = 0; p < np; ++p) {
    int b = f.para_first[p], e = f.para_first[p + 1];
    if (b >= e) continue;
    size_t orig = f.norm.ToOriginal(f.norm.paragraphs[p].begin);
    bool is_title = doc_.title_in_text && doc_.title_range.Contains(orig);
    int words = 0;
    for (int t = b; t < e; ++t) words += f.toks[t].is_word;
    // The last token that is not a closing quote mark.
    int last = e - 1;
    while (last > b && IsQuoteToken(f.toks[last])) --last;
    bool terminal = IsTerminal(f.toks[last]) || IsPunct(f.toks[last], ',') ||
                    IsPunct(f.toks[last], ':') || IsPunct(f.toks[last], ';');
    bool bullet = IsBullet(f.toks[b]);
    bool lead = !body_seen && p < 6;
    f.heading[p] = is_title || (!terminal && (words <= 15 || lead)) || (bullet && lead);
    if (!is_title && !f.heading[p] && words >= 12 && !bullet) body_seen = true;
  }
}

void DocumentExtraction::CollectNames(const FieldData& f) {
  int n = static_cast<int>(f.toks.size());
  for (int i = 0; i < n; ++i) {
    if (!IsNameWord(f.toks[i], lex_)) continue;
    int e = NameRunEnd(f.toks, i, n, lex_);
    if (e < 0) continue;
    int b = i;
    if (b > 0 && f.toks[b - 1].lower == "the") --b;
    if (auto m = ParseMention(f.norm.text, f.toks, b, e, lex_); m && m->kind == MentionKind::kName) {
      entities_.Add(*m, false);
    }
    i = e;
  }
}

// The phrase that ends at token j: a pronoun, a name run, or a role phrase.
std::optional<Mention> DocumentExtraction::PhraseEndingAt(const FieldData& f, int j, int lo) const {
  std::optional<Mention> m = SimplePhraseEndingAt(f, j, lo);
  // "a spokesman for the ministry": the role before "for/of/at" is the speaker; the phrase
  // covers both.
  if (m && m->first >= 2 && static_cast<int>(m->first) - 2 >= lo) {
    const Token& prep = f.toks[m->first - 1];
    if (prep.is_word && (prep.lower == "for" || prep.lower == "of" || prep.lower == "at")) {
      std::optional<Mention> head = SimplePhraseEndingAt(f, static_cast<int>(m->first) - 2, lo);
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

std::optional<Mention> DocumentExtraction::RightPhrase(const FieldData& f, int j, int hi) const {
  return PhraseStartingAt(f, j, hi);
}

// A reporting cue at token c, with its speaker phrase, searched within [lo, hi).
std::optional<CueHit> DocumentExtraction::CueAt(const FieldData& f, int c, int lo, int hi) const {
  const Token& t = f.toks[c];
  if (t.is_word && lex_.Is(t.lower, kNounCue) && c - 1 >= lo && f.toks[c - 1].is_word) {
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
  if (!t.is_word || !(lex_.Is(t.lower, kCue) || (learned_cues_ && lex_.CuePrecision(t.lower) >= options_.learned_cue_precision))) {
    return std::nullopt;
  }
  CueHit hit;
  hit.tok = hit.last_tok = c;
  if (t.lower == "according") {
    if (c + 1 >= hi || f.toks[c + 1].lower != "to") return std::nullopt;
    hit.last_tok = c + 1;
    hit.np = RightPhrase(f, c + 2, hi);
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
  bool participle = lex_.Is(t.lower, kCueParticiple);
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
    if (auto np = RightPhrase(f, c + 1, hi)) {
      int after = static_cast<int>(np->last) + 1;
      bool clause = after < hi && f.toks[after].is_word &&
                    (lex_.Is(f.toks[after].lower, kVerbish) || f.toks[after].lower == "that" ||
                     lex_.Is(f.toks[after].lower, kCue));
      if (!clause) hit.np = np;
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
      if (m.pronoun != "he" && m.pronoun != "she") return kNone;
      if (container_lo != kNone) {
        // Inside a quotation: the nearest person named before the pronoun.
        for (int k = static_cast<int>(m.first) - 1; k >= container_lo; --k) {
          if (!IsNameWord(f.toks[k], lex_)) continue;
          int b = NameRunStart(f.toks, k, container_lo, lex_);
          if (auto nm = ParseMention(f.norm.text, f.toks, b < 0 ? k : b, k, lex_);
              nm && nm->kind == MentionKind::kName) {
            int id = entities_.Find(*nm);
            if (id >= 0 && !entities_.Get(id).org && entities_.Get(id).person_evidence) return id;
          }
          if (b > 0) k = b;
        }
      }
      return s.person;
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

// Attribution of the quotation whose marks are tokens open_tok / close_tok (close_tok may be
// kNone for a span that runs to the paragraph end), searching the sentence [lo, hi).
Attribution DocumentExtraction::AttributeSpan(const FieldData& f, int open_tok, int close_tok,
                                              int lo, int hi, const Salience& s,
                                              int container_lo) const {
  Attribution a;
  int depth = open_tok != kNone ? f.toks[open_tok].quote_depth : 0;
  auto accept = [&](const CueHit& hit, double confidence) {
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
  std::vector<int> sentence_speaker(f.sentences.size(), kNone);
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
        sentence_speaker[si] = cand.attr.entity;
        if (!entities_.Get(cand.attr.entity).org) sal.person = cand.attr.entity;
      } else if (cand.attr.entity == kUnnamed) {
        sal.person = kUnnamed;
      }
    }
  }
  // Split quotes: "A," he said, "B." — the second span joins the first.
  for (size_t i = 0; i + 1 < mine.size(); ++i) {
    Candidate& a = candidates_[mine[i]];
    Candidate& b = candidates_[mine[i + 1]];
    if (!a.keep || a.spans.size() != 1 || b.spans.size() != 1) continue;
    const QuoteSpan& qa = f.spans[a.spans[0]];
    const QuoteSpan& qb = f.spans[b.spans[0]];
    if (qa.depth || qb.depth || qa.paragraph != qb.paragraph || qa.continued) continue;
    int ca = f.span_close_tok[a.spans[0]], ob = f.span_open_tok[b.spans[0]];
    int la = f.span_last_tok[a.spans[0]];
    if (ca == kNone || ob == kNone || la < 0 || !IsPunct(f.toks[la], ',') || ob - ca > 18) continue;
    if (!IsPunct(f.toks[ob - 1], ',') || !a.attr.from_cue || a.attr.cue_first <= ca) continue;
    if (a.attr.mention && static_cast<int>(a.attr.mention->first) < ca) continue;
    a.spans.push_back(b.spans[0]);
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
    if (cue < open_tok) {
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

TextSpan DocumentExtraction::SpanOfTokens(const FieldData& f, int first, int last) const {
  TextSpan s;
  s.start = f.norm.ToOriginal(f.toks[first].begin);
  s.end = f.norm.ToOriginalEnd(f.toks[last].end);
  s.text = std::string(f.original.substr(s.start, s.end - s.start));
  return s;
}

Quotation DocumentExtraction::ToQuotation(const Candidate& c) const {
  const FieldData& f = fields_[c.field];
  Quotation q;
  q.field = f.field;
  q.kind = c.kind;
  if (c.indirect) {
    TextSpan s = SpanOfTokens(f, c.clause_first, c.clause_last);
    q.segments.push_back({s.start, s.end});
  } else if (c.unmarked_paragraph != kNone) {
    int b = f.para_first[c.unmarked_paragraph], e = f.para_first[c.unmarked_paragraph + 1] - 1;
    TextSpan s = SpanOfTokens(f, b, e);
    q.segments.push_back({s.start, s.end});
  } else {
    for (int si : c.spans) {
      const QuoteSpan& sp = f.spans[si];
      size_t b = f.norm.ToOriginal(sp.open_end);
      size_t e = sp.continued ? f.norm.ToOriginalEnd(sp.close_begin) : f.norm.ToOriginal(sp.close_begin);
      q.segments.push_back({b, std::max(b, e)});
    }
  }
  for (size_t i = 0; i < q.segments.size(); ++i) {
    if (i) q.text += ' ';
    q.text.append(f.original.substr(q.segments[i].begin, q.segments[i].size()));
  }
  if (c.clause_first != kNone && c.clause_last >= c.clause_first) {
    TextSpan s = SpanOfTokens(f, c.clause_first, c.clause_last);
    q.clause = text::ByteRange{s.start, s.end};
  } else if (c.unmarked_paragraph == kNone) {
    q.clause = text::ByteRange{q.start(), q.end()};
  }
  const Attribution& a = c.attr;
  if (a.entity >= 0) q.speaker = entities_.Get(a.entity).canonical;
  if (a.mention) q.speaker_mention = SpanOfTokens(f, a.mention->first, a.mention->last);
  if (a.cue_first != kNone) q.cue = SpanOfTokens(f, a.cue_first, a.cue_last);
  q.confidence = a.entity >= 0 || a.entity == kUnnamed ? a.confidence : std::min(a.confidence, 0.5);
  return q;
}

std::vector<Quotation> DocumentExtraction::Run() {
  // The JSONL title is its own field; a .txt title is a line of the text.
  if (doc_.title && !doc_.title_in_text) {
    fields_.emplace_back();
    Prepare(fields_.back(), *doc_.title, {}, Field::kTitle);
  }
  fields_.emplace_back();
  Prepare(fields_.back(), doc_.text, doc_.skip, Field::kText);
  for (const FieldData& f : fields_) CollectNames(f);
  // Speakers of every cue first, so that role mentions anywhere ("the NATO chief" in a
  // headline) can resolve to the article's most quoted person.
  for (FieldData& f : fields_) {
    for (auto [lo, hi] : f.sentences) {
      for (int k = lo; k < hi; ++k) {
        auto hit = CueAt(f, k, lo, hi);
        if (!hit || !hit->np || hit->np->kind != MentionKind::kName) continue;
        int id = entities_.Find(*hit->np);
        if (id == kNone) id = entities_.Add(*hit->np, false);
        Entity& e = entities_.Get(id);
        ++e.speaker_mentions;
        e.person_evidence |= !e.org;
      }
    }
  }
  // The text before the title, so that a headline quotation can borrow the speaker of the
  // body quotation it repeats.
  for (int fi = static_cast<int>(fields_.size()) - 1; fi >= 0; --fi) {
    size_t first = candidates_.size();
    BuildCandidates(fi);
    if (options_.find_unmarked && fields_[fi].field == Field::kText) FindUnmarked(fi);
    AttributeField(fi);
    FieldData& f = fields_[fi];
    // Kinds and the filter for names of things and scare quotes.
    for (size_t c = first; c < candidates_.size(); ++c) {
      Candidate& cand = candidates_[c];
      if (!cand.keep || cand.unmarked_paragraph != kNone) continue;
      const QuoteSpan& q = f.spans[cand.spans.front()];
      int ft = f.span_first_tok[cand.spans.front()];
      int lt = f.span_last_tok[cand.spans.back()];
      int words = 0;
      bool verbish = false, title_case = true;
      for (int t = ft; t <= lt; ++t) {
        const Token& tok = f.toks[t];
        if (!tok.is_word || tok.quote_depth != q.depth + 1) continue;
        ++words;
        verbish |= lex_.Is(tok.lower, kVerbish);
        if (!tok.capitalized && !lex_.Is(tok.lower, kFunction) && !lex_.Is(tok.lower, kParticle)) title_case = false;
      }
      if (words == 0) {
        cand.keep = false;
        continue;
      }
      bool ends_clause = lt >= ft && (IsTerminal(f.toks[lt]) || IsPunct(f.toks[lt], ',') ||
                                      IsPunct(f.toks[lt], '!') || IsPunct(f.toks[lt], '?'));
      int open_tok = f.span_open_tok[cand.spans.front()];
      bool after_the = open_tok > 0 && (f.toks[open_tok - 1].lower == "the" ||
                                        // the so-called "fixed-rate cliff": a term, not words
                                        f.toks[open_tok - 1].lower == "so-called" ||
                                        f.toks[open_tok - 1].lower == "dubbed");
      bool name_like = !verbish && !ends_clause && (after_the || title_case);
      bool heading = f.heading[q.paragraph];
      if (q.depth > 0) {
        cand.kind = QuoteKind::kNested;
        cand.keep = (cand.attr.from_cue || (words >= 3 && verbish)) && !name_like;
        continue;
      }
      if (heading) {
        cand.kind = QuoteKind::kHeadline;
        cand.keep = cand.attr.from_cue || (words >= 4 && (verbish || ends_clause));
        continue;
      }
      // Direct (whole sentences) or partial (a fragment inside a reporting sentence).
      int sent_lo = f.sentences[f.sentence_of[open_tok]].first;
      int prev = open_tok - 1;
      while (prev >= sent_lo && f.toks[prev].quote_depth != 0) --prev;
      const Token& first_word = f.toks[std::min(ft, static_cast<int>(f.toks.size()) - 1)];
      bool starts_upper = first_word.capitalized || (first_word.is_word && text::IsDigit(static_cast<unsigned char>(f.norm.text[first_word.begin]))) ||
                          IsQuoteToken(first_word);
      bool whole = starts_upper && (prev < sent_lo || IsPunct(f.toks[prev], ':') || IsPunct(f.toks[prev], ',') ||
                                    IsTerminal(f.toks[prev]) || IsBullet(f.toks[prev]));
      if (whole && prev >= sent_lo && IsPunct(f.toks[prev], ',') && prev > sent_lo && f.toks[prev - 1].lower == "that") whole = false;
      cand.kind = whole ? QuoteKind::kDirect : QuoteKind::kPartial;
      if (!whole) {
        cand.keep = cand.attr.from_cue && !name_like && (words >= 3 || cand.attr.entity >= 0);
      }
    }
  }
  for (int fi = 0; fi < static_cast<int>(fields_.size()); ++fi) {
    if (fields_[fi].field != Field::kText) continue;
    FindClauses(fi);
    if (options_.find_indirect) FindIndirect(fi);
  }
  // Emit: kept candidates in field order, then by start; nested ones after their parent.
  std::vector<int> order;
  for (int c = 0; c < static_cast<int>(candidates_.size()); ++c) {
    Candidate& cand = candidates_[c];
    if (cand.parent_candidate != kNone && !candidates_[cand.parent_candidate].keep) cand.keep = false;
    if (cand.keep) order.push_back(c);
  }
  std::vector<Quotation> out;
  std::vector<int> index_of(candidates_.size(), kNone);
  std::vector<std::pair<int, Quotation>> built;
  for (int c : order) {
    Quotation q = ToQuotation(candidates_[c]);
    if (q.confidence < options_.min_confidence) continue;
    built.emplace_back(c, std::move(q));
  }
  std::stable_sort(built.begin(), built.end(), [](const auto& a, const auto& b) {
    if (a.second.field != b.second.field) return a.second.field == Field::kTitle;
    return a.second.start() < b.second.start();
  });
  for (auto& [c, q] : built) {
    index_of[c] = static_cast<int>(out.size());
    int parent = candidates_[c].parent_candidate;
    if (parent != kNone && index_of[parent] != kNone) q.parent = index_of[parent];
    if (q.kind == QuoteKind::kNested && !q.parent) q.kind = QuoteKind::kDirect;
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace

Extractor::Extractor(ExtractorOptions options) : options_(options), lexicon_(Lexicon::Default()) {}

std::vector<Quotation> Extractor::Extract(const ingest::Document& doc) const {
  return DocumentExtraction(doc, options_, lexicon_).Run();
}

}  // namespace verbatim::quotes
