// Tests for indexer/src/extract.cpp, the extraction toolkit every reader shares: each
// function on ordinary input and on malformed input (empty, invalid UTF-8, unterminated
// markup, huge input, URLs without a host, IPv6 hosts, ports, userinfo).
#include "indexer/src/extract.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gazette::indexer;

TEST_CASE("extract: language_tag normalises declared codes and names to ISO 639-1") {
  struct Case {
    const char* declared;
    const char* expected;
  };
  const Case cases[] = {
      {"en", "en"},
      {"en-US", "en"},
      {"EN_gb", "en"},
      {" fr ", "fr"},
      {"English", "en"},
      {"FRENCH", "fr"},
      {"German", "de"},
      {"Deutsch", "de"},
      {"fre", "fr"},
      {"fra", "fr"},
      {"ger", "de"},
      {"zh-Hant", "zh"},
      {"zh-TW", "zh"},
      {"Chinese", "zh"},
      {"iw", "he"},
      {"pt-BR", "pt"},
      {"haw", "haw"},
      {"und", ""},
      {"x", ""},
      {"", ""},
      {"Klingon", ""},
      {"e1", ""},
      {"en-US-x-private", "en"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.declared));
    CHECK(language_tag(c.declared) == c.expected);
  }
}

TEST_CASE("extract: language_tag on malformed declarations") {
  CHECK(language_tag("EN_us") == "en");
  CHECK(language_tag("english") == "en");
  CHECK(language_tag("  \t\n") == "");
  CHECK(language_tag("-") == "");
  CHECK(language_tag("_US") == "");
  CHECK(language_tag("\xFF\xFE") == "");
  CHECK(language_tag("e\xC3") == "");
  CHECK(language_tag(std::string(100000, 'a')) == "");
  CHECK(language_tag("mul") == "");
}

TEST_CASE("extract: url_host and url_site") {
  struct Case {
    const char* url;
    const char* host;
    const char* site;
  };
  const Case cases[] = {
      {"https://www.BBC.co.uk/news/x", "www.bbc.co.uk", "bbc.co.uk"},
      {"http://user@host.example:8080/?q", "host.example", "host.example"},
      {"http://user:p%40ss@www.host.example/", "www.host.example", "host.example"},
      {"https://example.com:443", "example.com", "example.com"},
      {"https://example.com?q=1", "example.com", "example.com"},
      {"https://example.com#top", "example.com", "example.com"},
      {"http://[2001:db8::1]:8080/a", "[2001:db8::1]", "[2001:db8::1]"},
      {"http://[::1]/", "[::1]", "[::1]"},
      {"http://[::1", "", ""},  // An unclosed IPv6 literal is no host.
      {"//cdn.example/x.js", "cdn.example", "cdn.example"},
      {"  https://padded.example/  ", "padded.example", "padded.example"},
      {"http://", "", ""},
      {"http:///path", "", ""},
      {"http://@/", "", ""},
      {"no scheme", "", ""},
      {"example.com/page", "", ""},
      {"", "", ""},
      {"mailto:jane@example.com", "", ""},
      {"http://www.", "www.", ""},
      {"https://xn--bcher-kva.example/", "xn--bcher-kva.example", "xn--bcher-kva.example"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.url));
    CHECK(url_host(c.url) == c.host);
    CHECK(url_site(c.url) == c.site);
  }
  CHECK(url_host("http://" + std::string(100000, 'a') + ".example/") ==
        std::string(100000, 'a') + ".example");
  CHECK(url_host("http://h\xFF.example/") == "h\xFF.example");  // Bytes kept, not checked.
}

TEST_CASE("extract: one_line and append_paragraph") {
  CHECK(one_line("  Storm\n\thits \xC2\xA0 coast  ") == "Storm hits coast");
  CHECK(one_line("") == "");
  CHECK(one_line("\r\n \t") == "");
  CHECK(one_line("a\x01"
                 "b") == "ab");         // Control characters go.
  CHECK(one_line("&amp;") == "&amp;");  // Entities are the caller's to decode.
  std::string body;
  append_paragraph(body, "  First\nparagraph. ");
  append_paragraph(body, " \n ");
  append_paragraph(body, "Second.");
  CHECK(body == "First paragraph.\n\nSecond.");
  const std::string huge(1 << 20, 'x');
  body.clear();
  append_paragraph(body, huge);
  CHECK(body == huge);
}

TEST_CASE("extract: has_html_markup") {
  CHECK(has_html_markup("<p>One</p>"));
  CHECK(has_html_markup("One<BR/>Two"));
  CHECK(has_html_markup("text <DIV class=x>more"));
  CHECK(has_html_markup("<p class=\"lead\">"));
  CHECK_FALSE(has_html_markup("a < b and c > d"));
  CHECK_FALSE(has_html_markup("<ACME CORP> said on Monday"));  // Reuters' company marks.
  CHECK_FALSE(has_html_markup("<pre"));
  CHECK_FALSE(has_html_markup(""));
  CHECK_FALSE(has_html_markup("<"));
}

