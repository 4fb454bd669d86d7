// Tests for indexer/src/html_reader.cpp: metadata sources, boilerplate removal, main-content
// selection, paragraphs, encodings, and robustness against malformed pages.
#include "indexer/src/html_reader.hpp"

#include "indexer/src/byline.hpp"

#include "tests/support/test_support.hpp"

#include <gazette/date.hpp>
#include <gazette/error.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using gazette::indexer::read_html_article;

const std::string kParagraph =
    "<p>Officials confirmed on Monday that the bridge will reopen next week, after repairs "
    "that took longer than expected, and traffic is expected to return to normal.</p>";

// A page with `head` inside <head> and `body_extra` before one real paragraph.
std::string page(const std::string& head, const std::string& body_extra = "") {
  return "<html><head>" + head + "</head><body>" + body_extra + "<article>" + kParagraph +
         kParagraph + "</article></body></html>";
}

std::string json_ld(const std::string& json) {
  return "<script type=\"application/ld+json\">" + json + "</script>";
}

std::string published_iso(const gazette::Article& article) {
  return article.published ? gazette::format_iso8601(*article.published) : "none";
}

void check_throws_invalid_input(const std::string& bytes, const std::string& message) {
  try {
    read_html_article(bytes);
    FAIL("expected gazette::Error for: " << message);
  } catch (const gazette::Error& error) {
    CHECK(error.code() == gazette::ErrorCode::invalid_input);
    CHECK(std::string(error.what()) == message);
  }
}

}  // namespace

