// Tests for the WARC reader: a small real crawl, and copies of it damaged in known ways.
#include "indexer/src/warc_reader.hpp"
#include "indexer/src/formats.hpp"
#include "tests/support/collecting_sink.hpp"
#include "tests/support/test_support.hpp"

#include <gazette/date.hpp>
#include <gazette/error.hpp>

#include <doctest/doctest.h>

#include <functional>
#include <string>

namespace {

using gazette::test::read_all;
namespace idx = gazette::indexer;

// crawl.warc (made by tests/fixtures/warc/make_fixtures.py): 10 records, of which three
// are HTML pages (records 3, 5 and 10); the rest are warcinfo, request, metadata, a 404, a
// redirect, a revisit and a PNG resource.
std::string crawl() {
  return gazette::test::read_file(gazette::test::fixture("warc/crawl.warc"));
}

// Byte offset of the n-th (1-based) record header.
std::size_t record_offset(const std::string& warc, int n) {
  std::size_t pos = 0;
  for (int seen = 0;; pos += 7) {
    pos = warc.find("WARC/1.", pos);
    if (pos == std::string::npos) return pos;
    if ((pos == 0 || warc[pos - 1] == '\n') && ++seen == n) return pos;
  }
}

std::string where(const std::string& warc, int n) {
  return "record " + std::to_string(n) + " (byte " + std::to_string(record_offset(warc, n)) + ")";
}

// The Content-Length line of record n.
std::pair<std::size_t, std::size_t> length_line(const std::string& warc, int n) {
  const std::size_t start = warc.find("Content-Length: ", record_offset(warc, n));
  return {start, warc.find("\r\n", start) + 2 - start};
}

std::size_t declared_length(const std::string& warc, int n) {
  return std::stoul(warc.substr(length_line(warc, n).first + 16));
}

std::string with_length(std::string warc, int n, std::size_t length) {
  const auto [start, size] = length_line(warc, n);
  return warc.replace(start, size, "Content-Length: " + std::to_string(length) + "\r\n");
}

const char* const kAlvesId = "00000000-0000-4000-8000-000000000003";

}  // namespace

TEST_CASE("warc reader: HTML responses become articles, other records are skipped") {
  const std::string warc = crawl();
  const auto sink = read_all(idx::read_warc, warc);
  CHECK(sink.problems.empty());
  REQUIRE(sink.articles.size() == 3);
  const auto& alves = sink.articles[0];
  CHECK(alves.origin.position == kAlvesId);
  CHECK(alves.url == "http://example.org/alves");
  CHECK(alves.title.find("Alves") != std::string::npos);
  CHECK(alves.body.find("Heerenveen striker Afonso Alves") != std::string::npos);
  REQUIRE(alves.published);  // The page has no date of its own: the capture date is used.
  CHECK(gazette::format_iso8601(*alves.published) == "2008-01-18T10:00:02Z");
  // Chunked and gzip-encoded, in a WARC/1.1 record.
  CHECK(sink.articles[1].url == "http://example.org/bush");
  CHECK(sink.articles[1].body.find("Middle East peace treaty") != std::string::npos);
  // Deflate-encoded.
  CHECK(sink.articles[2].origin.position == "00000000-0000-4000-8000-00000000000a");
  CHECK(sink.articles[2].body.find("Sam Allardyce left the club") != std::string::npos);
}

