#include "quotes/extractor.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <optional>

#include "quotes/attribution_features.h"
#include "quotes/document_extraction.h"
#include "syntax/embedded_model.h"
#include "syntax/word_split.h"
#include "text/utf8.h"

namespace verbatim::quotes::internal {

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
  SplitWords(f);
  if (syntax_ != nullptr) ParseSentences(f);
}

void DocumentExtraction::SplitWords(FieldData& f) {
  f.token_word.assign(f.toks.size() + 1, 0);
  f.words.reserve(f.words.size() + f.toks.size() + f.toks.size() / 8);
  std::vector<text::ByteRange> ranges;  // reused: one split per token, no allocation each
  for (size_t t = 0; t < f.toks.size(); ++t) {
    const Token& tok = f.toks[t];
    f.token_word[t] = static_cast<int>(f.words.size());
    std::string_view s(f.norm.text.data() + tok.begin, tok.end - tok.begin);
    syntax::SplitIntoWords(s, ranges);
    for (const text::ByteRange& r : ranges) {
      Word w;
      w.begin = tok.begin + static_cast<uint32_t>(r.begin);
      w.end = tok.begin + static_cast<uint32_t>(r.end);
      w.orig_begin = f.norm.ToOriginal(w.begin);
      w.orig_end = f.norm.ToOriginalEnd(w.end);
      w.token = static_cast<int>(t);
      w.sentence = f.sentence_of[t];
      f.words.push_back(w);
    }
  }
  f.token_word[f.toks.size()] = static_cast<int>(f.words.size());
  f.sentence_words.clear();
  for (auto [lo, hi] : f.sentences) f.sentence_words.emplace_back(f.token_word[lo], f.token_word[hi]);
}

bool DocumentExtraction::SentenceNeedsParse(const FieldData& f, int si) const {
  if (options_.parse == ParseScope::kAll) return true;
  if (options_.parse == ParseScope::kNone) return false;
  auto [lo, hi] = f.sentences[si];
  for (int t = lo; t < hi; ++t) {
    const Token& tok = f.toks[t];
    if (IsQuoteToken(tok)) return true;
    if (tok.is_word && (lex_.Is(tok.lower, kCue) || lex_.Is(tok.lower, kNounCue) ||
                        (attribution_ != nullptr && attribution_->CueShare(WordHash(tok.lower)) >= options_.parse_min_cue_share))) {
      return true;
    }
  }
  return false;
}

