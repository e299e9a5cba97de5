#include "syntax/word_clusters.h"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

#include "syntax/lexicon.h"
#include "syntax/str_cat.h"
#include "syntax/word_split.h"

namespace verbatim::syntax {
namespace {

// x log x, from a table for small counts.
class XLogX {
 public:
  XLogX() : table_(kSize) {
    for (int i = 1; i < kSize; ++i) table_[i] = i * std::log(static_cast<double>(i));
  }
  double operator()(int64_t x) const {
    return x < kSize ? table_[x] : static_cast<double>(x) * std::log(static_cast<double>(x));
  }

 private:
  static constexpr int kSize = 1 << 16;
  std::vector<double> table_;
};

struct Neighbour {
  uint32_t word;
  int32_t count;
};

}  // namespace

ClusterMap ClusterWords(const WordStreams& streams, const ClusterOptions& options, std::ostream* log) {
  const auto t0 = std::chrono::steady_clock::now();
  // Vocabulary by LowerHash key: count, and the smallest spelling for a deterministic order.
  absl::flat_hash_map<uint64_t, std::pair<int64_t, std::string>> counts;
  for (const auto& s : streams) {
    for (const std::string& w : s) {
      auto& e = counts[LowerHash(w)];
      if (e.first++ == 0 || w < e.second) e.second = w;
    }
  }
  std::vector<std::pair<uint64_t, std::pair<int64_t, std::string>>> vocab(counts.begin(), counts.end());
  std::sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) {
    if (a.second.first != b.second.first) return a.second.first > b.second.first;
    if (a.second.second != b.second.second) return a.second.second < b.second.second;
    return a.first < b.first;
  });
  size_t v = 0;
  while (v < vocab.size() && v < static_cast<size_t>(options.max_words) && vocab[v].second.first >= options.min_count) ++v;
  vocab.resize(v);
  const uint32_t V = static_cast<uint32_t>(v);
  const uint32_t kOther = V;  // every word outside the vocabulary, and text boundaries
  const int C = options.classes;
  absl::flat_hash_map<uint64_t, uint32_t> id;
  for (uint32_t i = 0; i < V; ++i) id[vocab[i].first] = i;

  // Bigram counts (word ids, kOther for the rest), as per-word neighbour lists.
  absl::flat_hash_map<uint64_t, int32_t> bigrams;
  std::vector<int64_t> unigram(V + 1, 0);
  for (const auto& s : streams) {
    uint32_t prev = kOther;
    for (size_t i = 0; i <= s.size(); ++i) {
      uint32_t cur = kOther;
      if (i < s.size()) {
        auto it = id.find(LowerHash(s[i]));
        if (it != id.end()) cur = it->second;
      }
      if (prev != kOther || cur != kOther) ++bigrams[(static_cast<uint64_t>(prev) << 32) | cur];
      if (i < s.size()) ++unigram[cur];
      prev = cur;
    }
  }
  std::vector<std::pair<uint64_t, int32_t>> sorted(bigrams.begin(), bigrams.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::vector<Neighbour>> left(V), right(V);  // left[w]: words before w
  for (auto [key, n] : sorted) {
    const uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key);
    if (b != kOther) left[b].push_back({a, n});
    if (a != kOther) right[a].push_back({b, n});
  }

  // Class counts. nl[v * C + c]: v followed by class c; nr[u * C + c]: class c followed by u.
  std::vector<int> cls(V);
  for (uint32_t w = 0; w < V; ++w) cls[w] = static_cast<int>(w % C);
  std::vector<int64_t> nl(static_cast<size_t>(V + 1) * C, 0), nr(static_cast<size_t>(V + 1) * C, 0), nc(C, 0);
  auto move = [&](uint32_t w, int c, int sign) {
    for (const Neighbour& x : left[w]) nl[static_cast<size_t>(x.word) * C + c] += sign * x.count;
    for (const Neighbour& x : right[w]) nr[static_cast<size_t>(x.word) * C + c] += sign * x.count;
    nc[c] += sign * unigram[w];
  };
  for (uint32_t w = 0; w < V; ++w) move(w, cls[w], +1);
  const XLogX f;
  std::vector<double> delta(C);
  for (int pass = 1; pass <= options.passes; ++pass) {
    int moved = 0;
    for (uint32_t w = 0; w < V; ++w) {
      const int from = cls[w];
      move(w, from, -1);
      std::fill(delta.begin(), delta.end(), 0.0);
      for (const Neighbour& x : left[w]) {
        const int64_t* row = &nl[static_cast<size_t>(x.word) * C];
        for (int c = 0; c < C; ++c) delta[c] += f(row[c] + x.count) - f(row[c]);
      }
      for (const Neighbour& x : right[w]) {
        const int64_t* row = &nr[static_cast<size_t>(x.word) * C];
        for (int c = 0; c < C; ++c) delta[c] += f(row[c] + x.count) - f(row[c]);
      }
      int best = from;
      for (int c = 0; c < C; ++c) {
        delta[c] -= 2 * (f(nc[c] + unigram[w]) - f(nc[c]));
        if (delta[c] > delta[best] + 1e-9) best = c;
      }
      cls[w] = best;
      moved += best != from;
      move(w, best, +1);
    }
    if (log) {
      *log << "clusters pass " << pass << ": " << moved << " of " << V << " words moved ("
           << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s)\n"
           << std::flush;
    }
    if (moved == 0) break;
  }
  ClusterMap out;
  for (uint32_t w = 0; w < V; ++w) out[vocab[w].first] = static_cast<uint16_t>(cls[w]);
  return out;
}