TEST_CASE("warc reader: damaged archives keep every readable record and say where") {
  const std::string warc = crawl();
  struct Case {
    const char* name;
    std::function<std::string(const std::string&)> damage;
    std::size_t articles;
    std::function<std::string(const std::string&)> location;
    std::function<std::string(const std::string&)> reason;
  };
  // The reason's tail when record `next` is where reading picked up again.
  const auto resync = [](const std::string& damaged, int next) {
    return " does not end at a record boundary; resynchronised at byte " +
           std::to_string(record_offset(damaged, next));
  };
  const Case cases[] = {
      {"truncated last record", [](const std::string& w) { return w.substr(0, w.size() - 500); }, 2,
       [](const std::string& w) { return where(w, 10); },
       [](const std::string& w) {
         const std::size_t start = w.find("\r\n\r\n", record_offset(w, 10)) + 4;
         return "truncated record: Content-Length " + std::to_string(declared_length(w, 10)) +
                " but only " + std::to_string(w.size() - start) + " bytes remain";
       }},
      {"Content-Length too small",
       [](const std::string& w) { return with_length(w, 3, declared_length(w, 3) - 1500); }, 3,
       [](const std::string& w) { return where(w, 3); },
       [&](const std::string& w) {
         return "Content-Length " + std::to_string(declared_length(w, 3)) + resync(w, 4);
       }},
      {"Content-Length too large",
       [](const std::string& w) { return with_length(w, 3, declared_length(w, 3) + 700); }, 3,
       [](const std::string& w) { return where(w, 3); },
       [&](const std::string& w) {
         return "Content-Length " + std::to_string(declared_length(w, 3)) + resync(w, 4);
       }},
      {"missing Content-Length",
       [](const std::string& w) {
         const auto [start, size] = length_line(w, 3);
         return std::string(w).erase(start, size);
       },
       3, [](const std::string& w) { return where(w, 3); },
       [](const std::string& w) {
         return "missing Content-Length; resynchronised at byte " +
                std::to_string(record_offset(w, 4));
       }},
      {"garbage between records",
       [](const std::string& w) {
         return std::string(w).insert(record_offset(w, 5),
                                      "this line is not part of any record\r\n");
       },
       3, [](const std::string& w) { return where(w, 4); },
       [&](const std::string& w) {
         return "Content-Length " + std::to_string(declared_length(w, 4)) + resync(w, 5);
       }},
      {"garbage before the first record", [](const std::string& w) { return "junk\r\n" + w; }, 3,
       [](const std::string&) { return std::string("byte 0"); },
       [](const std::string&) { return std::string("unexpected data before the first record"); }},
      {"corrupt gzip body",
       [](const std::string& w) {
         std::string d = w;
         const std::size_t gz = d.find("\x1f\x8b", record_offset(d, 5));
         for (std::size_t i = 60; i < 90; ++i)
           d[gz + i] = 'x';
         return d;
       },
       2, [](const std::string& w) { return where(w, 5); },
       [](const std::string&) { return std::string("corrupt gzip content"); }},
      {"no HTTP status line",
       [](const std::string& w) {
         std::string d = w;
         return d.replace(d.find("HTTP/1.1 200", record_offset(d, 3)), 4, "XTTP");
       },
       2, [](const std::string& w) { return where(w, 3); },
       [](const std::string&) { return std::string("malformed HTTP response: no status line"); }},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const std::string damaged = c.damage(warc);
    const auto sink = read_all(idx::read_warc, damaged);
    CHECK(sink.articles.size() == c.articles);
    REQUIRE(sink.problems.size() == 1);
    CHECK(sink.problems[0].location == c.location(damaged));
    CHECK(sink.problems[0].reason == c.reason(damaged));
  }
}

TEST_CASE("warc reader: a record whose length lies keeps its own page") {
  const std::string warc = crawl();
  for (long delta : {-1500L, 700L}) {
    CAPTURE(delta);
    const auto sink =
        read_all(idx::read_warc, with_length(warc, 3, declared_length(warc, 3) + delta));
    REQUIRE(sink.articles.size() == 3);
    CHECK(sink.articles[0].origin.position == kAlvesId);
    CHECK(sink.articles[0].body.find("Heerenveen striker") != std::string::npos);
  }
}

TEST_CASE("warc reader: input that is not a WARC archive is refused with a reason") {
  struct Case {
    std::string bytes;
    const char* reason;
  };
  const Case cases[] = {
      {"", "not a WARC file: no \"WARC/1.0\" record header"},
      {"<!doctype html><html><body>a page named .warc</body></html>",
       "not a WARC file: no \"WARC/1.0\" record header"},
      {std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03WARC", 14),
       "not a WARC file: no \"WARC/1.0\" record header"},
      {"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Len", "truncated record: the header never ends"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.bytes);
    try {
      read_all(idx::read_warc, c.bytes);
      FAIL("no exception");
    } catch (const gazette::Error& error) {
      CHECK(error.code() == gazette::ErrorCode::invalid_input);
      CHECK(std::string(error.what()) == c.reason);
    }
  }
}

TEST_CASE("warc reader: sniffing") {
  CHECK(idx::sniff_warc("WARC/1.0\r\nWARC-Type: warcinfo\r\n"));
  CHECK(idx::sniff_warc("WARC/1.1\nWARC-Type: response\n"));
  CHECK(!idx::sniff_warc("WARC/1.0 is a format"));
  CHECK(!idx::sniff_warc("<html>"));
  const auto* format = idx::detect_format("crawl.warc", crawl().substr(0, idx::kSniffBytes));
  REQUIRE(format);
  CHECK(format->name == "warc");
}
