// gazette-serve over real HTTP: the built binary started on loopback against real
// databases, asked with cpp-httplib's client, its answers compared with what the
// gazette-search and gazette-index binaries print for the same request.
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace gazette;

namespace {

const fs::path kArchive = fs::path(GAZETTE_EXAMPLES_DIR) / "archive";

// A gazette-serve process on a free loopback port, stopped (SIGTERM) and reaped on scope
// exit. The port is read from the line it prints once listening.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{GAZETTE_SERVE_BIN, "--db", db, "--port", "0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> args;
      for (auto& a : argv)
        args.push_back(a.data());
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
    close(out[1]);
    line_ = read_first_line(out[0]);
    close(out[0]);
    const auto colon = line_.rfind(':');
    if (line_.rfind("gazette-serve: listening on http://127.0.0.1:", 0) != 0 ||
        colon == std::string::npos) {
      stop();
      throw std::runtime_error("gazette-serve did not start: '" + line_ + "'");
    }
    port_ = std::stoi(line_.substr(colon + 1));
  }
  ~ServeProcess() { stop(); }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  const std::string& line() const { return line_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(20);
    c.set_url_encode(false);  // send targets as written: '+' stays a form-encoded space
    return c;
  }
  /// SIGTERM, then the exit status (128+signal if killed).
  int stop() {
    if (pid_ <= 0) return status_;
    kill(pid_, SIGTERM);
    int raw = 0;
    waitpid(pid_, &raw, 0);
    pid_ = -1;
    status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    return status_;
  }

 private:
  // Up to the first newline, giving up after 20 s so a server that never starts fails the
  // test instead of hanging it.
  static std::string read_first_line(int fd) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char c = 0;
      if (read(fd, &c, 1) != 1 || c == '\n') break;
      line += c;
    }
    return line;
  }

  int pid_ = -1;
  int port_ = 0;
  int status_ = -1;
  std::string line_;
};

std::string indexed(const test::TempDir& dir, const std::vector<std::string>& paths) {
  const std::string db = (dir.path() / "db").string();
  std::vector<std::string> argv{test::index_bin(), "--db", db, "--quiet"};
  argv.insert(argv.end(), paths.begin(), paths.end());
  const auto r = test::run(argv);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return db;
}

// The sample archive, indexed once for every test that only reads it.
const std::string& archive_db() {
  static const test::TempDir dir;
  static const std::string db = indexed(dir, {kArchive.string()});
  return db;
}

