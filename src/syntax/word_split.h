// The bridge from Verbatim's tokens to UD words. Verbatim's tokenizer (quotes/token.h) keeps
// "Russia's", "don't" and "step-by-step" whole; UD English (EWT) splits them:
//
//   Russia's -> Russia 's        don't -> do n't       won't -> wo n't     cannot -> can not
//   they're  -> they 're         I'm   -> I 'm         dont  -> do nt      gonna  -> gon na
//   students' -> students '      step-by-step -> step - by - step
//
// Numbers split from units ("5pm" -> 5 pm, "35mm") and short ranges ("5-10" -> 5 - 10).
// Hyphens split between letters, except after the prefixes EWT keeps attached (e-mail,
// non-profit, co-workers, pre-war, anti-, re-, post-, mid-, ...), inside numbers
// (713-853-3989) and in URLs. Curly apostrophes (’) count as apostrophes. "its" stays one
// word (EWT splits it only where it stands for "it is", which needs context).
//
// On EWT (train), rebuilding Verbatim tokens from the treebank and splitting them gives back
// the treebank's words for 99.7% of the tokens, and for 87% of those that need splitting
// (word_split_test.cc; most of the rest are typos the treebank splits, "its" -> it s, "im").
#ifndef VERBATIM_SYNTAX_WORD_SPLIT_H_
#define VERBATIM_SYNTAX_WORD_SPLIT_H_

#include <string_view>
#include <vector>

#include "text/byte_range.h"

namespace verbatim::syntax {

// The UD words of one token, as byte ranges into `token`, in order, covering it without gaps.
// A token that needs no split gives one range [0, size). Pure function.
std::vector<text::ByteRange> SplitIntoWords(std::string_view token);
// The same into `out` (cleared first): no allocation once `out` has grown, for the extractor,
// which splits every token of every article.
void SplitIntoWords(std::string_view token, std::vector<text::ByteRange>& out);

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_WORD_SPLIT_H_
