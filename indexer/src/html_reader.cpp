// HTML article reader: metadata from meta tags, JSON-LD and <time>; body text from the main
// content block, found with <article>/<main> or Readability-style scoring after boilerplate
// (navigation, related links, share bars, hidden elements...) has been pruned.
#include "indexer/src/html_reader.hpp"

#include "common/src/text.hpp"
#include "indexer/src/byline.hpp"
#include "indexer/src/extract.hpp"

#include <gazette/date.hpp>
#include <gazette/error.hpp>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gazette::indexer {
namespace {

using text::collapse_whitespace;
using text::equals_nocase;
using text::to_lower_ascii;
using text::trim;

struct DocFree {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

struct XmlCharFree {
  void operator()(xmlChar* p) const noexcept { xmlFree(p); }
};
using XmlString = std::unique_ptr<xmlChar, XmlCharFree>;

std::string_view view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

bool is_element(const xmlNode* node) {
  return node->type == XML_ELEMENT_NODE;
}
bool is_text(const xmlNode* node) {
  return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
}

// libxml2's HTML parser lower-cases element and attribute names.
std::string_view tag(const xmlNode* node) {
  return is_element(node) ? view(node->name) : "";
}

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::optional<std::string> attribute(const xmlNode* node, std::string_view name) {
  if (!is_element(node)) return std::nullopt;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (!equals_nocase(view(a->name), name)) continue;
    XmlString value(xmlNodeListGetString(node->doc, a->children, 1));
    return std::string(view(value.get()));
  }
  return std::nullopt;
}

std::string attribute_or_empty(const xmlNode* node, std::string_view name) {
  return attribute(node, name).value_or(std::string());
}

// Pre-order walk without recursion, so deeply nested markup cannot exhaust the stack.
// `enter(node)` returns whether to descend; `leave(node)` runs after the children of every
// node whose `enter` returned true.
template <class Enter, class Leave>
void walk(xmlNode* root, Enter&& enter, Leave&& leave) {
  if (root == nullptr) return;
  xmlNode* node = root;
  for (;;) {
    if (enter(node)) {
      if (node->children != nullptr) {
        node = node->children;
        continue;
      }
      leave(node);
    }
    while (node != root && node->next == nullptr) {
      node = node->parent;
      leave(node);
    }
    if (node == root) return;
    node = node->next;
  }
}

template <class Enter>
void walk(xmlNode* root, Enter&& enter) {
  walk(root, std::forward<Enter>(enter), [](xmlNode*) {});
}

// All text below `root`, whitespace collapsed.
std::string text_of(xmlNode* root) {
  std::string out;
  walk(root, [&](xmlNode* node) {
    if (is_text(node)) out += view(node->content);
    return is_element(node) &&
           !is_one_of(tag(node), std::array<std::string_view, 2>{"script", "style"});
  });
  return collapse_whitespace(out);
}

// Splits class/id values into lower-case tokens on space, '-', '_', ':' and camelCase.
std::vector<std::string> class_tokens(std::string_view value) {
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == ' ' || c == '-' || c == '_' || c == ':' || c == '\t' || c == '\n' || c == '.') {
      flush();
      continue;
    }
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0 && value[i - 1] >= 'a' && value[i - 1] <= 'z') flush();
    current += upper ? static_cast<char>(c - 'A' + 'a') : c;
  }
  flush();
  return tokens;
}

// ---------------------------------------------------------------------------------------
// Metadata

struct PageMeta {
  std::vector<std::pair<std::string, std::string>> metas;  // lower-cased key -> content
  std::string title_element;
  std::string first_h1;
  std::vector<std::string> headlines;  // text of <h1>, <h2> and elements marked as headline
  std::string canonical;
  std::string lang;
  std::string time_datetime;
  std::vector<nlohmann::json> json_ld;  // flattened objects that describe the article
  std::vector<std::string> bylines;     // text of elements marked as byline or author

  std::vector<std::string> all(std::string_view key) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : metas)
      if (k == key && !trim(v).empty()) out.emplace_back(trim(v));
    return out;
  }
  std::string first(std::initializer_list<std::string_view> keys) const {
    for (auto key : keys)
      for (const auto& [k, v] : metas)
        if (k == key && !trim(v).empty()) return std::string(trim(v));
    return {};
  }
};

// schema.org types of a story. Objects of other types (WebSite, Organization, WebPage,
// BreadcrumbList) carry the site's name, logo or dates, not the article's.
constexpr std::array<std::string_view, 9> kArticleTypes = {
    "NewsArticle",           "Article",
    "ReportageNewsArticle",  "BlogPosting",
    "AnalysisNewsArticle",   "OpinionNewsArticle",
    "BackgroundNewsArticle", "LiveBlogPosting",
    "ReviewNewsArticle"};

// "NewsArticle", "schema:NewsArticle" or "https://schema.org/NewsArticle".
bool is_article_type(const nlohmann::json& type) {
  if (!type.is_string()) return false;
  std::string_view name = type.get_ref<const std::string&>();
  if (const auto cut = name.find_last_of("/:"); cut != std::string_view::npos)
    name.remove_prefix(cut + 1);
  return is_one_of(name, kArticleTypes);
}

// Whether a JSON-LD object describes the article: its @type (a string or an array) is a
// story type, or it has none, as some pages leave it out.
bool describes_article(const nlohmann::json& object) {
  const auto type = object.find("@type");
  if (type == object.end()) return true;
  if (type->is_array()) return std::any_of(type->begin(), type->end(), is_article_type);
  return is_article_type(*type);
}

// JSON-LD may be one object, an array of objects, or an object with an @graph array.
void flatten_json_ld(const nlohmann::json& value, std::vector<nlohmann::json>& out, int depth = 0) {
  if (depth > 4) return;
  if (value.is_array()) {
    for (const auto& item : value)
      flatten_json_ld(item, out, depth + 1);
  } else if (value.is_object()) {
    if (describes_article(value)) out.push_back(value);
    if (auto graph = value.find("@graph"); graph != value.end())
      flatten_json_ld(*graph, out, depth + 1);
  }
}

void read_meta_element(xmlNode* node, PageMeta& meta) {
  auto content = attribute(node, "content");
  if (!content) content = attribute(node, "datetime");
  if (!content) return;
  for (auto key_attr : {"property", "name", "itemprop", "http-equiv"}) {
    if (auto key = attribute(node, key_attr); key && !key->empty())
      meta.metas.emplace_back(to_lower_ascii(trim(*key)), *content);
  }
}

void read_script_element(xmlNode* node, PageMeta& meta) {
  auto type = to_lower_ascii(trim(attribute_or_empty(node, "type")));
  if (type != "application/ld+json") return;
  XmlString content(xmlNodeGetContent(node));
  auto json = nlohmann::json::parse(view(content.get()), nullptr, false);
  if (!json.is_discarded()) flatten_json_ld(json, meta.json_ld);
}

