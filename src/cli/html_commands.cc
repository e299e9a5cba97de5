#include "cli/html_commands.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "cli/commands.h"
#include "common/json.h"
#include "eval/html_eval.h"
#include "eval/html_metadata_eval.h"
#include "html/body_extractor.h"

namespace verbatim::cli {
namespace {

std::string Format(const char* fmt, double a, double b = 0, double c = 0, double d = 0) {
  char line[256];
  std::snprintf(line, sizeof line, fmt, a, b, c, d);
  return line;
}

void AppendTimingJson(const eval::HtmlTiming& t, json::ObjectWriter& w) {
  w.Key("pages").Int(static_cast<int64_t>(t.pages)).Key("bytes").Int(static_cast<int64_t>(t.bytes));
  w.Key("parse_seconds").Double(t.parse_seconds).Key("extract_seconds").Double(t.extract_seconds);
  w.Key("pages_per_second").Double(t.PagesPerSecond());
  w.Key("parse_pages_per_second").Double(t.ParsePagesPerSecond());
  w.Key("extract_pages_per_second").Double(t.ExtractPagesPerSecond());
  w.Key("megabytes_per_second").Double(t.MegabytesPerSecond());
}

// `"timing": {...}` as the next key of `w`, which writes into `out`.
void AppendTimingKey(const eval::HtmlTiming& timing, json::ObjectWriter& w, std::string& out) {
  w.Key("timing");
  json::ObjectWriter t(out);
  AppendTimingJson(timing, t);
  t.Close();
}

std::string TimingLine(const eval::HtmlTiming& t) {
  return Format("speed: %.0f pages/s (%.1f MB/s); parse %.0f pages/s, extract %.0f pages/s\n",
                t.PagesPerSecond(), t.MegabytesPerSecond(), t.ParsePagesPerSecond(),
                t.ExtractPagesPerSecond());
}

// One line of text, at most `n` bytes (cut at a UTF-8 boundary).
std::string Snip(std::string_view s, size_t n) {
  std::string out;
  for (char c : s.substr(0, std::min(s.size(), n))) out.push_back(c == '\n' ? ' ' : c);
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  return out;
}

void ReportAeb(const eval::AebReport& r, const std::string& dir, int show_worst, bool as_json,
               std::string& out) {
  if (as_json) {
    json::ObjectWriter w(out);
    w.Key("dir").String(dir).Key("precision").Double(r.scores.precision);
    w.Key("recall").Double(r.scores.recall).Key("f1").Double(r.scores.f1);
    w.Key("converted_pages").Int(static_cast<int64_t>(r.converted_pages));
    AppendTimingKey(r.timing, w, out);
    w.Key("pages");
    out += "[";
    for (size_t i = 0; i < r.pages.size(); ++i) {
      const eval::AebPage& p = r.pages[i];
      if (i) out += ",";
      json::ObjectWriter pw(out);
      pw.Key("id").String(p.id).Key("url").String(p.url);
      pw.Key("precision").Double(p.scores.precision).Key("recall").Double(p.scores.recall);
      pw.Key("f1").Double(p.scores.f1);
      pw.Key("tp").Double(p.match.tp).Key("fp").Double(p.match.fp).Key("fn").Double(p.match.fn);
      pw.Key("truth_chars").Int(static_cast<int64_t>(p.truth_chars));
      pw.Key("predicted_chars").Int(static_cast<int64_t>(p.predicted_chars));
      pw.Close();
    }
    out += "]";
    w.Close();
    return;
  }
  out += "AEB (article-extraction-benchmark), " + std::to_string(r.pages.size()) + " pages, " + dir + "\n";
  out += Format("body shingles: precision %.3f  recall %.3f  F1 %.3f\n", r.scores.precision,
                r.scores.recall, r.scores.f1);
  out += TimingLine(r.timing);
  if (show_worst > 0) {
    std::vector<const eval::AebPage*> order;
    for (const eval::AebPage& p : r.pages) order.push_back(&p);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto* a, const auto* b) { return a->scores.f1 < b->scores.f1; });
    out += "worst pages:\n";
    for (int i = 0; i < show_worst && i < static_cast<int>(order.size()); ++i) {
      const eval::AebPage& p = *order[static_cast<size_t>(i)];
      out += Format("  F1 %.3f  P %.3f  R %.3f  ", p.scores.f1, p.scores.precision, p.scores.recall);
      out += p.id.substr(0, 12) + "  " + p.url + "\n";
      out += "    truth " + std::to_string(p.truth_chars) + " bytes, extracted " +
             std::to_string(p.predicted_chars) + ": " + Snip(p.predicted, 160) + "\n";
    }
  }
}