TEST_CASE("extract: html_to_text") {
  struct Case {
    std::string html;
    std::string text;
  };
  const std::vector<Case> cases = {
      {"<p>One &amp; two.</p><p>Three <b>bold</b>.</p>", "One & two.\n\nThree bold."},
      {"<div><script>var x = '<p>';</script>Kept.<br>Next<!-- note --></div>", "Kept.\n\nNext"},
      {"Plain text\nwrapped.\n\nSecond &eacute;t\xC3\xA9.",
       "Plain text wrapped.\n\nSecond \xC3\xA9t\xC3\xA9."},
      {"<p>unclosed <b", "unclosed"},
      {"<p>open paragraph", "open paragraph"},
      {"<p>a</p><!-- unterminated comment", "a"},
      {"x < y and <p>z", "x < y and\n\nz"},
      {"", ""},
      {"   \n ", ""},
      {"<p></p><div> </div>", ""},
      {"<style>p{}</style><p>Shown</p>", "Shown"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.html);
    CHECK(html_to_text(c.html) == c.text);
  }
  // Invalid UTF-8 comes out valid (decoded as Windows-1252), never dropped whole.
  const std::string latin = html_to_text("<p>caf\xE9</p>");
  CHECK(latin.starts_with("caf"));
  CHECK(latin.size() > 3);
}

TEST_CASE("extract: html_to_text on huge and deeply nested input") {
  // Nesting never recurses (the walk is iterative); libxml2 stops descending past its depth
  // limit, so a hostile page costs nothing but loses what lies that deep.
  std::string deep = "<p>top</p>";
  for (int i = 0; i < 100000; ++i)
    deep += "<div>";
  deep += "bottom";
  CHECK(html_to_text(deep).starts_with("top"));
  std::string nested;
  for (int i = 0; i < 200; ++i)
    nested += "<div>";
  CHECK(html_to_text(nested + "inside") == "inside");
  std::string many;
  for (int i = 0; i < 20000; ++i)
    many += "<p>paragraph</p>";
  const std::string text = html_to_text(many);
  CHECK(text.starts_with("paragraph\n\nparagraph"));
  CHECK(text.size() == 20000 * std::string("paragraph\n\n").size() - 2);
}

TEST_CASE("extract: title_separator_at") {
  const std::string title = "Storm hits coast | World \xE2\x80\x94 Daily Planet";
  CHECK(title_separator_at(title, 0) == 0);
  CHECK(title_separator_at(title, title.find(" | ")) == 3);
  CHECK(title_separator_at(title, title.find(" \xE2\x80\x94 ")) == 5);
  CHECK(title_separator_at(title, title.size()) == 0);
  CHECK(title_separator_at(title, title.size() + 10) == 0);
  CHECK(title_separator_at("", 0) == 0);
  CHECK(title_separator_at("Analysis: Why", 8) == 0);  // ": " belongs to headlines.
  CHECK(title_separator_at("a \xC2\xB7 b", 1) == 4);
  CHECK(title_separator_at(" \xE2\x80", 0) == 0);  // A cut-off dash is no separator.
}

TEST_CASE("extract: byline_authors") {
  struct Case {
    const char* byline;
    std::vector<std::string> authors;
  };
  const Case cases[] = {
      {"By JOHN SMITH and JANE DOE, Times Staff Writers", {"JOHN SMITH", "JANE DOE"}},
      {"By Jane Doe", {"Jane Doe"}},
      {"by: Jane Doe", {"Jane Doe"}},
      {"BY JANE DOE", {"JANE DOE"}},
      {"Jane Doe & John Roe", {"Jane Doe", "John Roe"}},
      {"Jane Doe; John Roe; jane doe", {"Jane Doe", "John Roe"}},
      {"SARAH JONES AND TOM SMITH", {"SARAH JONES", "TOM SMITH"}},
      {"  By   Jane\n Doe  ", {"Jane Doe"}},
      {"By Staff Writer", {}},
      {"Times Staff Writer", {}},
      {"", {}},
      {"By ", {}},
      {" and ; & ", {}},
      {"By \xFF\xFE", {"\xFF\xFE"}},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.byline));
    CHECK(byline_authors(c.byline) == c.authors);
  }
  CHECK(byline_authors("By " + std::string(100000, 'x')).size() == 1);
}

TEST_CASE("extract: without_by and address_comment") {
  CHECK(without_by("By Jane Doe") == "Jane Doe");
  CHECK(without_by("  by:Jane ") == "Jane");
  CHECK(without_by("Byron Jones") == "Byron Jones");
  CHECK(without_by("") == "");
  CHECK(address_comment("jane@example.com (Jane Doe)") == "Jane Doe");
  CHECK(address_comment("jane@example.com ( Jane\n Doe )") == "Jane Doe");
  CHECK(address_comment("jane@example.com") == "");
  CHECK(address_comment("jane@example.com (unclosed") == "");
  CHECK(address_comment(") backwards (") == "");
  CHECK(address_comment("()") == "");
  CHECK(address_comment("") == "");
}