// Headings and elements whose class, id or itemprop says "headline" or "title" (the
// <title> element itself aside): candidates for the headline as the page prints it.
bool is_headline_element(const xmlNode* node) {
  const auto name = tag(node);
  if (name == "h1" || name == "h2") return true;
  if (name == "title" || name == "meta") return false;
  const auto tokens =
      class_tokens(attribute_or_empty(node, "class") + " " + attribute_or_empty(node, "id") + " " +
                   attribute_or_empty(node, "itemprop"));
  return std::any_of(tokens.begin(), tokens.end(), [](const std::string& token) {
    return token == "title" || token.starts_with("headline");
  });
}

// Bylines as the page marks them: class="byline", itemprop="author", rel="author".
constexpr std::size_t kMaxBylineElements = 8;
constexpr std::size_t kMaxBylineText = 300;

bool is_byline_element(const xmlNode* node) {
  if (text::to_lower_ascii(attribute_or_empty(node, "itemprop")).find("author") !=
          std::string::npos ||
      equals_nocase(trim(attribute_or_empty(node, "rel")), "author"))
    return true;
  const auto tokens =
      class_tokens(attribute_or_empty(node, "class") + " " + attribute_or_empty(node, "id"));
  return std::any_of(tokens.begin(), tokens.end(),
                     [](const std::string& token) { return token.starts_with("byline"); });
}

bool is_block(const xmlNode* node);

// The text of a byline element with its lines kept apart ("By AP<br>Tuesday, January 8"
// -> "By AP | Tuesday, January 8"), so that the date is not read as part of a name.
std::string byline_text(xmlNode* root) {
  std::vector<std::string> lines(1);
  walk(root, [&](xmlNode* node) {
    if (is_text(node)) lines.back() += view(node->content);
    if (node != root && (tag(node) == "br" || is_block(node))) lines.emplace_back();
    return is_element(node) &&
           !is_one_of(tag(node), std::array<std::string_view, 2>{"script", "style"});
  });
  std::string out;
  for (const auto& line : lines) {
    const auto text = collapse_whitespace(line);
    if (text.empty()) continue;
    if (!out.empty()) out += " | ";
    out += text;
  }
  return out;
}

void read_byline_element(xmlNode* node, PageMeta& meta) {
  if (meta.bylines.size() >= kMaxBylineElements || !is_byline_element(node)) return;
  auto byline = byline_text(node);
  if (!byline.empty() && byline.size() <= kMaxBylineText) meta.bylines.push_back(std::move(byline));
}

PageMeta read_meta(xmlNode* root) {
  PageMeta meta;
  walk(root, [&](xmlNode* node) {
    const auto name = tag(node);
    if (name.empty()) return false;
    read_byline_element(node, meta);
    if (name == "meta") {
      read_meta_element(node, meta);
    } else if (name == "script") {
      read_script_element(node, meta);
      return false;
    } else if (name == "title" && meta.title_element.empty()) {
      meta.title_element = text_of(node);
    } else if (is_headline_element(node)) {
      meta.headlines.push_back(text_of(node));
      if (name == "h1" && meta.first_h1.empty()) meta.first_h1 = meta.headlines.back();
    } else if (name == "link" && meta.canonical.empty()) {
      if (to_lower_ascii(trim(attribute_or_empty(node, "rel"))) == "canonical")
        meta.canonical = trim(attribute_or_empty(node, "href"));
    } else if (name == "html" && meta.lang.empty()) {
      meta.lang = attribute_or_empty(node, "lang");
    } else if (name == "time" && meta.time_datetime.empty()) {
      meta.time_datetime = attribute_or_empty(node, "datetime");
    }
    return true;
  });
  return meta;
}

std::string json_string(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return {};
  auto it = object.find(std::string(key));
  if (it == object.end()) return {};
  if (it->is_string()) return collapse_whitespace(it->get<std::string>());
  if (it->is_array() && !it->empty() && it->front().is_string())
    return collapse_whitespace(it->front().get<std::string>());
  return {};
}

// The first non-empty `key` among the JSON-LD objects.
std::string json_ld_first(const PageMeta& meta, std::string_view key) {
  for (const auto& object : meta.json_ld)
    if (auto value = json_string(object, key); !value.empty()) return value;
  return {};
}

// A JSON-LD person or organisation: a string, {"name": ...}, or an array of those.
void json_names(const nlohmann::json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(collapse_whitespace(value.get<std::string>()));
  } else if (value.is_object()) {
    out.push_back(json_string(value, "name"));
  } else if (value.is_array()) {
    for (const auto& item : value)
      if (!item.is_array()) json_names(item, out);
  }
}

bool looks_like_url(std::string_view s) {
  return text::starts_with_nocase(s, "http://") || text::starts_with_nocase(s, "https://") ||
         s.starts_with("//") || s.starts_with("/");
}

std::optional<Timestamp> find_published(const PageMeta& meta) {
  for (auto key : {"article:published_time", "og:published_time", "datepublished", "pubdate",
                   "publishdate", "date", "dc.date.issued", "dc.date", "sailthru.date",
                   "parsely-pub-date", "dcterms.created"}) {
    for (const auto& value : meta.all(key))
      if (auto date = parse_date(value)) return date;
  }
  if (auto date = parse_date(json_ld_first(meta, "datePublished"))) return date;
  if (auto date = parse_date(json_ld_first(meta, "dateCreated"))) return date;
  if (auto date = parse_date(meta.time_datetime)) return date;
  // A modification date is the last resort: it may be years after publication.
  return parse_date(json_ld_first(meta, "dateModified"));
}

// Who wrote the story and for which agency, gathered from the page's metadata and bylines.
struct Credits {
  std::vector<std::string> authors;
  std::string agency;        // from a byline or dateline: "Associated Press"
  std::string organisation;  // a JSON-LD Organization author
};

// A byline the page marks as such ("By Jane Doe, AP" in <meta name=author>): split into
// people and agency; text that does not parse is kept whole as the author's name.
void add_marked_byline(std::string_view text, Credits& credits) {
  if (text.empty() || looks_like_url(text)) return;
  if (auto parts = parse_byline(text, true)) {
    for (auto& name : parts->authors)
      text::add_unique(credits.authors, std::move(name));
    if (credits.agency.empty()) credits.agency = std::move(parts->agency);
    return;
  }
  text::add_unique(credits.authors, std::string(text));
}

bool is_organisation(const nlohmann::json& object) {
  const auto type = object.find("@type");
  if (type == object.end()) return false;
  auto is_org = [](const nlohmann::json& t) {
    return t.is_string() && t.get_ref<const std::string&>().ends_with("Organization");
  };
  return type->is_array() ? std::any_of(type->begin(), type->end(), is_org) : is_org(*type);
}

