#include "ingest/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>

#include "ingest/strings.h"
#include "text/utf8.h"

namespace verbatim::ingest {
namespace {

// WHATWG Encoding standard labels (lowercase) -> encoding name. The common part of the table;
// the rarely seen labels of the encodings below are included, exotic encodings are not.
struct Label {
  std::string_view label;
  std::string_view name;
};
// clang-format off
constexpr Label kLabels[] = {
    {"unicode-1-1-utf-8", "UTF-8"}, {"unicode11utf8", "UTF-8"}, {"unicode20utf8", "UTF-8"},
    {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"x-unicode20utf8", "UTF-8"},
    {"866", "IBM866"}, {"cp866", "IBM866"}, {"csibm866", "IBM866"}, {"ibm866", "IBM866"},
    {"csisolatin2", "ISO-8859-2"}, {"iso-8859-2", "ISO-8859-2"}, {"iso-ir-101", "ISO-8859-2"},
    {"iso8859-2", "ISO-8859-2"}, {"iso88592", "ISO-8859-2"}, {"iso_8859-2", "ISO-8859-2"},
    {"iso_8859-2:1987", "ISO-8859-2"}, {"l2", "ISO-8859-2"}, {"latin2", "ISO-8859-2"},
    {"csisolatin3", "ISO-8859-3"}, {"iso-8859-3", "ISO-8859-3"}, {"iso8859-3", "ISO-8859-3"},
    {"iso88593", "ISO-8859-3"}, {"iso_8859-3", "ISO-8859-3"}, {"l3", "ISO-8859-3"},
    {"latin3", "ISO-8859-3"},
    {"csisolatin4", "ISO-8859-4"}, {"iso-8859-4", "ISO-8859-4"}, {"iso8859-4", "ISO-8859-4"},
    {"iso88594", "ISO-8859-4"}, {"iso_8859-4", "ISO-8859-4"}, {"l4", "ISO-8859-4"},
    {"latin4", "ISO-8859-4"},
    {"csisolatincyrillic", "ISO-8859-5"}, {"cyrillic", "ISO-8859-5"},
    {"iso-8859-5", "ISO-8859-5"}, {"iso8859-5", "ISO-8859-5"}, {"iso88595", "ISO-8859-5"},
    {"iso_8859-5", "ISO-8859-5"},
    {"arabic", "ISO-8859-6"}, {"iso-8859-6", "ISO-8859-6"}, {"iso8859-6", "ISO-8859-6"},
    {"iso88596", "ISO-8859-6"}, {"iso_8859-6", "ISO-8859-6"},
    {"greek", "ISO-8859-7"}, {"greek8", "ISO-8859-7"}, {"iso-8859-7", "ISO-8859-7"},
    {"iso8859-7", "ISO-8859-7"}, {"iso88597", "ISO-8859-7"}, {"iso_8859-7", "ISO-8859-7"},
    {"hebrew", "ISO-8859-8"}, {"iso-8859-8", "ISO-8859-8"}, {"iso8859-8", "ISO-8859-8"},
    {"iso88598", "ISO-8859-8"}, {"iso_8859-8", "ISO-8859-8"}, {"visual", "ISO-8859-8"},
    {"iso-8859-8-i", "ISO-8859-8-I"}, {"logical", "ISO-8859-8-I"},
    {"iso-8859-10", "ISO-8859-10"}, {"iso8859-10", "ISO-8859-10"}, {"latin6", "ISO-8859-10"},
    {"iso-8859-13", "ISO-8859-13"}, {"iso8859-13", "ISO-8859-13"},
    {"iso-8859-14", "ISO-8859-14"}, {"iso8859-14", "ISO-8859-14"},
    {"csisolatin9", "ISO-8859-15"}, {"iso-8859-15", "ISO-8859-15"},
    {"iso8859-15", "ISO-8859-15"}, {"iso885915", "ISO-8859-15"}, {"iso_8859-15", "ISO-8859-15"},
    {"l9", "ISO-8859-15"},
    {"iso-8859-16", "ISO-8859-16"},
    {"cskoi8r", "KOI8-R"}, {"koi", "KOI8-R"}, {"koi8", "KOI8-R"}, {"koi8-r", "KOI8-R"},
    {"koi8_r", "KOI8-R"}, {"koi8-ru", "KOI8-U"}, {"koi8-u", "KOI8-U"},
    {"csmacintosh", "macintosh"}, {"mac", "macintosh"}, {"macintosh", "macintosh"},
    {"x-mac-roman", "macintosh"}, {"x-mac-cyrillic", "x-mac-cyrillic"},
    {"x-mac-ukrainian", "x-mac-cyrillic"},
    {"dos-874", "windows-874"}, {"iso-8859-11", "windows-874"}, {"iso8859-11", "windows-874"},
    {"iso885911", "windows-874"}, {"tis-620", "windows-874"}, {"windows-874", "windows-874"},
    {"cp1250", "windows-1250"}, {"windows-1250", "windows-1250"}, {"x-cp1250", "windows-1250"},
    {"cp1251", "windows-1251"}, {"windows-1251", "windows-1251"}, {"x-cp1251", "windows-1251"},
    {"ansi_x3.4-1968", "windows-1252"}, {"ascii", "windows-1252"}, {"cp1252", "windows-1252"},
    {"cp819", "windows-1252"}, {"csisolatin1", "windows-1252"}, {"ibm819", "windows-1252"},
    {"iso-8859-1", "windows-1252"}, {"iso-ir-100", "windows-1252"},
    {"iso8859-1", "windows-1252"}, {"iso88591", "windows-1252"}, {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"}, {"l1", "windows-1252"}, {"latin1", "windows-1252"},
    {"us-ascii", "windows-1252"}, {"windows-1252", "windows-1252"},
    {"x-cp1252", "windows-1252"}, {"x-user-defined", "windows-1252"},
    {"cp1253", "windows-1253"}, {"windows-1253", "windows-1253"}, {"x-cp1253", "windows-1253"},
    {"cp1254", "windows-1254"}, {"csisolatin5", "windows-1254"}, {"iso-8859-9", "windows-1254"},
    {"iso8859-9", "windows-1254"}, {"iso88599", "windows-1254"}, {"iso_8859-9", "windows-1254"},
    {"l5", "windows-1254"}, {"latin5", "windows-1254"}, {"windows-1254", "windows-1254"},
    {"x-cp1254", "windows-1254"},
    {"cp1255", "windows-1255"}, {"windows-1255", "windows-1255"}, {"x-cp1255", "windows-1255"},
    {"cp1256", "windows-1256"}, {"windows-1256", "windows-1256"}, {"x-cp1256", "windows-1256"},
    {"cp1257", "windows-1257"}, {"windows-1257", "windows-1257"}, {"x-cp1257", "windows-1257"},
    {"cp1258", "windows-1258"}, {"windows-1258", "windows-1258"}, {"x-cp1258", "windows-1258"},
    {"chinese", "GBK"}, {"csgb2312", "GBK"}, {"csiso58gb231280", "GBK"}, {"gb2312", "GBK"},
    {"gb_2312", "GBK"}, {"gb_2312-80", "GBK"}, {"gbk", "GBK"}, {"iso-ir-58", "GBK"},
    {"x-gbk", "GBK"}, {"gb18030", "gb18030"},
    {"big5", "Big5"}, {"big5-hkscs", "Big5"}, {"cn-big5", "Big5"}, {"csbig5", "Big5"},
    {"x-x-big5", "Big5"},
    {"cseucpkdfmtjapanese", "EUC-JP"}, {"euc-jp", "EUC-JP"}, {"x-euc-jp", "EUC-JP"},
    {"csiso2022jp", "ISO-2022-JP"}, {"iso-2022-jp", "ISO-2022-JP"},
    {"csshiftjis", "Shift_JIS"}, {"ms932", "Shift_JIS"}, {"ms_kanji", "Shift_JIS"},
    {"shift-jis", "Shift_JIS"}, {"shift_jis", "Shift_JIS"}, {"sjis", "Shift_JIS"},
    {"windows-31j", "Shift_JIS"}, {"x-sjis", "Shift_JIS"},
    {"cseuckr", "EUC-KR"}, {"csksc56011987", "EUC-KR"}, {"euc-kr", "EUC-KR"},
    {"iso-ir-149", "EUC-KR"}, {"korean", "EUC-KR"}, {"ks_c_5601-1987", "EUC-KR"},
    {"ks_c_5601-1989", "EUC-KR"}, {"ksc5601", "EUC-KR"}, {"ksc_5601", "EUC-KR"},
    {"windows-949", "EUC-KR"},
    {"unicodefffe", "UTF-16BE"}, {"utf-16be", "UTF-16BE"},
    {"csunicode", "UTF-16LE"}, {"iso-10646-ucs-2", "UTF-16LE"}, {"ucs-2", "UTF-16LE"},
    {"unicode", "UTF-16LE"}, {"unicodefeff", "UTF-16LE"}, {"utf-16", "UTF-16LE"},
    {"utf-16le", "UTF-16LE"},
};
// clang-format on

// The ICU converter that decodes a WHATWG encoding as browsers do.
std::string_view IcuConverterName(std::string_view name) {
  if (name == "GBK" || name == "gb18030") return "GB18030";  // WHATWG: GBK decodes as gb18030
  if (name == "Big5") return "Big5-HKSCS";
  if (name == "Shift_JIS") return "windows-31j";
  if (name == "EUC-KR") return "windows-949";
  if (name == "ISO-8859-8-I") return "ISO-8859-8";
  if (name == "IBM866") return "ibm-866";
  return name;
}

bool IsUtf16(std::string_view name) { return name == "UTF-16LE" || name == "UTF-16BE"; }

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// ICU to-Unicode callback: every unassigned or illegal sequence becomes one U+FFFD (ICU's own
// substitution writes U+001A for single-byte encodings).
void ReplaceWithFffd(const void* context, UConverterToUnicodeArgs* args, const char* /*units*/,
                     int32_t /*length*/, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone
  ++*static_cast<size_t*>(const_cast<void*>(context));
  static const UChar kFffd = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kFffd, 1, 0, err);
}

// Appends UTF-16 code units as UTF-8; NULs and lone surrogates become U+FFFD. A high surrogate
// at the end waits in `pending` for the next call.
void AppendUtf16(const UChar* s, size_t n, char16_t& pending, std::string& out, size_t& replaced) {
  for (size_t i = 0; i < n; ++i) {
    const char16_t c = s[i];
    if (pending != 0) {
      if (c >= 0xDC00 && c <= 0xDFFF) {
        text::AppendUtf8(0x10000 + ((char32_t{pending} - 0xD800) << 10) + (c - 0xDC00), out);
        pending = 0;
        continue;
      }
      text::AppendUtf8(text::kReplacementChar, out);
      ++replaced;
      pending = 0;
    }
    if (c >= 0xD800 && c <= 0xDBFF) {
      pending = c;
    } else if ((c >= 0xDC00 && c <= 0xDFFF) || c == 0) {
      text::AppendUtf8(text::kReplacementChar, out);
      ++replaced;
    } else {
      text::AppendUtf8(c, out);
    }
  }
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool HasPrefixAt(std::string_view s, size_t pos, std::string_view prefix) {
  return pos <= s.size() && str::StartsWithIgnoreCase(s.substr(pos), prefix);
}

// Reads one attribute at `pos` of a tag, after the WHATWG "get an attribute" steps. Returns
// false at the end of the tag ('>' consumed) or of the input.
bool NextAttribute(std::string_view s, size_t& pos, std::string& name, std::string& value) {
  name.clear();
  value.clear();
  while (pos < s.size() && (IsAsciiSpace(s[pos]) || s[pos] == '/')) ++pos;
  if (pos >= s.size()) return false;
  if (s[pos] == '>') {
    ++pos;
    return false;
  }
  while (pos < s.size() && s[pos] != '=' && s[pos] != '>' && s[pos] != '/' &&
         !IsAsciiSpace(s[pos])) {
    name += str::Lower(s[pos++]);
  }
  while (pos < s.size() && IsAsciiSpace(s[pos])) ++pos;
  if (pos >= s.size() || s[pos] != '=') return true;
  ++pos;
  while (pos < s.size() && IsAsciiSpace(s[pos])) ++pos;
  if (pos < s.size() && (s[pos] == '"' || s[pos] == '\'')) {
    const char quote = s[pos++];
    const size_t end = s.find(quote, pos);
    value = s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? s.size() : end + 1;
    return true;
  }
  while (pos < s.size() && s[pos] != '>' && !IsAsciiSpace(s[pos])) value += s[pos++];
  return true;
}

// The WHATWG "extract a character encoding from a meta element" steps: the value after
// "charset=" in a content attribute ("text/html; charset=windows-1251").
std::optional<std::string> CharsetFromMetaContent(std::string_view content) {
  std::string lower = str::Lower(content);
  size_t pos = 0;
  for (;;) {
    pos = lower.find("charset", pos);
    if (pos == std::string::npos) return std::nullopt;
    pos += 7;
    size_t p = pos;
    while (p < lower.size() && IsAsciiSpace(lower[p])) ++p;
    if (p >= lower.size() || lower[p] != '=') continue;
    ++p;
    while (p < lower.size() && IsAsciiSpace(lower[p])) ++p;
    if (p >= lower.size()) return std::nullopt;
    if (lower[p] == '"' || lower[p] == '\'') {
      const char quote = lower[p++];
      const size_t end = lower.find(quote, p);
      if (end == std::string::npos) return std::nullopt;
      return std::string(content.substr(p, end - p));
    }
    size_t end = p;
    while (end < lower.size() && lower[end] != ';' && !IsAsciiSpace(lower[end])) ++end;
    return std::string(content.substr(p, end - p));
  }
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool IsValidUtf8(std::string_view s) {
  return text::IsCleanUtf8(s) ||
         text::RepairUtf8(s).replaced == static_cast<size_t>(std::count(s.begin(), s.end(), '\0'));
}

// ICU's guess, when it is confident and names an encoding we convert.
std::optional<std::string> DetectCharset(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&err));
  if (U_FAILURE(err)) return std::nullopt;
  ucsdet_enableInputFilter(det.get(), true);  // ignore markup
  const std::string_view sample = bytes.substr(0, size_t{64} << 10);
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &err);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &err);
  if (U_FAILURE(err) || match == nullptr) return std::nullopt;
  const int32_t confidence = ucsdet_getConfidence(match, &err);
  const char* name = ucsdet_getName(match, &err);
  if (U_FAILURE(err) || name == nullptr || confidence < 20) return std::nullopt;
  std::optional<std::string> charset = CharsetForLabel(name);
  if (!charset || *charset == "UTF-8" || IsUtf16(*charset)) return std::nullopt;  // step 4's job
  return charset;
}

}  // namespace

