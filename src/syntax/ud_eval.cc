#include "syntax/ud_eval.h"

#include <cstdio>

namespace verbatim::syntax {

UdScores EvaluateUd(const Model& model, const std::vector<ConlluSentence>& gold, bool gold_tags) {
  UdScores r;
  size_t upos = 0, uas = 0, las = 0, ulas = 0;
  std::vector<std::string_view> words;
  std::vector<Upos> tags;
  for (const ConlluSentence& s : gold) {
    words.clear();
    tags.clear();
    for (const ConlluWord& w : s.words) {
      words.push_back(w.form);
      tags.push_back(ParseUpos(w.upos).value_or(Upos::kX));
    }
    const std::vector<WordSyntax> p = gold_tags ? model.ParseTagged(words, tags) : model.Parse(words);
    for (size_t i = 0; i < p.size(); ++i) {
      const ConlluWord& g = s.words[i];
      upos += UposName(p[i].upos) == g.upos;
      if (p[i].head + 1 != g.head) continue;
      ++uas;
      las += p[i].deprel == g.deprel;
      ulas += UniversalRelation(p[i].deprel) == UniversalRelation(g.deprel);
    }
    r.words += p.size();
    ++r.sentences;
  }
  if (r.words) {
    const double n = static_cast<double>(r.words);
    r.upos = 100.0 * static_cast<double>(upos) / n;
    r.uas = 100.0 * static_cast<double>(uas) / n;
    r.las = 100.0 * static_cast<double>(las) / n;
    r.las_universal = 100.0 * static_cast<double>(ulas) / n;
  }
  return r;
}

std::string FormatUdScores(const UdScores& s) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "UPOS %.2f  UAS %.2f  LAS %.2f  LAS (universal labels) %.2f  (%zu words, %zu sentences)",
                s.upos, s.uas, s.las, s.las_universal, s.words, s.sentences);
  return buf;
}

}  // namespace verbatim::syntax