// A JSON-LD author: a name, a Person, an Organization (an agency, so no author), or an array.
void add_json_ld_author(const nlohmann::json& value, Credits& credits, int depth = 0) {
  if (depth > 3) return;
  if (value.is_string()) {
    add_marked_byline(collapse_whitespace(value.get<std::string>()), credits);
  } else if (value.is_object() && is_organisation(value)) {
    if (credits.organisation.empty()) credits.organisation = json_string(value, "name");
  } else if (value.is_object()) {
    add_marked_byline(json_string(value, "name"), credits);
  } else if (value.is_array()) {
    for (const auto& item : value)
      add_json_ld_author(item, credits, depth + 1);
  }
}

// Authors from the most explicit source that names any: <meta name=author> and
// article:author, then JSON-LD, then elements marked as bylines.
Credits find_credits(const PageMeta& meta) {
  Credits credits;
  for (const auto& value : meta.all("author"))
    add_marked_byline(value, credits);
  for (const auto& value : meta.all("article:author"))
    add_marked_byline(value, credits);
  for (const auto& object : meta.json_ld) {
    if (!credits.authors.empty()) break;
    if (auto author = object.find("author"); author != object.end())
      add_json_ld_author(*author, credits);
  }
  for (const auto& byline : meta.bylines) {
    if (!credits.authors.empty() && !credits.agency.empty()) break;
    // Only the agency is taken once authors are known: a byline element may repeat them.
    if (auto parts = parse_byline(byline, true)) {
      if (credits.authors.empty())
        for (auto& name : parts->authors)
          text::add_unique(credits.authors, std::move(name));
      if (credits.agency.empty()) credits.agency = std::move(parts->agency);
    }
  }
  return credits;
}

// Bylines and a dateline at the top of the body ("By JANE DOE, Associated Press Writer",
// "WASHINGTON (AP) — ..."): the byline fills in missing authors and agency; the dateline's
// agency counts as an agency, and its place becomes the tag "dateline:<place>", so that
// stories filed from one city can be found as such. The text stays in the body.
constexpr std::size_t kBylineParagraphs = 3;
constexpr std::string_view kDatelineTagPrefix = "dateline:";

void read_body_credits(std::string_view body, Credits& credits, std::vector<std::string>& tags) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < kBylineParagraphs && start < body.size(); ++i) {
    const auto end = std::min(body.find("\n\n", start), body.size());
    const auto paragraph = body.substr(start, end - start);
    start = end + 2;
    if (auto parts = parse_byline(paragraph)) {
      if (credits.authors.empty())
        for (auto& name : parts->authors)
          text::add_unique(credits.authors, std::move(name));
      if (credits.agency.empty()) credits.agency = std::move(parts->agency);
      continue;
    }
    if (auto dateline = parse_dateline(paragraph)) {
      if (credits.agency.empty()) credits.agency = dateline->agency;
      const auto city = dateline->place.substr(0, dateline->place.find(','));
      text::add_unique(tags, std::string(kDatelineTagPrefix) + to_lower_ascii(city));
    }
    break;  // the article text has begun
  }
}

// The site or publisher; failing that, the agency that wrote the story.
std::string find_source(const PageMeta& meta, const Credits& credits) {
  if (auto name = meta.first({"og:site_name"}); !name.empty()) return collapse_whitespace(name);
  for (const auto& object : meta.json_ld) {
    if (!object.contains("publisher")) continue;
    std::vector<std::string> names;
    json_names(object["publisher"], names);
    for (auto& name : names)
      if (!name.empty()) return name;
  }
  if (auto name = collapse_whitespace(meta.first({"application-name"})); !name.empty()) return name;
  if (!credits.organisation.empty()) {
    const auto agency = agency_name(credits.organisation);
    return agency.empty() ? credits.organisation : agency;
  }
  return credits.agency;
}

// "a, b" or ["a", "b"] from JSON-LD keywords and articleSection.
void add_json_ld_tags(const nlohmann::json& value, std::vector<std::string>& tags) {
  if (value.is_array()) {
    for (const auto& item : value)
      if (item.is_string()) text::add_unique(tags, item.get<std::string>());
  } else if (value.is_string()) {
    std::string_view rest = value.get_ref<const std::string&>();
    while (!rest.empty()) {
      auto comma = rest.find(',');
      text::add_unique(tags, std::string(trim(rest.substr(0, comma))));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
}

std::vector<std::string> find_tags(const PageMeta& meta) {
  std::vector<std::string> tags;
  for (const auto& value : meta.all("article:section"))
    text::add_unique(tags, value);
  for (const auto& value : meta.all("article:tag"))
    text::add_unique(tags, value);
  for (const auto& value : meta.all("keywords"))
    add_json_ld_tags(value, tags);
  for (const auto& object : meta.json_ld) {
    for (auto key : {"articleSection", "keywords"})
      if (auto it = object.find(key); it != object.end()) add_json_ld_tags(*it, tags);
  }
  return tags;
}

// ---------------------------------------------------------------------------------------
// Title: the headline without the site and section names pages add to <title> and og:title
// ("Storm hits coast | World | Daily Planet"), in the spirit of Readability's _getArticleTitle.

// ": " is cut only in strip_site_prefix, where the prefix must name the site.
constexpr std::string_view kColon = ": ";

// Section names that sites put next to the headline.
constexpr std::array<std::string_view, 24> kSectionNames = {
    "news",    "latest news", "breaking news", "top stories",
    "home",    "front page",  "world",         "uk",
    "us",      "nation",      "local",         "business",
    "money",   "politics",    "sport",         "sports",
    "science", "technology",  "tech",          "entertainment",
    "health",  "opinion",     "travel",        "lifestyle"};

// A site name reduced to lower-case ASCII letters and digits without a leading "www" or
// "the", so "CNN.com" matches the host "cnn.com" and "The Daily Planet" matches "dailyplanet".
std::string site_key(std::string_view text) {
  std::string out;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view prefix : {"www", "the"})
    if (out.starts_with(prefix)) out.erase(0, prefix.size());
  return out;
}

// Words with a letter or digit, so "&" and "|" do not count.
std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false, has_alnum = false;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ') {
      words += in_word && has_alnum;
      in_word = has_alnum = false;
      continue;
    }
    in_word = true;
    has_alnum = has_alnum || std::isalnum(static_cast<unsigned char>(text[i])) != 0;
  }
  return words;
}

bool has_upper(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
}

// What the page says about itself, to recognise the site's name inside its title.
struct SiteNames {
  std::vector<std::string> names;  // site_key of og:site_name, publisher, host...
};

bool is_site_name(std::string_view segment, const SiteNames& site) {
  const auto key = site_key(segment);
  return !key.empty() && std::find(site.names.begin(), site.names.end(), key) != site.names.end();
}

