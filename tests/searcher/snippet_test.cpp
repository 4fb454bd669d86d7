// Tests for searcher/src/snippet.cpp: the best passage as one line with highlights and
// ellipses, HTML and terminal rendering.
#include "searcher/src/snippet.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using gazette::Passage;
using gazette::Snippet;
using gazette::TextSpan;
using gazette::searcher::make_snippet;
using gazette::searcher::QueryWords;
using gazette::searcher::snippet_of_passage;

namespace {

// The words highlighted in `s`, in order.
std::vector<std::string> marked_words(const Snippet& s) {
  std::vector<std::string> out;
  for (const auto& span : s.highlights)
    out.push_back(s.text.substr(span.begin, span.end - span.begin));
  return out;
}

// A passage of `text` covering bytes [begin, end) with highlights at the given body ranges.
Passage passage_of(const std::string& text, std::size_t begin, std::size_t end,
                   const std::vector<TextSpan>& body_spans) {
  Passage p;
  p.begin = begin;
  p.end = end;
  p.snippet.text = text.substr(begin, end - begin);
  for (const auto& span : body_spans)
    p.snippet.highlights.push_back({span.begin - begin, span.end - begin});
  return p;
}

}  // namespace

TEST_CASE("snippet: a passage becomes one line, with ellipses where it cuts a sentence") {
  const std::string text = "First one.\n\nOil  rose\tagain today. Then it fell back";
  // "Oil rose again today." opens and closes a sentence: no ellipsis.
  const std::size_t oil = text.find("Oil");
  const std::size_t end = text.find(" Then");
  Snippet s = snippet_of_passage(text, passage_of(text, oil, end, {{oil, oil + 3}}));
  CHECK(s.text == "Oil rose again today.");
  CHECK(s.highlights == std::vector<TextSpan>{{0, 3}});

  // From "rose" to "Then": cut at both ends; runs of white space become one space.
  const std::size_t rose = text.find("rose");
  const std::size_t then = text.find("Then") + 4;
  s = snippet_of_passage(text, passage_of(text, rose, then, {{rose, rose + 4}}));
  CHECK(s.text == "…rose again today. Then…");
  CHECK(marked_words(s) == std::vector<std::string>{"rose"});

  // To the end of the text: no trailing ellipsis.
  s = snippet_of_passage(text, passage_of(text, then - 4, text.size(), {}));
  CHECK(s.text == "Then it fell back");
  CHECK(s.highlights.empty());
}

TEST_CASE("snippet: adjacent highlights join, others stay apart") {
  const std::string text = "Wales won the Six Nations, and Wales\ncelebrated.";
  const std::size_t six = text.find("Six"), nations = text.find("Nations");
  const std::size_t wales2 = text.rfind("Wales");
  const Snippet s = snippet_of_passage(
      text, passage_of(text, 0, text.size(),
                       {{0, 5}, {six, six + 3}, {nations, nations + 7}, {wales2, wales2 + 5}}));
  CHECK(s.text == "Wales won the Six Nations, and Wales celebrated.");
  CHECK(marked_words(s) == std::vector<std::string>{"Wales", "Six Nations", "Wales"});
}

TEST_CASE("snippet: make_snippet highlights query words and their stemmed forms") {
  const Xapian::Stem stemmer("english");
  QueryWords words;
  words.words = {"opec"};
  words.stems = {"rise"};
  const std::string text =
      "Markets were calm. Prices kept rising after OPEC met, and rises are expected. "
      "Nothing else happened in the markets today.";
  const Snippet s = make_snippet(text, words, stemmer, 80);
  CHECK(marked_words(s) == std::vector<std::string>{"rising", "OPEC", "rises"});
  CHECK(s.text.starts_with("Prices kept"));  // The sentence start, not mid-sentence.
  CHECK(s.text.ends_with("…"));

  // No query word in the text: its opening; no text: no snippet.
  const Snippet opening = make_snippet("Calm day. Nothing moved at all.", words, stemmer, 12);
  CHECK(opening.text == "Calm day.");
  CHECK(opening.highlights.empty());
  CHECK(make_snippet("", words, stemmer, 80).text.empty());
}

TEST_CASE("snippet: HTML escapes text and marks matches, and marked() is for terminals") {
  Snippet s;
  s.text = "AT&T <said> \"oil\" rose";
  s.highlights = {{13, 16}, {18, 22}};
  CHECK(s.to_html() == "AT&amp;T &lt;said&gt; &quot;<mark>oil</mark>&quot; <mark>rose</mark>");
  CHECK(s.marked("[", "]") == "AT&T <said> \"[oil]\" [rose]");
}
