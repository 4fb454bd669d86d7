// Article -> Xapian::Document: the indexing side of the schema in common/schema.hpp.
#include "indexer/src/document_builder.hpp"

#include <gazette/date.hpp>
#include <gazette/schema.hpp>

#include "common/src/analysis.hpp"
#include "common/src/record.hpp"
#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"
#include "indexer/src/fingerprint.hpp"
#include "indexer/src/language.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gazette::indexer {

namespace {
// The UTC day of `time` as "YYYYMMDD": the kDateYmd value and the kDayTerm suffix.
std::string date_ymd(Timestamp time) {
  const std::string date = format_date(time);  // YYYY-MM-DD
  return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
}

}  // namespace

DocumentBuilder::DocumentBuilder() {
  generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

Xapian::Document DocumentBuilder::build(const Article& article) {
  std::string lang = article_language(article);
  if (lang == article.lang) return build_with_language(article);
  Article with_lang = article;  // Copied only when the language was normalised or detected.
  with_lang.lang = std::move(lang);
  return build_with_language(with_lang);
}

const Xapian::Stem& DocumentBuilder::stemmer_for(const std::string& lang) {
  if (const auto found = stemmers_.find(lang); found != stemmers_.end()) return found->second;
  return stemmers_.emplace(lang, analysis::make_stemmer(lang)).first->second;
}

Xapian::Document DocumentBuilder::build_with_language(const Article& article) {
  Xapian::Document doc;
  generator_.set_stemmer(stemmer_for(article.lang));
  generator_.set_document(doc);
  index_free_text(article);
  add_boolean_terms(doc, article);
  add_values(doc, article);
  add_fingerprint(doc, article.body);  // The cluster key needs the database: see indexer.
  // Let go of the document: it goes to the writer thread, and Xapian's reference counts
  // are not atomic, so the generator must not hold a reference it drops later here.
  generator_.set_document(Xapian::Document());
  doc.set_data(record::encode(article));
  return doc;
}

void DocumentBuilder::index_free_text(const Article& article) {
  namespace s = schema;
  // The position gap keeps phrases from matching across field boundaries.
  auto next_field = [this] { generator_.increase_termpos(s::kFieldPositionGap); };
  generator_.index_text(article.title, 1, std::string(s::kTitle));
  next_field();
  // Title words also unprefixed, with a higher wdf, so plain queries favour title matches.
  generator_.index_text(article.title, s::kTitleWdfBoost);
  next_field();
  generator_.index_text(article.body);
  for (const auto& author : article.authors) {
    next_field();
    generator_.index_text(author, 1, std::string(s::kAuthor));
  }
  if (!article.source.empty()) {
    next_field();
    generator_.index_text(article.source, 1, std::string(s::kSourceName));
  }
}

void DocumentBuilder::add_boolean_terms(Xapian::Document& doc, const Article& article) {
  namespace s = schema;
  auto add = [&doc](std::string_view prefix, std::string_view value) {
    if (!value.empty()) doc.add_boolean_term(s::boolean_term(prefix, value));
  };
  add(s::kKey, article.id);
  add(s::kLang, article.lang);
  for (const auto& tag : article.tags)
    add(s::kTag, text::to_lower_ascii(tag));
  add(s::kHost, url_host(article.url));
  add(s::kUrl, article.url);
  add(s::kSourceSlug, s::source_slug(article.source));
  add(s::kFormat, article.format);
  add(s::kPath, article.origin.path);
  if (article.published) {
    const std::string ymd = date_ymd(*article.published);
    add(s::kDayTerm, ymd);
    add(s::kMonthTerm, ymd.substr(0, 6));
    add(s::kYearTerm, ymd.substr(0, 4));
  }
}

void DocumentBuilder::add_values(Xapian::Document& doc, const Article& article) {
  namespace s = schema;
  if (article.published) {
    const auto seconds = article.published->time_since_epoch().count();
    doc.add_value(s::kPublishedTime, Xapian::sortable_serialise(static_cast<double>(seconds)));
    const std::string ymd = date_ymd(*article.published);
    doc.add_value(s::kDateYmd, ymd);
    doc.add_value(s::kYear, ymd.substr(0, 4));
    doc.add_value(s::kYearMonth, ymd.substr(0, 6));
  }
  if (const std::string slug = s::source_slug(article.source); !slug.empty()) {
    doc.add_value(s::kSource, slug);
  }
  if (!article.lang.empty()) doc.add_value(s::kLanguage, article.lang);
  if (const std::string tags = tag_list(article.tags); !tags.empty()) doc.add_value(s::kTags, tags);
}

std::string tag_list(const std::vector<std::string>& tags) {
  std::vector<std::string> lowered;
  for (const auto& tag : tags) {
    std::string t = text::to_lower_ascii(tag);
    std::replace(t.begin(), t.end(), schema::kTagSeparator, ' ');
    if (!t.empty()) text::add_unique(lowered, t);
  }
  std::string out;
  for (const auto& t : lowered) {
    if (!out.empty()) out += schema::kTagSeparator;
    out += t;
  }
  return out;
}

}  // namespace gazette::indexer
