#include "eval/html_eval.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <zlib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "simdjson.h"
#include "text/utf8.h"

namespace verbatim::eval {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

absl::StatusOr<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path.string(), ": cannot open"));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Python's str.isspace(), which `\s` follows for str patterns.
bool IsPythonSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

// Python's `\w` for str patterns: str.isalnum() or '_'.
bool IsPythonWord(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return true;
    default:
      return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NUMERIC_TYPE) != U_NT_NONE;
  }
}

// The charset a page declares in its first kilobytes (<meta charset=...> or content="...;
// charset=..."), lower-cased, or "".
std::string DeclaredCharset(std::string_view page) {
  std::string head(page.substr(0, 8192));
  for (char& c : head) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  size_t i = at + 8;
  while (i < head.size() && (head[i] == '"' || head[i] == '\'' || head[i] == ' ')) ++i;
  std::string name;
  while (i < head.size() && (std::isalnum(static_cast<unsigned char>(head[i])) || head[i] == '-' ||
                             head[i] == '_' || head[i] == ':' || head[i] == '.')) {
    name.push_back(head[i++]);
  }
  return name;
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

}  // namespace

absl::StatusOr<std::string> ReadGzipFile(const std::filesystem::path& path) {
  absl::StatusOr<std::string> raw = ReadWholeFile(path);
  if (!raw.ok()) return raw.status();
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return absl::InternalError("zlib: inflateInit2");
  zs.next_in = reinterpret_cast<Bytef*>(raw->data());
  zs.avail_in = static_cast<uInt>(raw->size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return absl::DataLossError(absl::StrCat(path.string(), ": not valid gzip"));
    }
    out.append(buf, sizeof buf - zs.avail_out);
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return absl::DataLossError(absl::StrCat(path.string(), ": truncated gzip"));
    }
  }
  inflateEnd(&zs);
  return out;
}

std::string PageToUtf8(std::string bytes, bool* converted) {
  if (converted != nullptr) *converted = false;
  if (text::IsCleanUtf8(bytes)) return bytes;
  if (converted != nullptr) *converted = true;
  std::string charset = DeclaredCharset(bytes);
  if (!charset.empty() && charset != "utf-8" && charset != "utf8") {
    UErrorCode status = U_ZERO_ERROR;
    std::string out(bytes.size() * 3 + 16, '\0');
    int32_t n = ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()),
                             bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    if (U_SUCCESS(status)) {
      out.resize(static_cast<size_t>(n));
      return text::RepairUtf8(out).text;  // drops NULs, if any
    }
  }
  return text::RepairUtf8(bytes).text;
}

