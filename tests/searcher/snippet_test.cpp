// Tests for searcher/src/snippet.cpp: marker parsing, HTML and terminal rendering.
#include "searcher/src/snippet.hpp"

#include <doctest/doctest.h>

using gazette::Snippet;
using gazette::TextSpan;
using gazette::searcher::parse_marked_snippet;

TEST_CASE("snippet: marked Xapian output becomes text plus spans") {
  struct Case {
    std::string marked, text;
    std::vector<TextSpan> spans;
  };
  const Case cases[] = {
      {"no match", "no match", {}},
      {"\x01Oil\x02 rose", "Oil rose", {{0, 3}}},
      {"a \x01"
       "b\x02 c \x01"
       "d\x02",
       "a b c d",
       {{2, 3}, {6, 7}}},
      {"AT&amp;T &lt;b&gt; \x01"
       "deal\x02",
       "AT&T <b> deal",
       {{9, 13}}},
      {"\x01\x02 empty", "empty", {}},
      {"end.\n\nNext  \x01"
       "para\x02",
       "end. Next para",
       {{10, 14}}},
      {"unclosed \x01"
       "word",
       "unclosed word",
       {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.marked);
    const Snippet s = parse_marked_snippet(c.marked);
    CHECK(s.text == c.text);
    CHECK(s.highlights == c.spans);
  }
}

TEST_CASE("snippet: HTML escapes text and marks matches; marked() for terminals") {
  Snippet s;
  s.text = "AT&T <said> \"oil\" rose";
  s.highlights = {{13, 16}, {18, 22}};
  CHECK(s.to_html() == "AT&amp;T &lt;said&gt; &quot;<mark>oil</mark>&quot; <mark>rose</mark>");
  CHECK(s.marked("[", "]") == "AT&T <said> \"[oil]\" [rose]");
}
