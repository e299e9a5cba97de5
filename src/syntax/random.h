// A small deterministic random number generator (splitmix64) for shuffling and exploration:
// the same seed gives the same sequence on every platform and standard library, which
// std::shuffle with std::mt19937 does not promise.
#ifndef VERBATIM_SYNTAX_RANDOM_H_
#define VERBATIM_SYNTAX_RANDOM_H_

#include <cstdint>
#include <utility>
#include <vector>

namespace verbatim::syntax {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  uint64_t Below(uint64_t n) { return Next() % n; }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Below(i)]);
  }

 private:
  uint64_t state_;
};

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_RANDOM_H_
