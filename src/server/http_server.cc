#include "server/http_server.h"

#include <httplib.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace verbatim::server {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

// The page loads only its own files: no inline script, no other origin (defence in depth
// beside the page's own escaping).
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// A static file name: one segment of [A-Za-z0-9._-] that does not start with '.'.
bool IsAssetName(std::string_view path) {
  if (path.size() < 2 || path.size() > 100 || path[0] != '/' || path[1] == '.') return false;
  for (char c : path.substr(1)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string_view ContentTypeOf(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext; };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".json")) return "application/json; charset=utf-8";
  return "application/octet-stream";
}

void SendError(httplib::Response& res, int status, std::string_view message) {
  res.status = status;
  res.set_content(ErrorJson(status, message), kJson);
}

}  // namespace

struct HttpServer::Impl {
  const Api* api = nullptr;
  ServerOptions options;
  httplib::Server http;

  void Static(const httplib::Request& req, httplib::Response& res) {
    const std::string path = req.path == "/" ? "/index.html" : req.path;
    if (!IsAssetName(path)) return SendError(res, 404, "no such file");
    if (!options.web_root.empty()) {
      std::ifstream in(options.web_root + path, std::ios::binary);
      if (!in) return SendError(res, 404, "no such file");
      std::ostringstream ss;
      ss << in.rdbuf();
      res.set_content(ss.str(), std::string(ContentTypeOf(path)));
    } else {
      const std::vector<WebAsset>& assets = WebAssets();
      auto it = std::find_if(assets.begin(), assets.end(), [&](const WebAsset& a) { return a.path == path; });
      if (it == assets.end()) return SendError(res, 404, "no such file");
      res.set_content(std::string(it->bytes), std::string(it->content_type));
    }
    if (path == "/index.html") res.set_header("Content-Security-Policy", kContentSecurityPolicy);
    res.set_header("Cache-Control", "no-cache");
  }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() { Stop(); }

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Bind(const Api& api, const ServerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->api = &api;
  impl->options = options;
  httplib::Server& http = impl->http;
  const int threads = options.threads > 0 ? options.threads : 64;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(0);  // GET only: any body is too large (413)
  http.set_keep_alive_max_count(10000);
  http.set_tcp_nodelay(true);  // small JSON answers: no Nagle delay (40 ms per answer with delayed ACKs)
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"},
                            {"X-Frame-Options", "DENY"}});

  Impl* self = impl.get();
  http.Get(R"(/api/.*)", [self](const httplib::Request& req, httplib::Response& res) {
    ApiParams params(req.params.begin(), req.params.end());
    ApiResponse r = self->api->Get(req.path, params);
    res.status = r.status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(r.body), kJson);
  });
  http.Get(R"(/[^/]*)", [self](const httplib::Request& req, httplib::Response& res) { self->Static(req, res); });
  auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Allow", "GET, HEAD");
    SendError(res, 405, "the API is read-only: only GET and HEAD");
  };
  http.Post(".*", not_allowed);
  http.Put(".*", not_allowed);
  http.Delete(".*", not_allowed);
  http.Patch(".*", not_allowed);
  http.Options(".*", not_allowed);
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    // Errors httplib raises itself (404 for other paths, 413, 414, 400): JSON like the rest.
    if (res.body.empty()) {
      const int status = res.status;
      SendError(res, status, status == 404 ? "no such endpoint" : status == 413 ? "request body too large" : status == 414 ? "request URI too long" : "bad request");
    }
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendError(res, 500, "internal error");
  });

  int port = options.port;
  if (port == 0) {
    port = http.bind_to_any_port(options.host);
    if (port <= 0) return absl::UnavailableError(absl::StrCat("cannot listen on ", options.host));
  } else if (!http.bind_to_port(options.host, port)) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.host, ":", port,
                                               " (is the port taken? --port 0 picks a free one)"));
  }
  std::unique_ptr<HttpServer> server(new HttpServer(std::move(impl)));
  server->port_ = port;
  server->host_ = options.host;
  return server;
}

std::string HttpServer::url() const {
  const bool v6 = host_.find(':') != std::string::npos;
  return absl::StrCat("http://", v6 ? "[" : "", host_, v6 ? "]" : "", ":", port_, "/");
}

bool HttpServer::Run() { return impl_->http.listen_after_bind(); }

void HttpServer::Stop() {
  if (impl_ && impl_->http.is_running()) impl_->http.stop();
}

}  // namespace verbatim::server
