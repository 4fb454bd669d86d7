// Tests for the e-mail, Usenet and mbox readers: fixtures, damaged input, the 20news corpus.
#include "indexer/src/message_reader.hpp"
#include "indexer/src/formats.hpp"
#include "tests/support/collecting_sink.hpp"
#include "tests/support/test_support.hpp"

#include <gazette/date.hpp>
#include <gazette/error.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>

namespace {

using gazette::format_iso8601;
using gazette::test::fixture;
using gazette::test::read_all;
using gazette::test::read_file;
namespace idx = gazette::indexer;

std::string email(const std::string& name) {
  return read_file(fixture("email/" + name));
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("email reader: a Usenet post maps its headers and drops the signature") {
  const auto sink = read_all(idx::read_message, email("usenet_post"));
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.problems.empty());
  const auto& a = sink.articles[0];
  CHECK(a.title == "Re: I want that Billion");
  CHECK(a.authors == std::vector<std::string>{"Henry Spencer"});
  REQUIRE(a.published);
  CHECK(format_iso8601(*a.published) == "1993-04-21T18:17:47Z");
  CHECK(a.tags == std::vector<std::string>{"sci.space", "sci.space.policy", "launchers", "prize"});
  CHECK(a.source.empty());
  CHECK(a.origin.position.empty());  // A single message file is keyed by its path.
  CHECK(a.body.starts_with("In article <1rh4rqINNi7o@mojo.eng.umd.edu>"));
  CHECK(contains(a.body, ">wins."));  // Quoted lines are kept.
  CHECK(contains(a.body, "\n\nOnly if he doesn't spend more than a billion dollars"));
  CHECK(!contains(a.body, "SVR4 resembles"));  // The signature is gone.
}

TEST_CASE("email reader: MIME parts, encodings and charsets") {
  const auto sink = read_all(idx::read_message, email("mime_multipart.eml"));
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.problems.empty());
  const auto& a = sink.articles[0];
  CHECK(a.title == "Négociations à Genève");                      // RFC 2047 base64.
  CHECK(a.authors == std::vector<std::string>{"Renée Lefèvre"});  // RFC 2047 Q, Latin-1.
  REQUIRE(a.published);
  CHECK(format_iso8601(*a.published) == "2008-03-04T08:15:00Z");
  CHECK(a.body ==
        "Les négociations reprennent lundi à Genève.\n\nLe porte-parole a déclaré que « rien "
        "n'est décidé ».");  // text/plain chosen, attachment and signature left out.
}

TEST_CASE("email reader: an HTML-only message is reduced to its text") {
  const auto sink = read_all(idx::read_message, email("html_only.eml"));
  REQUIRE(sink.articles.size() == 1);
  const auto& a = sink.articles[0];
  CHECK(a.authors == std::vector<std::string>{"City Desk"});
  CHECK(a.body ==
        "Council vote\n\nThe council voted 7–2 to close the bridge.\n\nWork starts in May.");
}

TEST_CASE("email reader: authors from the many ways Usenet wrote From") {
  struct Case {
    const char* from;
    const char* author;
  };
  const Case cases[] = {
      {"jac55@cas.org ()", "jac55"},
      {"henry@zoo.toronto.edu (Henry Spencer)", "Henry Spencer"},
      {"kkerr@mkcase1.dseg.ti.com@MK (Kevin Kerr)", "Kevin Kerr"},
      {"pgut1@cs.aukuni.ac.nz (Peter Gutmann)\n <1993Apr26.104320.10398@infodev.cam.ac.uk>",
       "Peter Gutmann"},
      {"belgarath@vax1.mankato.msus.edu\n <1993Apr26.1@x.edu>", "belgarath"},
      {"\"Doe, Jane\" <jane@example.org>", "Doe, Jane"},
      {"=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@example.de>", "Jürgen Müller"},
      {"Edwin Gans", "Edwin Gans"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.from);
    const auto sink =
        read_all(idx::read_message, std::string("From: ") + c.from + "\nSubject: x\n\nbody\n");
    REQUIRE(sink.articles.size() == 1);
    CHECK(sink.articles[0].authors == std::vector<std::string>{c.author});
  }
}

