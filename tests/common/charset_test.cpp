// Tests for common/src/charset.cpp and decode_to_utf8: declared, stale and detected charsets,
// unknown names, invalid bytes, and an HTML page declaring KOI8-R.
#include "common/src/charset.hpp"
#include "common/src/text.hpp"
#include "indexer/src/html_reader.hpp"

#include <doctest/doctest.h>
#include <unicode/ucnv.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace gazette;
using namespace gazette::text;

namespace {

// `utf8` in the legacy `charset`, through ICU, so that the tables read as text.
std::string encode(std::string_view utf8, const char* charset) {
  std::string out(utf8.size() * 4 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

const std::string kRussian =
    "Президент России заявил сегодня, что правительство примет новые меры по поддержке "
    "экономики.";
const std::string kJapanese = "東京で大きな地震が発生しました。政府は被害の状況を確認しています。";
const std::string kChinese = "中国政府今天宣布了新的经济政策，以促进国内消费和投资增长。";
const std::string kFrench = "Le président a déclaré « l’économie va mieux » — 5 € de plus.";

}  // namespace

TEST_CASE("charset: declared, stale and detected charsets decode to the same text") {
  struct Case {
    const char* what;
    std::string text;        // The article text, UTF-8.
    const char* written_in;  // The bytes' real charset.
    const char* declared;    // What the page says ("" for nothing).
  };
  const Case cases[] = {
      {"UTF-8 with a stale Latin-1 declaration", kFrench, "UTF-8", "iso-8859-1"},
      {"UTF-8 declared as something else entirely", kRussian, "UTF-8", "koi8-r"},
      {"windows-1252 declared", kFrench, "windows-1252", "windows-1252"},
      {"windows-1252 declared as iso-8859-1, as browsers read it", kFrench, "windows-1252",
       "ISO-8859-1"},
      {"windows-1252 declared as us-ascii", kFrench, "windows-1252", "us-ascii"},
      {"KOI8-R declared", kRussian, "KOI8-R", "koi8-r"},
      {"KOI8-R declared in quotes and capitals", kRussian, "KOI8-R", " 'KOI8-R' "},
      {"KOI8-R detected", kRussian, "KOI8-R", ""},
      {"windows-1251 detected", kRussian, "windows-1251", ""},
      {"Shift_JIS declared", kJapanese, "Shift_JIS", "shift_jis"},
      {"Shift_JIS detected", kJapanese, "Shift_JIS", ""},
      {"GB2312 declared", kChinese, "GB2312", "gb2312"},
      {"GB2312 detected", kChinese, "GB2312", ""},
      {"an unknown charset name: detection takes over", kRussian, "KOI8-R", "x-no-such-charset"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.what));
    const std::string bytes = encode(c.text, c.written_in);
    CHECK(decode_to_utf8(bytes, c.declared) == c.text);
  }
}

TEST_CASE("charset: single bytes where the charsets disagree") {
  struct Case {
    std::string bytes;
    const char* declared;
    std::string expected;
  };
  const Case cases[] = {
      {"5 \xA4", "iso-8859-15", "5 €"},        // The euro sign where Latin-1 has ¤.
      {"5 \xA4", "iso-8859-1", "5 ¤"},         // Read as windows-1252.
      {"5 \x80", "iso-8859-1", "5 €"},         // 1252's euro, as browsers do.
      {"caf\xE9", "", "café"},                 // Too short to detect: windows-1252.
      {"caf\xE9", "no-such-charset", "café"},  // Unknown name, too short: windows-1252.
      {"\xF0\xD2\xC1\xD7\xC4\xC1", "koi8-r", "Правда"},
      // Declared UTF-8 with a stray Latin-1 byte: the byte is read as 1252, the rest kept.
      {"na\xEFve \xC3\xA9t\xC3\xA9", "utf-8", "naïve été"},
      // Invalid or cut multi-byte sequences become U+FFFD, the rest is kept.
      {"\x93\x8C\x8B\x9E\x82", "shift_jis", "東京\xEF\xBF\xBD"},
      {"\xD6\xD0\xFF\xFF\xB9\xFA", "gb2312", "中\xEF\xBF\xBD\xEF\xBF\xBD国"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.bytes);
    INFO(std::string(c.declared));
    CHECK(decode_to_utf8(c.bytes, c.declared) == c.expected);
  }
}

TEST_CASE("charset: names are read the way browsers read them") {
  struct Case {
    const char* name;
    CharsetFamily family;
  };
  const Case cases[] = {
      {"UTF-8", CharsetFamily::utf8},
      {"utf8", CharsetFamily::utf8},
      {"iso-8859-1", CharsetFamily::windows1252},
      {"latin1", CharsetFamily::windows1252},
      {"US-ASCII", CharsetFamily::windows1252},
      {"cp1252", CharsetFamily::windows1252},
      {"koi8-r", CharsetFamily::icu},
      {"Shift_JIS", CharsetFamily::icu},
      {"gb2312", CharsetFamily::icu},
      {"iso-8859-15", CharsetFamily::icu},
      {"", CharsetFamily::unknown},
      {"x-no-such-charset", CharsetFamily::unknown},
      {"\"\"", CharsetFamily::unknown},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.name));
    CHECK(classify_charset(c.name) == c.family);
  }
}

