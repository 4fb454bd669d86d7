// The extraction toolkit every reader shares: markup to text, language tags, URL hosts,
// bylines, one-line fields and paragraphs, so that the same field reads the same way
// whatever the format it came in. Pure functions of their arguments, safe on any thread.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::indexer {

// ---- Text ---------------------------------------------------------------------------------

/// One line of clean text, for titles, names, sources and ids: control characters and
/// no-break spaces cleaned (text::clean_text), every run of whitespace one space, trimmed.
/// Entities are not decoded: pass text::decode_entities(raw) where the format escapes them.
std::string one_line(std::string_view text);

/// Appends `paragraph`, made one line, to `body` after a "\n\n"; nothing when it is blank.
/// The one way readers build a body from paragraphs they found.
void append_paragraph(std::string& body, std::string_view paragraph);

/// An HTML fragment or page (an RSS description, a JSON body written in HTML) as paragraph
/// text, parsed with libxml2: blocks separated by "\n\n", entities decoded, scripts,
/// styles and other non-content elements and link-list blocks ("More on this story")
/// dropped. Text without markup is plain text whose blank lines separate paragraphs.
/// Never throws; malformed markup (unclosed tags) is recovered as browsers do.
/// Defined in html_reader.cpp beside the renderer it shares with the page reader.
std::string html_to_text(std::string_view html);

/// True when `text` holds HTML block markup ("<p>", "</p>", "<br", "<div"), any case:
/// text that must go through html_to_text. A bare '<' ("a < b", Reuters' "<ACME CORP>")
/// is not markup.
bool has_html_markup(std::string_view text);

// ---- Languages ----------------------------------------------------------------------------

/// A declared language as an ISO 639-1 code: "en-US" -> "en", "EN_us" -> "en",
/// "English" -> "en", "fre"/"fra" -> "fr", "zh-Hant" -> "zh", "iw" -> "he". Languages
/// without a two-letter code keep their three-letter one ("haw"); empty for what is not a
/// language ("und", "x", "", "12").
std::string language_tag(std::string_view declared);

// ---- URLs ---------------------------------------------------------------------------------

/// The host part of a URL, lower-cased: "https://www.BBC.co.uk:443/news" -> "www.bbc.co.uk",
/// "http://user:pw@host/" -> "host", "http://[::1]:8080/" -> "[::1]", "//cdn.example/x"
/// -> "cdn.example". Empty when `url` has no scheme or "//" and host ("http://", "x.html").
std::string url_host(std::string_view url);

/// The host without a leading "www.": "https://www.bbc.co.uk/x" -> "bbc.co.uk". The name of
/// a site when it gives no other, and what its title decorations are compared with.
std::string url_site(std::string_view url);

// ---- Titles -------------------------------------------------------------------------------

/// Separators between a headline and the site or section names a page title adds
/// ("Storm hits coast | World | Daily Planet"). ": " is not one of them: it is far more
/// often part of the headline ("Analysis: Why Romney lost").
inline constexpr std::array<std::string_view, 8> kTitleSeparators = {
    " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ", " / ", " \xC2\xB7 "};

/// The length of the kTitleSeparators entry starting at `title[pos]`, 0 if none does.
std::size_t title_separator_at(std::string_view title, std::size_t pos) noexcept;

// ---- People -------------------------------------------------------------------------------

/// The names in a plain byline as printed: "By JOHN SMITH and JANE DOE, Times Staff Writers"
/// -> {"JOHN SMITH", "JANE DOE"}. A leading "By"/"By:" goes, the affiliation after the first
/// comma goes, names are split at " and ", " & " and ";". A byline naming only a role
/// ("By Staff Writer") gives none. Capitals are kept: wire copy spells names so.
std::vector<std::string> byline_authors(std::string_view byline);

/// `byline` without a leading "By " or "By:" (any case) and the space around it.
std::string_view without_by(std::string_view byline) noexcept;

/// The comment of an address written "jane@example.com (Jane Doe)": "Jane Doe"; empty
/// when there is none. RSS <author> and old e-mail From lines name people so.
std::string address_comment(std::string_view address);

}  // namespace gazette::indexer
