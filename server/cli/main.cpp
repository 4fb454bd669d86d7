// gazette-serve: parses the options, binds, says where it listens, and serves until
// SIGINT or SIGTERM. Everything else is server/src (HttpServer over Api).
#include <gazette/error.hpp>
#include <gazette/exit_code.hpp>
#include <gazette/version.hpp>

#include "common/cli/database_path.hpp"
#include "server/src/http_server.hpp"

#include <boost/program_options.hpp>

#include <csignal>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

namespace po = boost::program_options;

namespace {

constexpr const char* kUsage =
    "Usage: gazette-serve [--db DIR] [--host ADDR] [--port N] [options]\n"
    "Serves the archive's search page at / and its JSON API (/search, /article/KEY,\n"
    "/suggest, /health, /stats; see server/README.md) until interrupted.";

constexpr const char* kExitStatusHelp =
    "\nExit status: 0 stopped by SIGINT/SIGTERM; 2 bad option, or an address that cannot\n"
    "be bound. A database that cannot be opened is not fatal: requests get 503 until it can.\n";

struct Options {
  std::string db;
  std::string host = "127.0.0.1";
  long long port = 8080;
  long long threads = 0;
  long long max_query_bytes = 1024;
  bool log = false;
  bool help = false;
  bool version = false;
};

po::options_description described(Options& o) {
  po::options_description d("Options");
  d.add_options()("db", po::value(&o.db), gazette::cli::kDatabaseHelp)(
      "host", po::value(&o.host)->default_value(o.host),
      "address to listen on; 0.0.0.0 serves every network (put a proxy with TLS in front)")(
      "port", po::value(&o.port)->default_value(o.port), "TCP port; 0 picks a free one")(
      "threads", po::value(&o.threads)->default_value(o.threads),
      "worker threads, one per open connection; 0: max(64, 8 x cores)")(
      "max-query-bytes", po::value(&o.max_query_bytes)->default_value(o.max_query_bytes),
      "longest q accepted by /search and /suggest (longer: HTTP 414)")(
      "log", po::bool_switch(&o.log), "print one access-log line per request to stderr")(
      "help,h", po::bool_switch(&o.help), "show this help")("version", po::bool_switch(&o.version),
                                                            "show the version");
  return d;
}

Options read_options(int argc, char** argv) {
  Options o;
  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(described(o)).run(), vm);
  po::notify(vm);
  return o;
}

gazette::server::ServerOptions checked(const Options& o) {
  gazette::server::ServerOptions s;
  s.db = gazette::cli::database_path(o.db);
  s.host = o.host;
  if (o.port < 0 || o.port > 65535) throw po::error("--port must be between 0 and 65535");
  s.port = static_cast<int>(o.port);
  if (o.threads < 0 || o.threads > 1024) throw po::error("--threads must be between 0 and 1024");
  s.threads = static_cast<std::size_t>(o.threads);
  if (o.max_query_bytes < 1 || o.max_query_bytes > 8000) {
    throw po::error("--max-query-bytes must be between 1 and 8000");
  }
  s.limits.max_query_bytes = static_cast<std::size_t>(o.max_query_bytes);
  if (o.log) {
    s.log = [](const std::string& line) {
      static std::mutex mutex;
      const std::lock_guard lock(mutex);
      std::cerr << line << '\n';
    };
  }
  return s;
}

int fail(const std::string& message, int code) {
  std::cerr << "gazette-serve: " << message << '\n';
  return code;
}

// Serves until SIGINT or SIGTERM, which a dedicated thread waits for (the signals are
// blocked in every thread, the server's included, so none is interrupted mid-request).
int serve(gazette::server::HttpServer& server, const std::string& host, int port) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  std::cout << "gazette-serve: listening on http://" << host << ':' << port << '/' << std::endl;
  const bool served = server.serve();
  // serve() may also end on its own (a failing socket): wake the waiter to let it go.
  if (!served) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return served ? gazette::exit_code::success
                : fail("the server stopped", gazette::exit_code::error);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace gazette;
  server::ServerOptions options;
  try {
    const Options given = read_options(argc, argv);
    if (given.help) {
      Options defaults;
      std::cout << kUsage << "\n\n" << described(defaults) << kExitStatusHelp;
      return exit_code::success;
    }
    if (given.version) {
      std::cout << "gazette-serve " << version() << '\n';
      return exit_code::success;
    }
    options = checked(given);
  } catch (const po::error& e) {
    return fail(std::string(e.what()) + " (see gazette-serve --help)", exit_code::error);
  }
  try {
    server::HttpServer server(options);
    const int port = server.bind();
    return serve(server, options.host, port);
  } catch (const Error& e) {
    return fail(e.what(), exit_code::error);
  } catch (const std::exception& e) {
    return fail(e.what(), exit_code::error);
  }
}
