#include "syntax/conllu.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "syntax/str_cat.h"

namespace verbatim::syntax {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
}

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

absl::Status LineError(std::string_view source, int line, std::string_view message) {
  return absl::InvalidArgumentError(Cat(source, ":", line, ": ", message));
}

// Checks the words of a finished sentence: heads in range, extra lines consistent.
absl::Status CheckSentence(const ConlluSentence& s, std::string_view source, int line) {
  const int n = static_cast<int>(s.words.size());
  if (n == 0) return LineError(source, line, "sentence without words");
  for (int i = 0; i < n; ++i) {
    if (s.words[i].head > n) {
      return LineError(source, s.line + i,
                       Cat("HEAD ", s.words[i].head, " is past the last word (", n, ")"));
    }
  }
  for (const ConlluExtraLine& e : s.extra) {
    if (e.first > 0 && e.last > n) {
      return LineError(source, line, Cat("multi-word token ", e.id, " runs past the sentence"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view text,
                                                       std::string_view source) {
  std::vector<ConlluSentence> out;
  ConlluSentence cur;
  bool open = false;
  int line_no = 0;
  size_t pos = 0;
  auto finish = [&](int at) -> absl::Status {
    if (!open) return absl::OkStatus();
    if (absl::Status s = CheckSentence(cur, source, at); !s.ok()) return s;
    out.push_back(std::move(cur));
    cur = ConlluSentence();
    open = false;
    return absl::OkStatus();
  };
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (absl::Status s = finish(line_no); !s.ok()) return s;
      continue;
    }
    if (line.front() == '#') {
      if (!cur.words.empty() || !cur.extra.empty()) {
        return LineError(source, line_no, "comment line inside a sentence");
      }
      cur.comments.emplace_back(line);
      open = true;
      continue;
    }
    std::vector<std::string_view> cols = Split(line, '\t');
    if (cols.size() != 10) {
      return LineError(source, line_no,
                       Cat("expected 10 tab-separated columns, found ", cols.size()));
    }
    open = true;
    const std::string_view id = cols[0];
    const int n = static_cast<int>(cur.words.size());
    if (size_t dash = id.find('-'); dash != std::string_view::npos) {
      ConlluExtraLine e{n, std::string(id), std::string(line), 0, 0};
      if (!ParseInt(id.substr(0, dash), e.first) || !ParseInt(id.substr(dash + 1), e.last) ||
          e.first != n + 1 || e.last < e.first) {
        return LineError(source, line_no, Cat("bad multi-word token id '", id, "'"));
      }
      cur.extra.push_back(std::move(e));
      continue;
    }
    if (id.find('.') != std::string_view::npos) {
      cur.extra.push_back({n, std::string(id), std::string(line), 0, 0});
      continue;
    }
    int num = 0;
    if (!ParseInt(id, num)) return LineError(source, line_no, Cat("bad word id '", id, "'"));
    if (num != n + 1) {
      return LineError(source, line_no, Cat("word id ", num, " where ", n + 1, " was expected"));
    }
    if (cols[1].empty()) return LineError(source, line_no, "empty FORM");
    ConlluWord w;
    w.form = cols[1];
    w.lemma = cols[2];
    w.upos = cols[3];
    w.xpos = cols[4];
    w.feats = cols[5];
    if (cols[6] != "_") {
      if (!ParseInt(cols[6], w.head) || w.head < 0) {
        return LineError(source, line_no, Cat("bad HEAD '", cols[6], "'"));
      }
      if (w.head == num) return LineError(source, line_no, "a word cannot be its own head");
    }
    w.deprel = cols[7];
    w.deps = cols[8];
    w.misc = cols[9];
    for (std::string_view item : Split(cols[9], '|')) {
      if (item == "SpaceAfter=No") w.space_after = false;
    }
    if (n == 0) cur.line = line_no;
    cur.words.push_back(std::move(w));
  }
  if (absl::Status s = finish(line_no + 1); !s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<ConlluSentence>> ReadConllu(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(Cat(path.string(), ": cannot open file"));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ParseConllu(ss.str(), path.string());
}

void AppendConllu(const ConlluSentence& s, std::string& out) {
  for (const std::string& c : s.comments) (out += c) += '\n';
  size_t e = 0;
  const int n = static_cast<int>(s.words.size());
  for (int i = 0; i <= n; ++i) {
    while (e < s.extra.size() && s.extra[e].after_words == i) (out += s.extra[e++].text) += '\n';
    if (i == n) break;
    const ConlluWord& w = s.words[i];
    out += std::to_string(i + 1);
    for (const std::string* col : {&w.form, &w.lemma, &w.upos, &w.xpos, &w.feats}) (out += '\t') += *col;
    out += '\t';
    out += w.head < 0 ? std::string("_") : std::to_string(w.head);
    for (const std::string* col : {&w.deprel, &w.deps, &w.misc}) (out += '\t') += *col;
    out += '\n';
  }
  out += '\n';
}

}  // namespace verbatim::syntax
