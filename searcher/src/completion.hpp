// Completions of a partly typed query (a search box's suggestions), from the words the
// archive holds.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::searcher {

/// `partial` with its last word completed to the unstemmed words of the index that begin
/// with it (compared lower-cased), those in most articles first, at most `limit` of them.
/// The text before the last word is kept as typed. Empty when `partial` does not end in a
/// word (empty, or ending in a space or punctuation). At most kMaxTermsScanned words are
/// looked at, so a one-letter prefix on a large archive stays quick.
std::vector<std::string> complete_query(const Xapian::Database& db, std::string_view partial,
                                        std::size_t limit);

/// How many index words one completion reads at most.
inline constexpr std::size_t kMaxTermsScanned = 200'000;

}  // namespace gazette::searcher