// Every byte but RFC 3986's unreserved characters as %XX ('/' included).
std::string percent_encoded(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      constexpr const char* kHex = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct Answer {
  int status = 0;
  json body;
  std::string raw;
  httplib::Headers headers;
};

Answer get(const ServeProcess& server, const std::string& target) {
  auto client = server.client();
  const auto res = client.Get(target);
  REQUIRE_MESSAGE(res, "no answer to GET " << target);
  Answer a{res->status, json(), res->body, res->headers};
  a.body = json::parse(res->body, nullptr, false);
  return a;
}

json cli_json(const std::vector<std::string>& args) {
  std::vector<std::string> argv{test::search_bin(), "--db", archive_db(), "--format", "json"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = test::run(argv);
  REQUIRE_MESSAGE((r.exit_code == 0 || r.exit_code == 1), r.err);  // 1: no hits
  return json::parse(r.out);
}

// The one-line error gazette-search prints for these options, without "gazette-search: "
// and " (see gazette-search --help)", and with "--name" spelt as a parameter ("name").
std::string cli_error(const std::vector<std::string>& args, const std::string& option) {
  std::vector<std::string> argv{test::search_bin(), "--db", archive_db(), "--format", "json"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = test::run(argv);
  REQUIRE(r.exit_code != 0);
  std::string message = r.err.substr(0, r.err.find('\n'));
  const std::string prefix = "gazette-search: ";
  const std::string help = " (see gazette-search --help)";
  if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
  if (message.ends_with(help)) message.erase(message.size() - help.size());
  if (const auto at = message.find("--" + option); at != std::string::npos) message.erase(at, 2);
  return message;
}

void check_error(const Answer& a, int status, const std::string& code) {
  CHECK(a.status == status);
  REQUIRE(a.body.is_object());
  CHECK(a.body["schema"] == 2);
  CHECK(a.body["error"]["code"] == code);
  const std::string message = a.body["error"]["message"];
  CHECK(!message.empty());
  CHECK(message.find('\n') == std::string::npos);
}

}  // namespace

TEST_CASE("serve: /search answers the document gazette-search --format json prints") {
  ServeProcess server(archive_db());
  struct Case {
    std::string target;
    std::vector<std::string> cli;
  };
  const std::vector<Case> cases{
      {"/search?q=oil", {"oil"}},
      {"/search?q=oil+prices&match=any&n=5&page=2",
       {"--match", "any", "--limit", "5", "--offset", "5", "oil", "prices"}},
      {"/search?q=election&sort=newest&facets=source,year,lang&timeline=year",
       {"--sort", "newest", "--facets", "source,year,lang", "--timeline", "year", "election"}},
      {"/search?q=music&source=bbc&tag=entertainment&collapse=0",
       {"--source", "bbc", "--tag", "entertainment", "--no-collapse", "music"}},
      {"/search?q=%22fuel+prices%22&since=2004&until=2005-06&fields=id,title,date",
       {"--since", "2004", "--until", "2005-06", "--fields", "id,title,date", "\"fuel prices\""}},
      {"/search?q=econom*&recency=1y&passages=2",
       {"--recency", "1y", "--passages", "2", "econom*"}},
      {"/search?q=govenment", {"govenment"}},  // did-you-mean
  };
  for (const auto& c : cases) {
    CAPTURE(c.target);
    const Answer a = get(server, c.target);
    CHECK(a.status == 200);
    CHECK(a.headers.find("Content-Type")->second == "application/json; charset=utf-8");
    CHECK(a.body == cli_json(c.cli));
  }
  // The corrected query is offered as the CLI offers it.
  CHECK(get(server, "/search?q=govenment").body.contains("suggestion"));
}

TEST_CASE("serve: /article/KEY is --show KEY, and an unknown key is a JSON 404") {
  ServeProcess server(archive_db());
  const json hits = get(server, "/search?q=oil&n=3").body["hits"];
  REQUIRE(hits.size() == 3);
  for (const auto& hit : hits) {
    const std::string key = hit["id"];
    CAPTURE(key);
    const Answer a = get(server, "/article/" + percent_encoded(key));
    CHECK(a.status == 200);
    CHECK(a.body == cli_json({"--show", key}));
    CHECK(!a.body["body"].get<std::string>().empty());
  }
  const Answer missing = get(server, "/article/no%2Fsuch%20key");
  check_error(missing, 404, "not_found");
  CHECK(missing.body["error"]["message"] == "no article with key 'no/such key'");
}

TEST_CASE("serve: /suggest, /health and /stats") {
  ServeProcess server(archive_db());
  const Answer s = get(server, "/suggest?q=Oil+pri&n=3");
  CHECK(s.status == 200);
  CHECK(s.body["query"] == "Oil pri");
  REQUIRE(s.body["suggestions"].size() == 3);
  for (const auto& text : s.body["suggestions"])
    CHECK(text.get<std::string>().rfind("Oil pri", 0) == 0);
  CHECK(get(server, "/suggest?q=oil+").body["suggestions"].empty());
  check_error(get(server, "/suggest?q=oil&n=0"), 400, "invalid_input");

  const Answer h = get(server, "/health");
  CHECK(h.status == 200);
  CHECK(h.body == json{{"status", "ok"}, {"articles", 61}});

  const auto stats = test::run({test::index_bin(), "--db", archive_db(), "stats", "--json"});
  REQUIRE(stats.exit_code == 0);
  const Answer st = get(server, "/stats");
  CHECK(st.status == 200);
  CHECK(st.body == json::parse(stats.out));
}

TEST_CASE("serve: a bad parameter is a 400 with gazette-search's one-line message") {
  ServeProcess server(archive_db());
  struct Case {
    std::string target;
    std::vector<std::string> cli;
    std::string option;
  };
  const std::vector<Case> cases{
      {"/search?q=oil&sort=sideways", {"--sort", "sideways", "oil"}, "sort"},
      {"/search?q=oil&match=some", {"--match", "some", "oil"}, "match"},
      {"/search?q=oil&timeline=hour", {"--timeline", "hour", "oil"}, "timeline"},
      {"/search?q=oil&recency=soon", {"--recency", "soon", "oil"}, "recency"},
      {"/search?q=oil&fields=id,colour", {"--fields", "id,colour", "oil"}, "fields"},
      {"/search?q=oil&since=1987-13-01", {"--since", "1987-13-01", "oil"}, "since"},
      {"/search?q=oil&facets=colour", {"--facets", "colour", "oil"}, "facets"},
      {"/search?q=oil&passages=101", {"--passages", "101", "oil"}, "passages"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.target);
    const Answer a = get(server, c.target);
    check_error(a, 400, "invalid_input");
    CHECK(a.body["error"]["message"] == cli_error(c.cli, c.option));
  }
  // What only the API has: paging, flags, unknown and repeated parameters.
  const std::vector<std::pair<std::string, std::string>> api_only{
      {"/search?q=oil&page=0", "page must be between 1 and 10000, not 0"},
      {"/search?q=oil&n=101", "n must be between 1 and 100, not 101"},
      {"/search?q=oil&n=ten", "n must be a whole number, not 'ten'"},
      {"/search?q=oil&collapse=maybe", "collapse must be 0 or 1, not 'maybe'"},
      {"/search?q=oil&colour=red", "unknown parameter 'colour'"},
      {"/search?q=oil&sort=newest&sort=oldest", "parameter 'sort' given more than once"},
      {"/search?q=oil&normalise=1", "normalise needs timeline"},
  };
  for (const auto& [target, message] : api_only) {
    CAPTURE(target);
    const Answer a = get(server, target);
    check_error(a, 400, "invalid_input");
    CHECK(a.body["error"]["message"] == message);
  }
}

TEST_CASE("serve: paths, methods and sizes outside the API are refused in JSON") {
  ServeProcess server(archive_db(), {"--max-query-bytes", "64"});
  check_error(get(server, "/no/such/page"), 404, "not_found");

  auto client = server.client();
  for (const auto& res : {client.Post("/search", "q=oil", "application/x-www-form-urlencoded"),
                          client.Delete("/article/x"), client.Put("/", "", "text/plain")}) {
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(res->get_header_value("Allow") == "GET, HEAD");
    CHECK(json::parse(res->body)["error"]["code"] == "invalid_input");
  }
  httplib::Request with_body;  // GET carries no body; a large one is refused unread
  with_body.method = "GET";
  with_body.path = "/search?q=oil";
  with_body.body = std::string(64 * 1024, 'x');
  with_body.set_header("Content-Type", "text/plain");
  const auto big = client.send(with_body);
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(json::parse(big->body)["schema"] == 2);

  const Answer bad_escape = get(server, "/search?q=oil%zz");
  check_error(bad_escape, 400, "invalid_input");
  CHECK(bad_escape.body["error"]["message"] == "parameter 'q' has a malformed %-escape");

  const Answer long_query = get(server, "/search?q=" + std::string(65, 'a'));
  check_error(long_query, 414, "invalid_input");
  CHECK(long_query.body["error"]["message"] == "q is 65 bytes long; at most 64 are accepted");
  check_error(get(server, "/suggest?q=" + std::string(65, 'a')), 414, "invalid_input");
  CHECK(get(server, "/search?q=" + std::string(64, 'a')).status == 200);
  check_error(get(server, "/search?q=oil&x=" + std::string(9000, 'a')), 414, "invalid_input");

  const auto head = client.Head("/search?q=oil");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
}

TEST_CASE("serve: the page and its files come from the binary, locked down") {
  ServeProcess server(archive_db());
  auto client = server.client();
  const auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->get_header_value("Content-Security-Policy").find("script-src 'self'") !=
        std::string::npos);
  CHECK(page->body == test::read_file(fs::path(GAZETTE_SOURCE_DIR) / "server/web/index.html"));
  for (const std::string file : {"app.js", "style.css"}) {
    const auto res = client.Get("/" + file);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res->body == test::read_file(fs::path(GAZETTE_SOURCE_DIR) / "server/web" / file));
  }
}