namespace {

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

// The JSON string value of `key` in one JSONL line, unescaped; empty when absent.
std::string JsonField(std::string_view line, std::string_view key) {
  const std::string pat = Cat("\"", key, "\":");
  size_t p = line.find(pat);
  if (p == std::string_view::npos) return "";
  p += pat.size();
  while (p < line.size() && line[p] == ' ') ++p;
  if (p >= line.size() || line[p] != '"') return "";
  std::string out;
  for (++p; p < line.size() && line[p] != '"'; ++p) {
    if (line[p] != '\\' || p + 1 >= line.size()) {
      out.push_back(line[p]);
      continue;
    }
    const char e = line[++p];
    switch (e) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back(' '); break;
      case 'r': break;
      case 'u': {
        if (p + 4 >= line.size()) return out;
        uint32_t cp = static_cast<uint32_t>(std::strtoul(std::string(line.substr(p + 1, 4)).c_str(), nullptr, 16));
        p += 4;
        if (cp >= 0xd800 && cp < 0xdc00 && p + 6 < line.size() && line[p + 1] == '\\' && line[p + 2] == 'u') {
          const uint32_t lo = static_cast<uint32_t>(std::strtoul(std::string(line.substr(p + 3, 4)).c_str(), nullptr, 16));
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          p += 6;
        }
        AppendUtf8(cp, out);
        break;
      }
      default: out.push_back(e);
    }
  }
  return out;
}

bool IsEdgePunct(unsigned char c) {
  return c < 0x80 && c != '\'' && !std::isalnum(c) && c != '$' && c != '%' && c != '&' && c != '@' && c != '#';
}

// Splits text into words: whitespace, then edge punctuation, then SplitIntoWords. A blank line
// ends a stream.
void AppendWords(std::string_view text, WordStreams& out) {
  out.emplace_back();
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      if (!out.back().empty()) out.emplace_back();
    }
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    std::string_view chunk = text.substr(i, j - i);
    i = j;
    size_t a = 0, b = chunk.size();
    // Curly quotes and dashes (3 UTF-8 bytes) at the edges are words of their own.
    auto wide = [&](size_t at) {
      if (at + 3 > chunk.size()) return false;
      const std::string_view x = chunk.substr(at, 3);
      return x == "\xe2\x80\x9c" || x == "\xe2\x80\x9d" || x == "\xe2\x80\x98" || x == "\xe2\x80\x94" ||
             x == "\xe2\x80\x93" || x == "\xe2\x80\xa6";
    };
    while (a < b) {
      if (IsEdgePunct(static_cast<unsigned char>(chunk[a]))) {
        out.back().emplace_back(chunk.substr(a++, 1));
      } else if (wide(a) && a + 3 <= b) {
        out.back().emplace_back(chunk.substr(a, 3));
        a += 3;
      } else {
        break;
      }
    }
    std::vector<std::string> tail;
    while (b > a) {
      if (IsEdgePunct(static_cast<unsigned char>(chunk[b - 1]))) {
        tail.emplace_back(chunk.substr(--b, 1));
      } else if (b >= a + 3 && wide(b - 3)) {
        tail.emplace_back(chunk.substr(b - 3, 3));
        b -= 3;
      } else {
        break;
      }
    }
    std::string_view core = chunk.substr(a, b - a);
    for (const text::ByteRange& r : SplitIntoWords(core)) out.back().emplace_back(core.substr(r.begin, r.size()));
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.back().push_back(std::move(*it));
  }
  if (out.back().empty()) out.pop_back();
}

}  // namespace

absl::Status AppendJsonlWords(const std::filesystem::path& path, WordStreams& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(Cat(path.string(), ": cannot open corpus file"));
  std::string line;
  while (std::getline(in, line)) {
    AppendWords(JsonField(line, "title"), out);
    AppendWords(JsonField(line, "text"), out);
  }
  return absl::OkStatus();
}

}  // namespace verbatim::syntax