// "CNN.com", "guardian.co.uk": one word that ends in a dot and a top-level domain.
bool looks_like_domain(std::string_view segment) {
  if (segment.find(' ') != std::string_view::npos) return false;
  const auto dot = segment.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  const auto tld = segment.substr(dot + 1);
  return tld.size() >= 2 && tld.size() <= 4 && std::all_of(tld.begin(), tld.end(), [](char c) {
           return std::isalpha(static_cast<unsigned char>(c)) != 0;
         });
}

bool is_section_name(std::string_view segment) {
  const auto lower = to_lower_ascii(segment);
  if (is_one_of(lower, kSectionNames)) return true;
  // "World news", "Business News".
  return word_count(lower) <= 3 && lower.ends_with(" news");
}

// "Times Online", "The Daily Planet": up to four words, each capitalised (or "&").
bool is_capitalised_name(std::string_view segment) {
  const auto words = word_count(segment);
  if (words == 0 || words > 4) return false;
  bool word_start = true;
  for (char c : segment) {
    if (c == ' ') {
      word_start = true;
      continue;
    }
    if (word_start && !(std::isupper(static_cast<unsigned char>(c)) || c == '&')) return false;
    word_start = false;
  }
  return true;
}

bool is_decoration(std::string_view segment, const SiteNames& site) {
  return is_site_name(segment, site) || looks_like_domain(segment) || is_section_name(segment);
}

// A title cut at separators; each segment is a [begin, end) range of the title.
struct TitleSegment {
  std::size_t begin = 0, end = 0;
};

std::vector<TitleSegment> split_title(std::string_view title) {
  std::vector<TitleSegment> segments;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < title.size(); ++i) {
    if (const std::size_t sep = title_separator_at(title, i); sep > 0) {
      segments.push_back({begin, i});
      begin = i + sep;
      i = begin - 1;
    }
  }
  segments.push_back({begin, title.size()});
  return segments;
}

// An edge segment is dropped when it names the site or a section, or when it looks like a
// name ("Times Online", "icWales") next to a longer segment that reads like a headline.
// A leading single word is kept: "Obama - the early years", "Iraq / Syria border reopens".
bool is_droppable_segment(std::string_view segment, std::size_t longest_words, bool leading,
                          const SiteNames& site) {
  if (is_decoration(segment, site)) return true;
  const auto words = word_count(segment);
  if (longest_words < 3 || words >= longest_words) return false;
  if (leading) return words >= 2 && is_capitalised_name(segment);
  return (words <= 2 && has_upper(segment)) || is_capitalised_name(segment);
}

std::string_view strip_decorated_segments(std::string_view title, const SiteNames& site) {
  auto segments = split_title(title);
  auto text_of_segment = [&](const TitleSegment& s) {
    return title.substr(s.begin, s.end - s.begin);
  };
  std::size_t first = 0, last = segments.size();  // kept: [first, last)
  while (last - first > 1) {
    std::size_t longest = 0;
    for (std::size_t i = first; i < last; ++i)
      longest = std::max(longest, word_count(text_of_segment(segments[i])));
    if (is_droppable_segment(text_of_segment(segments[first]), longest, true, site))
      ++first;
    else if (is_droppable_segment(text_of_segment(segments[last - 1]), longest, false, site))
      --last;
    else
      break;
  }
  return title.substr(segments[first].begin, segments[last - 1].end - segments[first].begin);
}

// "The Associated Press: Rice lauds..." -> "Rice lauds...". Only a prefix that is the site,
// a section or a "The ..." name is cut, because "Analysis: ..." and "Obama: ..." are headlines.
std::string_view strip_site_prefix(std::string_view title, const SiteNames& site) {
  const auto colon = title.find(kColon);
  if (colon == std::string_view::npos) return title;
  const auto prefix = title.substr(0, colon);
  const auto rest = trim(title.substr(colon + kColon.size()));
  const bool the_name = prefix.starts_with("The ") && is_capitalised_name(prefix);
  if (word_count(rest) < 3 || !(the_name || is_decoration(prefix, site))) return title;
  return rest;
}

bool is_separator_boundary(std::string_view title, std::size_t pos, bool before) {
  if (before ? pos == 0 : pos == title.size()) return true;
  auto matches = [&](std::string_view sep) {
    return before ? title.substr(0, pos).ends_with(sep) : title.substr(pos).starts_with(sep);
  };
  return std::any_of(kTitleSeparators.begin(), kTitleSeparators.end(), matches) ||
         matches(kColon) || matches(" :");
}

// Where `headline` occurs in `title` as whole separator-bounded segments, if it does.
std::optional<std::string_view> bounded_occurrence(std::string_view title,
                                                   std::string_view headline) {
  const auto lower_title = to_lower_ascii(title);
  const auto lower_headline = to_lower_ascii(headline);
  for (auto pos = lower_title.find(lower_headline); pos != std::string::npos;
       pos = lower_title.find(lower_headline, pos + 1)) {
    const auto end = pos + headline.size();
    if (is_separator_boundary(title, pos, true) && is_separator_boundary(title, end, false))
      return title.substr(pos, headline.size());
  }
  return std::nullopt;
}

// The longest headline on the page that is the title or a segment of it. Short or
// section-like headings ("News") do not count, so a stray <h2> cannot become the title.
std::optional<std::string> headline_in_title(std::string_view title,
                                             const std::vector<std::string>& headlines,
                                             const SiteNames& site) {
  std::optional<std::string_view> best;
  for (const auto& raw : headlines) {
    const auto headline = one_line(raw);
    if (headline.empty() || (best && headline.size() <= best->size())) continue;
    const auto found = bounded_occurrence(title, headline);
    if (!found) continue;
    if (found->size() < title.size() && (word_count(headline) < 2 || is_decoration(headline, site)))
      continue;
    best = found;
  }
  return best ? std::optional<std::string>(std::string(*best)) : std::nullopt;
}

SiteNames site_names(const PageMeta& meta, std::string_view source, std::string_view url) {
  SiteNames site;
  for (const std::string& name :
       {std::string(source), meta.first({"og:site_name"}), meta.first({"application-name"})}) {
    if (auto key = site_key(name); !key.empty()) site.names.push_back(std::move(key));
  }
  // The whole host ("cnn.com") and its first label ("washingtonpost").
  if (const auto host = url_site(url); !host.empty()) {
    site.names.push_back(site_key(host));
    site.names.push_back(site_key(host.substr(0, host.find('.'))));
  }
  return site;
}