TEST_CASE("html reader: title sources in order og:title, <title>, first <h1>") {
  struct Case {
    std::string name;
    std::string html;
    std::string title;
  };
  const std::vector<Case> cases = {
      {"og:title wins",
       page("<meta property='og:title' content='OG  headline'><title>T</title>", "<h1>H</h1>"),
       "OG headline"},
      {"<title> next", page("<title>\n  Title   element </title>", "<h1>H</h1>"), "Title element"},
      {"<h1> last", page("", "<h1>First <em>heading</em></h1><h1>Second</h1>"), "First heading"},
      {"site suffix stripped when it is og:site_name",
       page("<title>Storm hits coast | Daily Planet</title>"
            "<meta property='og:site_name' content='Daily Planet'>"),
       "Storm hits coast"},
      {"dash kept when not the site name",
       page("<title>Storm - the aftermath</title><meta property='og:site_name' content='X'>"),
       "Storm - the aftermath"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(read_html_article(c.html).title == c.title);
  }
}

// A page whose <title> is `title`, with `head` and `heading` (markup before the article).
std::string titled(const std::string& title, const std::string& heading = "",
                   const std::string& head = "") {
  return page("<title>" + title + "</title>" + head, heading);
}

TEST_CASE("html reader: a heading that is the title or a segment of it is the title") {
  struct Case {
    std::string name;
    std::string html;
    std::string title;
  };
  const std::vector<Case> cases = {
      {"site name before a colon",
       titled("The Associated Press: Rice Lauds Iraqi Reconciliation Efforts",
              "<h1>Rice Lauds Iraqi Reconciliation Efforts</h1>"),
       "Rice Lauds Iraqi Reconciliation Efforts"},
      {"colon inside the headline kept",
       titled("Analysis: Why Romney lost - CNN.com", "<h1>Analysis: Why Romney lost</h1>"),
       "Analysis: Why Romney lost"},
      {"several trailing segments",
       titled("Georgian opposition threatens mass demo over disputed vote | Latest News | News | "
              "Hemscott",
              "<h2>Georgian opposition threatens mass demo over disputed vote</h2>"),
       "Georgian opposition threatens mass demo over disputed vote"},
      {"class=headline, leading segments",
       titled("Manchester.com - News - Robinson and Ashton honoured",
              "<h2>Rugby Union</h2><div class='headlinenews'>Robinson and Ashton "
              "honoured</div>"),
       "Robinson and Ashton honoured"},
      {"no-break space and case differences",
       titled("Global speeds creep up | The Verge", "<h1>Global speeds creep&nbsp;UP</h1>"),
       "Global speeds creep up"},
      {"og:title with <meta itemprop=headline>",
       page("<meta property='og:title' content='Five things we learned - CNN.com'>"
            "<meta itemprop='headline' content='Five things we learned'>"),
       "Five things we learned"},
      {"the longest matching heading wins",
       titled("Storm hits coast | Weather | Daily Planet",
              "<h2>Weather</h2><h2>Daily Planet</h2><h1>Storm hits coast</h1>"),
       "Storm hits coast"},
      {"a section heading alone is not the title",
       titled("Storm hits the coast again | News", "<h2>News</h2>"), "Storm hits the coast again"},
      {"a heading inside a word is no segment",
       titled("Storm hits coast - and town", "<h1>coast - and</h1>"),
       "Storm hits coast - and town"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(read_html_article(c.html).title == c.title);
  }
}

TEST_CASE("html reader: site and section names are cut from a title without a heading") {
  struct Case {
    std::string title;
    std::string head;  // extra <head> markup
    std::string expected;
  };
  const std::vector<Case> cases = {
      // Decoration is cut.
      {"Scotland Yard strengthens Bhutto team | The Daily Telegraph", "",
       "Scotland Yard strengthens Bhutto team"},
      {"Georgian opposition threatens mass demo | Latest News | News | Hemscott", "",
       "Georgian opposition threatens mass demo"},
      {"Shaun Edwards on board with Wales - icWales", "", "Shaun Edwards on board with Wales"},
      {"Manchester.com - News - Robinson and Ashton honoured", "", "Robinson and Ashton honoured"},
      {"Bush trip gave urge to tweak tail of a superpower - Times Online", "",
       "Bush trip gave urge to tweak tail of a superpower"},
      {"`Atonement' Up for British Film Awards - washingtonpost.com", "",
       "`Atonement' Up for British Film Awards"},
      {"Searchers find no sign of plane - Technology &amp; science - Science - NBCNews.com", "",
       "Searchers find no sign of plane"},
      {"The Associated Press: Rice Lauds Iraqi Reconciliation Efforts", "",
       "Rice Lauds Iraqi Reconciliation Efforts"},
      {"Planet: Storm hits the coast", "<meta property='og:site_name' content='Planet'>",
       "Storm hits the coast"},
      {"Storm hits coast | Daily Planet", "<meta property='og:site_name' content='Daily Planet'>",
       "Storm hits coast"},
      {"Storm hits coast :: dailyplanet",
       "<link rel='canonical' href='https://www.dailyplanet.com/a'>", "Storm hits coast"},
      {"Working class voters: why the poor vote Republican | World news | guardian.co.uk", "",
       "Working class voters: why the poor vote Republican"},
      // Separators that belong to the headline stay.
      {"Analysis: Why Romney lost - CNN.com", "", "Analysis: Why Romney lost"},
      {"Analysis: Why Romney lost", "", "Analysis: Why Romney lost"},
      {"Obama: Yes we can win this", "", "Obama: Yes we can win this"},
      {"Storm - the aftermath", "<meta property='og:site_name' content='X'>",
       "Storm - the aftermath"},
      {"Obama - the early years", "", "Obama - the early years"},
      {"Iraq / Syria border reopens", "", "Iraq / Syria border reopens"},
      {"Obama in Berlin - a crowd of thousands cheers", "",
       "Obama in Berlin - a crowd of thousands cheers"},
      {"Obama wins - report", "", "Obama wins - report"},
      {"Anti-war march fills city-centre streets", "", "Anti-war march fills city-centre streets"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.title);
    CHECK(read_html_article(titled(c.title, "", c.head)).title == c.expected);
  }
}

TEST_CASE("html reader: published date from meta, JSON-LD and <time>") {
  struct Case {
    std::string name;
    std::string html;
    std::string published;
  };
  const std::vector<Case> cases = {
      {"article:published_time",
       page("<meta property='article:published_time' content='2024-03-05T10:20:30Z'>" +
            json_ld(R"({"datePublished": "2001-01-01"})")),
       "2024-03-05T10:20:30Z"},
      {"JSON-LD object",
       page(json_ld(R"({"@type": "NewsArticle", "datePublished": "2023-07-01T08:00:00+02:00"})")),
       "2023-07-01T06:00:00Z"},
      {"JSON-LD array", page(json_ld(R"([{"@type": "WebPage"}, {"datePublished": "2022-02-02"}])")),
       "2022-02-02T00:00:00Z"},
      {"JSON-LD @graph",
       page(json_ld(R"({"@context": "https://schema.org", "@graph": [{"@type": "Organization"},
            {"@type": "NewsArticle", "datePublished": "2021-12-31T23:59:00Z"}]})")),
       "2021-12-31T23:59:00Z"},
      {"broken JSON-LD ignored, <time> used",
       page(json_ld("{not json"), "<time datetime='2020-05-06T07:08:09Z'>6 May</time>"),
       "2020-05-06T07:08:09Z"},
      {"parsely-pub-date", page("<meta name='parsely-pub-date' content='2019-04-01T12:00:00Z'>"),
       "2019-04-01T12:00:00Z"},
      {"no date", page(""), "none"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(published_iso(read_html_article(c.html)) == c.published);
  }
}

TEST_CASE("html reader: author and source from meta and JSON-LD") {
  struct Case {
    std::string name;
    std::string html;
    std::vector<std::string> authors;
    std::string source;
  };
  const std::vector<Case> cases = {
      {"meta",
       page("<meta name='author' content='Jane Roe'><meta property='og:site_name' "
            "content='Planet'>"),
       {"Jane Roe"},
       "Planet"},
      {"article:author URL ignored",
       page("<meta property='article:author' content='https://facebook.com/x'>"
            "<meta name='application-name' content='App News'>"),
       {},
       "App News"},
      {"JSON-LD object author and publisher",
       page(json_ld(R"({"author": {"@type": "Person", "name": "Ann Lee"},
                        "publisher": {"@type": "Organization", "name": "The Wire"}})")),
       {"Ann Lee"},
       "The Wire"},
      {"JSON-LD array of authors",
       page(
           json_ld(R"({"@graph": [{"author": [{"name": "A One"}, "B Two", {"name": "A One"}]}]})")),
       {"A One", "B Two"},
       ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto article = read_html_article(c.html);
    CHECK(article.authors == c.authors);
    CHECK(article.source == c.source);
  }
}

TEST_CASE("html reader: url, lang and tags") {
  const auto article = read_html_article(
      "<html lang='EN-us'><head><link rel='canonical' href='https://ex.com/a'>"
      "<meta property='og:url' content='https://ex.com/og'>"
      "<meta property='article:section' content='World'>"
      "<meta property='article:tag' content='Ports'>"
      "<meta name='keywords' content=' ports, strikes ,world,, unions'></head><body>" +
      kParagraph + "</body></html>");
  CHECK(article.url == "https://ex.com/a");
  CHECK(article.lang == "en");
  CHECK(article.tags == std::vector<std::string>{"World", "Ports", "strikes", "unions"});
  CHECK(read_html_article(page("<meta property='og:url' content='https://ex.com/og'>")).url ==
        "https://ex.com/og");
}

TEST_CASE("html reader: boilerplate is removed and the article paragraphs kept") {
  const auto article =
      read_html_article(gazette::test::read_file(gazette::test::fixture("html/boilerplate.html")));
  CHECK(article.title == "Dock workers strike over pay");
  CHECK(article.source == "The Harbour Gazette");
  CHECK(article.lang == "en");
  CHECK(article.body ==
        "Dock workers in the northern harbour walked out on Monday, demanding a pay rise that "
        "keeps pace with inflation.\n\n"
        "The union said the strike would last until the port authority returned to the table, "
        "and that members had voted overwhelmingly for action.\n\n"
        "Port officials said talks would resume on Thursday.");
  for (const char* junk :
       {"TRACKING", "STYLE-TEXT", "NAV-WORLD", "MENU-ITEM", "BREADCRUMB", "SHARE", "PLAYER",
        "HIDDEN", "DISPLAY-NONE", "APP-DOWNLOAD", "NEWSLETTER", "RELATED", "COMMENT", "FOOTER"}) {
    CAPTURE(junk);
    CHECK(article.body.find(junk) == std::string::npos);
  }
}

TEST_CASE("html reader: main content is found without <article> or <main>") {
  const auto article = read_html_article(
      gazette::test::read_file(gazette::test::fixture("html/no_article_element.html")));
  CHECK(article.body.starts_with("The city council voted seven to two"));
  CHECK(article.body.ends_with("lost twelve officers in three years."));
  CHECK(article.body.find("Weather") == std::string::npos);
  CHECK(article.body.find("LINK-LIST") == std::string::npos);
  CHECK(article.body.find("Council approves new library") == std::string::npos);  // headline
}

// Distinct article paragraphs, each with commas and a full stop, for scoring tests.
std::string story_paragraphs() {
  std::string out;
  for (const char* subject : {"The mayor", "The council", "The union", "The governor"})
    out += std::string("<p>") + subject +
           " said on Monday, after a long meeting, that the harbour bridge would reopen next "
           "week, once repairs that took longer than expected were finished.</p>";
  return out;
}

TEST_CASE("html reader: a class name alone does not make a short block the article") {
  struct Case {
    std::string name;
    std::string boilerplate;
  };
  const std::vector<Case> cases = {
      {"one-line cell named as text",
       "<table><tr><td class='StandardTextSmall'>Copyright 2008, Example Digital, all rights "
       "reserved.</td></tr></table>"},
      {"content and boilerplate words cancel out",
       "<dl class='text-ad-bot'><dd>Win a holiday, a car, or a boat: tell us why you love "
       "summer, cricket, and beer. Click here.</dd><dd>Get the best package free, for a month, "
       "with free installation, in metro areas. Click here.</dd></dl>"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto article = read_html_article("<html><body>" + c.boilerplate + "<div>" +
                                           story_paragraphs() + "</div></body></html>");
    CHECK(article.body.starts_with("The mayor said on Monday"));
    CHECK(article.body.find("Click here") == std::string::npos);
    CHECK(article.body.find("Copyright") == std::string::npos);
  }
}

TEST_CASE("html reader: the article is found in damaged markup") {
  SUBCASE("a broken <html> tag that libxml2 closes at once") {
    const auto article = read_html_article(
        "<!DOCTYPE html><html xmogo.jpg\" alt=\"x\" /></a></td><td><table><tr><td>" +
        story_paragraphs() + "</td></tr></table></td></html>");
    CHECK(article.body.starts_with("The mayor said on Monday"));
  }
  SUBCASE("an unknown tag in <head> that keeps the page out of <body>") {
    const auto article =
        read_html_article("<html><head><title>Bridge to reopen</title><mbox><table><tr><td>" +
                          story_paragraphs() + "</td></tr></table></head></html>");
    CHECK(article.title == "Bridge to reopen");
    CHECK(article.body.starts_with("The mayor said on Monday"));
    CHECK(article.body.find("Bridge to reopen") == std::string::npos);
  }
}

TEST_CASE("html reader: a parent scoring higher than the top block is taken instead") {
  // A quoted press release inside the post outscores each of the post's own blocks; the box
  // around it scores less, the post around both more.
  const auto article = read_html_article(
      "<html><body><div class='post-body'><div><p>Our reporter writes: the company, "
      "founded in Sweden, announced a new synthesizer today, and it sounds great.</p>"
      "<p>It ships in December, at a price, the company says, of about a thousand "
      "euros.</p></div><div class='quote-box'><div class='pr-text'>" +
      story_paragraphs() + "</div></div></div></body></html>");
  CHECK(article.body.starts_with("Our reporter writes"));
  CHECK(article.body.find("The governor said") != std::string::npos);
}

TEST_CASE("html reader: reader comments after a comment heading are cut") {
  const std::string comments =
      "<br><b>Stephen B</b><br>The government should stop spending my money on this, and "
      "cut the fat instead.<br><b>Lina</b><br>I could not agree more with that, frankly, "
      "and so would my neighbours.";
  SUBCASE("loose comments after the heading, in the article's block") {
    const auto article = read_html_article("<html><body><div>" + story_paragraphs() +
                                           "<hr><b>Comments are now closed for this story</b>" +
                                           comments + "</div></body></html>");
    CHECK(article.body.ends_with("repairs that took longer than expected were finished."));
    CHECK(article.body.find("Lina") == std::string::npos);
    CHECK(article.body.find("Comments are now closed") == std::string::npos);
  }
  SUBCASE("a heading in a box inside the article removes only the box") {
    const auto article = read_html_article(
        "<html><body><div>" + story_paragraphs() +
        "<div><h3>Have your say</h3><p>Finally some common sense.</p><p>Sal, NYC</p></div>" +
        story_paragraphs() + "</div></body></html>");
    CHECK(article.body.find("Sal, NYC") == std::string::npos);
    CHECK(article.body.find("Have your say") == std::string::npos);
    CHECK(article.body.ends_with("repairs that took longer than expected were finished."));
  }
  SUBCASE("a comment count near the top is no comment section") {
    const auto article = read_html_article(
        "<html><body><div><p>By Jane Roe</p><p>12 "
        "comments</p>" +
        story_paragraphs() + "</div></body></html>");
    CHECK(article.body.find("The governor said") != std::string::npos);
  }
  SUBCASE("a sentence about comments is article text") {
    const auto article = read_html_article("<html><body><div>" + story_paragraphs() +
                                           "<p>Facebook declined to comment.</p>" +
                                           story_paragraphs() + "</div></body></html>");
    CHECK(article.body.find("Facebook declined to comment.\n\nThe mayor") != std::string::npos);
  }
}

TEST_CASE("html reader: block elements separate paragraphs, inline ones do not") {
  const auto article = read_html_article(
      "<html><body><article><p>One <b>bold</b>\n   word,\tand more text here.</p>"
      "<div>Two in a div</div>Three after<br>Four after br<ul><li>Five</li><li>Six</li></ul>"
      "<h2>Seven</h2><blockquote>Eight</blockquote></article></body></html>");
  CHECK(article.body ==
        "One bold word, and more text here.\n\nTwo in a div\n\nThree after\n\nFour after br\n\n"
        "Five\n\nSix\n\nSeven\n\nEight");
}

TEST_CASE("html reader: entities and encodings") {
  SUBCASE("entities are decoded") {
    const auto article = read_html_article(
        "<html><body><p>Fish &amp; chips at the caf&eacute; &#8217;til late, "
        "&#x201C;ok&#x201D;</p></body></html>");
    CHECK(article.body ==
          "Fish & chips at the caf\xC3\xA9 \xE2\x80\x99til late, \xE2\x80\x9Cok\xE2\x80\x9D");
  }
  SUBCASE("Windows-1252 bytes become curly quotes") {
    const auto article = read_html_article(
        "<html><body><p>She said \x93quoted\x94 and left \x96 caf\xE9.</p></body></html>");
    CHECK(article.body ==
          "She said \xE2\x80\x9Cquoted\xE2\x80\x9D and left \xE2\x80\x93 caf\xC3\xA9.");
  }
  SUBCASE("valid UTF-8 stays UTF-8 despite an iso-8859-1 declaration") {
    const auto article = read_html_article(
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
        "<meta charset='iso-8859-1'></head><body><p>Caf\xC3\xA9 "
        "\xE2\x80\x9Cna\xC3\xAFve\xE2\x80\x9D</p></body></html>");
    CHECK(article.body == "Caf\xC3\xA9 \xE2\x80\x9Cna\xC3\xAFve\xE2\x80\x9D");
  }
}

TEST_CASE("html reader: a headline repeated as the first paragraph is dropped") {
  const auto article = read_html_article(
      "<html><head><title>Bridge to reopen</title></head><body><article><h1>Bridge  to "
      "reopen</h1>" +
      kParagraph + "</article></body></html>");
  CHECK(article.title == "Bridge to reopen");
  CHECK(article.body.starts_with("Officials confirmed"));
}

TEST_CASE("html reader: the longest of several <article> elements is the body") {
  const auto article = read_html_article(
      "<html><body><article><p>Teaser: a short other story.</p></article>"
      "<article>" +
      kParagraph + kParagraph + kParagraph +
      "</article>"
      "<article><p>Another teaser here.</p></article></body></html>");
  CHECK(article.body.starts_with("Officials confirmed"));
  CHECK(article.body.find("Teaser") == std::string::npos);
}

TEST_CASE("html reader: malformed pages do not crash") {
  static constexpr char kWithNul[] = "<html><body><p>Before\0after NUL</p></body></html>";
  // libxml2 stops building the tree at 256 levels, so the text sits before the deep part.
  std::string deep = "<p>Text before many nested divs, long enough to count.</p>";
  for (int i = 0; i < 10000; ++i)
    deep += "<div>x";
  struct Case {
    std::string name;
    std::string html;
    std::string expected_in_body;
  };
  const std::vector<Case> cases = {
      {"unclosed tags", "<html><body><div><p>Unclosed <b>bold <i>para one<p>para two", "para two"},
      {"tag cut in half", "<html><body><p>Text before the cut</p><p clas", "Text before the cut"},
      {"truncated page", page("").substr(0, page("").size() - 60), "Officials confirmed"},
      {"NUL bytes", std::string(kWithNul, sizeof kWithNul - 1), "Beforeafter NUL"},
      {"10,000 nested divs", "<html><body>" + deep + "</body></html>",
       "Text before many nested divs"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(read_html_article(c.html).body.find(c.expected_in_body) != std::string::npos);
  }
  std::string junk;
  for (int i = 0; i < 4096; ++i)
    junk += static_cast<char>((i * 7919) % 256);
  try {
    (void)read_html_article(junk);  // binary junk may yield some text or an error, never a crash
  } catch (const gazette::Error& error) {
    CHECK(error.code() == gazette::ErrorCode::invalid_input);
  }
}

TEST_CASE("html reader: empty pages and pages without headline or text throw invalid_input") {
  check_throws_invalid_input("", "empty file");
  check_throws_invalid_input(" \n\t ", "empty file");
  check_throws_invalid_input(
      "<html><head></head><body><script>var x = 'text';</script></body></html>",
      "no article text found: the page has no headline and no text");
}

TEST_CASE("html reader: a readable page without scored main text is still an article") {
  SUBCASE("a headline alone (a frameset, a page drawn by script)") {
    const auto a = read_html_article(
        "<html><head><title>Election results live</title><script>draw()</script></head>"
        "<frameset><frame src='results.html'></frameset></html>");
    CHECK(a.title == "Election results live");
    CHECK(a.body.empty());
  }
  SUBCASE("the page's summary when its body holds no text") {
    const auto a = read_html_article(
        "<html><head><title>Gallery: the flood</title>"
        "<meta name='description' content='Pictures of the river bursting its banks.'>"
        "</head><body><img src='1.jpg'><img src='2.jpg'></body></html>");
    CHECK(a.title == "Gallery: the flood");
    CHECK(a.body == "Pictures of the river bursting its banks.");
  }
  SUBCASE("its visible text when no block scores as the article") {
    const auto a = read_html_article(
        "<html><head><title>Short item</title></head><body>"
        "<span>Ferry sailings resume.</span></body></html>");
    CHECK(a.title == "Short item");
    CHECK(a.body.find("Ferry sailings resume.") != std::string::npos);
  }
}

// ---------------------------------------------------------------------------------------
// JSON-LD, bylines and datelines

namespace {

using gazette::indexer::parse_byline;
using gazette::indexer::parse_dateline;

const std::string kParagraphText =
    "Officials confirmed on Monday that the bridge will reopen next week, after repairs that "
    "took longer than expected, and traffic is expected to return to normal.";

// A page whose article opens with `first` (a byline or dateline paragraph, or text), with
// `before` above the article.
std::string page_opening_with(const std::string& head, const std::string& first,
                              const std::string& before = "") {
  return "<html><head>" + head + "</head><body>" + before + "<article><p>" + first + "</p>" +
         kParagraph + kParagraph + "</article></body></html>";
}

}  // namespace

TEST_CASE("html reader: JSON-LD article variants") {
  struct Case {
    std::string name;
    std::string json;
    std::string title;
    std::string published;
    std::vector<std::string> authors;
    std::string source;
    std::vector<std::string> tags;
  };
  const std::vector<Case> cases = {
      {"NewsArticle object",
       R"({"@type": "NewsArticle", "headline": "Port strike ends", "datePublished": "2024-05-01",
           "author": {"@type": "Person", "name": "Ann Lee"},
           "publisher": {"@type": "Organization", "name": "The Wire"},
           "articleSection": "World", "keywords": "ports, strikes"})",
       "Port strike ends",
       "2024-05-01T00:00:00Z",
       {"Ann Lee"},
       "The Wire",
       {"World", "ports", "strikes"}},
      {"@type as an array, keywords as an array, section as an array",
       R"({"@type": ["ReportageNewsArticle", "Thing"], "headline": "Floods",
           "keywords": ["rain", "floods"], "articleSection": ["UK", "Weather"]})",
       "Floods",
       "none",
       {},
       "",
       {"UK", "Weather", "rain", "floods"}},
      {"BlogPosting inside @graph beside a WebPage and an Organization",
       R"({"@graph": [{"@type": "WebPage", "datePublished": "1999-01-01", "name": "Home"},
           {"@type": "Organization", "name": "Site Inc"},
           {"@type": "BlogPosting", "headline": "Notes", "datePublished": "2023-03-03",
            "author": ["Ann Lee", {"@type": "Person", "name": "Bo Chan"}]}]})",
       "Notes",
       "2023-03-03T00:00:00Z",
       {"Ann Lee", "Bo Chan"},
       "",
       {}},
      {"top-level array, schema.org URL as type",
       R"([{"@type": "BreadcrumbList"}, {"@type": "http://schema.org/Article",
           "headline": "Budget passed", "datePublished": "2022-02-02"}])",
       "Budget passed",
       "2022-02-02T00:00:00Z",
       {},
       "",
       {}},
      {"dateModified only when datePublished is absent",
       R"({"@type": "NewsArticle", "dateModified": "2021-06-07"})",
       "",
       "2021-06-07T00:00:00Z",
       {},
       "",
       {}},
      {"datePublished wins over dateModified",
       R"({"@type": "NewsArticle", "dateModified": "2021-06-07", "datePublished": "2021-06-01"})",
       "",
       "2021-06-01T00:00:00Z",
       {},
       "",
       {}},
      {"Organization author is the agency, the source when there is no publisher",
       R"({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "AP"}})",
       "",
       "none",
       {},
       "Associated Press",
       {}},
      {"Organization author beside a publisher",
       R"({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Reuters"},
           "publisher": {"name": "Daily Planet"}})",
       "",
       "none",
       {},
       "Daily Planet",
       {}},
      {"author string that is a byline",
       R"({"@type": "NewsArticle", "author": "By JANE DOE and JOHN ROE, Associated Press"})",
       "",
       "none",
       {"Jane Doe", "John Roe"},
       "Associated Press",
       {}},
      {"non-article types are ignored",
       R"({"@type": "WebSite", "headline": "Site", "datePublished": "2000-01-01",
           "author": "Web Master", "publisher": {"name": "Host"}})",
       "",
       "none",
       {},
       "",
       {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto article = read_html_article(page(json_ld(c.json)));
    if (!c.title.empty()) CHECK(article.title == c.title);
    CHECK(published_iso(article) == c.published);
    CHECK(article.authors == c.authors);
    CHECK(article.source == c.source);
    CHECK(article.tags == c.tags);
  }
}

