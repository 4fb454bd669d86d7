// "Did you mean": the query with its misspelt words corrected from the index's own
// vocabulary (the spelling table the indexer keeps; see indexer/src/spelling.hpp).
#pragma once

#include "searcher/src/languages.hpp"

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace gazette::searcher {

/// The whole query again with each misspelt word replaced by Xapian's spelling suggestion,
/// or nothing when no word needs one (or the database keeps no spelling data).
///
/// A word is misspelt when it matches no article. A word in only one article is taken for
/// a typo that made it into the archive when it has 5 letters or more and the suggestion is
/// one edit away, starts with the same letter and is in at least 3 articles and 10 times as
/// many ("goverment" -> "government"), so most real rare words ("rover") are left alone. A
/// word "matches" through its unstemmed term or its stem in any of `languages` (those the
/// query is parsed with), in the field it searches: a plain word in the body and title,
/// `title:`/`author:`/`publication:` words in that field; a suggestion is only made if it
/// matches in that field too. Field names, filter values
/// (`date:` `year:` `source:` `lang:` `tag:` `site:`), quotes, brackets, `+`/`-`, operators
/// (AND OR NOT XOR NEAR ADJ), wildcards (`econom*`) and words with digits are kept as they
/// are; only misspelt words change. Words of fewer than 3 letters are never corrected, and
/// words of up to 4 letters only by one edit. A corrected word starting with a capital
/// letter keeps it ("Parliment" -> "Parliament"); otherwise the suggestion is lower-case.
std::optional<std::string> suggest_query(const Xapian::Database& db, std::string_view query,
                                         const ArchiveLanguages& languages);

}  // namespace gazette::searcher