std::string find_title(const PageMeta& meta, const SiteNames& site) {
  std::vector<std::string> titles;
  for (const auto& raw :
       {meta.first({"og:title"}), meta.first({"twitter:title"}), meta.title_element})
    if (auto title = one_line(raw); !title.empty()) titles.push_back(std::move(title));
  // A heading on the page that matches a title (or part of it) is the headline as printed.
  auto headlines = meta.headlines;
  for (auto& declared : meta.all("headline"))  // <meta itemprop="headline">
    headlines.push_back(std::move(declared));
  headlines.push_back(json_ld_first(meta, "headline"));
  for (const auto& title : titles)
    if (auto headline = headline_in_title(title, headlines, site)) return *headline;
  if (!titles.empty())
    return std::string(strip_site_prefix(strip_decorated_segments(titles.front(), site), site));
  if (!meta.first_h1.empty()) return meta.first_h1;
  return json_ld_first(meta, "headline");
}

// ---------------------------------------------------------------------------------------
// Main-content scoring (in the spirit of Mozilla Readability)

// Elements that never hold article text.
constexpr std::array<std::string_view, 12> kNonContentTags = {
    "script", "style",  "noscript", "template", "svg",   "iframe",
    "button", "select", "textarea", "object",   "embed", "title"};
constexpr std::array<std::string_view, 38> kBlockTags = {
    "p",          "div",    "section",  "article", "main",   "table",  "tr",         "td",
    "th",         "tbody",  "thead",    "tfoot",   "ul",     "ol",     "li",         "dl",
    "dt",         "dd",     "h1",       "h2",      "h3",     "h4",     "h5",         "h6",
    "blockquote", "pre",    "form",     "header",  "footer", "figure", "figcaption", "hr",
    "address",    "center", "fieldset", "caption", "body",   "html"};
// Paragraph-like blocks pass their score to their parent; other blocks holding text
// directly (a <td> or <div> with <br>-separated text) are containers themselves.
constexpr std::array<std::string_view, 13> kParagraphTags = {
    "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figcaption"};

bool is_block(const xmlNode* node) {
  return is_one_of(tag(node), kBlockTags);
}

struct NodeStats {
  std::size_t text = 0;         // all text below, in bytes (whitespace trimmed per text node)
  std::size_t link_text = 0;    // of which inside <a>
  std::size_t direct_text = 0;  // text not inside a descendant block
  std::size_t direct_commas = 0;
};

using StatsMap = std::unordered_map<const xmlNode*, NodeStats>;

StatsMap compute_stats(xmlNode* root) {
  StatsMap stats;
  std::vector<xmlNode*> open;  // elements from root to the current node
  std::size_t inside_links = 0;
  walk(
      root,
      [&](xmlNode* node) {
        if (is_text(node)) {
          const auto t = collapse_whitespace(view(node->content));
          if (t.empty() || open.empty()) return false;
          const auto commas = static_cast<std::size_t>(std::count(t.begin(), t.end(), ','));
          for (auto it = open.rbegin(); it != open.rend(); ++it) {
            if (is_block(*it) || it + 1 == open.rend()) {
              stats[*it].direct_text += t.size() + 1;
              stats[*it].direct_commas += commas;
              break;
            }
          }
          for (xmlNode* element : open) {
            stats[element].text += t.size() + 1;
            if (inside_links > 0) stats[element].link_text += t.size() + 1;
          }
          return false;
        }
        if (!is_element(node) || is_one_of(tag(node), kNonContentTags)) return false;
        open.push_back(node);
        if (tag(node) == "a") ++inside_links;
        return true;
      },
      [&](xmlNode* node) {
        if (tag(node) == "a") --inside_links;
        open.pop_back();
      });
  return stats;
}

double link_density(const StatsMap& stats, const xmlNode* node) {
  auto it = stats.find(node);
  if (it == stats.end() || it->second.text == 0) return 0.0;
  return static_cast<double>(it->second.link_text) / static_cast<double>(it->second.text);
}

// ---------------------------------------------------------------------------------------
// Boilerplate pruning

constexpr std::array<std::string_view, 5> kPageChromeTags = {"header", "footer", "form", "nav",
                                                             "aside"};
constexpr std::array<std::string_view, 4> kNeverPruned = {"html", "body", "article", "main"};

// Class/id words that mark boilerplate when they are a whole token...
constexpr std::array<std::string_view, 30> kBoilerplateWords = {
    "ad",          "ads",      "adv",      "advert",     "banner", "nav",     "menu",  "footer",
    "header",      "masthead", "sidebar",  "aside",      "widget", "toolbar", "tools", "breadcrumb",
    "breadcrumbs", "cookie",   "cookies",  "popup",      "modal",  "hidden",  "hide",  "byline",
    "dateline",    "caption",  "controls", "pagination", "pager",  "print"};
// ...or the start of a token ("sharebar", "comments", "relatedstories").
constexpr std::array<std::string_view, 20> kBoilerplateStems = {
    "related",  "recommend",   "share",    "sharing", "social",     "newsletter", "promo",
    "advert",   "comment",     "subscri",  "sponsor", "outbrain",   "taboola",    "disqus",
    "trending", "mostpopular", "mostread", "signup",  "navigation", "download"};
// Tokens that mark the article itself; they veto a boilerplate match ("article-header").
constexpr std::array<std::string_view, 11> kContentWords = {"article", "content", "story", "entry",
                                                            "post",    "body",    "text",  "main",
                                                            "hentry",  "blog",    "page"};
// ...also at the start or end of a token ("storybody", "gossipcontent", "articletext").
constexpr std::array<std::string_view, 5> kContentStems = {"article", "content", "story", "body",
                                                           "entry"};

struct ClassMarks {
  bool content = false;
  bool boilerplate = false;
};

bool is_content_token(std::string_view token) {
  if (is_one_of(token, kContentWords)) return true;
  return std::any_of(kContentStems.begin(), kContentStems.end(), [&](std::string_view stem) {
    return token.starts_with(stem) || token.ends_with(stem);
  });
}

bool is_boilerplate_token(std::string_view token) {
  return is_one_of(token, kBoilerplateWords) ||
         std::any_of(kBoilerplateStems.begin(), kBoilerplateStems.end(),
                     [&](std::string_view stem) { return token.starts_with(stem); });
}

ClassMarks classify(const xmlNode* node) {
  ClassMarks marks;
  for (const auto& token :
       class_tokens(attribute_or_empty(node, "class") + " " + attribute_or_empty(node, "id"))) {
    marks.content = marks.content || is_content_token(token);
    marks.boilerplate = marks.boilerplate || is_boilerplate_token(token);
  }
  return marks;
}

