// Tests for indexer/src/fingerprint.cpp: MinHash fingerprints, LSH lookup terms and the
// duplicate-cluster keys the indexer stores, on hand-made stories and on Reuters-21578.
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>

#include "common/src/record.hpp"
#include "common/src/text.hpp"
#include "indexer/src/fingerprint.hpp"
#include "tests/support/index_fixture.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace gazette;
using namespace gazette::indexer;
using gazette::test::make_article;

namespace {

// Two different stories on the same topic (about 120 words each), as a wire would send them.
const std::string kOilStory =
    "LONDON, March 9 - Crude oil prices rose sharply on Monday after the Organisation of "
    "Petroleum Exporting Countries agreed to extend its production ceiling until the end of "
    "the year, traders said. Brent crude for April delivery climbed 1.20 dlrs to 18.40 dlrs a "
    "barrel in early trading, its highest level since January. Analysts said the agreement "
    "removed fears of a price war among the largest producers, which had weighed on the "
    "market for weeks. Saudi Arabia, the largest exporter, has pledged to keep output at "
    "4.35 mln barrels per day, and Kuwait and the United Arab Emirates said they would "
    "respect their quotas. Some dealers warned that compliance had been poor in the past and "
    "that stocks in consuming countries remained high. The next ministerial meeting is due "
    "in June in Vienna, where members will review the accord.";
const std::string kOtherOilStory =
    "NEW YORK, March 9 - American oil companies cut their spending on exploration for the "
    "second year running, a survey by an industry group showed on Monday, as low prices "
    "squeezed budgets across the sector. The survey of 300 companies found that outlays on "
    "drilling fell 23 pct last year to 11.2 billion dlrs, and executives expect a further "
    "decline this year. Independent producers were hit hardest, with many shutting in "
    "marginal wells in Texas and Oklahoma. The group said the number of active rigs had "
    "dropped to its lowest level since records began in 1940. It urged Congress to restore "
    "tax incentives for domestic drilling, arguing that rising imports threatened national "
    "security. Major companies said they would focus on cutting costs and buying reserves.";

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// First `n` normalised words of `text`, as a set.
std::set<std::string> first_words(std::string_view text, std::size_t n) {
  std::istringstream in(normalise_for_fingerprint(text));
  std::set<std::string> words;
  std::string word;
  while (words.size() < n && in >> word)
    words.insert(word);
  return words;
}

// The share of the smaller word set that the other one also has.
double shared_share(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  std::size_t common = 0;
  for (const auto& w : a)
    common += b.contains(w);
  return static_cast<double>(common) / static_cast<double>(std::min(a.size(), b.size()));
}

std::string cluster_of(const Xapian::Database& db, const std::string& key) {
  const std::string term = schema::key_term(key);
  REQUIRE(db.get_termfreq(term) == 1);
  return db.get_document(*db.postlist_begin(term)).get_value(schema::kClusterKey);
}

}  // namespace

TEST_CASE("fingerprint: normalisation lower-cases and drops punctuation") {
  const struct {
    std::string in, out;
  } cases[] = {
      {"Net 2,028,000 vs. 1,879,000", "net 2028000 vs 1879000"},
      {"  U.K. money -- market\n\tshortage  ", "uk money market shortage"},
      {"", ""},
      {"... - !", ""},
      {"Zürich BANK", "zürich bank"},  // Non-ASCII letters are kept as they are.
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(normalise_for_fingerprint(c.in) == c.out);
  }
}

TEST_CASE("fingerprint: deterministic, and the stored form round-trips") {
  const Fingerprint fp = fingerprint(kOilStory);
  CHECK(fp == fingerprint(kOilStory));
  CHECK(fp.minhash.size() == kMinHashes);
  CHECK(decode_fingerprint(encode_fingerprint(fp)) == fp);
  CHECK(lookup_terms(fp) == lookup_terms(fingerprint(kOilStory)));
  CHECK(lookup_terms(fp).size() == 1 + kBands);
  CHECK(encode_fingerprint(fingerprint("one two three")) ==
        encode_fingerprint(fingerprint("One, two... THREE!")));
  const Fingerprint short_fp = fingerprint("Qtly div 20 cts vs 20 cts previously");
  CHECK(short_fp.minhash.empty());
  CHECK(decode_fingerprint(encode_fingerprint(short_fp)) == short_fp);
  CHECK(lookup_terms(short_fp).size() == 1);
  CHECK(fingerprint("  ... ").exact == 0);
  CHECK(lookup_terms(fingerprint("")).empty());
  for (const char* bad : {"", "xyz", "0000000000000000", "0123456789abcdeG", "0123456789abcdef0"}) {
    CAPTURE(bad);
    CHECK_FALSE(decode_fingerprint(bad));
  }
}

