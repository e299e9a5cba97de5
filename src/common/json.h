// Minimal JSON output helpers: escaping strings and building objects in order. Output is
// UTF-8 JSON with non-ASCII characters written as they are (inputs are valid UTF-8).
#ifndef VERBATIM_COMMON_JSON_H_
#define VERBATIM_COMMON_JSON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verbatim::json {

// Appends `s` as a quoted JSON string literal.
void AppendString(std::string& out, std::string_view s);

// Builds one JSON object: ObjectWriter w(out); w.Key("a").String("x"); ... w.Close();
// Keys are written as given (callers pass literal ASCII names).
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_.push_back('{'); }
  ObjectWriter& Key(std::string_view key);
  ObjectWriter& String(std::string_view v) { AppendString(out_, v); return *this; }
  ObjectWriter& OptionalString(const std::optional<std::string>& v);
  ObjectWriter& Int(int64_t v) { out_ += std::to_string(v); return *this; }
  ObjectWriter& OptionalInt(const std::optional<int64_t>& v) { return v ? Int(*v) : Null(); }
  ObjectWriter& Double(double v);
  ObjectWriter& Bool(bool v) { out_ += v ? "true" : "false"; return *this; }
  ObjectWriter& Null() { out_ += "null"; return *this; }
  ObjectWriter& Raw(std::string_view json) { out_ += json; return *this; }  // REQUIRES: valid JSON
  void Close() { out_.push_back('}'); }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace verbatim::json

#endif  // VERBATIM_COMMON_JSON_H_
