// A varied newsroom for filter, sort and collapse tests: 50 articles spread over three
// years, three sources, four languages, tags and bylines, every tenth one undated; plus a
// way to put articles into duplicate clusters by hand (the indexer's clustering is not
// what these tests are about).
#pragma once

#include <gazette/article.hpp>
#include <gazette/date.hpp>
#include <gazette/schema.hpp>

#include "tests/support/index_fixture.hpp"

#include <xapian.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace gazette::test {

inline constexpr int kVariedCount = 50;

inline std::vector<Article> varied_articles() {
  using namespace std::chrono;
  static const char* const kSources[] = {"Reuters", "BBC News", "The New York Times"};
  static const char* const kHosts[] = {"www.reuters.com", "bbc.co.uk", "nytimes.com"};
  static const char* const kLangs[] = {"en", "en", "fr", "de"};
  static const char* const kAuthors[] = {"Jane Doe", "John Smith", "Jane Doe Smith", ""};
  const sys_days start = sys_days(year(1986) / January / 1);
  std::vector<Article> v;
  for (int i = 0; i < kVariedCount; ++i) {
    const std::string n = std::to_string(i);
    Article a = make_article("a" + n, "Harvest report " + n, "The harvest report number " + n);
    // Every 23 days from 1986-01-01 (some hours in), so months, years and 29 Feb 1988 vary.
    if (i % 10 != 9) a.published = Timestamp(start + days(23 * i) + hours(i % 24));
    a.source = kSources[i % 3];
    a.url = std::string("https://") + kHosts[i % 3] + "/story/" + n;
    a.lang = kLangs[i % 4];
    if (i % 2 == 0) a.tags.push_back("Grain");
    if (i % 5 == 0) a.tags.push_back("crude");
    if (*kAuthors[i % 4]) a.authors.push_back(kAuthors[i % 4]);
    v.push_back(std::move(a));
  }
  return v;
}

/// "YYYYMMDD" of an article's date, or "" when undated.
inline std::string ymd_of(const Article& a) {
  if (!a.published) return {};
  std::string d = format_date(*a.published);
  return d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
}

/// Gives the articles with these keys the duplicate-cluster value written next to them.
inline void set_clusters(const std::string& db_path,
                         const std::map<std::string, std::string>& cluster_of_key) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
  for (const auto& [key, cluster] : cluster_of_key) {
    const Xapian::docid id = *db.postlist_begin(schema::key_term(key));
    Xapian::Document doc = db.get_document(id);
    doc.add_value(schema::kClusterKey, cluster);
    db.replace_document(id, doc);
  }
  db.commit();
}

}  // namespace gazette::test
