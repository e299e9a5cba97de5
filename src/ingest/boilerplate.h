// BoilerplateDetector: finds the lines of an article that are not part of the article —
// links to other stories, ads, photo credits and captions, subscription footers, breadcrumbs.
//
// Each rule looks at one line alone and is motivated by a real page:
//   "Read Also: China Hits Back: 34% Tariff on US Goods..."      related-story link
//   "Also read" / "Others are reading now"                         widget headers
//   "Ads by MGDK" / "Advertisement"                                ad slots
//   "Alexandros Michailidis / Shutterstock"                        photo credit
//   "NATO Secretary General ... to discuss the situation. (AFP)"   photo caption
//   "... Please contact us for subscription options."              subscription footer
//   "Homepage News NATO Chief: ... on..."                          breadcrumb
// Precision matters more than recall: on wire copy without boilerplate (Reuters-21578,
// BBC 2004) fewer than 0.5% of lines may be dropped.
//
// Thread-safe: all methods are const.
#ifndef VERBATIM_INGEST_BOILERPLATE_H_
#define VERBATIM_INGEST_BOILERPLATE_H_

#include <string_view>
#include <vector>

#include "text/byte_range.h"

namespace verbatim::ingest {

// Why a line was dropped (for tests and diagnostics).
enum class BoilerplateKind {
  kNone,
  kRelatedLink,
  kWidget,
  kAd,
  kPhotoCredit,
  kCaption,
  kSubscription,
  kBreadcrumb,
  kSocial,
};

class BoilerplateDetector {
 public:
  // Classifies one line (without its line break).
  BoilerplateKind Classify(std::string_view line) const;

  // Returns the byte ranges of the boilerplate lines of `text` (line content without the line
  // break, leading/trailing white space trimmed), in order.
  std::vector<text::ByteRange> Find(std::string_view text) const;
};

}  // namespace verbatim::ingest

#endif  // VERBATIM_INGEST_BOILERPLATE_H_
