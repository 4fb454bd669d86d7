// Bylines ("By Jane Doe, Associated Press") and datelines ("WASHINGTON (AP) —") of news
// articles: who wrote the story, for which wire agency, and where it was filed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::indexer {

/// The people and the agency a byline names.
struct BylineParts {
  std::vector<std::string> authors;  // title-cased when the byline is in capitals
  std::string agency;                // canonical name ("Associated Press"), or empty
};

/// Splits a byline into authors and agency: "By Jane Doe, Associated Press",
/// "By JANE DOE and JOHN ROE / Reuters", "Jane Doe | AP", "By The Associated Press".
/// Without a leading "By" the text must name an agency beside the names ("Jane Doe | AP"),
/// since a bare pair of capitalised words is as likely a heading. Returns nullopt for
/// anything else, sentences ("By the time he arrived...") and datelines included.
/// `marked` says the page marks the text as a byline (class="byline", <meta name=author>):
/// then a bare name counts, and words after the names ("Updated: Wednesday") are ignored.
std::optional<BylineParts> parse_byline(std::string_view text, bool marked = false);

/// The canonical name of a news agency ("AP", "The Associated Press" -> "Associated Press"),
/// or an empty string when `name` is no agency in the table.
std::string agency_name(std::string_view name);

/// A dateline opening an article: "WASHINGTON (AP) —", "LONDON, June 12 (Reuters) -",
/// "NEW YORK —", "LOS ANGELES, Calif. (AP) --".
struct Dateline {
  std::string place;       // as printed, title-cased: "Washington", "Los Angeles, Calif."
  std::string agency;      // canonical agency name, or empty
  std::size_t length = 0;  // bytes of `text` the dateline and its dash take up
};

/// The dateline at the start of `text` (an article's first paragraph), if there is one.
std::optional<Dateline> parse_dateline(std::string_view text);

/// "JANE O'DOE-SMITH" -> "Jane O'Doe-Smith"; text with any lower-case letter is unchanged.
std::string title_case_if_capitals(std::string_view text);

}  // namespace gazette::indexer
