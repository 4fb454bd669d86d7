// Snippets: the best passage of an article for a query (Gazette's passage finder, see
// passages.hpp), as one line of plain text plus highlight spans, so every output format can
// mark matches its own way.
#pragma once

#include <gazette/searcher.hpp>

#include "searcher/src/passages.hpp"

#include <xapian.h>

#include <string_view>

namespace gazette::searcher {

/// The best passage of `text` for the query words `words`, about `length` bytes long (see
/// find_passages(): the window with the most distinct query words, stemmed forms included,
/// opening at a sentence start when one is near), as snippet_of_passage() makes it. The
/// opening of `text` when no query word occurs in it; empty for an empty text.
Snippet make_snippet(std::string_view text, const QueryWords& words, const Xapian::Stem& stemmer,
                     std::size_t length);

/// `passage` of `text` as a one-line snippet, with the punctuation that follows it when that
/// ends a sentence (". ! ?" and closing quotes): each run of white space becomes one space,
/// highlights separated by a single space are joined ("<mark>Six Nations</mark>"), and "…"
/// marks a cut into a sentence (at the start when the passage does not open a sentence, at
/// the end when it stops before a sentence's end).
Snippet snippet_of_passage(std::string_view text, const Passage& passage);

}  // namespace gazette::searcher
