// Tests for common/include/gazette/error.hpp: each ErrorCode is thrown as its own subclass
// of gazette::Error, and real failures of the library arrive as those subclasses.
#include <gazette/error.hpp>
#include <gazette/indexer.hpp>
#include <gazette/searcher.hpp>

#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>

using namespace gazette;

namespace {

// True when throw_error(code) is caught as `Subclass` with that code and message.
template <typename Subclass>
bool thrown_as(ErrorCode code) {
  try {
    throw_error(code, "what happened");
  } catch (const Subclass& e) {
    const auto& error = dynamic_cast<const Error&>(e);
    return error.code() == code && std::string(error.what()) == "what happened";
  } catch (...) {
  }
  return false;
}

}  // namespace

TEST_CASE("errors: every code is thrown as its own subclass of gazette::Error") {
  CHECK(thrown_as<InvalidInputError>(ErrorCode::invalid_input));
  CHECK(thrown_as<QuerySyntaxError>(ErrorCode::query_syntax));
  CHECK(thrown_as<NotFoundError>(ErrorCode::not_found));
  CHECK(thrown_as<DatabaseLockedError>(ErrorCode::database_locked));
  CHECK(thrown_as<DatabaseVersionError>(ErrorCode::database_version));
  CHECK(thrown_as<DatabaseCorruptError>(ErrorCode::database_corrupt));
  CHECK(thrown_as<IoError>(ErrorCode::io_error));
  CHECK(thrown_as<InterruptedError>(ErrorCode::interrupted));
  CHECK_FALSE(thrown_as<NotFoundError>(ErrorCode::io_error));
  CHECK(thrown_as<Error>(ErrorCode::io_error));
  CHECK(thrown_as<std::runtime_error>(ErrorCode::io_error));
}

TEST_CASE("errors: the library's failures arrive as the subclass of their code") {
  test::TempDir dir;
  CHECK_THROWS_AS(Searcher((dir.path() / "missing").string()), NotFoundError);
  const std::string db = (dir.path() / "db").string();
  Indexer writer(db);
  Article article;
  article.id = "a";
  article.title = "Harvest";
  article.body = "Wheat harvest.";
  writer.add_article(article);
  writer.commit();
  IndexerOptions no_wait;
  CHECK_THROWS_AS(Indexer(db, no_wait), DatabaseLockedError);  // Xapian's error, translated.
  Searcher searcher(db);
  SearchRequest bad;
  bad.query = "wheat";
  bad.since = "1987-13";
  CHECK_THROWS_AS(searcher.search(bad), InvalidInputError);
}
