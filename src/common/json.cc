#include "common/json.h"

#include <cmath>
#include <cstdio>

namespace verbatim::json {

void AppendString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(s.substr(run));
  out.push_back('"');
}

ObjectWriter& ObjectWriter::Key(std::string_view key) {
  if (!first_) out_.push_back(',');
  first_ = false;
  out_.push_back('"');
  out_ += key;
  out_ += "\":";
  return *this;
}

ObjectWriter& ObjectWriter::OptionalString(const std::optional<std::string>& v) {
  if (v) AppendString(out_, *v);
  else out_ += "null";
  return *this;
}

ObjectWriter& ObjectWriter::Double(double v) {
  if (!std::isfinite(v)) return Null();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  out_ += buf;
  return *this;
}

}  // namespace verbatim::json
