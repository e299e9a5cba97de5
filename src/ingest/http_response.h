// ParseHttpResponse: an HTTP/1.x response as a WARC `response` record stores it
// (Content-Type: application/http; msgtype=response): status line, headers, body.
//
//   absl::StatusOr<HttpResponse> r = ParseHttpResponse(record.block);
//   if (r.ok() && r->status / 100 == 2) Use(r->Header("Content-Type"), r->body);
//
// The body is returned decoded: `Transfer-Encoding: chunked` is de-chunked and
// `Content-Encoding` gzip / x-gzip / deflate / br is decompressed (in reverse order when there
// are several). Crawlers differ in what they store, so decoding is forgiving:
//   - chunked framing that does not parse leaves the raw body, with a warning (many crawlers
//     store the de-chunked body but keep the original header);
//   - a gzip Content-Encoding whose body fails to decode and does not start with the gzip magic
//     is taken as already decoded, with a warning;
//   - an unknown Content-Encoding (compress, zstd) fails with Unimplemented.
// Header lines may end in "\r\n" or "\n".
//
// Pure functions: thread-safe.
#ifndef VERBATIM_INGEST_HTTP_RESPONSE_H_
#define VERBATIM_INGEST_HTTP_RESPONSE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ingest/gzip_stream.h"

namespace verbatim::ingest {

struct HttpResponse {
  std::string version;                                       // "HTTP/1.1"
  int status = 0;                                            // 200
  std::string reason;                                        // "OK"
  std::vector<std::pair<std::string, std::string>> headers;  // in order, values trimmed
  std::string body;                                          // de-chunked and decoded
  std::vector<std::string> warnings;                         // repairs made to read the body

  // The first header named `name` (ASCII case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

struct HttpParseOptions {
  size_t max_body_bytes = kDefaultMaxGunzipBytes;  // cap on the decoded body (64 MB)
  bool decode_body = true;  // false: de-chunk but leave Content-Encoding as is
};

// Parses `block`. Fails (InvalidArgument) when it does not start with an "HTTP/" status line
// with a three-digit status or has no end of headers; (ResourceExhausted) when the decoded body
// exceeds the cap; (DataLoss) when a compressed body is corrupt; (Unimplemented) for an unknown
// Content-Encoding.
absl::StatusOr<HttpResponse> ParseHttpResponse(std::string_view block,
                                               const HttpParseOptions& options = {});

// Undoes the response's Content-Encoding on `response.body` (what ParseHttpResponse does with
// decode_body), adding warnings for bodies taken as already decoded. Same errors as
// ParseHttpResponse's decoding; on error the body is unchanged.
absl::Status DecodeContentEncoding(HttpResponse& response, size_t max_body_bytes);

// De-chunks a `Transfer-Encoding: chunked` body (RFC 9112 7.1). Fails (InvalidArgument) when a
// chunk size line is not hexadecimal or a chunk runs past the end. A missing last chunk (a
// truncated capture) is accepted.
absl::StatusOr<std::string> Dechunk(std::string_view body);

// The media type of a Content-Type value, lowercased, without parameters:
// "Text/HTML; charset=UTF-8" -> "text/html".
std::string MediaType(std::string_view content_type);

}  // namespace verbatim::ingest

#endif  // VERBATIM_INGEST_HTTP_RESPONSE_H_