TEST_CASE("serve: hostile titles and queries come back as data, escaped in snippets") {
  const test::TempDir dir;
  const std::string title = "<script>alert('t')</script> \"quoted\" & <img src=x onerror=alert(1)>";
  dir.write(
      "in/hostile.txt",
      title + "\n\nThe <script>alert('b')</script> payload sits beside the word zebrafish.\n");
  const std::string db = indexed(dir, {(dir.path() / "in").string()});
  ServeProcess server(db);
  const Answer a = get(server, "/search?q=zebrafish");
  REQUIRE(a.status == 200);
  REQUIRE(a.body["hits"].size() == 1);
  const json& hit = a.body["hits"][0];
  CHECK(hit["title"] == title);  // JSON carries the text as is; the page sets it as text
  const std::string snippet = hit["snippet"];
  CHECK(snippet.find("<script>") == std::string::npos);
  CHECK(snippet.find("&lt;script&gt;") != std::string::npos);
  CHECK(snippet.find("<mark>zebrafish</mark>") != std::string::npos);
  // The raw body never holds an unescaped tag a browser sniffing it as HTML could run.
  CHECK(a.raw.find("</script>") == std::string::npos);

  const Answer q = get(server, "/search?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E");
  CHECK(q.status == 200);
  CHECK(q.body["query"] == "<img src=x onerror=alert(1)>");
  CHECK(q.raw.find("<img") == std::string::npos);
}

