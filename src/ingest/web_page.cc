#include "ingest/web_page.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "ingest/charset.h"
#include "ingest/gzip_stream.h"
#include "ingest/http_response.h"
#include "ingest/strings.h"
#include "ingest/warc.h"

namespace verbatim::ingest {
namespace {

bool IsHtmlMediaType(std::string_view media_type) {
  return media_type == "text/html" || media_type == "application/xhtml+xml";
}

std::string Megabytes(uint64_t bytes) {
  return str::Cat(bytes / (1 << 20), ".", (bytes % (1 << 20)) * 10 / (1 << 20), " MB");
}

}  // namespace

void ReadWarcPages(const std::string& path, std::string_view doc_prefix, const WebPageSink& sink,
                   const WebProblemSink& problems, WarcStats& stats,
                   const WebPageOptions& options) {
  WarcReader::Options warc_options;
  warc_options.max_block_bytes = options.max_record_bytes;
  const WarcReader reader(warc_options);

  auto skip = [&](const char* kind) { ++stats.skipped[kind]; };
  // Only HTTP responses are worth loading; the others are counted from their headers.
  auto want_block = [](const WarcRecord& r) {
    return r.type == "response" && !str::StartsWith(r.target_uri, "dns:") &&
           str::StartsWithIgnoreCase(r.content_type, "application/http");
  };
  auto on_record = [&](WarcRecord&& r) {
    ++stats.records;
    if (r.type != "response") {
      skip(r.type.empty() ? "untyped" : r.type.c_str());
      return;
    }
    if (str::StartsWith(r.target_uri, "dns:") ||
        str::StartsWithIgnoreCase(r.content_type, "text/dns")) {
      skip("dns");
      return;
    }
    if (!r.block_loaded) {
      skip("non-http");
      return;
    }
    const std::string where = str::Cat(path, ": ", r.Where());
    HttpParseOptions http_options;
    http_options.max_body_bytes = SIZE_MAX;  // the block is bounded already
    http_options.decode_body = false;        // decompress only HTML
    absl::StatusOr<HttpResponse> http = ParseHttpResponse(r.block, http_options);
    if (!http.ok()) {
      ++stats.errors;
      problems(where, str::Cat(r.target_uri, ": ", http.status().message()), true);
      return;
    }
    if (http->status / 100 == 3) {
      skip("redirect");
      return;
    }
    if (http->status / 100 != 2) {
      skip("http-error");
      return;
    }
    const std::string_view content_type = http->Header("Content-Type");
    const std::string media_type = MediaType(content_type);
    if (!media_type.empty() && !IsHtmlMediaType(media_type)) {
      ++stats.non_html;
      skip("non-html");
      return;
    }
    // Decompress the body now that it is wanted.
    r.block = std::string();
    HttpResponse& resp = *http;
    if (absl::Status s = DecodeContentEncoding(resp, options.max_html_bytes); !s.ok()) {
      const bool too_large = absl::IsResourceExhausted(s);
      if (too_large) {
        skip("too-large");
        ++stats.warnings;
      } else {
        ++stats.errors;
      }
      problems(where, str::Cat(r.target_uri, ": ", s.message()), !too_large);
      return;
    }
    if (resp.body.size() > options.max_html_bytes) {
      skip("too-large");
      ++stats.warnings;
      problems(
          where,
          str::Cat(r.target_uri, ": the HTML is ", Megabytes(resp.body.size()),
                   ", more than the limit of ", Megabytes(options.max_html_bytes), ": skipped"),
          false);
      return;
    }
    if (media_type.empty() && !LooksLikeHtml(std::string_view(resp.body).substr(0, 4096))) {
      ++stats.non_html;
      skip("non-html");
      return;
    }
    for (const std::string& w : resp.warnings) {
      ++stats.warnings;
      problems(where, str::Cat(r.target_uri, ": ", w), false);
    }
    DecodedHtml text = DecodeHtmlToUtf8(resp.body, content_type);
    WebPage page;
    page.doc = str::Cat(doc_prefix, "#", r.record_id);
    page.url = std::move(r.target_uri);
    page.crawled = std::move(r.date);
    page.html = std::move(text.utf8);
    page.charset = std::move(text.charset);
    page.charset_source = std::move(text.source);
    page.source_path = path;
    page.record = r.number;
    ++stats.html_responses;
    sink(std::move(page));
  };
  auto on_problem = [&](const WarcProblem& p) {
    if (p.record_lost) {
      ++stats.errors;
    } else {
      ++stats.warnings;
    }
    problems(p.where, p.message, p.record_lost);
  };
  if (absl::Status s = reader.Read(path, on_record, on_problem, want_block); !s.ok()) {
    ++stats.errors;
    problems(path, std::string(s.message()), true);
  }
}

absl::StatusOr<WebPage> ReadHtmlFile(const std::string& path, std::string doc,
                                     const WebPageOptions& options) {
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return absl::NotFoundError(str::Cat(path, ": cannot read: ", ec.message()));
  if (size > options.max_html_bytes) {
    // A compressed file is at most about as large as its contents: too large either way.
    return absl::ResourceExhaustedError(
        str::Cat(path, ": the file is ", Megabytes(size), ", more than the limit of ",
                 Megabytes(options.max_html_bytes), " for an HTML page"));
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    return absl::NotFoundError(str::Cat(path, ": cannot read: ", std::strerror(errno)));
  }
  if (HasGzipMagic(bytes)) {
    absl::StatusOr<std::string> plain = GunzipAll(bytes, options.max_html_bytes);
    if (!plain.ok()) {
      return absl::Status(plain.status().code(), str::Cat(path, ": ", plain.status().message(),
                                                          absl::IsResourceExhausted(plain.status())
                                                              ? " (the limit for an HTML page)"
                                                              : ""));
    }
    bytes = *std::move(plain);
  }
  DecodedHtml text = DecodeHtmlToUtf8(bytes, "");
  if (!LooksLikeHtml(std::string_view(text.utf8).substr(0, 4096))) {
    std::string start;
    for (char c : std::string_view(bytes).substr(0, 16)) {
      const unsigned char u = static_cast<unsigned char>(c);
      start += (u >= 0x20 && u < 0x7f) ? c : '.';
    }
    return absl::InvalidArgumentError(
        str::Cat(path,
                 ": does not look like HTML (no <html>, <head>, <body> or similar tag near the "
                 "start; it begins \"",
                 start, "\")"));
  }
  WebPage page;
  page.doc = std::move(doc);
  page.html = std::move(text.utf8);
  page.charset = std::move(text.charset);
  page.charset_source = std::move(text.source);
  page.source_path = path;
  return page;
}

}  // namespace verbatim::ingest
