// Character encodings of web pages: choosing one and converting to UTF-8 with ICU.
//
//   DecodedHtml d = DecodeHtmlToUtf8(http.body, http.Header("Content-Type"));
//   // d.utf8: valid UTF-8 without NUL bytes; d.charset: "windows-1251"; d.source: "detected"
//
// The encoding is chosen as browsers do (after the WHATWG Encoding standard and the HTML
// "prescan", loosely), first match wins:
//   1. a byte order mark (UTF-8, UTF-16LE/BE)                       source "bom"
//   2. the charset parameter of the HTTP Content-Type               source "http"
//   3. <meta charset> or <meta http-equiv=content-type content=...> in the first 4 KB
//                                                                   source "meta"
//   4. UTF-8, when the bytes are valid UTF-8 and not plain ASCII    source "utf-8-valid"
//   5. ICU's detector (ucsdet), when confident                      source "detected"
//   6. windows-1252 (plain ASCII lands here too: the result is the same)  source "default"
// Step 4 comes before detection because valid non-ASCII UTF-8 is almost never another
// encoding, while the detector sometimes guesses a legacy one for short UTF-8 pages.
// Labels are resolved with the WHATWG label table: "latin1" and "iso-8859-1" mean
// windows-1252, "gb2312" means GBK, "x-sjis" means Shift_JIS, and so on; unknown labels are
// ignored (the next step decides). A <meta> that names UTF-16 means UTF-8 (the page was read
// as ASCII to find it).
//
// Invalid sequences and NUL bytes become U+FFFD (the rest of Verbatim assumes NUL-free valid
// UTF-8). Pure functions: thread-safe.
#ifndef VERBATIM_INGEST_CHARSET_H_
#define VERBATIM_INGEST_CHARSET_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace verbatim::ingest {

struct DecodedHtml {
  std::string utf8;     // valid UTF-8, no NUL bytes
  std::string charset;  // WHATWG name: "UTF-8", "windows-1251", "GBK", "Shift_JIS", ...
  std::string source;   // "bom", "http", "meta", "utf-8-valid", "detected" or "default"
  size_t replaced = 0;  // invalid sequences and NULs replaced by U+FFFD
};

// Decodes an HTML document's bytes. `http_content_type` is the HTTP Content-Type header
// (may be empty).
DecodedHtml DecodeHtmlToUtf8(std::string_view bytes, std::string_view http_content_type);

// Converts `bytes` from the encoding named by WHATWG `charset` (as returned by
// CharsetForLabel) to UTF-8, replacing invalid sequences and NULs by U+FFFD. `replaced`, when
// not null, receives the number of replacements.
std::string ConvertToUtf8(std::string_view bytes, std::string_view charset,
                          size_t* replaced = nullptr);

// The WHATWG encoding name for a label ("utf8" -> "UTF-8", "latin1" -> "windows-1252",
// "gb2312" -> "GBK"), or nullopt for a label this converter does not know.
std::optional<std::string> CharsetForLabel(std::string_view label);

// The charset parameter of a Content-Type value ("text/html; charset=\"koi8-r\"" ->
// "koi8-r"), or nullopt.
std::optional<std::string> CharsetParameter(std::string_view content_type);

// The charset label a <meta> element declares in the first `limit` bytes, or nullopt.
std::optional<std::string> PrescanMetaCharset(std::string_view bytes, size_t limit = 4096);

// True when `utf8_prefix` starts like an HTML document: after a BOM, white space, comments and
// an XML declaration, its first tag is within its first KB and one of <!doctype html>, <html>,
// <head>, <body>, <div>, <p>, <meta>, <title> or <table>; or it holds <!doctype html> or <html
// within its first KB after some stray text (a PHP warning printed before the page). Text
// holding a NUL byte is not HTML. JSON, PNG, plain text are not.
bool LooksLikeHtml(std::string_view utf8_prefix);

}  // namespace verbatim::ingest

#endif  // VERBATIM_INGEST_CHARSET_H_
