#include "common/ordered_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace verbatim {
namespace {

// Items finish out of order (random work times); they must still come back in order.
TEST(OrderedWorkers, DeliversInSubmissionOrderWhateverOrderWorkFinishes) {
  for (int threads : {1, 2, 4}) {
    std::vector<int> delivered;
    std::atomic<int> worked{0};
    {
      OrderedWorkers<int, std::string> pool(
          threads, 8,
          [&](const int& i) {
            std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 500));
            ++worked;
            return std::to_string(i * i);
          },
          [&](int&& i, std::string&& out) {
            EXPECT_EQ(out, std::to_string(i * i));
            delivered.push_back(i);
          });
      for (int i = 0; i < 300; ++i) pool.Submit(i);
      pool.Finish();
    }
    ASSERT_EQ(delivered.size(), 300u) << threads;
    for (int i = 0; i < 300; ++i) EXPECT_EQ(delivered[static_cast<size_t>(i)], i) << threads;
    EXPECT_EQ(worked.load(), 300);
  }
}

// Submit blocks while max_in_flight items are outstanding, so memory does not grow with input.
TEST(OrderedWorkers, KeepsAtMostMaxInFlightItemsOutstanding) {
  std::atomic<int> started{0};
  int delivered = 0, worst = 0;
  OrderedWorkers<int, int> pool(
      3, 5,
      [&](const int& i) {
        ++started;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        return i;
      },
      [&](int&&, int&&) { ++delivered; });
  for (int i = 0; i < 200; ++i) {
    pool.Submit(i);
    worst = std::max(worst, i + 1 - delivered);
  }
  pool.Finish();
  EXPECT_EQ(delivered, 200);
  EXPECT_LE(worst, 5);
}

TEST(OrderedWorkers, AnExceptionInWorkReachesTheSubmitter) {
  OrderedWorkers<int, int> pool(
      2, 4,
      [](const int& i) {
        if (i == 17) throw std::runtime_error("bad item");
        return i;
      },
      [](int&&, int&&) {});
  EXPECT_THROW(
      {
        for (int i = 0; i < 100; ++i) pool.Submit(i);
        pool.Finish();
      },
      std::runtime_error);
}

}  // namespace
}  // namespace verbatim
