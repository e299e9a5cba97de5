// Progress: one line on stderr, rewritten in place, while a long command reads articles:
//   verbatim: 12,345 articles · 18.2 MB/s · 45,678 quotations · 0:42 left
// Shown only when stderr is a terminal (and not --quiet); silent otherwise, so logs and pipes
// get no control characters. "left" is estimated from the input files' sizes and the article
// text read so far (text is most of a JSONL or text corpus; HTML pages carry more markup, so
// there it runs high); it is left out when the input size is unknown (standard input).
#ifndef VERBATIM_CLI_PROGRESS_H_
#define VERBATIM_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace verbatim::cli {

class Progress {
 public:
  // Enabled when `err` is std::cerr, stderr is a terminal and `quiet` is false.
  Progress(std::ostream& err, bool quiet, const std::vector<std::string>& paths);
  // Counts one article; redraws the line at most every 200 ms.
  void Article(uint64_t text_bytes, uint64_t quotations);
  // Replaces the line with a stage after the reading ("clustering quotations"), until Finish.
  void Stage(std::string_view name);
  // Clears the line.
  void Finish();

 private:
  void Draw(bool last);

  std::ostream& err_;
  bool enabled_ = false;
  uint64_t total_bytes_ = 0;  // 0: unknown
  uint64_t articles_ = 0, bytes_ = 0, quotations_ = 0;
  std::chrono::steady_clock::time_point start_, drawn_;
};

// `--timings`: the wall time and peak resident memory of each stage of a command, one line per
// stage on `err` when it ends ("verbatim: stories: 41.2 s, peak RSS 612 MB"). Disabled, it
// prints nothing. The peak is the process's since the stage began (Linux: VmHWM, reset through
// /proc/self/clear_refs; the whole run's peak where that reset is refused).
class StageTimes {
 public:
  StageTimes(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
  ~StageTimes() { End(); }
  // Ends the current stage (if any) and starts `name`.
  void Begin(std::string_view name);
  void End();
  // One more line about the current stage ("verbatim: <text>"), when enabled.
  void Note(std::string_view text);

 private:
  std::ostream& err_;
  bool enabled_;
  std::string name_;
  std::chrono::steady_clock::time_point start_;
};

// "12,345"
std::string WithThousands(uint64_t n);

}  // namespace verbatim::cli

#endif  // VERBATIM_CLI_PROGRESS_H_