void ReportSnippets(const eval::SnippetReport& r, const std::string& dir, int show_worst,
                    bool as_json, std::string& out) {
  if (as_json) {
    json::ObjectWriter w(out);
    w.Key("dir").String(dir).Key("tp").Int(r.tp).Key("fp").Int(r.fp).Key("fn").Int(r.fn).Key("tn").Int(r.tn);
    w.Key("precision").Double(r.precision).Key("recall").Double(r.recall).Key("f1").Double(r.f1);
    w.Key("accuracy").Double(r.accuracy);
    w.Key("converted_pages").Int(static_cast<int64_t>(r.converted_pages));
    AppendTimingKey(r.timing, w, out);
    w.Key("pages");
    out += "[";
    for (size_t i = 0; i < r.pages.size(); ++i) {
      const eval::SnippetPage& p = r.pages[i];
      if (i) out += ",";
      json::ObjectWriter pw(out);
      pw.Key("url").String(p.url).Key("file").String(p.file);
      pw.Key("tp").Int(p.tp).Key("fp").Int(p.fp).Key("fn").Int(p.fn).Key("tn").Int(p.tn);
      pw.Close();
    }
    out += "]";
    w.Close();
    return;
  }
  out += "trafilatura snippets, " + std::to_string(r.pages.size()) + " pages, " + dir + "\n";
  out += Format("snippets: precision %.3f  recall %.3f  F1 %.3f  accuracy %.3f", r.precision,
                r.recall, r.f1, r.accuracy);
  out += "  (tp " + std::to_string(r.tp) + ", fp " + std::to_string(r.fp) + ", fn " +
         std::to_string(r.fn) + ", tn " + std::to_string(r.tn) + ")\n";
  if (r.converted_pages > 0) out += std::to_string(r.converted_pages) + " page(s) were not UTF-8 and were converted\n";
  out += TimingLine(r.timing);
  if (show_worst > 0) {
    std::vector<const eval::SnippetPage*> order;
    for (const eval::SnippetPage& p : r.pages) {
      if (p.fp + p.fn > 0) order.push_back(&p);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto* a, const auto* b) { return a->fp + a->fn > b->fp + b->fn; });
    out += "worst pages:\n";
    for (int i = 0; i < show_worst && i < static_cast<int>(order.size()); ++i) {
      const eval::SnippetPage& p = *order[static_cast<size_t>(i)];
      out += "  " + p.file + "  fn " + std::to_string(p.fn) + ", fp " + std::to_string(p.fp) + "\n";
      for (const std::string& s : p.missed) out += "    missed: " + Snip(s, 100) + "\n";
      for (const std::string& s : p.leaked) out += "    leaked: " + Snip(s, 100) + "\n";
    }
  }
}

}  // namespace

