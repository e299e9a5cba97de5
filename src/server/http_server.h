// HttpServer: `verbatim serve` on cpp-httplib (Debian's libcpp-httplib). Routes GET/HEAD
// /api/... to an Api and everything else to the web page's files, which are compiled into the
// binary (web/; WebAssets()) or, for front-end work, read from a folder (`web_root`).
//
//   absl::StatusOr<std::unique_ptr<HttpServer>> s = HttpServer::Bind(api, {.port = 0});
//   std::cout << (*s)->url();  (*s)->Run();   // until Stop() from another thread
//
// Limits: request headers and URI as httplib bounds them (8 KiB; 414 beyond), no request
// bodies (413), only GET and HEAD (405). A static file name is one path segment of letters,
// digits, '-', '_' and '.', so no request can name a file outside the folder.
//
// Thread-safety: Stop() may be called from any thread; the rest from the owning thread.
#ifndef VERBATIM_SERVER_HTTP_SERVER_H_
#define VERBATIM_SERVER_HTTP_SERVER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "server/api.h"

namespace verbatim::server {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port
  std::string web_root;            // "": the embedded web page
  int threads = 64;                // worker threads; each keep-alive connection holds one
};

// One embedded file of the web page.
struct WebAsset {
  std::string_view path;          // "/index.html"
  std::string_view content_type;
  std::string_view bytes;
};
const std::vector<WebAsset>& WebAssets();

class HttpServer {
 public:
  // Binds the socket (fails when the port is taken or the host is not an address here).
  // REQUIRES: `api` outlives the server.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Bind(const Api& api, const ServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  std::string url() const;  // "http://127.0.0.1:PORT/"
  // Serves until Stop(). Returns false when the server could not listen.
  bool Run();
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  std::string host_;
};

}  // namespace verbatim::server

#endif  // VERBATIM_SERVER_HTTP_SERVER_H_
