// A half-open byte range [begin, end) into some text.
#ifndef VERBATIM_TEXT_BYTE_RANGE_H_
#define VERBATIM_TEXT_BYTE_RANGE_H_

#include <cstddef>

namespace verbatim::text {

struct ByteRange {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(size_t pos) const { return pos >= begin && pos < end; }
  bool Overlaps(const ByteRange& o) const { return begin < o.end && o.begin < end; }
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

}  // namespace verbatim::text

#endif  // VERBATIM_TEXT_BYTE_RANGE_H_
