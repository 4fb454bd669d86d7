// Queries are analysed as the articles they look for were: the real gazette-index and
// gazette-search on tests/fixtures/multilingual (a French, a German and an English page),
// and ArchiveLanguages on real databases.
#include <gazette/indexer.hpp>

#include "searcher/src/languages.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

using nlohmann::json;
namespace test = gazette::test;

namespace {

// The multilingual fixture pages indexed once by the real gazette-index.
const std::string& multilingual_db() {
  static const test::TempDir dir;
  static const std::string db = [] {
    const std::string path = (dir.path() / "db").string();
    const auto r = test::run(
        {test::index_bin(), "--db", path, "--quiet", test::fixture("multilingual").string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return path;
  }();
  return db;
}

json search(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {test::search_bin(), "--db", multilingual_db(), "--format",
                                   "json"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = test::run(argv, {"NO_COLOR="});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return json::parse(r.out);
}

// The languages of the hits of a search for `query`.
std::multiset<std::string> hit_languages(const std::string& query,
                                         std::vector<std::string> args = {}) {
  args.push_back(query);
  std::multiset<std::string> out;
  const json result = search(args);  // Not in the loop header: it would dangle.
  for (const auto& hit : result["hits"])
    out.insert(hit["lang"].get<std::string>());
  return out;
}

// The analyses of an archive holding only the multilingual fixture page `name`.
gazette::searcher::ArchiveLanguages languages_of_page(const std::string& name) {
  const test::TempDir dir;
  const std::string db_path = (dir.path() / "db").string();
  gazette::Indexer(db_path).add_paths({test::fixture("multilingual/" + name).string()});
  return gazette::searcher::ArchiveLanguages(Xapian::Database(db_path));
}

}  // namespace

TEST_CASE("languages: a query finds each article through its own language's stems") {
  // English stems "élections" to "élection", French to "élect": the French page holds only
  // the French stem, so an English-only reading of the query missed it.
  CHECK(hit_languages("élections") == std::multiset<std::string>{"fr"});
  CHECK(hit_languages("élection") == std::multiset<std::string>{"fr"});
  CHECK(hit_languages("électeur") == std::multiset<std::string>{"fr"});
  // German stems "Wähler" to "wahl" and "Parteien" to "partei".
  CHECK(hit_languages("Wähler") == std::multiset<std::string>{"de"});
  CHECK(hit_languages("partei") == std::multiset<std::string>{"de"});
  // English still reads English: "elected" and "election" share the stem "elect".
  CHECK(hit_languages("elections") == std::multiset<std::string>{"en"});
}

TEST_CASE("languages: one language's stem never matches another language's article") {
  // French stems "majorité" to "major"; the English page says "a major test", and its words
  // were stemmed as English, so the French reading must not reach it.
  CHECK(hit_languages("majorité") == std::multiset<std::string>{"fr"});
}

TEST_CASE("languages: each reading drops its own language's stop words") {
  // "nous" is a French stop word: the French reading needs only "élections".
  CHECK(hit_languages("nous élections", {"--match", "all"}) == std::multiset<std::string>{"fr"});
  // "the" is an English one; French keeps it, and no French page has it.
  CHECK(hit_languages("the elections", {"--match", "all"}) == std::multiset<std::string>{"en"});
}

TEST_CASE("languages: snippets mark the words stemmed as the article's language") {
  // French stems "bureaux" to "bureau"; English leaves it.
  const json hits = search({"bureau"})["hits"];
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["snippet"].get<std::string>().find("<mark>bureaux</mark>") != std::string::npos);
}

TEST_CASE("languages: filters and facets keep working across languages") {
  CHECK(hit_languages("élections OR elections", {"--lang", "fr"}) ==
        std::multiset<std::string>{"fr"});
  CHECK(hit_languages("lang:de OR lang:en") == std::multiset<std::string>{"de", "en"});
  const json result = search({"--facets", "lang", "élections OR elections OR Wähler"});
  std::set<std::string> langs;
  for (const auto& value : result["facets"]["lang"])
    langs.insert(value["value"].get<std::string>());
  CHECK(langs == std::set<std::string>{"de", "en", "fr"});
}

TEST_CASE("languages: an archive's analyses follow the languages it holds") {
  using gazette::searcher::ArchiveLanguages;
  SUBCASE("one language: one analysis over every article, no filter added") {
    const ArchiveLanguages languages = languages_of_page("elections-en.html");
    REQUIRE(languages.analyses().size() == 1);
    CHECK(languages.analyses()[0].name == "english");
    const Xapian::Query word("word");
    CHECK(languages.in_scope({0}, word).get_description() == word.get_description());
  }
  SUBCASE("an archive of one other language is read in it alone") {
    const ArchiveLanguages languages = languages_of_page("wahlen-de.html");
    REQUIRE(languages.analyses().size() == 1);
    CHECK(languages.analyses()[0].name == "german");
    CHECK(languages.analyses()[0].stopper != nullptr);
  }
  SUBCASE("several: the default first, taking what the others do not") {
    const ArchiveLanguages languages{Xapian::Database(multilingual_db())};
    REQUIRE(languages.analyses().size() == 3);
    CHECK(languages.analyses()[0].name == "english");
    CHECK(languages.analyses()[0].is_default);
    CHECK(languages.analyses()[1].name == "french");
    CHECK(languages.analyses()[2].name == "german");
    const Xapian::Query word("word");
    CHECK(languages.in_scope({0, 1, 2}, word).get_description() == word.get_description());
    CHECK(languages.in_scope({1}, word).get_description() == "Query((word FILTER Lfr))");
    CHECK(languages.in_scope({1, 2}, word).get_description() ==
          "Query((word FILTER (Lfr OR Lde)))");
    CHECK(languages.in_scope({0, 2}, word).get_description() == "Query((word AND_NOT Lfr))");
    CHECK(languages.stemmer_for("fr")("élections") == "élect");
    // A language without a stemmer is analysed as the default one.
    CHECK(languages.stemmer_for("ja")("elections") == "elect");
  }
}
