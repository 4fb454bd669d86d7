// Tests for reading JSON in blocks (read_json_stream, indexer/src/json_reader.cpp): whatever
// the block size, and however little a read returns, the articles, problems (line numbers
// included) and rejections are exactly those of reading the whole bytes.
#include "indexer/src/json_reader.hpp"

#include "tests/support/collecting_sink.hpp"
#include "tests/support/test_support.hpp"

#include <gazette/error.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

using gazette::test::CollectingSink;

// Bytes handed out at most `most_per_read` at a time, like a pipe or a short read.
class StringBytes final : public gazette::indexer::ByteStream {
 public:
  StringBytes(std::string bytes, std::size_t most_per_read)
      : bytes_(std::move(bytes)), most_per_read_(most_per_read) {}

  std::size_t read(std::string& out, std::size_t max) override {
    const std::size_t n = std::min({max, most_per_read_, bytes_.size() - offset_});
    out.append(bytes_, offset_, n);
    offset_ += n;
    return n;
  }

 private:
  std::string bytes_;
  std::size_t most_per_read_;
  std::size_t offset_ = 0;
};

// Everything a read found, or why it rejected the input, as one comparable string.
std::string outcome(const std::function<void(CollectingSink&)>& read) {
  CollectingSink sink;
  std::string out;
  try {
    read(sink);
  } catch (const gazette::Error& e) {
    out = std::string("rejected: ") + e.what() + "\n";
  }
  for (const auto& a : sink.articles) {
    out += "article " + a.origin.position + " | " + a.title + " | " + a.body + " | " + a.url +
           " | " + a.source + " | " + a.lang + " | " + std::to_string(a.authors.size()) + " | " +
           std::to_string(a.tags.size()) + " | " + (a.published ? "dated" : "undated") + "\n";
  }
  for (const auto& p : sink.problems)
    out += "problem " + p.location + ": " + p.reason + "\n";
  out += "unreadable dates " + std::to_string(sink.unreadable_dates.size()) + "\n";
  return out;
}

void check_same_in_blocks(const std::string& bytes) {
  const std::string whole =
      outcome([&](CollectingSink& sink) { gazette::indexer::read_json(bytes, {}, sink); });
  for (const std::size_t block : {1, 2, 3, 7, 64, 4096, 1 << 20}) {
    for (const std::size_t most_per_read : {std::size_t{5}, bytes.size() + 1}) {
      CAPTURE(block);
      CAPTURE(most_per_read);
      StringBytes stream(bytes, most_per_read);
      CHECK(outcome([&](CollectingSink& sink) {
              gazette::indexer::read_json_blocks(stream, {}, sink, block);
            }) == whole);
    }
  }
}

}  // namespace

TEST_CASE("json stream: every JSON fixture reads alike in blocks") {
  for (const auto& entry : std::filesystem::directory_iterator(gazette::test::fixture("json"))) {
    CAPTURE(entry.path().string());
    check_same_in_blocks(gazette::test::read_file(entry.path()));
  }
}

TEST_CASE("json stream: every input shape and damage reads alike in blocks") {
  const std::string long_body(20000, 'x');
  const std::vector<std::string> inputs = {
      "",
      "   \n\n  ",
      "\xEF\xBB\xBF{\"title\":\"bom\"}\n{\"title\":\"b\"}\n",
      "\n\n\n{\"id\":7,\"title\":\"a\"}\n\n{\"id\":7,\"title\":\"b\"}\n{\"title\":\"c\"}",
      "{\"title\":\"a\"}\n{not json\n{\"title\":\"b\"}\n42\n{\"url\":\"u\"}\n",
      "{\"title\": \"cut\n{\"title\":\"b\"}\n{\"title\":\"c\"}",
      "{\"title\":\"a\"}\n{\"title\":\"b\"}\n{\"title\":\"c",
      "{\"title\":\"Long\",\"body\":\"" + long_body + "\"}\n{\"title\":\"After\"}\n",
      "{\n  \"title\": \"one\",\n  \"body\": \"x\"\n}\n{\n  \"title\": \"two\"\n}\n , ]\n",
      "{\n  \"title\": \"one\"\n}\n{\n  \"title\": \"cut",
      "{\n  \"title\": \"Alone\",\n  \"tags\": [\"a\", \"b\"]\n}\n",
      "{\"meta\": {\"n\": 2}, \"items\": [\n{\"title\":\"a\"},\n{\"title\":\"b\"}\n]}\n",
      "{\"items\": [\n{\"title\":\"a\"},\n{\"title\":\"b",
      "{\"never\": \"closes\"",
      "[\n{\"title\":\"a\"},\n42,\n{\"url\":\"u\"},\n,\n{\"title\":\"b\"}}\n]\n  trailing",
      "[{\"title\":\"a\"},\n{\"title\":\"b\"}\n     \n\n   ",
      "[{\"title\":\"a\"},\n{\"title\":\"b\"},\n\n\n\n",
      "[\n{\"title\":\"a\",\"body\":\"broken\n\"},{\"title\":\"b\"}]",
      "[]",
      "  \n  hello",
      std::string("{\"title\":\"nul\"}\n\0\n", 18),
      "[{\"title\":\"Caf\xE9 cr\xE8me\",\"date\":\"sometime soon\"}]",
  };
  for (const std::string& input : inputs) {
    CAPTURE(input.substr(0, 80));
    check_same_in_blocks(input);
  }
}

TEST_CASE("json stream: a big JSON Lines input keeps exact line numbers") {
  std::string lines;
  for (int i = 1; i <= 3000; ++i) {
    lines += i % 997 == 0 ? "{broken " + std::to_string(i) + "\n"
                          : "{\"id\": \"" + std::to_string(i % 1500) + "\", \"title\": \"Story " +
                                std::to_string(i) + "\"}\n";
    if (i % 101 == 0) lines += "\n";
  }
  check_same_in_blocks(lines);
}