TEST_CASE("fingerprint: which bodies are the same story") {
  const std::string changed_sentence =
      replaced(kOilStory, "Some dealers warned that compliance had been poor in the past",
               "Several brokers cautioned that members had often exceeded their quotas");
  const struct {
    const char* what;
    std::string a, b;
    bool same;
  } cases[] = {
      {"identical", kOilStory, kOilStory, true},
      {"case, spacing and punctuation", kOilStory,
       text::to_lower_ascii(replaced(kOilStory, "traders said.", "traders  said ;")), true},
      {"a changed sentence", kOilStory, changed_sentence, true},
      {"a byline added", kOilStory, "By Jane Doe, Reuters\n" + kOilStory, true},
      {"a different dateline", kOilStory,
       replaced(kOilStory, "LONDON, March 9", "SINGAPORE, March 10"), true},
      {"the last sentence dropped", kOilStory,
       replaced(kOilStory,
                " The next ministerial meeting is due in June in Vienna, where members "
                "will review the accord.",
                ""),
       true},
      {"another story on the same topic", kOilStory, kOtherOilStory, false},
      {"the first half of one, the second of the other", kOilStory,
       kOilStory.substr(0, kOilStory.size() / 2) + kOtherOilStory.substr(kOtherOilStory.size() / 2),
       false},
      {"identical short bodies", "Qtly div 20 cts vs 20 cts previously. Pay April 15",
       "Qtly div 20 cts vs 20 cts previously. Pay April 15", true},
      {"short bodies one word apart", "Qtly div 20 cts vs 20 cts previously. Pay April 15",
       "Qtly div 20 cts vs 20 cts previously. Pay April 16", false},
      {"a short body inside a long one", "Crude oil prices rose sharply on Monday", kOilStory,
       false},
      {"empty bodies", "", "", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    const Fingerprint a = fingerprint(c.a), b = fingerprint(c.b);
    CAPTURE(estimated_jaccard(a, b));
    CHECK(same_story(a, b) == c.same);
    CHECK(same_story(b, a) == c.same);
  }
}

TEST_CASE("fingerprint: the indexer stores fingerprints, band terms and cluster keys") {
  const std::string copy = replaced(kOilStory, "LONDON, March 9", "LONDON, March 10");
  const test::IndexFixture index({
      make_article("wire/a", "Oil rises", kOilStory),
      make_article("wire/b", "Other", kOtherOilStory),
      make_article("wire/c", "Oil rises (corrected)", copy),
      make_article("wire/d", "Oil rises", kOilStory),
      make_article("brief/1", "OPEC MEETS", ""),
      make_article("brief/2", "OIL PRICES FALL", ""),
      make_article("brief/3", "OPEC MEETS", "Blah blah blah."),
      make_article("brief/4", "OIL PRICES FALL", "Blah blah blah!"),
      make_article("short/1", "Dividend", "Qtly div 20 cts vs 20 cts previously"),
      make_article("short/2", "Dividend", "Qtly div 21 cts vs 20 cts previously"),
  });
  Xapian::Database db(index.db_path());
  const std::string a = cluster_of(db, "wire/a");
  CHECK(a.size() == 16);
  CHECK(cluster_of(db, "wire/c") == a);
  CHECK(cluster_of(db, "wire/d") == a);
  CHECK(cluster_of(db, "wire/b") != a);
  CHECK(cluster_of(db, "brief/1") != cluster_of(db, "brief/2"));  // No body: never a copy.
  CHECK(cluster_of(db, "brief/3") == cluster_of(db, "brief/4"));  // Identical once normalised.
  CHECK(cluster_of(db, "short/1") != cluster_of(db, "short/2"));

  const Xapian::Document doc = db.get_document(*db.postlist_begin("Qwire/a"));
  CHECK(decode_fingerprint(doc.get_value(schema::kFingerprint)) == fingerprint(kOilStory));
  for (const auto& term : lookup_terms(fingerprint(kOilStory))) {
    CAPTURE(term);
    CHECK(term.starts_with("XLSH"));
    CHECK(db.get_termfreq(term) >= 2);  // wire/a and wire/d at least.
  }
}

TEST_CASE("fingerprint: clusters are stable across re-indexing and deletions") {
  test::TempDir dir;
  dir.write("archive/1.txt", "Oil rises\n\n" + kOilStory + "\n");
  dir.write("archive/2.txt", "Oil rises again\n\n" + replaced(kOilStory, "LONDON", "PARIS") + "\n");
  dir.write("archive/3.txt", "Drilling falls\n\n" + kOtherOilStory + "\n");
  const std::string db_path = (dir.path() / "db").string();
  auto clusters = [&] {
    Xapian::Database db(db_path);
    std::map<std::string, std::string> by_key;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const Xapian::Document doc = db.get_document(*it);
      by_key[record::decode(doc.get_data()).id] = doc.get_value(schema::kClusterKey);
    }
    return by_key;
  };
  Indexer(db_path).add_paths({(dir.path() / "archive").string()});
  const auto first = clusters();
  REQUIRE(first.size() == 3);
  const auto& [key1, cluster1] = *first.begin();
  CHECK(std::next(first.begin())->second == cluster1);
  CHECK(std::prev(first.end())->second != cluster1);

  // The same stories with a trailing newline (so the files are read again), re-indexed
  // newest first: each finds its own previous version before any other copy.
  for (const char* name : {"3.txt", "2.txt", "1.txt"}) {
    const std::string relative = std::string("archive/") + name;
    const auto path = dir.write(relative, test::read_file(dir.path() / relative) + "\n");
    Indexer(db_path).add_paths({path.string()});
  }
  CHECK(clusters() == first);

  // The cluster's first article goes: the copy keeps the (now rootless) cluster key.
  fs::remove(dir.path() / "archive" / "1.txt");
  Indexer(db_path).update();
  auto after = clusters();
  CHECK(after.size() == 2);
  CHECK_FALSE(after.contains(key1));
  CHECK(after.begin()->second == cluster1);
}