std::optional<std::string> CharsetForLabel(std::string_view label) {
  const std::string key = str::Lower(str::Trim(label));
  for (const Label& l : kLabels) {
    if (l.label == key) return std::string(l.name);
  }
  return std::nullopt;
}

std::optional<std::string> CharsetParameter(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  if (semi == std::string_view::npos) return std::nullopt;
  return CharsetFromMetaContent(content_type.substr(semi + 1));
}

std::optional<std::string> PrescanMetaCharset(std::string_view bytes, size_t limit) {
  const std::string_view s = bytes.substr(0, limit);
  std::string name;
  std::string value;
  size_t pos = 0;
  while (pos < s.size()) {
    if (s[pos] != '<') {
      ++pos;
      continue;
    }
    if (HasPrefixAt(s, pos, "<!--")) {
      const size_t end = s.find("-->", pos + 2);
      if (end == std::string_view::npos) return std::nullopt;
      pos = end + 3;
      continue;
    }
    if (HasPrefixAt(s, pos, "<meta") && pos + 5 < s.size() &&
        (IsAsciiSpace(s[pos + 5]) || s[pos + 5] == '/')) {
      pos += 5;
      std::optional<std::string> charset;
      std::optional<std::string> content;
      bool http_equiv_content_type = false;
      while (NextAttribute(s, pos, name, value)) {
        if (name == "charset" && !charset) charset = value;
        if (name == "content" && !content) content = value;
        if (name == "http-equiv" && str::EqualsIgnoreCase(value, "content-type")) {
          http_equiv_content_type = true;
        }
      }
      std::optional<std::string> label = charset;
      if (!label && http_equiv_content_type && content) label = CharsetFromMetaContent(*content);
      if (label && CharsetForLabel(*label)) return label;
      continue;
    }
    const bool tag = pos + 1 < s.size() &&
                     (IsAsciiAlpha(s[pos + 1]) ||
                      (s[pos + 1] == '/' && pos + 2 < s.size() && IsAsciiAlpha(s[pos + 2])));
    if (tag) {
      // Skip the tag name, then its attributes (a '>' inside a quoted value does not end it).
      ++pos;
      while (pos < s.size() && !IsAsciiSpace(s[pos]) && s[pos] != '>') ++pos;
      while (NextAttribute(s, pos, name, value)) {
      }
      continue;
    }
    if (HasPrefixAt(s, pos, "<!") || HasPrefixAt(s, pos, "</") || HasPrefixAt(s, pos, "<?")) {
      const size_t end = s.find('>', pos);
      if (end == std::string_view::npos) return std::nullopt;
      pos = end + 1;
      continue;
    }
    ++pos;
  }
  return std::nullopt;
}

