// Reader for Reuters-21578 SGML: <REUTERS> elements keyed by their NEWID, with the TOPICS,
// PLACES, PEOPLE, ORGS and EXCHANGES categories as tags.
#include "indexer/src/reuters_reader.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"
#include "indexer/src/sgml.hpp"

#include <algorithm>
#include <array>
#include <span>

namespace gazette::indexer {
namespace {

// The category lists; their names do not overlap, so tags carry no category prefix and
// `tag:usa` or `tag:cocoa` find what a Reuters-21578 user expects.
constexpr std::array<std::string_view, 6> kCategories = {"TOPICS", "PLACES",    "PEOPLE",
                                                         "ORGS",   "EXCHANGES", "COMPANIES"};

bool is_one_of(std::string_view name, std::span<const std::string_view> names) {
  return std::any_of(names.begin(), names.end(),
                     [&](std::string_view n) { return text::equals_nocase(n, name); });
}

bool is_category(std::string_view name) {
  return is_one_of(name, kCategories);
}

bool is_story_field(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kOthers = {"DATE", "TEXT", "UNKNOWN", "MKNOTE"};
  return is_category(name) || is_one_of(name, kOthers);
}

bool is_text_field(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kTextFields = {"TITLE", "DATELINE", "BODY",
                                                                  "AUTHOR"};
  return is_one_of(name, kTextFields);
}

bool is_category_entry(std::string_view name) {
  return text::equals_nocase(name, "D");
}

// "27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM" or "9-APR-1987 00:00:00.00 # date added by S
// Finch": routing codes and notes follow the time.
std::string date_text(std::string_view content) {
  return sgml::line_text(content.substr(0, content.find('#')));
}

// Stories end with the wire signature " Reuter\n&#3;" (also "REUTER", "Reuter..."), which
// is not article text.
std::string_view without_signature(std::string_view raw) {
  raw = text::trim(raw);
  if (raw.ends_with("&#3;")) raw = text::trim(raw.substr(0, raw.size() - 4));
  const std::size_t line_start = raw.find_last_of('\n') + 1;  // 0 when there is one line.
  std::string_view last = text::trim(raw.substr(line_start));
  while (last.ends_with('.'))
    last.remove_suffix(1);
  if (text::equals_nocase(last, "reuter")) raw = raw.substr(0, line_start);
  return raw;
}

// Unprocessed stories (tables, market reports) keep their raw lines.
std::string raw_body(std::string_view content) {
  return std::string(
      text::trim(text::clean_text(text::decode_entities(without_signature(content)))));
}

void add_categories(const sgml::Field& list, Article& article, sgml::Context& context) {
  for (const auto& entry :
       sgml::nested_fields(list.content, is_category_entry, list.closed, context).fields)
    text::add_unique(article.tags, text::to_lower_ascii(sgml::line_text(entry.content)));
}

// TITLE, DATELINE, BODY and AUTHOR of a normal or BRIEF story.
void read_text_fields(const sgml::Field& text_field, bool brief, Article& article,
                      sgml::Context& context) {
  std::string dateline;
  const sgml::Fields fields =
      sgml::nested_fields(text_field.content, is_text_field, text_field.closed, context);
  for (const auto& field : fields.fields) {
    if (text::equals_nocase(field.name, "TITLE")) {
      if (article.title.empty()) article.title = sgml::line_text(field.content);
    } else if (text::equals_nocase(field.name, "DATELINE")) {
      dateline = sgml::line_text(field.content);
    } else if (text::equals_nocase(field.name, "AUTHOR")) {
      for (auto& name : byline_authors(sgml::line_text(field.content)))
        text::add_unique(article.authors, std::move(name));
    } else if (!brief && article.body.empty()) {
      article.body = sgml::paragraphs(without_signature(field.content));
    }
  }
  if (!article.body.empty()) article.body = sgml::with_dateline(dateline, std::move(article.body));
}

void read_story_text(const sgml::Field& text_field, Article& article, sgml::Context& context) {
  const std::string_view type = sgml::attribute(text_field.attributes, "TYPE");
  if (text::equals_nocase(type, "UNPROC")) {
    article.body = raw_body(text_field.content);
  } else {
    // A BRIEF story is a headline; the text after it is the filler "Blah blah blah.".
    read_text_fields(text_field, text::equals_nocase(type, "BRIEF"), article, context);
  }
}

void read_story(const sgml::Document& doc, std::size_t ordinal, sgml::Context& context) {
  const sgml::Fields fields = sgml::document_fields(doc, is_story_field, context);
  Article article;
  for (const auto& field : fields.fields) {
    if (text::equals_nocase(field.name, "DATE")) {
      if (!article.published) {
        article.published = parse_date_noting(date_text(field.content), context.reporter);
      }
    } else if (is_category(field.name)) {
      add_categories(field, article, context);
    } else if (text::equals_nocase(field.name, "TEXT")) {
      read_story_text(field, article, context);
    }
  }
  const bool has_text = !article.title.empty() || !article.body.empty();
  if (!sgml::accept_end(doc, fields, has_text, "REUTERS", context)) return;
  // A story without text (NEWID 12793 is one) is still a record of the collection: it is
  // kept, so that all 21,578 NEWIDs are in the index.
  const std::string location = context.location(doc.begin);
  article.source = "Reuters";
  article.lang = "en";  // Reuters-21578 is an English collection.
  const std::string newid(text::trim(sgml::attribute(doc.attributes, "NEWID")));
  article.origin.position = context.keys.key(newid, ordinal, location, context.reporter);
  article.docno = newid;
  context.reporter.article(std::move(article));
}

}  // namespace

void read_reuters(std::string_view bytes, const ReadOptions&, ArticleSink& sink) {
  sgml::read_documents(bytes, "REUTERS", "NEWID", "Reuters-21578 SGML", sink, read_story);
}

bool sniff_reuters(std::string_view head) {
  return sgml::starts_with_element(head, "REUTERS");
}

}  // namespace gazette::indexer