TEST_CASE("html reader: bylines are split into authors and agency") {
  struct Case {
    std::string text;
    bool byline;
    std::vector<std::string> authors;
    std::string agency;
  };
  const std::vector<Case> cases = {
      {"By Jane Doe, Associated Press", true, {"Jane Doe"}, "Associated Press"},
      {"By JANE DOE and JOHN ROE / Reuters", true, {"Jane Doe", "John Roe"}, "Reuters"},
      {"Jane Doe | AP", true, {"Jane Doe"}, "Associated Press"},
      {"By JASON O'NEILL-SMITH, Associated Press Writer",
       true,
       {"Jason O'Neill-Smith"},
       "Associated Press"},
      {"By The Associated Press", true, {}, "Associated Press"},
      {"By Ann Lee (AFP)", true, {"Ann Lee"}, "AFP"},
      {"By Maria de la Cruz, Staff Writer", true, {"Maria de la Cruz"}, ""},
      {"By Jane Doe & John Roe", true, {"Jane Doe", "John Roe"}, ""},
      {"by: Jane Doe | Agence France-Presse", true, {"Jane Doe"}, "AFP"},
      {"By FRANK BODANI Daily Record/Sunday News", true, {"Frank Bodani"}, ""},
      {"By Kim Soo-jin; Kyodo News", true, {"Kim Soo-jin"}, "Kyodo"},
      {"Peter Griffiths - Reuters", true, {"Peter Griffiths"}, "Reuters"},
      // Not bylines.
      {"By the time he arrived, the police had left.", false, {}, ""},
      {"By Monday, officials said, the bridge will reopen.", false, {}, ""},
      {"By Order Of The Court", false, {}, ""},
      {"Jane Doe", false, {}, ""},  // a bare name without "By" or an agency
      {"Jane Doe | Politics", false, {}, ""},
      {"WASHINGTON (AP) \u2014 The president said", false, {}, ""},
      {"Reuters", false, {}, ""},
      {"By", false, {}, ""},
      {"", false, {}, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parts = parse_byline(c.text);
    REQUIRE(parts.has_value() == c.byline);
    if (!parts) continue;
    CHECK(parts->authors == c.authors);
    CHECK(parts->agency == c.agency);
  }
  SUBCASE("a byline the page marks may be a bare name and end in other words") {
    CHECK(parse_byline("Jane Doe", true)->authors == std::vector<std::string>{"Jane Doe"});
    CHECK(parse_byline("By AP | Tuesday, January 8, 2008 - Updated 7d ago", true)->agency ==
          "Associated Press");
    CHECK_FALSE(parse_byline("the time he arrived", true));
  }
}

TEST_CASE("html reader: datelines are recognised") {
  struct Case {
    std::string text;
    bool dateline;
    std::string place;
    std::string agency;
    std::string rest;  // the text after the dateline
  };
  const std::vector<Case> cases = {
      {"WASHINGTON (AP) \u2014 The president said", true, "Washington", "Associated Press",
       "The president said"},
      {"LONDON, June 12 (Reuters) - Shares fell", true, "London", "Reuters", "Shares fell"},
      {"NEW YORK \u2014 Stocks rose", true, "New York", "", "Stocks rose"},
      {"LOS ANGELES, Calif. (AP) -- A fire", true, "Los Angeles, Calif.", "Associated Press",
       "A fire"},
      {"KABUL, Afghanistan (AFP) \u2013 Troops", true, "Kabul, Afghanistan", "AFP", "Troops"},
      {"ST. LOUIS, Nov. 3 (UPI) - Police", true, "St. Louis", "UPI", "Police"},
      {"PARIS (CNN) -- Talks", true, "Paris", "", "Talks"},
      // Not datelines.
      {"Washington said on Monday - after talks", false, "", "", ""},
      {"NEW YORK is a big city.", false, "", "", ""},
      {"UPDATE - The story changed", false, "", "", ""},
      {"A - B", false, "", "", ""},
      {"NASA-funded study finds", false, "", "", ""},
      {"", false, "", "", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto dateline = parse_dateline(c.text);
    REQUIRE(dateline.has_value() == c.dateline);
    if (!dateline) continue;
    CHECK(dateline->place == c.place);
    CHECK(dateline->agency == c.agency);
    CHECK(c.text.substr(dateline->length) == c.rest);
  }
}

TEST_CASE("html reader: bylines and datelines on the page fill authors, source and tags") {
  SUBCASE("byline element and dateline paragraph") {
    const auto article = read_html_article(
        page_opening_with("", "WASHINGTON (AP) \u2014 " + kParagraphText,
                          "<div class='byline'>By JANE DOE<br>Tuesday, January 8, 2008</div>"));
    CHECK(article.authors == std::vector<std::string>{"Jane Doe"});
    CHECK(article.source == "Associated Press");
    CHECK(article.tags == std::vector<std::string>{"dateline:washington"});
    // The dateline is article text; it stays in the body and out of the authors.
    CHECK(article.body.starts_with("WASHINGTON (AP) \u2014 Officials confirmed"));
  }
  SUBCASE("byline paragraph at the top of the body") {
    const auto article =
        read_html_article(page_opening_with("", "By JANE DOE and JOHN ROE / Reuters"));
    CHECK(article.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
    CHECK(article.source == "Reuters");
  }
  SUBCASE("the page's own source wins over the agency") {
    const auto article =
        read_html_article(page_opening_with("<meta property='og:site_name' content='Daily Planet'>",
                                            "LONDON, June 12 (Reuters) - " + kParagraphText));
    CHECK(article.source == "Daily Planet");
    CHECK(article.authors.empty());
  }
  SUBCASE("meta author as a byline") {
    const auto article =
        read_html_article(page("<meta name='author' content='By Jane Doe, Associated Press'>"));
    CHECK(article.authors == std::vector<std::string>{"Jane Doe"});
    CHECK(article.source == "Associated Press");
  }
  SUBCASE("a sentence opening with By is no byline") {
    const auto article = read_html_article(
        page_opening_with("", "By the time he arrived, the police had left the harbour."));
    CHECK(article.authors.empty());
    CHECK(article.source.empty());
    CHECK(article.tags.empty());
  }
}

TEST_CASE("html reader: comment signatures without a heading end the article") {
  const auto article = read_html_article(
      gazette::test::read_file(gazette::test::fixture("html/comment_signatures.html")));
  CHECK(article.body.ends_with("add twenty minutes to journeys at peak times."));
  CHECK(article.body.find("Posted by") == std::string::npos);
  CHECK(article.body.find("raffle") == std::string::npos);
}

TEST_CASE("html reader: a related-stories heading ends the article, an inline Related: does not") {
  const auto article = read_html_article(
      gazette::test::read_file(gazette::test::fixture("html/related_heading.html")));
  CHECK(article.body.find("opened in 1931") != std::string::npos);
  CHECK(article.body.find("Related stories") == std::string::npos);
  CHECK(article.body.find("ring road is expected to begin") == std::string::npos);
  CHECK(article.body.find("hundreds of jobs") == std::string::npos);
}

TEST_CASE("html reader: a story split over two <article> elements is read whole") {
  const auto article = read_html_article(
      gazette::test::read_file(gazette::test::fixture("html/split_article.html")));
  CHECK(article.body.starts_with("The city council voted"));
  CHECK(article.body.find("four million pounds") != std::string::npos);
  CHECK(article.body.ends_with("traffic counts."));
  CHECK(article.body.find("Other story") == std::string::npos);
}
