// HttpServer: see http_server.hpp.
#include "server/src/http_server.hpp"

#include "searcher/output/json_output.hpp"
#include "server/src/web_assets.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <string_view>
#include <thread>
#include <utility>

namespace gazette::server {
namespace {

constexpr std::string_view kJsonType = "application/json; charset=utf-8";

// The page runs only its own script and style: even a snippet that somehow carried markup
// could not load or run anything (the page also builds its DOM from text; see app.js).
constexpr std::string_view kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string_view content_type(std::string_view path) {
  if (path.ends_with(".html")) return "text/html; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".png")) return "image/png";
  if (path.ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

void send(httplib::Response& res, const ApiResponse& answer) {
  res.status = answer.status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(answer.body, std::string(kJsonType));
}

void send_error(httplib::Response& res, int status, ErrorCode code, const std::string& message) {
  send(res, error_response(status, code, message));
}

// What an error status the routes did not answer themselves means, in the CLI's words.
std::string status_message(const httplib::Request& req, int status) {
  switch (status) {
    case 404:
      return fmt::format("no such path '{}' (see / for the search page, /search for the API)",
                         req.path);
    case 413:
      return fmt::format("request body over {} bytes", kMaxBodyBytes);
    case 414:
      return "request line too long";
    default:
      return fmt::format("the request could not be answered (HTTP {})", status);
  }
}

bool carries_body(const httplib::Request& req) {
  const std::string length = req.get_header_value("Content-Length");
  return (!length.empty() && length != "0") || req.has_header("Transfer-Encoding");
}

ErrorCode status_code(int status) {
  return status == 404 ? ErrorCode::not_found : ErrorCode::invalid_input;
}

std::string access_line(const httplib::Request& req, const httplib::Response& res,
                        std::chrono::steady_clock::time_point started) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  std::string target = req.path;
  if (!req.params.empty()) target += "?" + httplib::detail::params_to_query_str(req.params);
  return fmt::format("{} \"{} {}\" {} {} {:.1f} ms", req.remote_addr, req.method, target,
                     res.status, res.body.size(), us / 1000.0);
}

// When the request on this thread was read: set before routing, read by the access log
// (cpp-httplib handles a request on one thread from routing to logging).
thread_local std::chrono::steady_clock::time_point request_started;

}  // namespace

std::size_t default_threads() {
  return std::max<std::size_t>(64, 8 * std::max(1U, std::thread::hardware_concurrency()));
}

struct HttpServer::Impl {
  explicit Impl(ServerOptions o) : options(std::move(o)), api(options.db, options.limits) {}

  void add_routes();
  void add_page();
  void add_error_handling();

  ServerOptions options;
  Api api;
  httplib::Server http;
};

// Calls `endpoint` with the target's parameters, decoded here rather than by cpp-httplib,
// which leaves '+' (a space, as browsers' forms and URLSearchParams send it) undecoded.
template <class Endpoint>
void with_parameters(const httplib::Request& req, httplib::Response& res, Endpoint&& endpoint) {
  try {
    send(res, endpoint(query_parameters(req.target)));
  } catch (const InvalidInputError& e) {
    send_error(res, 400, ErrorCode::invalid_input, e.what());
  }
}

// SO_REUSEADDR only: a restarted server can bind at once, but a second server cannot take
// the port of a running one (cpp-httplib's default, SO_REUSEPORT, would let it share it).
void reuse_address_only(int socket) {
  int yes = 1;
  setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

void HttpServer::Impl::add_routes() {
  http.Get("/search", [this](const httplib::Request& req, httplib::Response& res) {
    with_parameters(req, res, [this](const Params& p) { return api.search(p); });
  });
  http.Get("/suggest", [this](const httplib::Request& req, httplib::Response& res) {
    with_parameters(req, res, [this](const Params& p) { return api.suggest(p); });
  });
  http.Get(R"(/article/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    send(res, api.article(req.matches[1]));
  });
  http.Get("/health",
           [this](const httplib::Request&, httplib::Response& res) { send(res, api.health()); });
  http.Get("/stats",
           [this](const httplib::Request&, httplib::Response& res) { send(res, api.stats()); });
}

void HttpServer::Impl::add_page() {
  for (const WebAsset& asset : web_assets()) {
    const auto serve = [asset](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-cache");
      if (asset.path.ends_with(".html")) {
        res.set_header("Content-Security-Policy", std::string(kPagePolicy));
      }
      res.set_content(asset.body.data(), asset.body.size(), std::string(content_type(asset.path)));
    };
    http.Get(std::string(asset.path), serve);
    if (asset.path == "/index.html") http.Get("/", serve);
  }
}

void HttpServer::Impl::add_error_handling() {
  // Only GET and HEAD exist; anything else is refused before routing, with Allow.
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    request_started = std::chrono::steady_clock::now();
    if ((req.method == "GET" || req.method == "HEAD") && !carries_body(req)) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    if (req.method == "GET" || req.method == "HEAD") {
      // A GET has no use for a body; refuse it (and close: cpp-httplib leaves an unread
      // body in the stream) rather than answer as if it were not there.
      res.set_header("Connection", "close");
      send_error(res, 413, ErrorCode::invalid_input,
                 fmt::format("{} requests carry no body", req.method));
      return httplib::Server::HandlerResponse::Handled;
    }
    res.set_header("Allow", "GET, HEAD");
    send_error(res, 405, ErrorCode::invalid_input,
               fmt::format("method {} not allowed; use GET", req.method));
    return httplib::Server::HandlerResponse::Handled;
  });
  // Errors cpp-httplib answers itself (no route, limits) get a JSON body too.
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        send_error(res, res.status, status_code(res.status), status_message(req, res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr failure) {
        std::string what = "unknown failure";
        try {
          std::rethrow_exception(std::move(failure));
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        send_error(res, 500, ErrorCode::io_error, "internal error: " + what);
      });
}

HttpServer::HttpServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  auto& http = impl_->http;
  const std::size_t threads = impl_->options.threads ? impl_->options.threads : default_threads();
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(kMaxBodyBytes);
  http.set_socket_options(reuse_address_only);
  http.set_default_headers(
      {{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
  // Nagle's algorithm would hold the body back until the client acknowledged the headers
  // (cpp-httplib sends them apart): 40 ms per answer (benchmarks/README.md, serve.sh).
  http.set_tcp_nodelay(true);
  // A connection keeps its thread while open: rotate busy ones and drop idle ones soon, so
  // clients beyond the thread count wait seconds, not minutes, for a thread.
  http.set_keep_alive_max_count(100);
  http.set_keep_alive_timeout(2);
  http.set_read_timeout(10);
  http.set_write_timeout(10);
  impl_->add_routes();
  impl_->add_page();
  impl_->add_error_handling();
  if (impl_->options.log) {
    http.set_logger(
        [log = impl_->options.log](const httplib::Request& req, const httplib::Response& res) {
          log(access_line(req, res, request_started));
        });
  }
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  const auto& o = impl_->options;
  const int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host)
                               : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) {
    throw Error(ErrorCode::io_error,
                fmt::format("cannot listen on {}:{} (address in use, or not one of this "
                            "machine's)",
                            o.host, o.port));
  }
  return port;
}

bool HttpServer::serve() {
  return impl_->http.listen_after_bind();
}

void HttpServer::stop() {
  impl_->http.stop();
}

}  // namespace gazette::server