std::string ConvertToUtf8(std::string_view bytes, std::string_view charset, size_t* replaced) {
  size_t count = 0;
  std::string out;
  if (charset == "UTF-8") {
    if (text::IsCleanUtf8(bytes)) {
      out.assign(bytes);
    } else {
      text::Utf8Repair r = text::RepairUtf8(bytes);
      out = std::move(r.text);
      count = r.replaced;
    }
    if (replaced != nullptr) *replaced = count;
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  const std::string icu_name(IcuConverterName(charset));
  std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(icu_name.c_str(), &err));
  if (U_FAILURE(err) && icu_name == "Big5-HKSCS") {
    err = U_ZERO_ERROR;
    cnv.reset(ucnv_open("Big5", &err));
  }
  if (U_FAILURE(err)) {  // an encoding this ICU lacks: read as windows-1252, never fail
    err = U_ZERO_ERROR;
    cnv.reset(ucnv_open("windows-1252", &err));
    if (U_FAILURE(err)) return ConvertToUtf8(bytes, "UTF-8", replaced);
  }
  ucnv_setToUCallBack(cnv.get(), ReplaceWithFffd, &count, nullptr, nullptr, &err);
  out.reserve(bytes.size() + bytes.size() / 2);
  std::array<UChar, 16384> buf;
  const char* src = bytes.data();
  const char* const src_end = bytes.data() + bytes.size();
  char16_t pending = 0;
  size_t utf16_replaced = 0;
  for (;;) {
    UChar* target = buf.data();
    err = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, buf.data() + buf.size(), &src, src_end, nullptr,
                   /*flush=*/true, &err);
    AppendUtf16(buf.data(), static_cast<size_t>(target - buf.data()), pending, out, utf16_replaced);
    if (err != U_BUFFER_OVERFLOW_ERROR) break;
  }
  if (pending != 0) {
    text::AppendUtf8(text::kReplacementChar, out);
    ++utf16_replaced;
  }
  if (replaced != nullptr) *replaced = count + utf16_replaced;
  return out;
}

