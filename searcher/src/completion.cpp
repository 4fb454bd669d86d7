// Query completion: see completion.hpp.
#include "searcher/src/completion.hpp"

#include <algorithm>
#include <utility>

namespace gazette::searcher {
namespace {

// Where the last run of word characters of `text` begins (text.size() when it ends in
// none), by Xapian's own idea of a word character, so it agrees with the indexer.
std::size_t last_word_begin(std::string_view text) {
  std::size_t begin = text.size();
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    const auto offset = static_cast<std::size_t>(it.raw() - text.data());
    if (!Xapian::Unicode::is_wordchar(*it)) {
      begin = text.size();
    } else if (begin == text.size()) {
      begin = offset;
    }
  }
  return begin;
}

std::string lower_case(std::string_view word) {
  std::string out;
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it)
    Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
  return out;
}

}  // namespace

std::vector<std::string> complete_query(const Xapian::Database& db, std::string_view partial,
                                        std::size_t limit) {
  const std::size_t begin = last_word_begin(partial);
  if (begin == partial.size() || limit == 0) return {};
  const std::string prefix = lower_case(partial.substr(begin));
  // Unprefixed terms are the body's and titles' unstemmed words; field and filter terms
  // start with a capital prefix, so a lower-case prefix never reaches them.
  std::vector<std::pair<Xapian::doccount, std::string>> words;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    if (++scanned > kMaxTermsScanned) break;
    words.emplace_back(it.get_termfreq(), *it);
  }
  const std::size_t kept = std::min(limit, words.size());
  std::partial_sort(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(kept), words.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  std::vector<std::string> completions;
  const std::string_view typed = partial.substr(0, begin);
  for (std::size_t i = 0; i < kept; ++i)
    completions.push_back(std::string(typed) + words[i].second);
  return completions;
}

}  // namespace gazette::searcher