TEST_CASE("serve: 503 while the database cannot be opened, then answers once it can") {
  const test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  ServeProcess server(db);
  for (const std::string target :
       {"/health", "/search?q=oil", "/stats", "/article/x", "/suggest?q=oi"}) {
    CAPTURE(target);
    check_error(get(server, target), 503, "not_found");
  }
  check_error(get(server, "/search?q=oil&sort=x"), 400, "invalid_input");  // checked first
  indexed(dir, {(kArchive / "clippings").string()});
  const Answer h = get(server, "/health");
  CHECK(h.status == 200);
  CHECK(h.body["articles"].get<int>() > 0);
  CHECK(get(server, "/search?q=fuel").status == 200);
}

TEST_CASE("serve: searches run through commits, a rebuild and a compact with no failure") {
  const test::TempDir dir;
  const std::string db = indexed(dir, {(kArchive / "clippings").string()});
  const int before = [&] {
    ServeProcess s(db);
    return get(s, "/health").body["articles"].get<int>();
  }();
  constexpr int kNew = 120;
  for (int i = 0; i < kNew; ++i) {
    dir.write("new/wire-" + std::to_string(i) + ".txt", "Wire story " + std::to_string(i) +
                                                            "\n\nQuokka sightings reported, item " +
                                                            std::to_string(i) + ".\n");
  }
  ServeProcess server(db);
  std::atomic<bool> done{false};
  std::atomic<int> requests{0}, failures{0};
  std::atomic<int> last_seen{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      auto client = server.client();
      while (!done) {
        const auto res = client.Get(t % 2 ? "/search?q=quokka&n=5" : "/health");
        ++requests;
        if (!res || res->status != 200) {
          ++failures;
          continue;
        }
        if (t % 2 == 0) last_seen = json::parse(res->body)["articles"].get<int>();
      }
    });
  }
  const std::string new_dir = (dir.path() / "new").string();
  const auto add = test::run({test::index_bin(), "--db", db, "--quiet", "--batch", "10", new_dir});
  const auto rebuild = test::run({test::index_bin(), "--db", db, "--quiet", "rebuild"});
  const auto compact = test::run({test::index_bin(), "--db", db, "--quiet", "compact"});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  done = true;
  for (auto& c : clients)
    c.join();
  CHECK(add.exit_code == 0);
  CHECK(rebuild.exit_code == 0);
  CHECK(compact.exit_code == 0);
  CHECK(requests > 20);
  CHECK(failures == 0);
  CHECK(last_seen == before + kNew);
  CHECK(get(server, "/search?q=quokka").body["total_estimate"] == kNew);
}

TEST_CASE("serve: many clients at once get the answers one client gets") {
  ServeProcess server(archive_db(), {"--threads", "4"});
  const std::vector<std::string> targets{"/search?q=oil", "/search?q=election&facets=year",
                                         "/suggest?q=gov", "/health"};
  std::vector<std::string> expected;
  for (const auto& t : targets)
    expected.push_back(get(server, t).raw);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 12; ++t) {  // more clients than threads: connections queue, none fail
    clients.emplace_back([&, t] {
      for (int i = 0; i < 15; ++i) {
        const std::size_t which = static_cast<std::size_t>(t + i) % targets.size();
        auto client = server.client();
        const auto res = client.Get(targets[which]);
        if (!res || res->status != 200 || res->body != expected[which]) ++mismatches;
      }
    });
  }
  for (auto& c : clients)
    c.join();
  CHECK(mismatches == 0);
}

TEST_CASE("serve: options and addresses that cannot be used end with a one-line error") {
  const std::vector<std::vector<std::string>> bad{
      {"--port", "70000"}, {"--threads", "-1"},  {"--max-query-bytes", "0"},
      {"--colour"},        {"--port", "eighty"}, {"--host", "203.0.113.9", "--port", "0"}};
  for (const auto& args : bad) {
    std::vector<std::string> argv{GAZETTE_SERVE_BIN, "--db", archive_db()};
    argv.insert(argv.end(), args.begin(), args.end());
    CAPTURE(args[0]);
    const auto r = test::run(argv);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("gazette-serve: ", 0) == 0);
    CHECK(r.err.find('\n') == r.err.size() - 1);
  }
  // A port in use: the second server cannot bind it.
  ServeProcess first(archive_db());
  const auto r =
      test::run({GAZETTE_SERVE_BIN, "--db", archive_db(), "--port", std::to_string(first.port())});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())) !=
        std::string::npos);
  // SIGTERM stops it cleanly.
  CHECK(first.stop() == 0);
}
