// Tests for indexer/src/text_reader.cpp: titles, header blocks, front matter, bylines,
// boilerplate removal on scraped pages, encodings and rejected inputs.
#include "indexer/src/text_reader.hpp"

#include "tests/support/collecting_sink.hpp"
#include "tests/support/test_support.hpp"

#include <gazette/date.hpp>
#include <gazette/error.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using gazette::Article;
using gazette::indexer::read_text_article;

std::string published_day(const Article& article) {
  return article.published ? gazette::format_date(*article.published) : "";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The reason a gazette::Error(invalid_input) gives, or "" when reading succeeds.
std::string rejection(const std::string& bytes) {
  try {
    read_text_article(bytes);
  } catch (const gazette::Error& e) {
    CHECK(e.code() == gazette::ErrorCode::invalid_input);
    return e.what();
  }
  return "";
}

// The paragraphs of a corpus-style file: every non-blank line after the first.
std::vector<std::string> paragraphs_after_title(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r'))
      line.pop_back();
    if (!line.empty()) {
      if (!first) out.push_back(line);
      first = false;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("text reader: title rules") {
  struct Case {
    std::string name;
    std::string input;
    std::string title;
    std::string body;
  };
  const std::vector<Case> cases = {
      {"first line", "Headline here\n\nFirst paragraph.\n\nSecond paragraph.\n", "Headline here",
       "First paragraph.\n\nSecond paragraph."},
      {"leading blank lines", "\n\n  \nHeadline here\n\nBody text.\n", "Headline here",
       "Body text."},
      {"only a title", "Fire downtown\n", "Fire downtown", ""},
      {"junk then repeated headline",
       "logo\nSkip to content\nMenu\nNews\nSport\nWeather\nSearch\n\nWang joins Meta lab\n\n"
       "Wang joins Meta lab\n\nBody text.\n",
       "Wang joins Meta lab", "Body text."},
      {"near-identical repeat", "Wang joins Meta lab\n\nwang  joins META lab.\n\nBody text.\n",
       "Wang joins Meta lab", "Body text."},
      {"site-suffixed repeat",
       "Wang joins Meta lab - The Daily\nMenu\nWang joins Meta lab\n\nBody.\n",
       "Wang joins Meta lab", "Body."},
      {"page title with sections",
       "BBC - Future - Tech - Connected cars open up\nSkip to content\nNews\nSport\nWeather\n"
       "Connected cars open up\n\nBody.\n",
       "Connected cars open up", "Body."},
      {"colon in the headline", "Breaking: fire downtown\n\nCrews are at the scene.\n",
       "Breaking: fire downtown", "Crews are at the scene."},
      {"wrapped paragraph lines are joined",
       "Headline\n\nA paragraph wrapped\nover two lines.\n\nNext one.\n", "Headline",
       "A paragraph wrapped over two lines.\n\nNext one."},
      {"markdown heading", "# Wang joins Meta\n\nBody.\n", "Wang joins Meta", "Body."},
      {"site name and tagline above the headline that the byline follows",
       "KalingaTimes.com\nLinking Orissa to the World\n\nHome | Politics | Sports\n\n"
       "Move over Orkut, here comes BigAdda\n\nBy Azera Rahman\nNew Delhi, January 13, 2008\n\n"
       "Body.\n",
       "Move over Orkut, here comes BigAdda", "Body."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const Article article = read_text_article(c.input);
    CHECK(article.title == c.title);
    CHECK(article.body == c.body);
  }
}

TEST_CASE("text reader: over-long first line becomes a shortened title and stays in the body") {
  std::string line;
  for (int i = 0; i < 200; ++i)
    line += "word" + std::to_string(i) + " ";
  const Article article = read_text_article(line);
  CHECK(article.title.size() < 320);
  CHECK(article.title.starts_with("word0 word1"));
  CHECK(article.body.starts_with("word0 word1"));
  CHECK(contains(article.body, "word199"));
}

TEST_CASE("text reader: header block keys") {
  struct Case {
    std::string header;
    std::string Article::*field;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"Title: Fire downtown", &Article::title, "Fire downtown"},
      {"title: Fire downtown", &Article::title, "Fire downtown"},
      {"Source: City Courier", &Article::source, "City Courier"},
      {"Publication: City Courier", &Article::source, "City Courier"},
      {"URL: https://courier.example/fire", &Article::url, "https://courier.example/fire"},
      {"Language: en", &Article::lang, "en"},
      {"Lang: fr-FR", &Article::lang, "fr"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.header);
    const Article article = read_text_article(c.header + "\n\nHeadline\n\nBody text.\n");
    CHECK(article.*c.field == c.expected);
  }

  const Article dated = read_text_article("Date: June 12, 2025\n\nHeadline\n\nBody.\n");
  CHECK(published_day(dated) == "2025-06-12");
  CHECK(dated.title == "Headline");
  const Article published = read_text_article("PUBLISHED: 2025-06-12\n\nHeadline\n\nBody.\n");
  CHECK(published_day(published) == "2025-06-12");
  const Article unparseable = read_text_article("Date: sometime last spring\n\nHeadline\n");
  CHECK_FALSE(unparseable.published.has_value());
}

TEST_CASE("text reader: header block authors, tags and unknown keys (fixture)") {
  const Article article =
      read_text_article(gazette::test::read_file(gazette::test::fixture("text/header_block.txt")));
  CHECK(article.title == "Fire destroys downtown warehouse");
  CHECK(gazette::format_iso8601(article.published.value()) == "2025-06-12T14:03:00Z");
  CHECK(article.source == "City Courier");
  CHECK(article.authors == std::vector<std::string>{"Jane Doe", "John Roe", "Ann Lee"});
  CHECK(article.url == "https://courier.example/fire");
  CHECK(article.tags == std::vector<std::string>{"fire", "downtown", "Local"});
  CHECK(article.lang == "en");
  // The repeated headline under the block and the unknown key are not body text.
  CHECK(article.body.starts_with("A fire destroyed a warehouse"));
  CHECK_FALSE(contains(article.body, "ignore me"));
  CHECK_FALSE(contains(article.body, "Fire destroys"));
}

TEST_CASE("text reader: byline keys split multiple authors") {
  const std::vector<std::string> headers = {"Author: Jane Doe and John Roe",
                                            "Authors: Jane Doe; John Roe", "By: Jane Doe, John Roe",
                                            "Byline: Jane Doe & John Roe"};
  for (const std::string& header : headers) {
    CAPTURE(header);
    const Article article = read_text_article(header + "\n\nHeadline\n\nBody.\n");
    CHECK(article.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
  }
}

TEST_CASE("text reader: a first line with a colon is a header only for known keys") {
  const Article breaking = read_text_article("Breaking: fire downtown\nCrews are there.\n");
  CHECK(breaking.title == "Breaking: fire downtown");
  CHECK(breaking.body == "Crews are there.");
  const Article quote = read_text_article("Wang: AI needs data\n\nTitle: not a header\n");
  CHECK(quote.title == "Wang: AI needs data");
  CHECK(quote.body == "Title: not a header");
}

TEST_CASE("text reader: YAML front matter") {
  const Article article =
      read_text_article(gazette::test::read_file(gazette::test::fixture("text/front_matter.md")));
  CHECK(article.title == "Scale AI founder: the interview");
  CHECK(published_day(article) == "2025-06-12");
  CHECK(article.authors == std::vector<std::string>{"Jane Doe"});
  CHECK(article.source == "Tech Tribune");
  CHECK(article.tags ==
        std::vector<std::string>{"ai", "start-ups", "data", "Business", "Technology"});
  CHECK(article.lang == "en");
  CHECK(article.url == "https://tribune.example/wang");
  CHECK(article.body.starts_with("Alexandr Wang started Scale AI"));
  CHECK_FALSE(contains(article.body, "---"));
}

TEST_CASE("text reader: YAML scalars and quotes") {
  const Article article = read_text_article(
      "---\ntitle: 'Wang: \"the interview\"'\nauthors: [\"Jane Doe\", John Roe]\nsource: \"A: "
      "B\"\n---\n"
      "Body.\n");
  CHECK(article.title == "Wang: \"the interview\"");
  CHECK(article.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
  CHECK(article.source == "A: B");
  CHECK(article.body == "Body.");
}

TEST_CASE("text reader: unterminated front matter is read as text") {
  const Article article = read_text_article("---\ntitle: Draft\n\nSome body text.\n");
  CHECK(article.title == "title: Draft");
  CHECK(article.body == "Some body text.");
  // A Markdown rule opening a file is no front matter either.
  const Article rule = read_text_article("---\nHeadline\n---\nBody.\n");
  CHECK(rule.title == "Headline");
  CHECK(rule.body == "Body.");
}

TEST_CASE("text reader: bylines and dates near the top") {
  struct Case {
    std::string byline;
    std::vector<std::string> authors;
    std::string source;
    std::string day;
  };
  const std::vector<Case> cases = {
      {"By Jane Doe", {"Jane Doe"}, "", ""},
      {"By Jane Doe and John Roe, Reuters", {"Jane Doe", "John Roe"}, "Reuters", ""},
      {"Jane Doe | June 12, 2025", {"Jane Doe"}, "", "2025-06-12"},
      {"Published June 12, 2025 10:03 AM EDT", {}, "", "2025-06-12"},
      {"Updated June 13, 2025", {}, "", "2025-06-13"},
      {"By Jane Doe, Senior Technology Reporter", {"Jane Doe"}, "", ""},
      {"June 12, 2025", {}, "", "2025-06-12"},
      {"By Jane Doe \u2022 5 min read", {"Jane Doe"}, "", ""},
  };
  const std::string paragraph =
      "Alexandr Wang, who founded Scale AI at nineteen, will lead the new laboratory, the "
      "company said on Thursday in a statement to staff.";
  for (const Case& c : cases) {
    CAPTURE(c.byline);
    const Article article =
        read_text_article("Wang joins Meta\n\n" + c.byline + "\n\n" + paragraph);
    CHECK(article.title == "Wang joins Meta");
    CHECK(article.authors == c.authors);
    CHECK(article.source == c.source);
    CHECK(published_day(article) == c.day);
    CHECK(article.body == paragraph);
  }
}

TEST_CASE("text reader: sentences starting like a byline stay in the body") {
  const std::string text =
      "Headline\n\nBy the time he was 19, Wang had left MIT.\n\nOn June 12, 2025 the firm "
      "announced the deal.\n";
  const Article article = read_text_article(text);
  CHECK(article.authors.empty());
  CHECK(contains(article.body, "By the time he was 19"));
  CHECK(contains(article.body, "On June 12, 2025 the firm announced the deal."));
}

TEST_CASE("text reader: scraped page keeps the article and drops the rest (fixture)") {
  const std::string bytes =
      gazette::test::read_file(gazette::test::fixture("text/scraped_page.txt"));
  const Article article = read_text_article(bytes);
  CHECK(article.title == "China net cafe culture crackdown");
  CHECK(article.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
  CHECK(article.source == "Reuters");
  CHECK(published_day(article) == "2005-01-05");

  const std::vector<std::string> kept = {
      "Chinese authorities closed 12,575 net cafes in the closing months of 2004",
      "According to the official news agency", "The official Xinhua News Agency said the crackdown",
      "Net cafes are hugely popular in China", "among the most highly developed in the world."};
  for (const std::string& text : kept) {
    CAPTURE(text);
    CHECK(contains(article.body, text));
  }
  const std::vector<std::string> dropped = {"logo",
                                            "Skip to content",
                                            "Menu",
                                            "Sign in",
                                            "Home > Tech",
                                            "CHINA NET CAFE",
                                            "By Jane",
                                            "Published",
                                            "min read",
                                            "Image source",
                                            "Video Player",
                                            "Play",
                                            "Mute",
                                            "Current Time",
                                            "Duration",
                                            "Loaded",
                                            "Stream Type",
                                            "Seek to live",
                                            "LIVE",
                                            "Remaining Time",
                                            "1x",
                                            "Playback Rate",
                                            "Chapters",
                                            "captions",
                                            "Captions",
                                            "Audio Track",
                                            "Fullscreen",
                                            "modal window",
                                            "dialog window",
                                            "Text Color",
                                            "Font Size",
                                            "Reset restore",
                                            "Now Playing",
                                            "Watch:",
                                            "02:31",
                                            "Up Next",
                                            "Advertisement",
                                            "Share",
                                            "Related",
                                            "Microsoft seeking spyware trojan",
                                            "Gallery unveils interactive tree",
                                            "Dollar gains on Greenspan speech",
                                            "Comments",
                                            "comment",
                                            "app",
                                            "App Store",
                                            "newsletter",
                                            "\u00A9",
                                            "All rights reserved"};
  for (const std::string& text : dropped) {
    CAPTURE(text);
    CHECK_FALSE(contains(article.body, text));
  }
  // Every article paragraph is there, whole, in order.
  const std::string bbc =
      "Chinese authorities closed 12,575 net cafes in the closing months of 2004, the country's "
      "government said.";
  CHECK(article.body.starts_with(bbc));
  CHECK(
      article.body.ends_with("block overseas sex sites. The Reporters Without Borders group "
                             "said in a report that Chinese government technologies for e-mail "
                             "interception and net censorship are among the most highly "
                             "developed in the world."));
}

TEST_CASE("text reader: scraped page with site-suffixed title and legit mentions (fixture)") {
  const Article article = read_text_article(
      gazette::test::read_file(gazette::test::fixture("text/scraped_title_suffix.txt")));
  CHECK(article.title == "Microsoft seeking spyware trojan");
  CHECK(article.source == "Tech Tribune");
  CHECK(article.authors == std::vector<std::string>{"Mary Smith"});
  CHECK(published_day(article) == "2005-02-03");
  CHECK(article.body.starts_with("Microsoft is investigating a trojan program"));
  // A real paragraph that mentions comments and related reports stays.
  CHECK(contains(article.body,
                 "Readers' comments on the earlier version of this story, and "
                 "related reports from security firms"));
  CHECK(contains(article.body, "slow a PC's performance."));
  for (const std::string text :
       {"Tech Tribune", "Gadgets", "Mary Smith", "Sign up", "Tags", "Spyware,", "More from",
        "Yukos", "maternity", "Join the conversation", "Copyright"}) {
    CAPTURE(text);
    CHECK_FALSE(contains(article.body, text));
  }
}

TEST_CASE("text reader: trailing-section headings cut only after a real paragraph") {
  const std::string paragraph =
      "The council approved the budget on Tuesday after a long debate about road repairs, "
      "school meals and the cost of running the city's libraries next year.";
  for (const std::string heading :
       {"Related Articles", "Related Stories", "Related", "More from Reuters", "Read more",
        "Recommended", "You may also like", "Most read", "Trending", "More stories", "Comments",
        "12 Comments", "Leave a comment", "Join the conversation", "Download the Courier app",
        "Get the app", "\u00A9 2025 City Courier"}) {
    CAPTURE(heading);
    const Article article = read_text_article("Budget passed\n\n" + paragraph + "\n\n" + heading +
                                              "\n\nOther story headline\nOther teaser.\n");
    CHECK(article.body == paragraph);
  }
  // Before any real paragraph the heading is dropped, not a cut: a short page survives.
  const Article short_page =
      read_text_article("Budget passed\n\nRelated\n\nThe council approved it.\n");
  CHECK(short_page.body == "The council approved it.");
}

TEST_CASE("text reader: video player lines are dropped without cutting the article") {
  const Article article = read_text_article(
      "Headline\n\nFirst paragraph.\nPlay Video\nCurrent Time 0:00\n/\nDuration 2:31\n"
      "captions off, selected\nWatch: A clip\n02:31\n\nSecond paragraph.\n");
  CHECK(article.body == "First paragraph.\n\nSecond paragraph.");
}

TEST_CASE("text reader: paragraphs that merely mention boilerplate words stay") {
  const std::vector<std::string> paragraphs = {
      "The comments section was closed after the minister's remarks.",
      "Related reports suggest the deal was agreed in May.",
      "Trending topics on social media included the election.",
      "Comments",  // Not after a real paragraph: dropped, yet the others stay.
  };
  std::string text = "Headline\n\n";
  for (const std::string& p : paragraphs)
    text += p + "\n\n";
  const Article article = read_text_article(text);
  CHECK(article.body == paragraphs[0] + "\n\n" + paragraphs[1] + "\n\n" + paragraphs[2]);
}

TEST_CASE("text reader: encodings, entities and control characters") {
  struct Case {
    std::string name;
    std::string input;
    std::string body;
  };
  const std::vector<Case> cases = {
      {"windows-1252",
       "T\n\n\x93Quoted\x94 costs \xA3"
       "5.\n",
       "\u201CQuoted\u201D costs \u00A35."},
      {"utf-8 kept", "T\n\n\u201CQuoted\u201D costs \u00A35.\n",
       "\u201CQuoted\u201D costs \u00A35."},
      {"entities", "T\n\nAT&amp;T&#8217;s deal &lt;now&gt; &eacute;t&eacute;\n",
       "AT&T\u2019s deal <now> \u00E9t\u00E9"},
      {"control characters", "T\n\nBell\x07 and\x1B escape\x01.\n", "Bell and escape."},
      {"CRLF", "T\r\n\r\nOne.\r\n\r\nTwo.\r\n", "One.\n\nTwo."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const Article article = read_text_article(c.input);
    CHECK(article.title == "T");
    CHECK(article.body == c.body);
  }
}

TEST_CASE("text reader: rejected inputs throw invalid_input") {
  struct Case {
    std::string name;
    std::string input;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"empty", "", "empty file"},
      {"whitespace only", " \n\t\r\n  \n", "empty file"},
      {"binary", std::string("GIF89a\0\0\x01\x02", 10), "binary file (NUL bytes), not text"},
      {"only junk", "Menu\nSearch\nSign in\n02:31\n/\n", "no text"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(rejection(c.input) == c.reason);
  }
}

TEST_CASE("text reader: odd inputs never crash or hang") {
  const std::string no_newlines(1 << 20, 'a');
  const Article huge = read_text_article(no_newlines);
  CHECK_FALSE(huge.title.empty());
  CHECK(huge.body.size() == no_newlines.size());

  std::string many_lines;
  for (int i = 0; i < 20000; ++i)
    many_lines += "Play\nline " + std::to_string(i) + " of text\n\n";
  const Article long_file = read_text_article(many_lines);
  CHECK(long_file.title == "line 0 of text");
  CHECK(contains(long_file.body, "line 19999 of text"));

  for (const std::string odd : {"\n\n\n:", "Title:", "---", "---\n---\n", "By", "|||", "a"}) {
    CAPTURE(odd);
    try {
      read_text_article(odd);
    } catch (const gazette::Error& e) {
      CHECK(e.code() == gazette::ErrorCode::invalid_input);
    }
  }
}

TEST_CASE("text reader: BBC corpus sample") {
  const auto path = gazette::test::corpus_or_skip("bbc/business/001.txt");
  if (path.empty()) return;
  const std::string bytes = gazette::test::read_file(path);
  const Article article = read_text_article(bytes);
  CHECK(article.title == "Ad sales boost Time Warner profit");
  const auto paragraphs = paragraphs_after_title(bytes);
  REQUIRE(paragraphs.size() == 5);
  std::string expected;
  for (const std::string& p : paragraphs)
    expected += (expected.empty() ? "" : "\n\n") + p;
  CHECK(article.body == expected);
  CHECK(contains(article.body, "$1.13bn (\u00A3600m)"));
}

TEST_CASE("text reader: BBC Latin-1 pound sign") {
  const auto path = gazette::test::corpus_or_skip("bbc/sport/199.txt");
  if (path.empty()) return;
  const Article article = read_text_article(gazette::test::read_file(path));
  CHECK(article.title == "Chelsea sack Mutu");
  CHECK(contains(article.body, "a \u00A315.8m signing from Parma"));
}

TEST_CASE("text reader: an unreadable declared date is left empty and reported") {
  gazette::test::CollectingSink notes;
  const Article article =
      read_text_article("Title: Grain report\nDate: sometime in March\n\nWheat rose.\n", &notes);
  CHECK_FALSE(article.published.has_value());
  REQUIRE(notes.unreadable_dates.size() == 1);
  CHECK(notes.unreadable_dates[0] == "sometime in March");
  gazette::test::CollectingSink quiet;
  read_text_article("Title: Grain report\nDate: 1987-03-09\n\nWheat rose.\n", &quiet);
  CHECK(quiet.unreadable_dates.empty());
}