void AddHtmlEvalOptions(CLI::App& eval, HtmlEvalFlags& flags) {
  eval.add_option("--aeb", flags.aeb_dir,
                  "html: AEB directory (ground-truth.json, html/*.html.gz); '' skips it")
      ->capture_default_str();
  eval.add_option("--trafilatura", flags.trafilatura_dir,
                  "html: trafilatura directory (evaldata.json, pages/*.html.gz); '' skips it")
      ->capture_default_str();
  eval.add_option("--mediacloud", flags.mediacloud_dir,
                  "html: MediaCloud dates directory (dates.json, pages/*.html.gz); '' skips it")
      ->capture_default_str();
  eval.add_option("--parser", flags.parser, "html: libxml2 (default; 3-4x faster, same bodies) or gumbo")
      ->check(CLI::IsMember({"gumbo", "libxml2"}));
  eval.add_option("--show-worst", flags.show_worst, "html: list the N worst pages of each set")
      ->check(CLI::NonNegativeNumber);
}

int EvalHtml(const HtmlEvalFlags& flags, bool as_json, std::ostream& out, std::ostream& err) {
  html::HtmlParser parser = flags.parser == "libxml2" ? html::HtmlParser::kLibxml2 : html::HtmlParser::kGumbo;
  html::BodyExtractor extractor;
  std::string buf;
  if (as_json) buf += "{\"parser\":\"" + flags.parser + "\"";
  else buf += "parser: " + flags.parser + "\n";
  int sets = 0;
  if (!flags.aeb_dir.empty()) {
    absl::StatusOr<eval::AebReport> r = eval::EvaluateAeb(flags.aeb_dir, extractor, parser);
    if (!r.ok()) {
      err << "verbatim eval html: " << r.status().message() << "\n";
      return kNothingProcessed;
    }
    if (as_json) buf += ",\"aeb\":";
    else buf += "\n";
    ReportAeb(*r, flags.aeb_dir, flags.show_worst, as_json, buf);
    ++sets;
  }
  if (!flags.trafilatura_dir.empty()) {
    absl::StatusOr<eval::SnippetReport> r = eval::EvaluateSnippets(flags.trafilatura_dir, extractor, parser);
    if (!r.ok()) {
      err << "verbatim eval html: " << r.status().message() << "\n";
      return kNothingProcessed;
    }
    if (as_json) buf += ",\"trafilatura\":";
    else buf += "\n";
    ReportSnippets(*r, flags.trafilatura_dir, flags.show_worst, as_json, buf);
    ++sets;
  }
  eval::HtmlMetadataEvalOptions metadata_options;
  metadata_options.parser = parser;
  if (!flags.trafilatura_dir.empty()) {
    // The same pages' title, date and author against their gold.
    absl::StatusOr<eval::MetadataEvalResult> r =
        eval::EvaluateTrafilaturaMetadata(flags.trafilatura_dir, metadata_options);
    if (!r.ok()) {
      err << "verbatim eval html: " << r.status().message() << "\n";
      return kNothingProcessed;
    }
    if (as_json) buf += ",\"trafilatura_metadata\":" + eval::MetadataEvalToJson(*r);
    else buf += "\ntrafilatura metadata, " + flags.trafilatura_dir + "\n" +
                eval::FormatMetadataEval(*r, flags.show_worst > 0);
  }
  if (!flags.mediacloud_dir.empty()) {
    absl::StatusOr<eval::DateEvalResult> r =
        eval::EvaluateMediacloudDates(flags.mediacloud_dir, metadata_options);
    if (!r.ok()) {
      err << "verbatim eval html: " << r.status().message() << "\n";
      return kNothingProcessed;
    }
    if (as_json) buf += ",\"mediacloud\":" + eval::DateEvalToJson(*r);
    else buf += "\nMediaCloud dates, " + flags.mediacloud_dir + "\n" +
                eval::FormatDateEval(*r, flags.show_worst > 0);
    ++sets;
  }
  if (as_json) buf += "}\n";
  out << buf;
  if (sets == 0) {
    err << "verbatim eval html: no set to score (give --aeb, --trafilatura or --mediacloud)\n";
    return kUsage;
  }
  return kOk;
}

}  // namespace verbatim::cli