DecodedHtml DecodeHtmlToUtf8(std::string_view bytes, std::string_view http_content_type) {
  DecodedHtml d;
  std::string_view body = bytes;
  if (str::StartsWith(bytes, "\xEF\xBB\xBF")) {
    d.charset = "UTF-8";
    d.source = "bom";
    body.remove_prefix(3);
  } else if (str::StartsWith(bytes, "\xFF\xFE")) {
    d.charset = "UTF-16LE";
    d.source = "bom";
    body.remove_prefix(2);
  } else if (str::StartsWith(bytes, "\xFE\xFF")) {
    d.charset = "UTF-16BE";
    d.source = "bom";
    body.remove_prefix(2);
  }
  if (d.charset.empty()) {
    if (std::optional<std::string> label = CharsetParameter(http_content_type)) {
      if (std::optional<std::string> c = CharsetForLabel(*label)) {
        d.charset = *c;
        d.source = "http";
      }
    }
  }
  if (d.charset.empty()) {
    if (std::optional<std::string> label = PrescanMetaCharset(bytes)) {
      d.charset = *CharsetForLabel(*label);
      if (IsUtf16(d.charset)) d.charset = "UTF-8";
      d.source = "meta";
    }
  }
  if (d.charset.empty() && !IsAscii(bytes) && IsValidUtf8(bytes)) {
    d.charset = "UTF-8";
    d.source = "utf-8-valid";
  }
  if (d.charset.empty() && (!IsAscii(bytes) || bytes.find('\x1b') != std::string_view::npos)) {
    if (std::optional<std::string> c = DetectCharset(bytes)) {
      d.charset = *c;
      d.source = "detected";
    }
  }
  if (d.charset.empty()) {
    d.charset = "windows-1252";
    d.source = "default";
  }
  d.utf8 = ConvertToUtf8(body, d.charset, &d.replaced);
  return d;
}

