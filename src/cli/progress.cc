#include "cli/progress.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace verbatim::cli {

std::string WithThousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

Progress::Progress(std::ostream& err, bool quiet, const std::vector<std::string>& paths) : err_(err) {
  enabled_ = !quiet && &err == &std::cerr && isatty(STDERR_FILENO) == 1;
  if (!enabled_) return;
  namespace fs = std::filesystem;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-") {
      total_bytes_ = 0;
      break;
    }
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total_bytes_ += it->file_size(ec);
      }
    } else {
      total_bytes_ += fs::file_size(p, ec);
    }
  }
  start_ = std::chrono::steady_clock::now();
  drawn_ = start_ - std::chrono::seconds(1);  // the first line shows at once, on a fast run too
}

void Progress::Article(uint64_t text_bytes, uint64_t quotations) {
  if (!enabled_) return;
  ++articles_;
  bytes_ += text_bytes;
  quotations_ += quotations;
  if ((articles_ & 63) != 0) return;  // the clock is read every 64 articles
  const auto now = std::chrono::steady_clock::now();
  if (now - drawn_ < std::chrono::milliseconds(200)) return;
  drawn_ = now;
  Draw(false);
}

void Progress::Draw(bool last) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double mb_per_s = seconds > 0 ? static_cast<double>(bytes_) / 1e6 / seconds : 0;
  std::string line = absl::StrCat("verbatim: ", WithThousands(articles_), " articles \xc2\xb7 ",
                                  absl::StrFormat("%.1f", mb_per_s), " MB/s \xc2\xb7 ", WithThousands(quotations_),
                                  " quotations");
  if (!last && total_bytes_ > bytes_ && mb_per_s > 0) {
    const auto left = static_cast<int64_t>(static_cast<double>(total_bytes_ - bytes_) / 1e6 / mb_per_s);
    absl::StrAppend(&line, " \xc2\xb7 ", left / 60, ":", absl::StrFormat("%02d", left % 60), " left");
  }
  err_ << "\r" << line << "\x1b[K" << std::flush;
}

void Progress::Stage(std::string_view name) {
  if (!enabled_) return;
  err_ << "\rverbatim: " << name << "\xe2\x80\xa6\x1b[K" << std::flush;
}

void Progress::Finish() {
  if (!enabled_) return;
  err_ << "\r\x1b[K" << std::flush;
}

namespace {

// The process's peak resident set since the last reset, in bytes (0 when unknown).
int64_t PeakResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atoll(line.c_str() + 6) * 1024;  // "VmHWM:  1234 kB"
  }
  return 0;
}

void ResetPeakResident() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
}

}  // namespace

void StageTimes::Begin(std::string_view name) {
  if (!enabled_) return;
  End();
  name_ = std::string(name);
  ResetPeakResident();
  start_ = std::chrono::steady_clock::now();
}

void StageTimes::Note(std::string_view text) {
  if (enabled_) err_ << "verbatim: " << text << "\n";
}

void StageTimes::End() {
  if (!enabled_ || name_.empty()) return;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  err_ << "verbatim: " << name_ << ": " << absl::StrFormat("%.1f", seconds) << " s, peak RSS "
       << PeakResidentBytes() / 1000000 << " MB\n";
  name_.clear();
}

}  // namespace verbatim::cli