TEST_CASE("email reader: damaged messages keep what is readable and say where") {
  struct Case {
    const char* file;
    const char* location;
    const char* reason;
    const char* title;
    const char* body_part;
  };
  const Case cases[] = {
      {"truncated_multipart.eml", "16", "truncated message", "Cut short",
       "The first part arrived whole."},
      {"truncated_headers.eml", "4", "truncated message: the header block never ends",
       "Headers only", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const auto sink = read_all(idx::read_message, email(c.file));
    REQUIRE(sink.articles.size() == 1);
    CHECK(sink.articles[0].title == c.title);
    CHECK(contains(sink.articles[0].body, c.body_part));
    REQUIRE(sink.problems.size() == 1);
    CHECK(sink.problems[0].location == c.location);
    CHECK(sink.problems[0].reason == c.reason);
  }
}

TEST_CASE("email reader: input that is not a message is refused with a reason") {
  struct Case {
    std::string bytes;
    const char* reason;
  };
  const Case cases[] = {
      {"", "empty file"},
      {"\n \n", "empty file"},
      {"Dear editor,\nSubject: this is a letter, not a header block\n\nThanks.",
       "not a message: no header lines at the start"},
      {std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
       "not a message: no header lines at the start"},
      {"Subject: only one known header\nX-Other: x\n\nbody",
       "not a message: no header lines at the start"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.bytes);
    try {
      read_all(idx::read_message, c.bytes);
      FAIL("no exception");
    } catch (const gazette::Error& error) {
      CHECK(error.code() == gazette::ErrorCode::invalid_input);
      CHECK(std::string(error.what()) == c.reason);
    }
  }
}

TEST_CASE("email reader: sniffing message headers") {
  struct Case {
    const char* head;
    bool is_message;
  };
  const Case cases[] = {
      {"From: a@b.c (A)\nSubject: hello\n\nbody", true},
      {"Organization: X\nSubject: hi\nLines: 3\n\nbody", true},
      {" wiscon.weizmann.ac.il!jhsegal\nSubject: Re: x\nFrom: y@z\n\nbody", true},
      {"Path: a!b\nNewsgroups: sci.space\nMessage-ID: <1@b>\n", true},
      {"From: a@b.c\n\nbody only", false},
      {"Title: Hello\nDate: 2020-01-01\nThis is a text file with a header-ish start.\n", false},
      {"<html><head>", false},
      {"From a@b Mon Jan  1 00:00:00 2001\nFrom: a@b\nSubject: x\n", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.head);
    CHECK(idx::sniff_message(c.head) == c.is_message);
  }
}

TEST_CASE("mbox reader: a folder yields every message, keyed by Message-ID or ordinal") {
  const auto sink = read_all(idx::read_mbox, email("folder.mbox"));
  CHECK(sink.problems.empty());
  REQUIRE(sink.articles.size() == 3);
  CHECK(sink.articles[0].origin.position == "C5sy3B.1Gp@zoo.toronto.edu");
  CHECK(sink.articles[0].title == "Re: I want that Billion");
  CHECK(sink.articles[1].origin.position == "1993Apr22.090000.1@techbook.com");
  CHECK(sink.articles[1].authors == std::vector<std::string>{"Dan Tilque"});
  CHECK(sink.articles[1].body.starts_with("From what I've heard"));  // ">From " unescaped.
  CHECK(contains(sink.articles[1].body, "\nFrom time to time"));     // Not a separator.
  CHECK(contains(sink.articles[1].body, "frypans on the market"));
  CHECK(sink.articles[2].origin.position == "3");  // No Message-ID.
  // Its Content-Length lies; the split follows the "From " lines, so nothing is lost.
  CHECK(contains(sink.articles[2].body, "device, but at least it's had some testing.)"));
  CHECK(sink.articles[2].authors == std::vector<std::string>{"Richard A. Schumacher"});
}

TEST_CASE("mbox reader: a damaged folder keeps every readable message") {
  const auto sink = read_all(idx::read_mbox, email("damaged.mbox"));
  REQUIRE(sink.articles.size() == 3);
  CHECK(sink.articles[0].title == "Re: I want that Billion");
  CHECK(sink.articles[1].title == "Teflon (Re: Long term Human Missions");
  CHECK(sink.articles[2].title == "Cut in the headers");
  CHECK(sink.articles[2].origin.position == "4");
  REQUIRE(sink.problems.size() == 3);
  CHECK(sink.problems[0].location == "1");
  CHECK(sink.problems[0].reason == "text before the first \"From \" line is not a message");
  CHECK(sink.problems[1].location == "50");
  CHECK(sink.problems[1].reason == "no message headers after the \"From \" line");
  CHECK(sink.problems[2].reason == "truncated message: the header block never ends");
  CHECK(sink.problems[2].location == "96");
}

TEST_CASE("mbox reader: input that is not an mbox folder is refused") {
  for (const std::string& bytes : {std::string(""), std::string("From: a@b\nSubject: x\n\nbody"),
                                   std::string("\0\0From x\nFrom: a\n", 17)}) {
    CAPTURE(bytes);
    CHECK_THROWS_AS(read_all(idx::read_mbox, bytes), gazette::Error);
  }
  CHECK(idx::sniff_mbox("From a@b Mon Jan  1 00:00:00 2001\nFrom: a@b\n"));
  CHECK(!idx::sniff_mbox("From: a@b\nSubject: x\n"));
  CHECK(!idx::sniff_mbox("From here on, a story.\nIt was late.\n"));
}

TEST_CASE("email reader: every 20news post is one article") {
  const auto root = gazette::test::corpus_or_skip("20news");
  if (root.empty()) return;
  std::size_t files = 0, articles = 0, titled = 0, authored = 0, dated = 0, problems = 0,
              sniffed = 0, detected = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    ++files;
    const std::string bytes = read_file(entry.path());
    const auto sink = read_all(idx::read_message, bytes);
    articles += sink.articles.size();
    problems += sink.problems.size();
    for (const auto& a : sink.articles) {
      titled += !a.title.empty();
      authored += !a.authors.empty() && !a.authors[0].empty();
      dated += a.published.has_value();
    }
    const std::string_view head = std::string_view(bytes).substr(0, idx::kSniffBytes);
    sniffed += idx::sniff_message(head);
    const auto* format = idx::detect_format(entry.path().filename().string(), head);
    detected += format && format->name == "email";
  }
  CHECK(files == 18846);
  CHECK(articles == files);
  CHECK(titled == files);    // Every post has a Subject, and none is blank.
  CHECK(authored == files);  // Every post has a From.
  CHECK(dated == 0);         // bydate stripped every Date header.
  CHECK(problems == 0);
  CHECK(sniffed == files);
  CHECK(detected == files);
}
