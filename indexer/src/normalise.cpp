// The normalisation pass after every reader (see normalise.hpp).
#include "indexer/src/normalise.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"

#include <chrono>

namespace gazette::indexer {
namespace {

// Each entry one line, empty and repeated (any case) ones dropped: text::add_unique's rule.
void normalise_list(std::vector<std::string>& list) {
  std::vector<std::string> kept;
  kept.reserve(list.size());
  for (const std::string& item : list)
    text::add_unique(kept, one_line(item));
  list = std::move(kept);
}

// clean_text already trims lines and shrinks blank runs to one, which is the paragraph rule.
std::string normalise_body(const std::string& body) {
  const std::string text = has_html_markup(body) ? html_to_text(body) : body;
  return std::string(text::trim(text::clean_text(text)));
}

bool plausible(Timestamp time) {
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(time)};
  const int year = static_cast<int>(day.year());
  return year >= kEarliestYear && year <= kLatestYear;
}

}  // namespace

Normalised normalise_article(Article& article) {
  Normalised result;
  article.title = one_line(article.title);
  article.body = normalise_body(article.body);
  article.lang = language_tag(article.lang);
  normalise_list(article.authors);
  normalise_list(article.tags);
  article.url = std::string(text::trim(article.url));
  article.source = one_line(article.source);
  if (article.source.empty()) article.source = url_site(article.url);
  if (article.published && !plausible(*article.published)) {
    article.published.reset();
    result.date_dropped = true;
  }
  return result;
}

}  // namespace gazette::indexer
