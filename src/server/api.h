// Api: the read-only JSON API of `verbatim serve` (docs/API.md), independent of HTTP. A request
// is a path and its decoded query parameters; the answer is a status and a JSON body.
//
//   absl::StatusOr<std::unique_ptr<Api>> api = Api::Open("news.db");
//   ApiResponse r = (*api)->Get("/api/quotes", {{"speaker", "Rutte"}});
//
// It keeps small in-memory indexes of the database (speaker identities, quote clusters and
// stories with their counts), rebuilt when another connection has committed since (checked at
// most once per `refresh_interval`); everything else is read per request through one
// read-only connection per thread.
//
// Thread-safety: Get may be called from many threads at once.
#ifndef VERBATIM_SERVER_API_H_
#define VERBATIM_SERVER_API_H_

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace verbatim::server {

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
};

struct ApiOptions {
  // How often at most the in-memory indexes check whether the database changed.
  std::chrono::milliseconds refresh_interval{1000};
};

using ApiParams = std::multimap<std::string, std::string>;

class Api {
 public:
  // Fails when the database cannot be opened read-only or its indexes cannot be read.
  static absl::StatusOr<std::unique_ptr<Api>> Open(const std::string& db_path, const ApiOptions& options = {});
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Answers GET `path` (which starts with "/api/"). Never throws; a database failure is a 500.
  ApiResponse Get(std::string_view path, const ApiParams& params) const;

 private:
  struct State;
  explicit Api(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// {"error": {"status": S, "message": M}}
std::string ErrorJson(int status, std::string_view message);

}  // namespace verbatim::server

#endif  // VERBATIM_SERVER_API_H_