bool is_hidden(const xmlNode* node) {
  if (attribute(node, "hidden")) return true;
  if (equals_nocase(trim(attribute_or_empty(node, "aria-hidden")), "true")) return true;
  std::string style;
  for (char c : attribute_or_empty(node, "style"))
    if (c != ' ' && c != '\t')
      style += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

// Page chrome (<header>, <nav>, <form>, class="sidebar"...) is dropped unless it holds most
// of the page's text outside links: broken markup or an ASP.NET <form> can wrap the whole article.
bool should_prune(xmlNode* node, const StatsMap& stats, std::size_t page_text) {
  const auto name = tag(node);
  if (is_one_of(name, kNeverPruned)) return false;
  if (is_one_of(name, kNonContentTags) || is_hidden(node)) return true;
  if (!is_one_of(name, kPageChromeTags)) {
    const auto marks = classify(node);
    if (!marks.boilerplate || marks.content) return false;
  }
  auto it = stats.find(node);
  if (it == stats.end()) return true;
  const auto own_text = it->second.text - it->second.link_text;
  return own_text < 100 || own_text * 2 < page_text;
}

// Unlinks and frees `nodes`, none of which may be inside another.
void remove_all(const std::vector<xmlNode*>& nodes) {
  for (xmlNode* node : nodes) {
    xmlUnlinkNode(node);
    xmlFreeNode(node);
  }
}

// Removes comments, non-content elements, hidden elements and boilerplate below `root`.
void prune(xmlNode* root) {
  const auto stats = compute_stats(root);
  const auto page = stats.find(root);
  const std::size_t page_text =
      page == stats.end() ? 0 : page->second.text - page->second.link_text;
  std::vector<xmlNode*> doomed;
  walk(root, [&](xmlNode* node) {
    if (node->type == XML_COMMENT_NODE ||
        (is_element(node) && node != root && should_prune(node, stats, page_text))) {
      doomed.push_back(node);
      return false;
    }
    return is_element(node);
  });
  remove_all(doomed);
}

double tag_score(std::string_view name) {
  if (name == "div" || name == "article" || name == "section") return 5;
  if (name == "pre" || name == "td" || name == "blockquote") return 3;
  if (name == "ul" || name == "ol" || name == "dl" || name == "li" || name == "form") return -3;
  if (name == "th" || (name.size() == 2 && name[0] == 'h')) return -5;
  return 0;
}

// Text outside links below which a class name counts only in part, so that a one-line
// class="text_small" cell cannot outscore the article on its name alone.
constexpr double kClassWeightFullText = 1000;

double initial_score(const xmlNode* node, const StatsMap& stats) {
  // Both marks ("text-ad-bot") cancel out, as in Readability.
  const auto marks = classify(node);
  double class_weight = (marks.content ? 25.0 : 0.0) - (marks.boilerplate ? 25.0 : 0.0);
  if (auto it = stats.find(node); it != stats.end()) {
    const auto own_text = static_cast<double>(it->second.text - it->second.link_text);
    class_weight *= std::min(1.0, own_text / kClassWeightFullText);
  }
  return tag_score(tag(node)) + class_weight;
}

constexpr std::size_t kMinParagraph = 25;

std::unordered_map<xmlNode*, double> score_candidates(const StatsMap& stats) {
  std::unordered_map<xmlNode*, double> scores;
  for (const auto& [const_node, s] : stats) {
    if (s.direct_text < kMinParagraph) continue;
    auto* node = const_cast<xmlNode*>(const_node);
    const double score = 1.0 + static_cast<double>(s.direct_commas) +
                         std::min(static_cast<double>(s.direct_text) / 100.0, 3.0);
    xmlNode* ancestor = is_one_of(tag(node), kParagraphTags) ? node->parent : node;
    for (int level = 0; level < 5 && ancestor != nullptr && is_element(ancestor); ++level) {
      auto [it, fresh] = scores.try_emplace(ancestor, 0.0);
      if (fresh) it->second = initial_score(ancestor, stats);
      it->second += score / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
      ancestor = ancestor->parent;
    }
  }
  for (auto& [node, score] : scores)
    score *= 1.0 - link_density(stats, node);
  return scores;
}

bool ends_sentence(xmlNode* node) {
  auto t = text_of(node);
  return !t.empty() && (t.back() == '.' || t.ends_with("\xE2\x80\x9D") || t.back() == '"');
}

// As in Readability: an ancestor scoring higher than the candidate below it gathers more of
// the article (the story split in blocks, a quoted press release outscoring the post around
// it). Climbing stops at `root` or where the scores fall below a third of the top's.
xmlNode* climb_to_richer_ancestor(xmlNode* top, xmlNode* root,
                                  const std::unordered_map<xmlNode*, double>& scores) {
  double last = scores.at(top);
  const double threshold = last / 3;
  for (xmlNode* parent = top->parent; parent != nullptr && parent != root && is_element(parent);
       parent = parent->parent) {
    const auto it = scores.find(parent);
    if (it == scores.end()) continue;
    if (it->second < threshold) break;
    if (it->second > last) return parent;
    last = it->second;
  }
  return top;
}

// The best candidate plus those of its siblings that look like part of the same article.
std::vector<xmlNode*> pick_content(xmlNode* root) {
  const auto stats = compute_stats(root);
  const auto scores = score_candidates(stats);
  xmlNode* top = nullptr;
  double top_score = 0;
  for (const auto& [node, score] : scores) {
    if (top == nullptr || score > top_score) {
      top = node;
      top_score = score;
    }
  }
  if (top == nullptr) return {root};
  top = climb_to_richer_ancestor(top, root, scores);
  top_score = scores.at(top);
  if (top->parent == nullptr || !is_element(top->parent) || top == root) return {top};

  std::vector<xmlNode*> content;
  const double threshold = std::max(10.0, top_score * 0.2);
  for (xmlNode* sibling = top->parent->children; sibling != nullptr; sibling = sibling->next) {
    if (!is_element(sibling)) continue;
    bool keep = sibling == top;
    if (auto it = scores.find(sibling); !keep && it != scores.end()) keep = it->second >= threshold;
    if (!keep && tag(sibling) == "p") {
      auto s = stats.find(sibling);
      const auto length = s == stats.end() ? 0 : s->second.text;
      const auto density = link_density(stats, sibling);
      keep = (length > 80 && density < 0.25) ||
             (length > 0 && density == 0.0 && ends_sentence(sibling));
    }
    if (keep) content.push_back(sibling);
  }
  return content;
}

// Text outside links below `node`, in bytes.
std::size_t own_text_length(xmlNode* node) {
  const auto stats = compute_stats(node);
  const auto it = stats.find(node);
  return it == stats.end() ? 0 : it->second.text - it->second.link_text;
}

constexpr std::size_t kMinArticleText = 250;
// A second <article> at least this share of the largest one's text continues the story: pages
// split one story around an inline rail or ad (washingtonpost.com's two <article> bodies),
// while lists of other stories hold short teasers.
constexpr double kArticleContinuationShare = 0.2;

// The <article> elements holding the story, in document order: the one with the most text
// outside links and others long enough to continue it; empty if none holds a real article.
std::vector<xmlNode*> story_articles(xmlNode* root) {
  std::vector<std::pair<xmlNode*, std::size_t>> articles;
  walk(root, [&](xmlNode* node) {
    if (tag(node) != "article") return is_element(node);
    articles.emplace_back(node, own_text_length(node));
    return false;  // an <article> inside another is part of it
  });
  std::size_t longest = 0;
  for (const auto& [node, length] : articles)
    longest = std::max(longest, length);
  std::vector<xmlNode*> story;
  if (longest < kMinArticleText) return story;
  const auto threshold = std::max(static_cast<double>(kMinArticleText),
                                  kArticleContinuationShare * static_cast<double>(longest));
  for (const auto& [node, length] : articles)
    if (static_cast<double>(length) >= threshold) story.push_back(node);
  return story;
}

xmlNode* find_first(xmlNode* root, std::string_view name) {
  xmlNode* found = nullptr;
  walk(root, [&](xmlNode* node) {
    if (found != nullptr) return false;
    if (tag(node) == name) found = node;
    return is_element(node);
  });
  return found;
}

constexpr std::array<std::string_view, 6> kListLikeTags = {"ul",  "ol",    "dl",
                                                           "div", "table", "section"};

// Inside the chosen content, blocks that are mostly links are lists of other stories.
void drop_link_lists(xmlNode* root) {
  const auto stats = compute_stats(root);
  std::vector<xmlNode*> doomed;
  walk(root, [&](xmlNode* node) {
    if (!is_element(node)) return false;
    if (node != root && is_one_of(tag(node), kListLikeTags) && link_density(stats, node) > 0.5) {
      doomed.push_back(node);
      return false;
    }
    return true;
  });
  remove_all(doomed);
}

// Openings of a reader-comment section: "Comments", "12 comments", "Comments are now
// closed", "Post a comment", "Have your say", "Join the discussion".
constexpr std::array<std::string_view, 11> kCommentHeadings = {
    "comment",       "comments",       "reader comments",    "user comments",
    "your comments", "post a comment", "leave a comment",    "add a comment",
    "leave a reply", "have your say",  "join the discussion"};
constexpr std::size_t kMaxCommentHeadingWords = 8;

bool is_comment_heading(std::string_view text) {
  if (word_count(text) > kMaxCommentHeadingWords) return false;
  auto lower = to_lower_ascii(text);
  std::string_view rest = lower;
  while (!rest.empty() && (std::isdigit(static_cast<unsigned char>(rest.front())) ||
                           rest.front() == ' ' || rest.front() == '('))
    rest.remove_prefix(1);
  return std::any_of(kCommentHeadings.begin(), kCommentHeadings.end(), [&](std::string_view h) {
    return rest.starts_with(h) &&
           (rest.size() == h.size() || !std::isalpha(static_cast<unsigned char>(rest[h.size()])));
  });
}

// Reader comments without a heading: each is signed "Posted by: name, town on 8:21pm Tue
// 1 Jan 08". The colon tells a commenter's signature from a blog's own "Posted by Jane"
// footer; a single one still opens the comments, since the article has ended by then.
constexpr std::string_view kCommentSignature = "posted by:";
constexpr std::size_t kMaxCommentSignatureWords = 20;

bool is_comment_signature(std::string_view text) {
  return word_count(text) <= kMaxCommentSignatureWords &&
         text::starts_with_nocase(text, kCommentSignature);
}

// "Related", "Related stories", "RELATED INTERNET LINKS:": after the article, the heading of
// a list of other stories, often with teasers too long to count as a link list. An inline
// "Related: <a>Other story</a>" line inside an article is no heading, so a lone "Related"
// must be all the text of its block.
constexpr std::string_view kRelatedHeading = "related";

bool is_related_heading(xmlNode* text_node, std::string_view text) {
  if (word_count(text) > kMaxCommentHeadingWords) return false;
  const auto lower = to_lower_ascii(text);
  if (!lower.starts_with(kRelatedHeading) ||
      (lower.size() > kRelatedHeading.size() &&
       std::isalpha(static_cast<unsigned char>(lower[kRelatedHeading.size()]))))
    return false;
  xmlNode* block = text_node->parent;
  while (block != nullptr && is_element(block) && !is_block(block))
    block = block->parent;
  return word_count(text) > 1 || block == nullptr || !is_element(block) || text_of(block) == text;
}

// Where the article ends and reader comments or related stories begin.
bool is_end_of_article(xmlNode* text_node, std::string_view text) {
  return is_comment_heading(text) || is_comment_signature(text) ||
         is_related_heading(text_node, text);
}

// Article words before a comment heading; fewer and the heading is a teaser ("3 comments"
// under the byline), not the start of the comments.
constexpr std::size_t kMinWordsBeforeComments = 50;

// The first comment heading below `root` that follows enough article text and is not a link,
// widened to the largest element holding only that heading (<p><b>Comments</b></p>).
xmlNode* find_comment_heading(xmlNode* root, const StatsMap& stats) {
  xmlNode* found = nullptr;
  std::size_t words = 0;
  walk(root, [&](xmlNode* node) {
    if (found != nullptr) return false;
    if (is_text(node)) {
      const auto t = collapse_whitespace(view(node->content));
      if (words >= kMinWordsBeforeComments && is_end_of_article(node, t)) found = node;
      words += word_count(t);
      return false;
    }
    if (!is_element(node) || tag(node) == "a") {
      if (tag(node) == "a") words += word_count(text_of(node));
      return false;
    }
    return true;
  });
  if (found == nullptr) return nullptr;
  // A signature's date is often in its own <span> (<div>Posted by: Jo on <span>8:21pm</span>),
  // so it widens to the largest element that is the signature line and no more.
  const bool signature = is_comment_signature(collapse_whitespace(view(found->content)));
  const std::size_t length = collapse_whitespace(view(found->content)).size() + 1;
  while (found->parent != root) {
    const auto it = stats.find(found->parent);
    if (it == stats.end()) break;
    const bool only_heading =
        signature ? is_comment_signature(text_of(found->parent)) : it->second.text == length;
    if (!only_heading) break;
    found = found->parent;
  }
  return found;
}

// Reader comments often follow the article as loose text in the same block. Removes the
// comment heading and everything after it in its parent; returns whether that parent is
// `root`, so that the comments reach to the end of the content.
bool cut_comment_section(xmlNode* root) {
  const auto stats = compute_stats(root);
  xmlNode* heading = find_comment_heading(root, stats);
  if (heading == nullptr) return false;
  const bool at_top = heading->parent == root;
  std::vector<xmlNode*> doomed;
  for (xmlNode* node = heading; node != nullptr; node = node->next)
    doomed.push_back(node);
  remove_all(doomed);
  return at_top;
}

// ---------------------------------------------------------------------------------------
// Rendering to paragraphs

class ParagraphWriter {
 public:
  void add_text(std::string_view t) { current_ += t; }
  void end_paragraph() {
    append_paragraph(out_, current_);
    current_.clear();
  }
  std::string finish() {
    end_paragraph();
    return std::move(out_);
  }

 private:
  std::string current_;
  std::string out_;
};

void render(xmlNode* root, ParagraphWriter& writer) {
  walk(
      root,
      [&](xmlNode* node) {
        if (is_text(node)) writer.add_text(view(node->content));
        if (!is_element(node)) return false;
        if (is_block(node) || tag(node) == "br") writer.end_paragraph();
        // Inline images, cells and list items separate words that markup runs together.
        if (tag(node) == "td" || tag(node) == "th") writer.add_text(" ");
        return true;
      },
      [&](xmlNode* node) {
        if (is_block(node))
          writer.end_paragraph();
        else if (tag(node) == "td" || tag(node) == "th")
          writer.add_text(" ");
      });
}

std::string first_paragraph(std::string_view body) {
  return std::string(body.substr(0, body.find("\n\n")));
}

// Drops a leading body paragraph that repeats the headline.
std::string drop_repeated_headline(std::string body, const std::vector<std::string>& headlines) {
  const auto first = first_paragraph(body);
  for (const auto& headline : headlines) {
    if (headline.empty() || !equals_nocase(first, headline)) continue;
    const auto cut = body.find("\n\n");
    return cut == std::string::npos ? std::string() : body.substr(cut + 2);
  }
  return body;
}

std::string extract_body(xmlNode* html) {
  xmlNode* body = find_first(html, "body");
  if (body == nullptr) body = html;
  prune(body);
  std::vector<xmlNode*> content;
  if (auto articles = story_articles(body); !articles.empty()) {
    content = std::move(articles);
  } else if (xmlNode* main = find_first(body, "main");
             main != nullptr && compute_stats(main)[main].text >= 250) {
    content = pick_content(main);
  } else {
    content = pick_content(body);
  }
  ParagraphWriter writer;
  for (xmlNode* node : content) {
    drop_link_lists(node);
    const bool comments_follow = cut_comment_section(node);
    render(node, writer);
    writer.end_paragraph();
    if (comments_follow) break;
  }
  return writer.finish();
}

// Damaged markup can make libxml2 close <html> early and start a second one
// (`<html xmogo.jpg" alt=...>`); the later top-level elements are moved into the first.
void merge_top_level_elements(xmlDoc* doc) {
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) return;
  for (xmlNode* next = root->next; next != nullptr;) {
    xmlNode* following = next->next;
    if (is_element(next)) {
      xmlUnlinkNode(next);
      while (xmlNode* child = next->children) {
        xmlUnlinkNode(child);
        xmlAddChild(root, child);
      }
      xmlFreeNode(next);
    }
    next = following;
  }
}

