// Helpers shared by the tests: where the shared data lives, per-test temp directories, the
// gold-annotation matcher used by the golden tests.
#ifndef VERBATIM_TESTS_TEST_SUPPORT_H_
#define VERBATIM_TESTS_TEST_SUPPORT_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/document.h"
#include "quotes/quotation.h"

namespace verbatim::testing {

// ../shared beside the repository.
std::filesystem::path SharedDir();
bool SharedAvailable();
bool IsCi();  // CI=true in the environment

// First statement of a test that needs ../shared: skips the test when it is missing, except
// with CI=true, where it fails: CI must never pass by skipping.
#define VERBATIM_REQUIRE_SHARED()                                                      \
  do {                                                                                 \
    if (!::verbatim::testing::SharedAvailable()) {                                     \
      if (::verbatim::testing::IsCi()) {                                               \
        FAIL() << "CI=true but the shared data folder is missing: "                    \
               << ::verbatim::testing::SharedDir();                                    \
      }                                                                                \
      GTEST_SKIP() << "../shared is not present beside the repository";                \
    }                                                                                  \
  } while (0)

std::filesystem::path DemoDir();
std::filesystem::path TestdataDir();
// The demo corpus (demo/articles.jsonl) as the reader makes it; a problem fails the test.
std::vector<ingest::Document> DemoDocuments();

// A fresh directory for one test, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::filesystem::path& p);
void WriteFile(const std::filesystem::path& p, std::string_view contents);

// `data` compressed by zlib as one member: gzip (window_bits 31, the default), zlib (15) or
// raw deflate (-15). Fails the test on a zlib error.
std::string Compress(std::string_view data, int window_bits = 31);

// Lowercase word list as the independent scorer counts words.
std::vector<std::string> Words(std::string_view s);
// Bag-of-words F1 between two texts (the scorer's token_f1).
double WordF1(std::string_view a, std::string_view b);
// The scorer's speaker rule: every word of `gold` (trailing 'y' folded) is in `predicted`.
bool SpeakerMatches(const std::optional<std::string>& predicted, std::string_view gold);

// SQL that takes a schema v10 database back to v9 (each quotation's cluster and stems on
// quotations again; their indexes as v3 made them).
inline constexpr const char* kUndoSchemaV10 =
    "ALTER TABLE quotations ADD COLUMN cluster INTEGER;"
    "ALTER TABLE quotations ADD COLUMN stems TEXT;"
    "UPDATE quotations SET cluster = (SELECT cluster FROM quotation_clusters WHERE quotation = quotations.id), "
    "stems = (SELECT stems FROM quotation_clusters WHERE quotation = quotations.id);"
    "CREATE INDEX quotations_cluster ON quotations(cluster);"
    "CREATE INDEX quotations_unclustered ON quotations(id) WHERE cluster IS NULL;"
    "DROP TABLE quotation_clusters;"
    "PRAGMA user_version = 9;";

// SQL that takes a schema v9 database back to v8 (each document's story and counted flag on
// documents again), for tests that make older databases by downgrading new ones.
inline constexpr const char* kUndoSchemaV9 =
    "ALTER TABLE documents ADD COLUMN story INTEGER;"
    "ALTER TABLE documents ADD COLUMN terms_counted INTEGER NOT NULL DEFAULT 0;"
    "UPDATE documents SET story = (SELECT story FROM document_stories WHERE document = documents.id), "
    "terms_counted = (SELECT terms_counted FROM document_stories WHERE document = documents.id);"
    "CREATE INDEX documents_story ON documents(story);"
    "CREATE INDEX documents_without_story ON documents(published, id) WHERE story IS NULL;"
    "DROP TABLE document_stories;"
    "PRAGMA user_version = 8;";

}  // namespace verbatim::testing

#endif  // VERBATIM_TESTS_TEST_SUPPORT_H_