std::vector<std::string> AebTokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string_view valid = text;
  std::string repaired;
  if (!text::IsCleanUtf8(text)) {
    repaired = text::RepairUtf8(text).text;
    valid = repaired;
  }
  std::string current;
  for (size_t i = 0; i < valid.size();) {
    size_t start = i;
    char32_t c = text::DecodeNext(valid, i);
    if (IsPythonWord(c)) {
      current.append(valid.substr(start, i - start));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

ShingleMatch MatchShingles(std::string_view truth, std::string_view predicted) {
  constexpr size_t kN = 4;
  auto shingles = [](std::string_view t) {
    std::vector<std::string> tokens = AebTokens(t);
    absl::flat_hash_map<std::string, int> counts;
    size_t last = tokens.size() >= kN ? tokens.size() - kN + 1 : 1;
    for (size_t i = 0; i < last; ++i) {
      std::string key;
      for (size_t j = i; j < std::min(tokens.size(), i + kN); ++j) {
        key += tokens[j];
        key.push_back('\x1f');  // no \w character: joins without ambiguity
      }
      if (!key.empty()) ++counts[key];
    }
    return counts;
  };
  absl::flat_hash_map<std::string, int> t = shingles(truth), p = shingles(predicted);
  ShingleMatch m;
  for (const auto& [key, tc] : t) {
    auto it = p.find(key);
    int pc = it == p.end() ? 0 : it->second;
    m.tp += std::min(tc, pc);
    m.fn += std::max(0, tc - pc);
    m.fp += std::max(0, pc - tc);
  }
  for (const auto& [key, pc] : p) {
    if (!t.contains(key)) m.fp += pc;
  }
  double s = m.tp + m.fp + m.fn;
  if (s > 0) {
    m.tp /= s;
    m.fp /= s;
    m.fn /= s;
  }
  return m;
}

namespace {
double AebPrecision(const ShingleMatch& m) {
  if (m.fp == 0 && m.fn == 0) return 1.0;
  if (m.tp == 0 && m.fp == 0) return 0.0;
  return m.tp / (m.tp + m.fp);
}
double AebRecall(const ShingleMatch& m) {
  if (m.fp == 0 && m.fn == 0) return 1.0;
  if (m.tp == 0 && m.fn == 0) return 0.0;
  return m.tp / (m.tp + m.fn);
}
double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }
}  // namespace

PrecisionRecall AverageAeb(const std::vector<ShingleMatch>& pages) {
  double p_sum = 0, r_sum = 0;
  size_t p_n = 0, r_n = 0;
  for (const ShingleMatch& m : pages) {
    if (m.tp + m.fp > 0) p_sum += AebPrecision(m), ++p_n;
    if (m.tp + m.fn > 0) r_sum += AebRecall(m), ++r_n;
  }
  PrecisionRecall out;
  out.precision = p_n ? p_sum / static_cast<double>(p_n) : 0.0;
  out.recall = r_n ? r_sum / static_cast<double>(r_n) : 0.0;
  out.f1 = F1(out.precision, out.recall);
  return out;
}

PrecisionRecall PageAeb(const ShingleMatch& m) {
  PrecisionRecall out;
  out.precision = AebPrecision(m);
  out.recall = AebRecall(m);
  out.f1 = F1(out.precision, out.recall);
  return out;
}

std::string NormalizeSpaces(std::string_view text) {
  std::string valid;
  std::string_view s = text;
  if (!text::IsCleanUtf8(text)) {
    valid = text::RepairUtf8(text).text;
    s = valid;
  }
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = text::DecodeNext(s, i);
    if (IsPythonSpace(c)) {
      pending = true;
      continue;
    }
    if (pending && !out.empty()) out.push_back(' ');
    pending = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

double HtmlTiming::PagesPerSecond() const {
  return Ratio(static_cast<double>(pages), parse_seconds + extract_seconds);
}
double HtmlTiming::ParsePagesPerSecond() const {
  return Ratio(static_cast<double>(pages), parse_seconds);
}
double HtmlTiming::ExtractPagesPerSecond() const {
  return Ratio(static_cast<double>(pages), extract_seconds);
}
double HtmlTiming::MegabytesPerSecond() const {
  return Ratio(static_cast<double>(bytes) / 1e6, parse_seconds + extract_seconds);
}

namespace {

// Parses and extracts one page, adding to `timing`.
std::string ExtractTimed(const std::string& html, const html::BodyExtractor& extractor,
                         html::HtmlParser parser, HtmlTiming& timing) {
  Clock::time_point t0 = Clock::now();
  html::Dom dom = html::Dom::Parse(html, parser);
  Clock::time_point t1 = Clock::now();
  html::Body body = extractor.Extract(dom);
  Clock::time_point t2 = Clock::now();
  timing.pages++;
  timing.bytes += html.size();
  timing.parse_seconds += Seconds(t0, t1);
  timing.extract_seconds += Seconds(t1, t2);
  return body.Text();
}

absl::StatusOr<std::string> ReadPage(const std::filesystem::path& path, size_t& converted) {
  absl::StatusOr<std::string> raw = ReadGzipFile(path);
  if (!raw.ok()) return raw.status();
  bool was_converted = false;
  std::string page = PageToUtf8(*std::move(raw), &was_converted);
  converted += was_converted ? 1 : 0;
  return page;
}

absl::StatusOr<simdjson::dom::element> LoadJson(simdjson::dom::parser& parser,
                                                const std::filesystem::path& path) {
  simdjson::dom::element root;
  simdjson::padded_string json;
  if (simdjson::padded_string::load(path.string()).get(json) != simdjson::SUCCESS) {
    return absl::NotFoundError(absl::StrCat(path.string(), ": cannot read"));
  }
  if (parser.parse(json).get(root) != simdjson::SUCCESS || !root.is_object()) {
    return absl::InvalidArgumentError(absl::StrCat(path.string(), ": not a JSON object"));
  }
  return root;
}

std::vector<std::string> Strings(simdjson::dom::element e, std::string_view key) {
  std::vector<std::string> out;
  simdjson::dom::array a;
  if (e[key].get_array().get(a) != simdjson::SUCCESS) return out;
  for (simdjson::dom::element x : a) {
    std::string_view s;
    if (x.get_string().get(s) == simdjson::SUCCESS) out.emplace_back(s);
  }
  return out;
}

}  // namespace

absl::StatusOr<AebReport> EvaluateAeb(const std::filesystem::path& dir,
                                      const html::BodyExtractor& extractor,
                                      html::HtmlParser parser) {
  simdjson::dom::parser json;
  absl::StatusOr<simdjson::dom::element> truth = LoadJson(json, dir / "ground-truth.json");
  if (!truth.ok()) return truth.status();
  AebReport report;
  std::vector<ShingleMatch> matches;
  simdjson::dom::object pages;
  if (truth->get_object().get(pages) != simdjson::SUCCESS) return absl::InvalidArgumentError("ground-truth.json: not an object");
  for (auto [key, value] : pages) {
    AebPage page;
    page.id = std::string(key);
    std::string_view body, url;
    if (value["articleBody"].get_string().get(body) != simdjson::SUCCESS) body = "";
    if (value["url"].get_string().get(url) == simdjson::SUCCESS) page.url = std::string(url);
    absl::StatusOr<std::string> html =
        ReadPage(dir / "html" / (page.id + ".html.gz"), report.converted_pages);
    if (!html.ok()) return html.status();
    page.predicted = ExtractTimed(*html, extractor, parser, report.timing);
    page.match = MatchShingles(body, page.predicted);
    page.scores = PageAeb(page.match);
    page.truth_chars = body.size();
    page.predicted_chars = page.predicted.size();
    matches.push_back(page.match);
    report.pages.push_back(std::move(page));
  }
  if (report.pages.empty()) return absl::InvalidArgumentError("ground-truth.json has no pages");
  report.scores = AverageAeb(matches);
  return report;
}

SnippetPage CountSnippets(std::string_view extracted, const std::vector<std::string>& with,
                          const std::vector<std::string>& without) {
  SnippetPage page;
  std::string text = NormalizeSpaces(extracted);
  for (const std::string& w : with) {
    if (text.find(NormalizeSpaces(w)) != std::string::npos) {
      ++page.tp;
    } else {
      ++page.fn;
      page.missed.push_back(w);
    }
  }
  for (const std::string& w : without) {
    if (text.find(NormalizeSpaces(w)) != std::string::npos) {
      ++page.fp;
      page.leaked.push_back(w);
    } else {
      ++page.tn;
    }
  }
  return page;
}

absl::StatusOr<SnippetReport> EvaluateSnippets(const std::filesystem::path& dir,
                                               const html::BodyExtractor& extractor,
                                               html::HtmlParser parser) {
  simdjson::dom::parser json;
  absl::StatusOr<simdjson::dom::element> data = LoadJson(json, dir / "evaldata.json");
  if (!data.ok()) return data.status();
  SnippetReport report;
  simdjson::dom::object pages;
  if (data->get_object().get(pages) != simdjson::SUCCESS) return absl::InvalidArgumentError("evaldata.json: not an object");
  for (auto [key, value] : pages) {
    std::string_view file;
    if (value["file"].get_string().get(file) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat("evaldata.json: ", std::string(key), ": no file"));
    }
    absl::StatusOr<std::string> html = ReadPage(dir / "pages" / std::string(file),
                                                report.converted_pages);
    if (!html.ok()) return html.status();
    std::string text = ExtractTimed(*html, extractor, parser, report.timing);
    SnippetPage page = CountSnippets(text, Strings(value, "with"), Strings(value, "without"));
    page.url = std::string(key);
    page.file = std::string(file);
    report.tp += page.tp;
    report.fp += page.fp;
    report.fn += page.fn;
    report.tn += page.tn;
    report.pages.push_back(std::move(page));
  }
  if (report.pages.empty()) return absl::InvalidArgumentError("evaldata.json has no pages");
  report.precision = Ratio(report.tp, report.tp + report.fp);
  report.recall = Ratio(report.tp, report.tp + report.fn);
  report.f1 = Ratio(2.0 * report.tp, 2.0 * report.tp + report.fp + report.fn);
  report.accuracy = Ratio(report.tp + report.tn, report.tp + report.tn + report.fp + report.fn);
  return report;
}

}  // namespace verbatim::eval