DocPtr parse_html(std::string_view bytes) {
  auto utf8 = text::decode_to_utf8(bytes, text::html_declared_charset(bytes));
  // NUL bytes end libxml2's input early; they carry no text anyway.
  std::erase(utf8, '\0');
  constexpr int kOptions =
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  DocPtr doc(
      htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8", kOptions));
  if (doc) merge_top_level_elements(doc.get());
  return doc;
}

}  // namespace

Article read_html_article(std::string_view bytes) {
  if (trim(bytes).empty()) throw_error(ErrorCode::invalid_input, "empty file");
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw_error(ErrorCode::invalid_input, "file too large for the HTML parser");
  DocPtr doc = parse_html(bytes);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) throw_error(ErrorCode::invalid_input, "no article text found");

  const PageMeta meta = read_meta(root);
  Article article;
  Credits credits = find_credits(meta);
  // The site name helps clean the title, so it comes from the page before the body is read.
  const auto site_source = find_source(meta, Credits{});
  article.url = meta.canonical.empty() ? meta.first({"og:url"}) : meta.canonical;
  article.title = find_title(meta, site_names(meta, site_source, article.url));
  article.published = find_published(meta);
  article.lang = language_tag(meta.lang);
  article.tags = find_tags(meta);
  const std::vector<std::string> headlines = {article.title, meta.title_element, meta.first_h1};
  article.body = text::clean_text(drop_repeated_headline(extract_body(root), headlines));
  // A readable page is an article even when no block scores as its main text (a photo
  // page, a frameset, a page drawn by script): then its visible text, else its summary,
  // else its headline alone. Only a page with none of them is refused.
  if (trim(article.body).empty())
    article.body = text::clean_text(drop_repeated_headline(html_to_text(bytes), headlines));
  if (trim(article.body).empty())
    article.body = meta.first({"og:description", "description", "twitter:description"});
  if (trim(article.body).empty() && trim(article.title).empty())
    throw_error(ErrorCode::invalid_input,
                "no article text found: the page has no headline and no text");
  read_body_credits(article.body, credits, article.tags);
  article.source = site_source.empty() ? find_source(meta, credits) : site_source;
  article.authors = std::move(credits.authors);
  return article;
}

}  // namespace gazette::indexer

