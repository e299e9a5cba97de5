// Retrains the attribution model the way `verbatim train attribution` does, from PolNeAR train
// and the embedded syntax model, and checks that the result is the committed model byte for
// byte: training is deterministic and the committed file is what the command makes.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "cli/attribution_commands.h"
#include "test_support.h"

namespace verbatim {
namespace {

TEST(AttributionTraining, FreshRunReproducesCommittedModel) {
  VERBATIM_REQUIRE_SHARED();
  testing::TempDir dir;
  const std::filesystem::path out = dir.path() / "attribution.bin";
  std::ostringstream log, err;
  ASSERT_EQ(cli::TrainAttribution((testing::SharedDir() / "eval" / "polnear" / "train").string(), "", out.string(), 8,
                                  log, err),
            0)
      << err.str();
  const std::filesystem::path repo = std::filesystem::path(VERBATIM_TESTDATA_DIR).parent_path().parent_path();
  EXPECT_TRUE(testing::ReadFile(out) == testing::ReadFile(repo / "models" / "attribution-polnear.bin"))
      << "the retrained model differs from models/attribution-polnear.bin";
}

}  // namespace
}  // namespace verbatim
