// Internal to the quotes stage: the state of one document's extraction, shared by the
// files that implement it (extractor.cc: preparation and output; attribution.cc: speakers and
// cues; reported_speech.cc: clauses and indirect speech). Not part of the public API.
//
// A DocumentExtraction lives for one Extractor::Extract call; it is not thread-safe and owns
// nothing beyond its document's analysis.
#ifndef VERBATIM_QUOTES_DOCUMENT_EXTRACTION_H_
#define VERBATIM_QUOTES_DOCUMENT_EXTRACTION_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/document.h"
#include "quotes/extractor.h"
#include "quotes/lexicon.h"
#include "quotes/quotation.h"
#include "quotes/quote_marks.h"
#include "quotes/speakers.h"
#include "quotes/token.h"
#include "syntax/model.h"
#include "text/normalizer.h"

namespace verbatim::quotes::internal {


constexpr int kNone = -1;
constexpr int kUnnamed = -2;  // an unnamed source ("one dock worker") is being talked about
// Longer sentences (lists, tables, run-on text) are not parsed.
constexpr int kMaxParsedWords = 200;

inline bool IsPunct(const Token& t, char32_t c) { return !t.is_word && t.punct == c; }
inline bool IsTerminal(const Token& t) {
  return !t.is_word && (t.punct == '.' || t.punct == '!' || t.punct == '?' || t.punct == U'\u2026');
}
inline bool IsQuoteToken(const Token& t) { return !t.is_word && IsQuoteMark(t.punct); }
inline bool IsBullet(const Token& t) {
  return !t.is_word && (t.punct == '-' || t.punct == '*' || t.punct == U'\u2022' || t.punct == U'\u2013');
}

// A UD word of a field (syntax/word_split.h splits tokens such as "Russia's" or "don't") with
// its part of speech and dependency relation when its sentence was parsed.
struct Word {
  uint32_t begin = 0, end = 0;        // normalized byte offsets
  size_t orig_begin = 0, orig_end = 0;  // the same in the original text
  int token = 0;                      // the token it is part of
  int sentence = 0;
  bool parsed = false;                // the fields below are set
  syntax::Upos upos = syntax::Upos::kX;
  int head = kNone;                   // word index in the field; kNone for the sentence root
  std::string_view deprel;            // "nsubj", "ccomp", "nmod:poss", ...
  uint64_t lower_hash = 0, stem_hash = 0;  // of the lowercased form and its light stem
  int subtree_first = 0, subtree_last = 0;  // the words the word dominates (a projective tree)
  int children_begin = 0, children_end = 0; // into FieldData::children
};

// A name in the text and the entity it names.
struct NameMention {
  int first = 0, last = 0;  // tokens, inclusive
  int entity = kNone;
};

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
  std::vector<NameMention> names;                  // every name, in text order
  std::vector<Word> words;                         // UD words, in text order
  std::vector<int> token_word;                     // per token, its first word; size tokens + 1
  std::vector<std::pair<int, int>> sentence_words; // per sentence, [begin, end) words
  std::vector<int> children;                       // dependents of each word, left to right

  // The dependents of word `w`.
  std::span<const int> ChildrenOf(int w) const {
    return std::span<const int>(children).subspan(words[w].children_begin,
                                                  words[w].children_end - words[w].children_begin);
  }
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
  DocumentExtraction(const ingest::Document& doc, const ExtractorOptions& options,
                     const ExtractorModels& models, const Lexicon& lex)
      : doc_(doc),
        options_(options),
        syntax_(models.syntax),
        parse_cache_(models.parse_cache),
        attribution_(models.attribution),
        lex_(lex) {}

  std::vector<Quotation> Run();
  // Only the analysis of the text field (tokens, quote spans, sentences, words and their
  // parse, names), for training; the extraction is not run.
  const FieldData& AnalyzeText();

 private:
  void Prepare(FieldData& f, std::string_view text, const std::vector<text::ByteRange>& skip, Field field);
  void SplitSentences(FieldData& f);
  // UD words of every token, and their sentences.
  void SplitWords(FieldData& f);
  // Parses the sentences attribution needs (SentenceNeedsParse) with the syntax model.
  void ParseSentences(FieldData& f);
  bool SentenceNeedsParse(const FieldData& f, int sentence) const;
  void MarkHeadings(FieldData& f);
  void CollectNames(FieldData& f);
  std::optional<CueHit> CueAt(const FieldData& f, int c, int lo, int hi) const;
  std::optional<Mention> LeftPhrase(const FieldData& f, int j, int lo) const;
  std::optional<Mention> PhraseEndingAt(const FieldData& f, int j, int lo) const;
  std::optional<Mention> SimplePhraseEndingAt(const FieldData& f, int j, int lo) const;
  std::optional<Mention> GroupPhraseEndingAt(const FieldData& f, int j, int lo) const;
  std::optional<Mention> PhraseStartingAt(const FieldData& f, int j, int hi) const;
  std::optional<Mention> SentenceSubject(const FieldData& f, int lo, int hi) const;
  int Resolve(const FieldData& f, const Mention& m, const Salience& s, int container_lo) const;
  // The person "he" or "she" at token `at` refers to: the salient person when the pronoun
  // agrees with what the article says of their gender, else the nearest agreeing person
  // named in the sentence or the two before it.
  int ResolvePersonPronoun(const FieldData& f, int at, Gender want, int salient) const;
  Attribution AttributeSpan(const FieldData& f, int open_tok, int close_tok, int lo, int hi,
                            const Salience& s, int container_lo) const;
  void BuildCandidates(int fi);
  void AttributeField(int fi);
  void FindUnmarked(int fi);
  void FindClauses(int fi);
  void FindIndirect(int fi);
  // Reported speech decided by the attribution model over the parse (attribution_model.h):
  // every word it scores as a cue, the content span and source it ranks first.
  void FindIndirectLearned(int fi);
  // The mention of the source phrase headed by word `head` (a name, pronoun, role or other
  // phrase), for resolution and output.
  Mention SourceMention(const FieldData& f, int head) const;
  // The subject the parse gives the cue of `hit` when the phrase the rules found does not
  // hold it: "Mr Johnson, MP for Henley, Oxfordshire, said" (not "Oxfordshire"), "said
  // Amazon's Robin Terrell" (not "Amazon's"), "Mr Johnson said Mr Blair "should ..."" (not
  // Mr Blair). nullopt to keep the rules' phrase.
  std::optional<Mention> ParsedSubject(const FieldData& f, const CueHit& hit) const;
  // The word the parse gives as the nominal subject of the cue on tokens [first_tok, last_tok]
  // (last_tok < 0: one token), or kNone (no parse, no subject, or not a word).
  int ParsedSubjectOf(const FieldData& f, int first_tok, int last_tok = -1) const;
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
  const syntax::Model* syntax_;
  syntax::ParseCache* parse_cache_;  // null: parse every sentence with syntax_
  const AttributionModel* attribution_;
  bool learned_cues_ = false;  // learned cues count as cues (reported speech only)
  const Lexicon& lex_;
  std::vector<FieldData> fields_;
  EntityTable entities_;
  std::vector<Candidate> candidates_;
};


}  // namespace verbatim::quotes::internal

#endif  // VERBATIM_QUOTES_DOCUMENT_EXTRACTION_H_