void DocumentExtraction::ParseSentences(FieldData& f) {
  std::vector<std::string_view> forms;
  for (size_t si = 0; si < f.sentences.size(); ++si) {
    auto [wb, we] = f.sentence_words[si];
    if (we <= wb || we - wb > kMaxParsedWords || !SentenceNeedsParse(f, static_cast<int>(si))) continue;
    forms.clear();
    for (int w = wb; w < we; ++w) forms.push_back(std::string_view(f.norm.text).substr(f.words[w].begin, f.words[w].end - f.words[w].begin));
    std::vector<syntax::WordSyntax> parse = parse_cache_ != nullptr ? parse_cache_->Parse(forms) : syntax_->Parse(forms);
    for (int w = wb; w < we; ++w) {
      Word& word = f.words[w];
      const syntax::WordSyntax& p = parse[w - wb];
      word.parsed = true;
      word.upos = p.upos;
      word.head = p.head < 0 ? kNone : wb + p.head;
      word.deprel = p.deprel;
      word.subtree_first = word.subtree_last = w;
      // A word that is a whole word token (most are) already has its lowercase form there
      // (punctuation tokens keep none).
      const Token& tok = f.toks[word.token];
      std::string lower = tok.is_word && tok.begin == word.begin && tok.end == word.end ? tok.lower
                                                                                      : LowerWord(forms[w - wb]);
      word.lower_hash = WordHash(lower);
      word.stem_hash = WordHash(Stem(std::move(lower)));
    }
    // Subtrees (contiguous: the parser's trees are projective) and children lists.
    for (int w = wb; w < we; ++w) {
      for (int h = f.words[w].head; h != kNone; h = f.words[h].head) {
        f.words[h].subtree_first = std::min(f.words[h].subtree_first, w);
        f.words[h].subtree_last = std::max(f.words[h].subtree_last, w);
      }
    }
  }
  std::vector<int> count(f.words.size() + 1, 0);
  for (const Word& w : f.words) {
    if (w.parsed && w.head != kNone) ++count[w.head + 1];
  }
  for (size_t i = 1; i < count.size(); ++i) count[i] += count[i - 1];
  f.children.assign(count.back(), 0);
  std::vector<int> fill(count.begin(), count.end() - 1);
  for (size_t w = 0; w < f.words.size(); ++w) {
    f.words[w].children_begin = count[w];
    f.words[w].children_end = count[w + 1];
    if (f.words[w].parsed && f.words[w].head != kNone) f.children[fill[f.words[w].head]++] = static_cast<int>(w);
  }
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

void DocumentExtraction::CollectNames(FieldData& f) {
  int n = static_cast<int>(f.toks.size());
  for (int i = 0; i < n; ++i) {
    if (!IsNameWord(f.toks[i], lex_)) continue;
    int e = NameRunEnd(f.toks, i, n, lex_);
    if (e < 0) continue;
    int b = i;
    if (b > 0 && f.toks[b - 1].lower == "the") --b;
    if (auto m = ParseMention(f.norm.text, f.toks, b, e, lex_); m && m->kind == MentionKind::kName) {
      f.names.push_back({b, e, entities_.Add(*m, false)});
    }
    i = e;
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

const FieldData& DocumentExtraction::AnalyzeText() {
  fields_.clear();
  fields_.emplace_back();
  Prepare(fields_.back(), doc_.text, doc_.skip, Field::kText);
  CollectNames(fields_.back());
  return fields_.back();
}

std::vector<Quotation> DocumentExtraction::Run() {
  // The JSONL title is its own field; a .txt title is a line of the text.
  if (doc_.title && !doc_.title_in_text) {
    fields_.emplace_back();
    Prepare(fields_.back(), *doc_.title, {}, Field::kTitle);
  }
  fields_.emplace_back();
  Prepare(fields_.back(), doc_.text, doc_.skip, Field::kText);
  for (FieldData& f : fields_) CollectNames(f);
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
      // Names of things are short: the "Financial Times", the so-called "fixed-rate cliff";
      // "tackle the "core of what creates terrorists, what creates an extremist ..."" is words.
      bool name_like = !verbish && !ends_clause && ((after_the && words <= 6) || title_case);
      // A programme or publication: on MSNBC's "Morning Joe," / told "Meet the Press."
      if (!verbish && title_case && words <= 4 && open_tok > 0) {
        const Token& before = f.toks[open_tok - 1];
        std::string_view base;
        bool possessive = before.is_word && StripPossessive(before.lower, &base);
        name_like |= possessive || before.lower == "on" || before.lower == "in" || before.lower == "at" ||
                     before.lower == "from";
      }
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
    if (options_.find_indirect) {
      if (attribution_ != nullptr && syntax_ != nullptr) {
        FindIndirectLearned(fi);
      } else {
        FindIndirect(fi);
      }
    }
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

}  // namespace verbatim::quotes::internal

namespace verbatim::quotes {

ExtractorModels ExtractorModels::Embedded() {
  absl::StatusOr<const syntax::Model*> syntax = syntax::EmbeddedModel();
  if (!syntax.ok()) {
    std::fprintf(stderr, "verbatim: the embedded syntax model does not load: %s\n",
                 std::string(syntax.status().message()).c_str());
    std::abort();
  }
  absl::StatusOr<const AttributionModel*> attribution = AttributionModel::Embedded();
  if (!attribution.ok()) {
    std::fprintf(stderr, "verbatim: the embedded attribution model does not load: %s\n",
                 std::string(attribution.status().message()).c_str());
    std::abort();
  }
  return {*syntax, *attribution};
}

Extractor::Extractor(ExtractorOptions options, ExtractorModels models)
    : options_(options), models_(models), lexicon_(Lexicon::Default()) {}

bool ExtractsLanguageOf(const ingest::Document& doc, const ExtractorOptions& options) {
  return options.any_language || !doc.lang || *doc.lang == "en";
}

std::vector<Quotation> Extractor::Extract(const ingest::Document& doc) const {
  if (!ExtractsLanguageOf(doc, options_)) return {};
  return internal::DocumentExtraction(doc, options_, models_, lexicon_).Run();
}

}  // namespace verbatim::quotes