TEST_CASE("fingerprint: Reuters-21578 identical bodies cluster, clusters hold one story") {
  const fs::path corpus = test::corpus_or_skip("reuters21578");
  if (corpus.empty()) return;
  test::TempDir dir;
  const std::string db_path = (dir.path() / "db").string();
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("reut2-") && name.ends_with(".sgm"))
      files.push_back(entry.path().string());
  }
  REQUIRE(files.size() == 22);
  const auto start = std::chrono::steady_clock::now();
  IndexerOptions options;
  options.spelling = false;  // Not what this test is about, and a third of the time.
  Indexer(db_path, options).add_paths(files);
  MESSAGE("indexed in "
          << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
          << " s");

  struct Member {
    std::string title, body;
  };
  Xapian::Database db(db_path);
  struct Group {
    std::size_t count = 0;
    std::set<std::string> clusters;
  };
  std::map<std::string, Group> groups;  // By body, whitespace collapsed.
  std::map<std::string, std::vector<Member>> members_by_cluster;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const Article article = record::decode(doc.get_data());
    const std::string cluster = doc.get_value(schema::kClusterKey);
    REQUIRE_FALSE(cluster.empty());
    const std::string body = text::collapse_whitespace(article.body);
    if (!body.empty()) {
      ++groups[body].count;
      groups[body].clusters.insert(cluster);
    }
    members_by_cluster[cluster].push_back({article.title, article.body});
  }
  CHECK(db.get_doccount() == 21578);

  std::size_t identical_groups = 0, split_groups = 0;
  for (const auto& [body, group] : groups) {
    (void)body;
    identical_groups += group.count > 1;
    split_groups += group.clusters.size() > 1;
  }
  std::vector<const std::vector<Member>*> multi;
  for (const auto& [cluster, members] : members_by_cluster) {
    (void)cluster;
    if (members.size() > 1) multi.push_back(&members);
  }
  MESSAGE(identical_groups << " groups of identical bodies; " << multi.size()
                           << " clusters of two or more articles");
  CHECK(identical_groups >= 250);  // The corpus README counts 260 (before datelines).
  CHECK(split_groups == 0);

  // A sample of clusters: every member shares most title or opening words with the first.
  std::mt19937 rng(21578);
  std::shuffle(multi.begin(), multi.end(), rng);
  double total_share = 0;
  std::size_t pairs = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(20, multi.size()); ++i) {
    const auto& members = *multi[i];
    for (std::size_t j = 1; j < members.size(); ++j) {
      const double share = std::max(
          shared_share(first_words(members[0].title, 20), first_words(members[j].title, 20)),
          shared_share(first_words(members[0].body, 20), first_words(members[j].body, 20)));
      CAPTURE(members[0].title);
      CAPTURE(members[j].title);
      CHECK(share >= 0.5);
      total_share += share;
      ++pairs;
    }
  }
  REQUIRE(pairs > 0);
  MESSAGE("mean shared-word share in sampled clusters: " << total_share / pairs);
  CHECK(total_share / pairs >= 0.8);
}