TEST_CASE("charset: arbitrary bytes under any declaration give valid UTF-8, never nothing") {
  std::mt19937 random(42);
  const char* declared[] = {"",       "utf-8",    "koi8-r", "shift_jis",   "gb2312",
                            "euc-kr", "utf-16le", "big5",   "iso-2022-jp", "x-unknown"};
  for (int round = 0; round < 200; ++round) {
    std::string bytes(1 + random() % 300, '\0');
    for (char& b : bytes)
      b = static_cast<char>(random() % 256);
    for (const char* charset : declared) {
      INFO(std::string(charset));
      const std::string out = decode_to_utf8(bytes, charset);
      CHECK(is_valid_utf8(out));
      CHECK_FALSE(out.empty());
    }
  }
}

TEST_CASE("charset: decoding is thread-safe") {
  const std::string koi8 = encode(kRussian, "KOI8-R");
  const std::string sjis = encode(kJapanese, "Shift_JIS");
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < ok.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        ok[t] += decode_to_utf8(koi8, t % 2 ? "koi8-r" : "") == kRussian &&
                 decode_to_utf8(sjis, t % 2 ? "shift_jis" : "") == kJapanese;
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (int n : ok)
    CHECK(n == 50);
}

TEST_CASE("charset: an HTML page's declaration is found in its first bytes") {
  struct Case {
    std::string head;
    const char* expected;
  };
  const Case cases[] = {
      {R"(<html><head><meta charset="koi8-r"></head>)", "koi8-r"},
      {R"(<html><head><META CHARSET=Windows-1251>)", "windows-1251"},
      {R"(<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">)", "shift_jis"},
      {R"(<meta content='text/html;charset = "gb2312"' http-equiv=content-type>)", "gb2312"},
      {R"(<?xml version="1.0" encoding="ISO-8859-15"?><html>)", "iso-8859-15"},
      {R"(<meta name="description" content="charset is nice"><p>no declaration)", ""},
      {R"(<meta charset=)", ""},
      {"", ""},
      {std::string(3000, ' ') + R"(<meta charset="koi8-r">)", ""},  // Too far in.
  };
  for (const Case& c : cases) {
    CAPTURE(c.head);
    CHECK(html_declared_charset(c.head) == c.expected);
  }
}

TEST_CASE("charset: an HTML page declaring KOI8-R is read in KOI8-R") {
  const std::string title = "Новые меры правительства";
  const std::string page = R"(<!doctype html><html><head><meta charset="koi8-r"><title>)" +
                           encode(title, "KOI8-R") + "</title></head><body><article><h1>" +
                           encode(title, "KOI8-R") + "</h1><p>" + encode(kRussian, "KOI8-R") +
                           "</p></article></body></html>";
  const Article article = indexer::read_html_article(page);
  CHECK(article.title == title);
  CHECK(article.body.find(kRussian) != std::string::npos);
}
