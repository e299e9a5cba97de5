// The words a quotation is compared by: content words, case- and accent-folded, possessives
// dropped and lightly stemmed, so that "Russia's" / "Russian" / "Russians" and "clearly" /
// "clear" meet. Order is kept (MinHash windows need it); use a set for similarity.
#ifndef VERBATIM_CLUSTER_QUOTE_WORDS_H_
#define VERBATIM_CLUSTER_QUOTE_WORDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace verbatim::cluster {

// A light stem of a folded word: possessive, plural and demonym endings ("russians" ->
// "russia", "courts" -> "court", "clearly" -> "clear").
std::string Stem(std::string_view folded_word);

// Content stems of `text` in order: function words and numbers-only tokens dropped.
std::vector<std::string> ContentStems(std::string_view text);

// The same stems as a sorted set without repeats (what similarity compares).
std::vector<std::string> ContentStemSet(std::string_view text);

}  // namespace verbatim::cluster

#endif  // VERBATIM_CLUSTER_QUOTE_WORDS_H_
