#include "ingest/http_response.h"

#include <brotli/decode.h>

#include <algorithm>
#include <cstdint>

#include "ingest/strings.h"

namespace verbatim::ingest {
namespace {

absl::StatusOr<std::string> BrotliDecode(std::string_view in, size_t max_output) {
  BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (state == nullptr) return absl::InternalError("brotli: cannot create a decoder");
  std::string out;
  size_t avail_in = in.size();
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(in.data());
  absl::Status status;
  for (;;) {
    const size_t old = out.size();
    const size_t room = std::min<size_t>(size_t{64} << 10, max_output + 1 - old);
    out.resize(old + room);
    size_t avail_out = room;
    uint8_t* next_out = reinterpret_cast<uint8_t*>(out.data() + old);
    const BrotliDecoderResult r =
        BrotliDecoderDecompressStream(state, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    out.resize(old + room - avail_out);
    if (out.size() > max_output) {
      status = absl::ResourceExhaustedError(
          str::Cat("decompressed data exceeds the limit of ", max_output, " bytes"));
      break;
    }
    if (r == BROTLI_DECODER_RESULT_SUCCESS) break;
    if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
    if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
      status = absl::DataLossError("truncated brotli data");
      break;
    }
    status = absl::DataLossError(str::Cat(
        "corrupt brotli data: ", BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state))));
    break;
  }
  BrotliDecoderDestroyInstance(state);
  if (!status.ok()) return status;
  return out;
}

// Decodes one Content-Encoding token.
absl::Status DecodeContent(std::string_view coding, HttpResponse& r, size_t max_body) {
  if (coding.empty() || coding == "identity") return absl::OkStatus();
  if (coding == "gzip" || coding == "x-gzip") {
    if (!HasGzipMagic(r.body)) {
      // Crawlers often store the decoded body but keep the header.
      r.warnings.push_back(
          str::Cat("Content-Encoding ", coding, " but the body is not gzip: used as is"));
      return absl::OkStatus();
    }
    absl::StatusOr<std::string> d = GunzipAll(r.body, max_body);
    if (!d.ok()) return d.status();
    r.body = *std::move(d);
    return absl::OkStatus();
  }
  if (coding == "deflate") {
    absl::StatusOr<std::string> d = InflateAll(r.body, max_body);
    if (!d.ok()) {
      if (absl::IsResourceExhausted(d.status())) return d.status();
      r.warnings.push_back(str::Cat("Content-Encoding deflate but the body does not inflate (",
                                    d.status().message(), "): used as is"));
      return absl::OkStatus();
    }
    r.body = *std::move(d);
    return absl::OkStatus();
  }
  if (coding == "br") {
    absl::StatusOr<std::string> d = BrotliDecode(r.body, max_body);
    if (!d.ok()) return d.status();
    r.body = *std::move(d);
    return absl::OkStatus();
  }
  return absl::UnimplementedError(str::Cat("unsupported Content-Encoding \"", coding, "\""));
}

}  // namespace

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (str::EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

bool HttpResponse::HasHeader(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return str::EqualsIgnoreCase(h.first, name); });
}

std::string MediaType(std::string_view content_type) {
  std::string_view t = content_type.substr(0, content_type.find(';'));
  return str::Lower(str::Trim(t));
}

absl::StatusOr<std::string> Dechunk(std::string_view body) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    if (pos >= body.size()) return out;  // no last chunk: a truncated capture
    const size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) {
      return absl::InvalidArgumentError(
          str::Cat("chunk size line at body byte ", pos, " has no line end"));
    }
    std::string_view line = body.substr(pos, eol - pos);
    line = line.substr(0, line.find(';'));  // chunk extensions
    line = str::Trim(line);
    uint64_t size = 0;
    if (line.empty() || line.size() > 15 || !str::ParseInt(line, &size, 16)) {
      return absl::InvalidArgumentError(
          str::Cat("chunk size at body byte ", pos, " is not hexadecimal"));
    }
    pos = eol + 1;
    if (size == 0) return out;  // trailers, if any, are ignored
    if (size > body.size() - pos) {
      return absl::InvalidArgumentError(str::Cat("chunk of ", size, " bytes at body byte ", pos,
                                                 " runs past the end of the body"));
    }
    out.append(body.substr(pos, size));
    pos += size;
    if (body.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (body.substr(pos, 1) == "\n") {
      pos += 1;
    } else if (pos < body.size()) {
      return absl::InvalidArgumentError(
          str::Cat("chunk ending at body byte ", pos, " is not followed by a line end"));
    }
  }
}

