// An article's language as an ISO 639-1 code: the declared one normalised, else detected
// from the text with CLD2. Pure functions, safe on any thread.
#pragma once

#include <gazette/article.hpp>

#include <string>
#include <string_view>

namespace gazette::indexer {

/// The language CLD2 finds in `text` (UTF-8), as an ISO 639-1 code; empty when the text is
/// too short or CLD2 is not sure.
std::string detect_language(std::string_view text);

/// The language to record for `article`: its declared `lang` through language_tag, else the one
/// detected from its title and body; empty when neither says.
std::string article_language(const Article& article);

}  // namespace gazette::indexer
