#include "eval/polnear.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/json.h"
#include "ingest/reader.h"
#include "text/utf8.h"

namespace verbatim::eval {
namespace fs = std::filesystem;
namespace {

// Splits on `sep`; with skip_empty, empty pieces are dropped.
std::vector<std::string_view> Split(std::string_view s, char sep, bool skip_empty = false) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    std::string_view piece = s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start);
    if (!(skip_empty && piece.empty())) out.push_back(piece);
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

bool ParseSize(std::string_view s, size_t* v) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool IsStripChar(char32_t c) {
  switch (c) {
    case '"': case '\'': case U'\u201C': case U'\u201D': case U'\u2018': case U'\u2019':
    case U'\u00AB': case U'\u00BB': case U'\u201E': case U'\u201A': case U'\u2039': case U'\u203A':
    case ' ': case '\t': case '\r': case '\n': case '.': case ',': case ';': case ':': case '!':
    case '?': case U'\u2014': case U'\u2013': case '-': case '(': case ')':
      return true;
    default:
      return false;
  }
}

size_t Overlap(Span a, Span b) {
  size_t lo = std::max(a.begin, b.begin), hi = std::min(a.end, b.end);
  return hi > lo ? hi - lo : 0;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Span Trim(std::string_view text, Span s) {
  while (s.begin < s.end && (text[s.begin] == ' ' || text[s.begin] == '\n' || text[s.begin] == '\t' || text[s.begin] == '\r')) ++s.begin;
  while (s.end > s.begin && (text[s.end - 1] == ' ' || text[s.end - 1] == '\n' || text[s.end - 1] == '\t' || text[s.end - 1] == '\r')) --s.end;
  return s;
}

// One-to-one matching of spans by overlap, largest first. Returns pairs (gold, pred, overlap).
std::vector<std::tuple<size_t, size_t, size_t>> MatchByOverlap(const std::vector<Span>& gold,
                                                              const std::vector<Span>& pred) {
  std::vector<std::tuple<size_t, size_t, size_t>> pairs;
  for (size_t g = 0; g < gold.size(); ++g) {
    for (size_t p = 0; p < pred.size(); ++p) {
      size_t o = Overlap(gold[g], pred[p]);
      if (o > 0) pairs.emplace_back(o, g, p);
    }
  }
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
  std::vector<bool> gu(gold.size()), pu(pred.size());
  std::vector<std::tuple<size_t, size_t, size_t>> out;
  for (auto [o, g, p] : pairs) {
    if (gu[g] || pu[p]) continue;
    gu[g] = pu[p] = true;
    out.emplace_back(g, p, o);
  }
  return out;
}

void AddCounts(Counts& to, const Counts& from) {
  to.gold += from.gold; to.predicted += from.predicted; to.exact += from.exact;
  to.overlap50 += from.overlap50; to.gold_cues += from.gold_cues;
  to.predicted_cues += from.predicted_cues; to.cue_matches += from.cue_matches;
  to.gold_sources += from.gold_sources; to.predicted_sources += from.predicted_sources;
  to.source_matches += from.source_matches;
  to.matched_with_gold_source += from.matched_with_gold_source;
  to.source_right += from.source_right; to.joint += from.joint;
}

}  // namespace

Span StripSpan(std::string_view text, Span s) {
  s.end = std::min(s.end, text.size());
  while (s.begin < s.end) {
    size_t i = s.begin;
    if (!IsStripChar(text::DecodeNext(text, i))) break;
    s.begin = i;
  }
  while (s.end > s.begin) {
    size_t i = s.end;
    if (!IsStripChar(text::DecodePrev(text, i))) break;
    s.end = i;
  }
  return s;
}

bool IsQuoted(std::string_view text, Span s) {
  size_t b = s.begin >= 3 ? s.begin - 3 : 0, e = std::min(text.size(), s.end + 3);
  std::string_view w = text.substr(b, e - b);
  return w.find('"') != std::string_view::npos || w.find("\xe2\x80\x9c") != std::string_view::npos ||
         w.find("\xe2\x80\x9d") != std::string_view::npos;
}

absl::StatusOr<std::vector<Attribution>> ParseBratAttributions(std::string_view ann,
                                                               std::string_view text) {
  // Code point index -> byte offset.
  std::vector<size_t> cp_to_byte;
  cp_to_byte.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size();) {
    cp_to_byte.push_back(i);
    text::DecodeNext(text, i);
  }
  cp_to_byte.push_back(text.size());
  std::map<std::string, std::vector<Span>> spans;
  std::vector<std::map<std::string, std::string>> relations;
  int line_no = 0;
  for (std::string_view line : Split(ann, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::vector<std::string_view> cols = Split(line, '\t');
    // A span's text column may itself hold line breaks: lines that do not start with an
    // annotation id ("T12\t", "E3\t") continue the previous line's text.
    bool annotation = cols.size() >= 2 && cols[0].size() >= 2 && std::isalpha(static_cast<unsigned char>(cols[0][0])) &&
                      std::all_of(cols[0].begin() + 1, cols[0].end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (!annotation) continue;
    if (cols[0].front() == 'T') {
      size_t sp = cols[1].find(' ');
      if (sp == std::string_view::npos) return absl::InvalidArgumentError(absl::StrCat("line ", line_no, ": no offsets"));
      std::vector<Span> segs;
      for (std::string_view seg : Split(cols[1].substr(sp + 1), ';')) {
        std::vector<std::string_view> ab = Split(seg, ' ', true);
        size_t a, b;
        if (ab.size() != 2 || !ParseSize(ab[0], &a) || !ParseSize(ab[1], &b) || a > b ||
            b >= cp_to_byte.size()) {
          return absl::InvalidArgumentError(absl::StrCat("line ", line_no, ": bad offsets '", std::string(seg), "'"));
        }
        segs.push_back({cp_to_byte[a], cp_to_byte[b]});
      }
      spans[std::string(cols[0])] = std::move(segs);
    } else if (cols[0].front() == 'E') {
      std::map<std::string, std::string> roles;
      for (std::string_view part : Split(cols[1], ' ', true)) {
        size_t colon = part.find(':');
        if (colon != std::string_view::npos) roles[std::string(part.substr(0, colon))] = std::string(part.substr(colon + 1));
      }
      relations.push_back(std::move(roles));
    }
  }
  auto extent = [&](const std::map<std::string, std::string>& roles, const char* role) -> std::optional<Span> {
    auto it = roles.find(role);
    if (it == roles.end()) return std::nullopt;
    auto s = spans.find(it->second);
    if (s == spans.end() || s->second.empty()) return std::nullopt;
    Span out{s->second.front().begin, s->second.front().end};
    for (const Span& x : s->second) {
      out.begin = std::min(out.begin, x.begin);
      out.end = std::max(out.end, x.end);
    }
    return out;
  };
  std::vector<Attribution> out;
  for (const auto& roles : relations) {
    std::optional<Span> content = extent(roles, "Content");
    if (!content) continue;
    Attribution a;
    a.content = *content;
    a.source = extent(roles, "Source");
    a.cue = extent(roles, "Cue");
    a.quoted = IsQuoted(text, a.content);
    out.push_back(a);
  }
  return out;
}

Attribution PredictedFromQuotation(std::string_view text, const quotes::Quotation& q) {
  Attribution a;
  a.content = q.clause ? Span{q.clause->begin, q.clause->end} : Span{q.start(), q.end()};
  if (q.speaker_mention) a.source = Span{q.speaker_mention->start, q.speaker_mention->end};
  if (q.cue) a.cue = Span{q.cue->start, q.cue->end};
  a.quoted = IsQuoted(text, a.content);
  return a;
}

void ScoreDocument(std::string_view doc, std::string_view text, const std::vector<Attribution>& gold,
                   const std::vector<Attribution>& predicted, Report& report) {
  Counts quoted, unquoted;
  auto cat = [&](bool q) -> Counts& { return q ? quoted : unquoted; };
  std::vector<Span> gs, ps;
  for (const Attribution& g : gold) {
    gs.push_back(StripSpan(text, g.content));
    ++cat(g.quoted).gold;
  }
  for (const Attribution& p : predicted) {
    ps.push_back(StripSpan(text, p.content));
    ++cat(p.quoted).predicted;
  }
  // Content: one-to-one by overlap ratio (min of both directions), best first.
  std::vector<std::tuple<double, size_t, size_t>> pairs;
  for (size_t g = 0; g < gs.size(); ++g) {
    for (size_t p = 0; p < ps.size(); ++p) {
      size_t o = Overlap(gs[g], ps[p]);
      if (o == 0) continue;
      double r = std::min(static_cast<double>(o) / std::max<size_t>(1, gs[g].size()),
                          static_cast<double>(o) / std::max<size_t>(1, ps[p].size()));
      pairs.emplace_back(r, g, p);
    }
  }
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
  std::vector<int> match(gs.size(), -1);
  std::vector<double> ratio(gs.size(), 0);
  std::vector<bool> used(ps.size());
  for (auto [r, g, p] : pairs) {
    if (match[g] >= 0 || used[p]) continue;
    match[g] = static_cast<int>(p);
    ratio[g] = r;
    used[p] = true;
  }
  for (size_t g = 0; g < gold.size(); ++g) {
    Counts& c = cat(gold[g].quoted);
    Decision d;
    d.doc = std::string(doc);
    d.gold = gold[g];
    if (match[g] >= 0) {
      const Attribution& p = predicted[match[g]];
      d.predicted = p;
      d.overlap = ratio[g];
      d.exact = gs[g] == ps[match[g]];
      c.exact += d.exact;
      c.overlap50 += ratio[g] >= 0.5;
      if (ratio[g] >= 0.5) {
        if (gold[g].source) {
          ++c.matched_with_gold_source;
          d.source_ok = p.source && Overlap(Trim(text, *gold[g].source), Trim(text, *p.source)) > 0;
          c.source_right += d.source_ok;
          c.joint += d.source_ok;
        } else {
          d.source_ok = !p.source;
          c.joint += d.source_ok;
        }
      }
    }
    report.decisions.push_back(std::move(d));
  }
  for (size_t p = 0; p < predicted.size(); ++p) {
    if (!used[p]) report.unmatched_predictions.emplace_back(std::string(doc), predicted[p]);
  }
  // Cues and sources, each matched one-to-one by overlap, counted under the gold's category.
  auto match_role = [&](auto get, size_t Counts::*gold_n, size_t Counts::*pred_n, size_t Counts::*tp) {
    std::vector<Span> g, p;
    std::vector<bool> gq, pq;
    for (const Attribution& a : gold) if (auto s = get(a)) { g.push_back(Trim(text, *s)); gq.push_back(a.quoted); }
    for (const Attribution& a : predicted) if (auto s = get(a)) { p.push_back(Trim(text, *s)); pq.push_back(a.quoted); }
    // The same mention may serve several predictions: count distinct predicted spans.
    std::vector<Span> pu;
    std::vector<bool> puq;
    for (size_t i = 0; i < p.size(); ++i) {
      if (std::find(pu.begin(), pu.end(), p[i]) == pu.end()) { pu.push_back(p[i]); puq.push_back(pq[i]); }
    }
    std::vector<Span> gu;
    std::vector<bool> guq;
    for (size_t i = 0; i < g.size(); ++i) {
      if (std::find(gu.begin(), gu.end(), g[i]) == gu.end()) { gu.push_back(g[i]); guq.push_back(gq[i]); }
    }
    // A matched prediction counts in its gold's category, so that no category has more
    // matches than predictions; an unmatched one counts in its own.
    for (size_t i = 0; i < gu.size(); ++i) ++(cat(guq[i]).*gold_n);
    for (auto [gi, pi, o] : MatchByOverlap(gu, pu)) {
      ++(cat(guq[gi]).*tp);
      puq[pi] = guq[gi];
    }
    for (size_t i = 0; i < pu.size(); ++i) ++(cat(puq[i]).*pred_n);
  };
  match_role([](const Attribution& a) { return a.cue; }, &Counts::gold_cues, &Counts::predicted_cues, &Counts::cue_matches);
  match_role([](const Attribution& a) { return a.source; }, &Counts::gold_sources, &Counts::predicted_sources, &Counts::source_matches);
  AddCounts(report.quoted, quoted);
  AddCounts(report.unquoted, unquoted);
  AddCounts(report.all, quoted);
  AddCounts(report.all, unquoted);
  ++report.documents;
}

absl::StatusOr<std::vector<AnnotatedArticle>> ReadPolnearSplit(const std::string& split_dir,
                                                               bool every_annotator) {
  fs::path text_dir = fs::path(split_dir) / "text", ann_dir = fs::path(split_dir) / "attributions";
  if (!fs::is_directory(text_dir) || !fs::is_directory(ann_dir)) {
    return absl::NotFoundError(absl::StrCat(split_dir, ": expected text/ and attributions/ folders"));
  }
  std::map<std::string, std::vector<fs::path>> ann_files;  // article stem -> files by name
  std::vector<fs::path> anns;
  for (const auto& e : fs::directory_iterator(ann_dir)) {
    if (e.path().extension() == ".ann") anns.push_back(e.path());
  }
  std::sort(anns.begin(), anns.end());
  for (const fs::path& p : anns) {
    std::string stem = p.stem().string();
    // "<article>_ab12" -> "<article>" (annotator suffix: 4 hex digits).
    if (stem.size() > 5 && stem[stem.size() - 5] == '_' &&
        std::all_of(stem.end() - 4, stem.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
      stem = stem.substr(0, stem.size() - 5);
    }
    std::vector<fs::path>& files = ann_files[stem];
    if (files.empty() || every_annotator) files.push_back(p);
  }
  std::vector<fs::path> texts;
  for (const auto& e : fs::directory_iterator(text_dir)) {
    if (e.path().extension() == ".txt") texts.push_back(e.path());
  }
  std::sort(texts.begin(), texts.end());
  std::vector<AnnotatedArticle> articles;
  ingest::ArticleReader reader;
  for (const fs::path& t : texts) {
    auto it = ann_files.find(t.stem().string());
    if (it == ann_files.end()) continue;
    ingest::Document doc = reader.FromText(t.filename().string(), ReadFile(t));
    for (const fs::path& ann : it->second) {
      auto gold = ParseBratAttributions(ReadFile(ann), doc.text);
      if (!gold.ok()) return absl::InvalidArgumentError(absl::StrCat(ann.string(), ": ", gold.status().message()));
      articles.push_back({doc, ann.filename().string(), *std::move(gold)});
    }
  }
  if (articles.empty()) return absl::NotFoundError(absl::StrCat(split_dir, ": no annotated articles"));
  return articles;
}

absl::StatusOr<Report> EvaluatePolnear(const std::string& split_dir, const quotes::Extractor& extractor) {
  absl::StatusOr<std::vector<AnnotatedArticle>> articles = ReadPolnearSplit(split_dir);
  if (!articles.ok()) return articles.status();
  Report report;
  for (const AnnotatedArticle& a : *articles) {
    const ingest::Document& doc = a.doc;
    std::vector<Attribution> predicted;
    for (const quotes::Quotation& q : extractor.Extract(doc)) {
      if (q.field != quotes::Field::kText) continue;
      // Quotations that share one clause ("“A,” Clark said. “B.”") are one attribution.
      Attribution p = PredictedFromQuotation(doc.text, q);
      bool seen = std::any_of(predicted.begin(), predicted.end(),
                              [&](const Attribution& x) { return x.content == p.content; });
      if (!seen) predicted.push_back(p);
    }
    ScoreDocument(doc.doc, doc.text, a.gold, predicted, report);
  }
  return report;
}

Prf Score(size_t tp, size_t predicted, size_t gold) {
  Prf s;
  s.precision = predicted ? 100.0 * static_cast<double>(tp) / static_cast<double>(predicted) : 0;
  s.recall = gold ? 100.0 * static_cast<double>(tp) / static_cast<double>(gold) : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

std::string FormatReport(const Report& r) {
  std::string out = absl::StrCat("PolNeAR: ", r.documents, " articles\n");
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-9s %6s %6s  %-17s %-17s %-17s %-17s %-9s %-17s\n", "", "gold", "pred",
                "content exact", "content ov>=.5", "cue", "source", "speaker", "joint");
  out += buf;
  auto f = [](Prf p) {
    char b[32];
    std::snprintf(b, sizeof b, "%5.1f (%4.1f/%4.1f)", p.f1, p.precision, p.recall);
    return std::string(b);
  };
  for (auto [name, c] : {std::pair<const char*, const Counts*>{"quoted", &r.quoted}, {"unquoted", &r.unquoted}, {"all", &r.all}}) {
    double speaker = c->matched_with_gold_source ? 100.0 * static_cast<double>(c->source_right) / static_cast<double>(c->matched_with_gold_source) : 0;
    std::snprintf(buf, sizeof buf, "%-9s %6zu %6zu  %-17s %-17s %-17s %-17s %7.1f%%  %-17s\n", name, c->gold, c->predicted,
                  f(Score(c->exact, c->predicted, c->gold)).c_str(), f(Score(c->overlap50, c->predicted, c->gold)).c_str(),
                  f(Score(c->cue_matches, c->predicted_cues, c->gold_cues)).c_str(),
                  f(Score(c->source_matches, c->predicted_sources, c->gold_sources)).c_str(), speaker,
                  f(Score(c->joint, c->predicted, c->gold)).c_str());
    out += buf;
  }
  out += "F1 (precision/recall) in percent; speaker: share of matched attributions (overlap >= .5) whose speaker mention overlaps the gold Source.\n";
  return out;
}

std::string ReportJson(const Report& r, std::string_view split_dir, bool with_decisions) {
  std::string out;
  json::ObjectWriter w(out);
  w.Key("split").String(split_dir);
  w.Key("documents").Int(static_cast<int64_t>(r.documents));
  auto prf = [](std::string& o, Prf p) {
    json::ObjectWriter x(o);
    x.Key("f1").Double(p.f1).Key("precision").Double(p.precision).Key("recall").Double(p.recall);
    x.Close();
  };
  for (auto [name, c] : {std::pair<const char*, const Counts*>{"quoted", &r.quoted}, {"unquoted", &r.unquoted}, {"all", &r.all}}) {
    w.Key(name);
    json::ObjectWriter cw(out);
    cw.Key("gold").Int(static_cast<int64_t>(c->gold)).Key("predicted").Int(static_cast<int64_t>(c->predicted));
    cw.Key("content_exact"); prf(out, Score(c->exact, c->predicted, c->gold));
    cw.Key("content_overlap50"); prf(out, Score(c->overlap50, c->predicted, c->gold));
    cw.Key("cue"); prf(out, Score(c->cue_matches, c->predicted_cues, c->gold_cues));
    cw.Key("source"); prf(out, Score(c->source_matches, c->predicted_sources, c->gold_sources));
    cw.Key("speaker_right").Double(c->matched_with_gold_source ? 100.0 * static_cast<double>(c->source_right) / static_cast<double>(c->matched_with_gold_source) : 0);
    cw.Key("joint"); prf(out, Score(c->joint, c->predicted, c->gold));
    cw.Close();
  }
  if (with_decisions) {
    auto span = [&](std::string& o, const std::optional<Span>& s) {
      if (!s) { o += "null"; return; }
      o += "[" + std::to_string(s->begin) + "," + std::to_string(s->end) + "]";
    };
    w.Key("attributions");
    out += "[";
    for (size_t i = 0; i < r.decisions.size(); ++i) {
      const Decision& d = r.decisions[i];
      if (i) out += ",";
      json::ObjectWriter dw(out);
      dw.Key("doc").String(d.doc).Key("quoted").Bool(d.gold.quoted);
      dw.Key("gold_content"); span(out, d.gold.content);
      dw.Key("gold_source"); span(out, d.gold.source);
      dw.Key("pred_content"); span(out, d.predicted ? std::optional<Span>(d.predicted->content) : std::nullopt);
      dw.Key("pred_source"); span(out, d.predicted ? d.predicted->source : std::nullopt);
      dw.Key("overlap").Double(d.overlap).Key("exact").Bool(d.exact).Key("overlap50").Bool(d.overlap >= 0.5);
      dw.Key("source_ok").Bool(d.source_ok);
      dw.Close();
    }
    out += "]";
    w.Key("unmatched_predictions");
    out += "[";
    for (size_t i = 0; i < r.unmatched_predictions.size(); ++i) {
      if (i) out += ",";
      json::ObjectWriter uw(out);
      uw.Key("doc").String(r.unmatched_predictions[i].first);
      uw.Key("content"); span(out, r.unmatched_predictions[i].second.content);
      uw.Close();
    }
    out += "]";
  }
  w.Close();
  out += "\n";
  return out;
}

}  // namespace verbatim::eval