absl::Status DecodeContentEncoding(HttpResponse& r, size_t max_body_bytes) {
  // Codings are listed in the order they were applied: undo them from the last.
  std::vector<std::string> codings;
  for (const auto& [k, v] : r.headers) {
    if (!str::EqualsIgnoreCase(k, "Content-Encoding")) continue;
    for (std::string_view rest = v; !rest.empty();) {
      const size_t comma = std::min(rest.find(','), rest.size());
      std::string coding = str::Lower(str::Trim(rest.substr(0, comma)));
      if (!coding.empty()) codings.push_back(std::move(coding));
      rest.remove_prefix(std::min(comma + 1, rest.size()));
    }
  }
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    if (absl::Status s = DecodeContent(*it, r, max_body_bytes); !s.ok()) {
      return absl::Status(s.code(), str::Cat("Content-Encoding ", *it, ": ", s.message()));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<HttpResponse> ParseHttpResponse(std::string_view block,
                                               const HttpParseOptions& options) {
  HttpResponse r;
  if (!str::StartsWith(block, "HTTP/")) {
    return absl::InvalidArgumentError("the block does not start with an HTTP status line");
  }
  // The end of the headers: the first empty line ("\r\n\r\n" or "\n\n").
  size_t body_start = std::string_view::npos;
  size_t headers_end = 0;
  for (size_t pos = 0; pos < block.size();) {
    const size_t eol = block.find('\n', pos);
    if (eol == std::string_view::npos) break;
    const size_t next = eol + 1;
    if (next < block.size() && block[next] == '\n') {
      headers_end = eol;
      body_start = next + 1;
      break;
    }
    if (next + 1 < block.size() && block[next] == '\r' && block[next + 1] == '\n') {
      headers_end = eol;
      body_start = next + 2;
      break;
    }
    pos = next;
  }
  if (body_start == std::string_view::npos) {
    // A response with headers only (no blank line before the end of the capture).
    headers_end = block.size();
    body_start = block.size();
  }
  std::vector<std::string_view> lines;
  for (std::string_view rest = block.substr(0, headers_end); !rest.empty();) {
    const size_t nl = std::min(rest.find('\n'), rest.size());
    std::string_view l = rest.substr(0, nl);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (!l.empty()) lines.push_back(l);
    rest.remove_prefix(std::min(nl + 1, rest.size()));
  }
  // Status line: "HTTP/1.1 200 OK" (the reason may be missing).
  std::string_view status_line = lines.empty() ? std::string_view() : lines[0];
  // Up to three parts: version, status, reason (which may hold spaces).
  std::vector<std::string_view> parts;
  for (std::string_view rest = status_line; !rest.empty();) {
    const size_t sp = parts.size() == 2 ? rest.size() : std::min(rest.find(' '), rest.size());
    parts.push_back(rest.substr(0, sp));
    rest.remove_prefix(std::min(sp + 1, rest.size()));
  }
  if (parts.size() < 2 || parts[1].size() != 3 || !str::ParseInt(parts[1], &r.status)) {
    return absl::InvalidArgumentError(
        str::Cat("unreadable HTTP status line \"", status_line.substr(0, 60), "\""));
  }
  r.version = std::string(parts[0]);
  if (parts.size() == 3) r.reason = std::string(parts[2]);
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    if ((l[0] == ' ' || l[0] == '\t') && !r.headers.empty()) {
      r.headers.back().second += str::Cat(" ", str::Trim(l));
      continue;
    }
    const size_t colon = l.find(':');
    if (colon == std::string_view::npos) {
      r.warnings.push_back(
          str::Cat("HTTP header line without ':' ignored: \"", l.substr(0, 60), "\""));
      continue;
    }
    r.headers.emplace_back(std::string(str::Trim(l.substr(0, colon))),
                           std::string(str::Trim(l.substr(colon + 1))));
  }

  std::string_view raw = block.substr(body_start);
  if (str::Lower(r.Header("Transfer-Encoding")).find("chunked") != std::string::npos) {
    absl::StatusOr<std::string> d = Dechunk(raw);
    if (d.ok()) {
      r.body = *std::move(d);
    } else {
      r.warnings.push_back(
          str::Cat("malformed chunked body (", d.status().message(), "): the raw body is used"));
      r.body = std::string(raw);
    }
  } else {
    r.body = std::string(raw);
  }
  if (r.body.size() > options.max_body_bytes) {
    return absl::ResourceExhaustedError(str::Cat("the HTTP body has ", r.body.size(),
                                                 " bytes, more than the limit of ",
                                                 options.max_body_bytes));
  }
  if (!options.decode_body) return r;

  if (absl::Status s = DecodeContentEncoding(r, options.max_body_bytes); !s.ok()) return s;
  return r;
}

}  // namespace verbatim::ingest
