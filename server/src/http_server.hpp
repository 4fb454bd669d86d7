// gazette-serve's HTTP side: routes (server/README.md) onto Api, the embedded search page,
// request limits, JSON for every error, and a pool of threads, over cpp-httplib.
#pragma once

#include "server/src/api.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace gazette::server {

struct ServerOptions {
  std::string db;
  std::string host = "127.0.0.1";  ///< Loopback only unless told otherwise.
  int port = 8080;                 ///< 0: any free port (bind() says which).
  std::size_t threads = 0;         ///< Worker threads; 0: default_threads().
  ApiLimits limits;
  /// Called after each request with one access-log line; empty: no log.
  std::function<void(const std::string&)> log;
};

/// Worker threads when none are asked for. cpp-httplib gives each open connection a
/// thread for as long as it stays open (keep-alive), so there are more threads than cores.
std::size_t default_threads();

/// Largest request body accepted (GET needs none); a larger one is answered 413.
inline constexpr std::size_t kMaxBodyBytes = 16 * 1024;

class HttpServer {
 public:
  explicit HttpServer(ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds the socket and returns the port. Throws gazette::Error(io_error) naming the
  /// address when it cannot be bound (in use, not an address of this machine ...).
  int bind();
  /// Serves until stop(); call after bind(). Returns false if serving failed.
  bool serve();
  /// Makes serve() return; safe from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette::server