bool LooksLikeHtml(std::string_view utf8_prefix) {
  std::string_view s = utf8_prefix;
  if (s.substr(0, 1024).find('\0') != std::string_view::npos) return false;
  if (str::StartsWith(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
  for (;;) {
    while (!s.empty() && IsAsciiSpace(s[0])) s.remove_prefix(1);
    if (str::StartsWith(s, "<!--")) {
      const size_t end = s.find("-->", 4);
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 3);
    } else if (HasPrefixAt(s, 0, "<?xml")) {
      const size_t end = s.find("?>");
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 2);
    } else {
      break;
    }
  }
  const std::string window = str::Lower(s.substr(0, 1024));
  auto has_tag = [&](std::string_view tag) {
    for (size_t pos = window.find(tag); pos != std::string::npos; pos = window.find(tag, pos + 1)) {
      const size_t after = pos + tag.size();
      if (after >= window.size() || IsAsciiSpace(window[after]) || window[after] == '>' ||
          window[after] == '/') {
        return true;
      }
    }
    return false;
  };
  if (has_tag("<!doctype html") || has_tag("<html")) return true;
  if (s.empty() || s[0] != '<') return false;
  static constexpr std::string_view kTags[] = {"<head", "<body",  "<div",  "<p",
                                               "<meta", "<title", "<table"};
  if (std::any_of(std::begin(kTags), std::end(kTags), has_tag)) return true;
  // A page may open with a long <style> or <script> block before any of those (a saved page
  // that begins "<style>/* ... */"): its first tag decides.
  static constexpr std::string_view kFirstTags[] = {"<style", "<script", "<link", "<base",
                                                    "<noscript", "<header", "<nav", "<main",
                                                    "<article", "<section", "<span", "<form"};
  return std::any_of(std::begin(kFirstTags), std::end(kFirstTags), [&](std::string_view tag) {
    return window.compare(0, tag.size(), tag) == 0 && window.size() > tag.size() &&
           (IsAsciiSpace(window[tag.size()]) || window[tag.size()] == '>' ||
            window[tag.size()] == '/');
  });
}

}  // namespace verbatim::ingest
