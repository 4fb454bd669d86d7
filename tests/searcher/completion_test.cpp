// Tests for Searcher::complete (searcher/src/completion.cpp): the search box's completions,
// on a real database built from hand-made articles whose word counts are known.
#include <gazette/error.hpp>
#include <gazette/searcher.hpp>

#include "tests/support/index_fixture.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gazette;
using Completions = std::vector<std::string>;

namespace {

// "prices" is in three articles, "price" in two, "prize" in one, "oil" in every one.
const test::IndexFixture& fixture() {
  static const test::IndexFixture db({
      test::make_article("a", "Oil prices rise", "Crude oil prices rose on Monday."),
      test::make_article("b", "Oil price war", "The oil price war goes on; prices fall."),
      test::make_article("c", "Prices at the pump", "Oil prices and the price of petrol."),
      test::make_article("d", "Nobel prize", "Oil money funds a Nobel Prize."),
  });
  return db;
}

}  // namespace

TEST_CASE("completion: the last word completes to archive words, most frequent first") {
  Searcher searcher(fixture().db_path());
  CHECK(searcher.complete("oil pr") == Completions{"oil prices", "oil price", "oil prize"});
  CHECK(searcher.complete("pri", 2) == Completions{"prices", "price"});
}

TEST_CASE("completion: case is ignored and the typed text before the last word is kept") {
  Searcher searcher(fixture().db_path());
  CHECK(searcher.complete("Crude PRIZ") == Completions{"Crude prize"});
  CHECK(searcher.complete("\"oil pu") == Completions{"\"oil pump"});
}

TEST_CASE("completion: nothing when the text does not end in a word or no word matches") {
  Searcher searcher(fixture().db_path());
  CHECK(searcher.complete("").empty());
  CHECK(searcher.complete("oil ").empty());
  CHECK(searcher.complete("oil \"").empty());
  CHECK(searcher.complete("zzzq").empty());
}

TEST_CASE("completion: field and filter terms are never offered") {
  Searcher searcher(fixture().db_path());
  // Field terms begin with a capital prefix (XT for titles...); a user typing "x" or "s"
  // must get words, never "XToil" or source terms.
  for (const auto& c : searcher.complete("x", 100))
    CHECK(c.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos);
  for (const auto& c : searcher.complete("S", 100))
    CHECK(c.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos);
}

TEST_CASE("completion: a limit outside 1..100 is invalid input") {
  Searcher searcher(fixture().db_path());
  CHECK(searcher.complete("oil", 100).size() == 1);
  for (const std::size_t bad : {std::size_t{0}, std::size_t{101}}) {
    try {
      (void)searcher.complete("oil", bad);
      FAIL("no error for limit " << bad);
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::invalid_input);
    }
  }
}
