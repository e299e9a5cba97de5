#include "test_support.h"

#include <zlib.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "ingest/reader.h"
#include "text/utf8.h"

namespace verbatim::testing {
namespace fs = std::filesystem;

fs::path SharedDir() { return fs::path(VERBATIM_SHARED_DIR); }
fs::path DemoDir() { return fs::path(VERBATIM_DEMO_DIR); }
fs::path TestdataDir() { return fs::path(VERBATIM_TESTDATA_DIR); }

std::vector<ingest::Document> DemoDocuments() {
  std::vector<ingest::Document> docs;
  ingest::ArticleReader reader;
  ingest::ReadStats stats;
  reader.Read((DemoDir() / "articles.jsonl").string(), [&](ingest::Document&& d) { docs.push_back(std::move(d)); },
              [](const ingest::ReadProblem& p) { ADD_FAILURE() << p.where << ": " << p.message; }, stats);
  return docs;
}

bool SharedAvailable() { return fs::exists(SharedDir() / "corpus" / "seeds" / "gold.json"); }

bool IsCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

TempDir::TempDir() {
  std::random_device rd;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "test";
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.') c = '_';
  }
  path_ = fs::temp_directory_path() / ("verbatim-" + name + "-" + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& p, std::string_view contents) {
  std::ofstream out(p, std::ios::binary);
  out << contents;
}

std::vector<std::string> Words(std::string_view s) {
  // NFKC + lowercase as the scorer does; our inputs need only the lowercase part, plus
  // curly apostrophes folded to straight ones.
  std::string lower;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t cp = text::DecodeNext(s, i);
    if (cp == U'\u2019' || cp == U'\u2018') {
      lower.push_back('\'');
    } else if (cp < 0x80) {
      lower.push_back(static_cast<char>(std::tolower(static_cast<int>(cp))));
    } else {
      lower.append(s.substr(start, i - start));
    }
  }
  // Words: [a-z0-9\u00c0-\u024f]+ optionally followed by 'letters.
  std::vector<std::string> words;
  auto is_word_cp = [](char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0xC0 && c <= 0x24F);
  };
  i = 0;
  while (i < lower.size()) {
    size_t start = i;
    char32_t cp = text::DecodeNext(lower, i);
    if (!is_word_cp(cp)) continue;
    size_t end = i;
    while (end < lower.size()) {
      size_t j = end;
      char32_t c = text::DecodeNext(lower, j);
      if (!is_word_cp(c)) break;
      end = j;
    }
    if (end < lower.size() && lower[end] == '\'' && end + 1 < lower.size() &&
        lower[end + 1] >= 'a' && lower[end + 1] <= 'z') {
      size_t j = end + 1;
      while (j < lower.size() && lower[j] >= 'a' && lower[j] <= 'z') ++j;
      end = j;
    }
    words.push_back(lower.substr(start, end - start));
    i = end;
  }
  return words;
}

double WordF1(std::string_view a, std::string_view b) {
  std::vector<std::string> wa = Words(a), wb = Words(b);
  if (wa.empty() || wb.empty()) return 0.0;
  std::map<std::string, int> ca, cb;
  for (const auto& w : wa) ++ca[w];
  for (const auto& w : wb) ++cb[w];
  int common = 0;
  for (const auto& [w, n] : ca) {
    auto it = cb.find(w);
    if (it != cb.end()) common += std::min(n, it->second);
  }
  if (common == 0) return 0.0;
  double p = static_cast<double>(common) / static_cast<double>(wa.size());
  double r = static_cast<double>(common) / static_cast<double>(wb.size());
  return 2 * p * r / (p + r);
}

bool SpeakerMatches(const std::optional<std::string>& predicted, std::string_view gold) {
  if (!predicted) return false;
  auto fold = [](std::string_view s) {
    std::set<std::string> out;
    for (std::string w : Words(s)) {
      while (!w.empty() && w.back() == 'y') w.pop_back();
      out.insert(w);
    }
    return out;
  };
  std::set<std::string> g = fold(gold), p = fold(*predicted);
  return std::includes(p.begin(), p.end(), g.begin(), g.end());
}

std::string Compress(std::string_view data, int window_bits) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace verbatim::testing