// ---------------------------------------------------------------------------------------
// html_to_text (extract.hpp): the same parsing and rendering as a page, without content
// scoring, since a fragment is all article.

namespace gazette::indexer {
namespace {

// "<p>", "</p>", "<br/>", "<!--": a '<' that opens markup rather than "a < b".
bool has_markup(std::string_view text) {
  for (std::size_t lt = text.find('<'); lt != std::string_view::npos && lt + 1 < text.size();
       lt = text.find('<', lt + 1)) {
    const char next = text[lt + 1];
    if (std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!') return true;
  }
  return false;
}

std::string plain_text_paragraphs(std::string_view text) {
  const std::string cleaned = text::clean_text(text::decode_entities(text));
  ParagraphWriter writer;
  for (std::string_view line : text::split_lines(cleaned)) {
    if (trim(line).empty())
      writer.end_paragraph();
    else
      writer.add_text(std::string(line) + " ");
  }
  return writer.finish();
}

}  // namespace

std::string html_to_text(std::string_view html) {
  if (trim(html).empty()) return {};
  if (!has_markup(html)) return plain_text_paragraphs(html);
  if (html.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return {};
  DocPtr doc = parse_html(html);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) return {};
  std::vector<xmlNode*> doomed;
  walk(root, [&](xmlNode* node) {
    if (node->type == XML_COMMENT_NODE || is_one_of(tag(node), kNonContentTags)) {
      doomed.push_back(node);
      return false;
    }
    return is_element(node);
  });
  remove_all(doomed);
  drop_link_lists(root);  // "More on this story" and other related-link blocks
  ParagraphWriter writer;
  render(root, writer);
  return text::clean_text(writer.finish());
}

}  // namespace gazette::indexer
