#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <ostream>
#include <thread>

#include "cli/commands.h"
#include "server/api.h"
#include "store/clustering.h"
#include "store/stories.h"
#include "store/store.h"

namespace verbatim::cli {

int Serve(const std::string& db, const server::ServerOptions& options, std::ostream& out, std::ostream& err) {
  if (!std::filesystem::exists(db)) {
    err << "verbatim serve: " << db << ": no such database\n";
    return kNothingProcessed;
  }
  {
    // Quote clusters and stories are brought up to date once, with the only writable
    // connection the server ever opens; it is closed before serving.
    auto st = store::Store::Open(db);
    if (!st.ok()) {
      err << "verbatim serve: " << db << ": " << st.status().message() << "\n";
      return kNothingProcessed;
    }
    if (auto u = store::UpdateQuoteClusters(**st); !u.ok()) {
      err << "verbatim serve: " << db << ": updating quote clusters: " << u.status().message() << "\n";
      return kNothingProcessed;
    }
    if (auto u = store::UpdateStories(**st); !u.ok()) {
      err << "verbatim serve: " << db << ": updating stories: " << u.status().message() << "\n";
      return kNothingProcessed;
    }
  }
  auto api = server::Api::Open(db);
  if (!api.ok()) {
    err << "verbatim serve: " << db << ": " << api.status().message() << "\n";
    return kNothingProcessed;
  }
  // SIGINT and SIGTERM stop the server from a thread of their own (blocked everywhere else,
  // so the server's threads, started later, never take them).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = server::HttpServer::Bind(**api, options);
  if (!server.ok()) {
    err << "verbatim serve: " << server.status().message() << "\n";
    return kNothingProcessed;
  }
  server::HttpServer* s = server->get();
  std::thread([stop_signals, s] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    s->Stop();
  }).detach();
  out << "verbatim: serving " << db << " at " << s->url() << std::endl;
  if (options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1") {
    err << "verbatim serve: listening on " << options.host << ": anyone who can reach this address can read the database\n";
  }
  err << "verbatim serve: press Ctrl-C to stop\n";
  if (!s->Run()) {
    err << "verbatim serve: the server stopped with an error\n";
    return kNothingProcessed;
  }
  return kOk;
}

}  // namespace verbatim::cli
