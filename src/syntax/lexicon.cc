#include "syntax/lexicon.h"

#include <algorithm>

#include "syntax/feature_hash.h"

namespace verbatim::syntax {
namespace {

constexpr size_t kMaxWord = 64;  // longer words are hashed on their first 64 bytes for affixes

// Lower-cases ASCII letters and folds ASCII digits to '0' into `buf`; returns the length.
size_t Fold(std::string_view w, char* buf) {
  const size_t n = std::min(w.size(), kMaxWord);
  for (size_t i = 0; i < n; ++i) {
    char c = w[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c >= '0' && c <= '9') c = '0';
    buf[i] = c;
  }
  return n;
}

uint64_t ShapeHash(std::string_view w) {
  char buf[kMaxWord];
  size_t n = 0;
  char last = 0;
  int run = 0;
  for (size_t i = 0; i < w.size() && n < kMaxWord; ++i) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    char k;
    if (c >= 'A' && c <= 'Z') k = 'X';
    else if (c >= 'a' && c <= 'z') k = 'x';
    else if (c >= '0' && c <= '9') k = 'd';
    else if (c >= 0x80) k = (c >= 0xc0) ? 'u' : 0;  // one 'u' per non-ASCII code point
    else k = static_cast<char>(c);
    if (k == 0) continue;
    run = (k == last) ? run + 1 : 1;
    last = k;
    if (run <= 3) buf[n++] = k;
  }
  return HashBytes(std::string_view(buf, n));
}

}  // namespace

uint64_t LowerHash(std::string_view word) {
  char buf[kMaxWord];
  const size_t n = Fold(word, buf);
  if (word.size() > kMaxWord) return HashBytes(word);  // rare: long words keep their case
  return HashBytes(std::string_view(buf, n));
}

Lexicon Lexicon::Build(const std::vector<std::vector<std::string_view>>& sentences,
                       const std::vector<std::vector<uint8_t>>& tags, int min_count) {
  absl::flat_hash_map<uint64_t, std::pair<uint32_t, uint32_t>> seen;  // hash -> (mask, count)
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (size_t i = 0; i < sentences[s].size(); ++i) {
      auto& e = seen[LowerHash(sentences[s][i])];
      e.first |= 1u << tags[s][i];
      ++e.second;
    }
  }
  Lexicon lex;
  for (const auto& [k, v] : seen) {
    if (static_cast<int>(v.second) >= min_count) lex.ambiguity_[k] = v.first;
  }
  return lex;
}

void Lexicon::Describe(std::span<const std::string_view> words, std::vector<WordInfo>& out) const {
  out.resize(words.size());
  char buf[kMaxWord];
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    WordInfo& info = out[i];
    info.form = HashBytes(w);
    const size_t n = Fold(w, buf);
    std::string_view lower(buf, n);
    info.lower = w.size() > kMaxWord ? HashBytes(w) : HashBytes(lower);
    info.shape = ShapeHash(w);
    for (size_t k = 0; k < 3; ++k) info.prefix[k] = HashBytes(lower.substr(0, k + 1)) + k;
    for (size_t k = 0; k < 4; ++k) {
      info.suffix[k] = HashBytes(lower.substr(lower.size() > k + 1 ? lower.size() - k - 1 : 0)) + 7 * k;
    }
    auto it = ambiguity_.find(info.lower);
    info.ambiguity = it == ambiguity_.end() ? 0 : it->second;
    auto c = clusters_.find(info.lower);
    info.cluster = c == clusters_.end() ? 0 : c->second + 1;
  }
}

void Lexicon::AppendTo(ByteWriter& out) const {
  std::vector<std::pair<uint64_t, uint32_t>> entries(ambiguity_.begin(), ambiguity_.end());
  std::sort(entries.begin(), entries.end());
  out.Put<uint32_t>(static_cast<uint32_t>(entries.size()));
  for (auto [k, m] : entries) {
    out.Put<uint64_t>(k);
    out.Put<uint32_t>(m);
  }
  std::vector<std::pair<uint64_t, uint16_t>> clusters(clusters_.begin(), clusters_.end());
  std::sort(clusters.begin(), clusters.end());
  out.Put<uint32_t>(static_cast<uint32_t>(clusters.size()));
  for (auto [k, c] : clusters) {
    out.Put<uint64_t>(k);
    out.Put<uint16_t>(c);
  }
}

absl::StatusOr<Lexicon> Lexicon::Read(ByteReader& in) {
  uint32_t n = 0;
  if (auto s = in.Get(n, "tag dictionary"); !s.ok()) return s;
  if (n > in.remaining() / 12) return absl::DataLossError("model tag dictionary: size exceeds the data");
  Lexicon lex;
  lex.ambiguity_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t k = 0;
    uint32_t m = 0;
    if (auto s = in.Get(k, "tag dictionary"); !s.ok()) return s;
    if (auto s = in.Get(m, "tag dictionary"); !s.ok()) return s;
    if (m == 0 || m >= (1u << 17)) return absl::DataLossError("model tag dictionary: bad tag set");
    lex.ambiguity_[k] = m;
  }
  if (auto s = in.Get(n, "word clusters"); !s.ok()) return s;
  if (n > in.remaining() / 10) return absl::DataLossError("model word clusters: size exceeds the data");
  lex.clusters_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t k = 0;
    uint16_t c = 0;
    if (auto s = in.Get(k, "word clusters"); !s.ok()) return s;
    if (auto s = in.Get(c, "word clusters"); !s.ok()) return s;
    lex.clusters_[k] = c;
  }
  return lex;
}

}  // namespace verbatim::syntax
