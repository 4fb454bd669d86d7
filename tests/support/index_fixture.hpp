// Builds small Gazette databases from hand-made Articles for searcher and indexer tests.
#pragma once

#include <gazette/article.hpp>
#include <gazette/date.hpp>
#include <gazette/indexer.hpp>

#include "tests/support/test_support.hpp"

#include <string>
#include <vector>

namespace gazette::test {

/// An article with the given key, title and body (other fields empty).
inline Article make_article(std::string id, std::string title, std::string body) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  a.format = "text";
  a.origin.path = "/archive/" + a.id;
  return a;
}

/// A database in a temporary directory holding `articles`, committed.
class IndexFixture {
 public:
  explicit IndexFixture(const std::vector<Article>& articles) {
    Indexer indexer(db_path());
    for (const auto& a : articles)
      indexer.add_article(a);
    indexer.commit();
  }
  std::string db_path() const { return (dir_.path() / "db").string(); }

 private:
  TempDir dir_;
};

}  // namespace gazette::test
