// Reader for news feeds: RSS 2.0 (channel/item), RSS 1.0 (rdf:RDF/item) and Atom
// (feed/entry), with HTML descriptions and content turned into paragraph text.
#include "indexer/src/feed_reader.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"
#include "indexer/src/xml_tree.hpp"

#include <gazette/error.hpp>

namespace gazette::indexer {
namespace {

using text::collapse_whitespace;

// A feed's items as read, before they go to the sink.
struct FeedItem {
  Article article;
  std::string key;  // guid / id / link; empty when the item has none
  const xmlNode* node = nullptr;
};

// Titles are plain text, but feeds often escape entities twice ("&amp;#8217;").
std::string plain_title(const xmlNode* node) {
  return one_line(text::decode_entities(xml_text(node)));
}

xmlNode* child_like(const xmlNode* node, std::string_view name) {
  return first_child(node, [&](const xmlNode* c) { return has_name_like(c, node, name); });
}

xmlNode* child_in(const xmlNode* node, const XmlNamespace& ns, std::string_view name) {
  return first_child(node, [&](const xmlNode* c) { return has_name(c, ns, name); });
}

// ---------------------------------------------------------------------------------------
// RSS 2.0 and 1.0

// RSS 2.0 <author> is an e-mail address, usually with the name in parentheses:
// "jane@example.com (Jane Doe)".
std::string author_name(const xmlNode* author) {
  std::string name = address_comment(xml_text(author));
  return name.empty() ? xml_one_line(author) : name;
}

std::string rss_body(const xmlNode* item) {
  for (const xmlNode* node :
       {child_in(item, kContentNamespace, "encoded"), child_like(item, "description"),
        child_in(item, kMediaNamespace, "description")}) {
    if (node == nullptr) continue;
    if (auto body = html_to_text(xml_text(node)); !body.empty()) return body;
  }
  return {};
}

std::string rss_date(const xmlNode* item) {
  for (const xmlNode* node :
       {child_like(item, "pubDate"), child_in(item, kDublinCoreNamespace, "date"),
        child_in(item, kAtomNamespace, "published"), child_in(item, kAtomNamespace, "updated")}) {
    if (node != nullptr) return xml_one_line(node);
  }
  return {};
}

std::string rss_link(const xmlNode* item, const xmlNode* guid) {
  if (auto link = xml_one_line(child_like(item, "link")); !link.empty()) return link;
  const bool permalink = guid != nullptr && xml_attribute(guid, "isPermaLink") != "false";
  if (auto id = xml_one_line(guid);
      permalink && (id.starts_with("http://") || id.starts_with("https://")))
    return id;
  return xml_attribute(child_in(item, kAtomNamespace, "link"), "href").value_or("");
}

FeedItem read_rss_item(const xmlNode* item, const Article& defaults, ArticleSink& sink) {
  FeedItem out{defaults, {}, item};
  Article& a = out.article;
  a.title = plain_title(child_like(item, "title"));
  a.body = rss_body(item);
  const xmlNode* guid = child_like(item, "guid");
  a.url = rss_link(item, guid);
  out.key = xml_one_line(guid);
  if (out.key.empty()) out.key = collapse_whitespace(xml_attribute(item, "about").value_or(""));
  if (out.key.empty()) out.key = a.url;
  a.published = parse_date_noting(rss_date(item), sink);
  for (const xmlNode* c : child_elements(item)) {
    if (has_name(c, kDublinCoreNamespace, "creator")) text::add_unique(a.authors, xml_one_line(c));
    if (has_name_like(c, item, "author")) text::add_unique(a.authors, author_name(c));
    if (has_name_like(c, item, "category") || has_name(c, kDublinCoreNamespace, "subject"))
      text::add_unique(a.tags, xml_one_line(c));
  }
  if (auto source = xml_one_line(child_like(item, "source")); !source.empty()) a.source = source;
  if (auto lang = xml_lang(item); !lang.empty()) a.lang = lang;
  return out;
}

// What the channel says about all its items: its title is their source, its language theirs.
Article rss_defaults(const xmlNode* channel) {
  Article a;
  if (channel == nullptr) return a;
  a.source = plain_title(child_like(channel, "title"));
  a.lang = language_tag(xml_one_line(child_like(channel, "language")));
  if (a.lang.empty())
    a.lang = language_tag(xml_one_line(child_in(channel, kDublinCoreNamespace, "language")));
  if (a.lang.empty()) a.lang = xml_lang(channel);
  return a;
}

// ---------------------------------------------------------------------------------------
// Atom

// An Atom text construct (title, summary, content) as paragraphs.
std::string atom_text(const xmlNode* node) {
  if (node == nullptr) return {};
  const std::string type = text::to_lower_ascii(xml_attribute(node, "type").value_or("text"));
  if (type == "html" || type == "text/html") return html_to_text(xml_text(node));
  if (type == "xhtml" || type == "application/xhtml+xml")
    return html_to_text(xml_inner_markup(node));
  return text::clean_text(xml_text(node));
}

std::string atom_link(const xmlNode* entry) {
  std::string fallback;
  for (const xmlNode* c : child_elements(entry)) {
    if (!has_name_like(c, entry, "link")) continue;
    const std::string rel = xml_attribute(c, "rel").value_or("alternate");
    const std::string href = collapse_whitespace(xml_attribute(c, "href").value_or(""));
    if (rel == "alternate" && !href.empty()) return href;
    if (fallback.empty() && rel != "self" && rel != "enclosure") fallback = href;
  }
  return fallback;
}

void atom_authors(const xmlNode* parent, std::vector<std::string>& authors) {
  for (const xmlNode* c : child_elements(parent))
    if (has_name_like(c, parent, "author"))
      text::add_unique(authors, xml_one_line(child_like(c, "name")));
}

FeedItem read_atom_entry(const xmlNode* entry, const Article& defaults, ArticleSink& sink) {
  FeedItem out{defaults, {}, entry};
  Article& a = out.article;
  a.title = collapse_whitespace(atom_text(child_like(entry, "title")));
  const xmlNode* content = child_like(entry, "content");
  if (content != nullptr && !xml_attribute(content, "src")) a.body = atom_text(content);
  if (a.body.empty()) a.body = atom_text(child_like(entry, "summary"));
  out.key = xml_one_line(child_like(entry, "id"));
  a.url = atom_link(entry);
  if (out.key.empty()) out.key = a.url;
  std::string date = xml_one_line(child_like(entry, "published"));
  if (date.empty()) date = xml_one_line(child_like(entry, "updated"));
  if (date.empty()) date = xml_one_line(child_like(entry, "issued"));  // Atom 0.3
  a.published = parse_date_noting(date, sink);
  std::vector<std::string> authors;
  atom_authors(entry, authors);
  if (!authors.empty()) a.authors = std::move(authors);
  for (const xmlNode* c : child_elements(entry)) {
    if (!has_name_like(c, entry, "category")) continue;
    auto label = xml_attribute(c, "term");
    text::add_unique(a.tags, label ? *label : xml_attribute(c, "label").value_or(""));
  }
  if (auto lang = xml_lang(entry); !lang.empty()) a.lang = lang;
  return out;
}

Article atom_defaults(const xmlNode* feed) {
  Article a;
  a.source = collapse_whitespace(atom_text(child_like(feed, "title")));
  atom_authors(feed, a.authors);
  a.lang = xml_lang(feed);
  return a;
}

// ---------------------------------------------------------------------------------------
// The three shapes

bool is_atom_root(const xmlNode* root) {
  return has_name(root, kAtomNamespace, "feed") || has_name(root, kAtom03Namespace, "feed");
}

bool is_rdf_root(const xmlNode* root) {
  return has_name(root, kRdfNamespace, "RDF");
}

std::vector<FeedItem> read_items(const xmlNode* root, ArticleSink& sink) {
  std::vector<FeedItem> items;
  if (is_atom_root(root)) {
    const Article defaults = atom_defaults(root);
    for (const xmlNode* c : child_elements(root))
      if (has_name_like(c, root, "entry")) items.push_back(read_atom_entry(c, defaults, sink));
    return items;
  }
  // RSS 2.0 items sit in <channel>; RSS 1.0 items beside it, in the RSS 1.0 namespace.
  const xmlNode* channel =
      first_child(root, [](const xmlNode* c) { return xml_name(c) == "channel"; });
  const Article defaults = rss_defaults(channel);
  for (const xmlNode* parent : {channel, static_cast<const xmlNode*>(root)}) {
    for (const xmlNode* c : child_elements(parent))
      if (xml_name(c) == "item") items.push_back(read_rss_item(c, defaults, sink));
  }
  return items;
}

std::string describe_root(const xmlNode* root) {
  if (root == nullptr) return "no XML element found";
  std::string name(xml_name(root));
  if (name == "feed") return "root element <feed> is not in the Atom namespace";
  return "root element <" + name + ">";
}

}  // namespace

void read_feed(std::string_view bytes, const ReadOptions&, ArticleSink& sink) {
  const ParsedXml parsed = parse_xml(bytes);
  const xmlNode* root = root_element(parsed);
  const bool is_feed =
      root != nullptr && (is_atom_root(root) || is_rdf_root(root) || has_name(root, {}, "rss"));
  if (!is_feed)
    throw_error(ErrorCode::invalid_input, "not an RSS or Atom feed (" + describe_root(root) + ")");
  auto items = read_items(root, sink);
  if (items.empty() && !parsed.issues.empty())
    throw_error(ErrorCode::invalid_input,
                "no item could be read: " + describe(parsed.issues.back()));
  report_issues(parsed, sink);
  std::size_t ordinal = 0;
  for (auto& item : items) {
    ++ordinal;
    if (item.article.title.empty() && item.article.body.empty()) {
      sink.problem("record " + std::to_string(ordinal), "empty item");
      continue;
    }
    // A truncated file's last item keeps what it holds; the reader learns it is partial.
    if (!parsed.is_complete(item.node))
      sink.problem("record " + std::to_string(ordinal),
                   "incomplete item: the file ends inside it; indexed as far as it goes");
    item.article.origin.position = item.key.empty() ? std::to_string(ordinal) : item.key;
    item.article.docno = item.key;
    sink.article(std::move(item.article));
  }
}

bool sniff_feed(std::string_view head) {
  const std::string_view root = xml_root_name(head);
  if (root == "rss" || root == "rdf:RDF" || root.ends_with(":RDF")) return true;
  const bool atom = head.find(kAtomNamespace.uri) != std::string_view::npos ||
                    head.find(kAtom03Namespace.uri) != std::string_view::npos;
  return atom && (root == "feed" || root.ends_with(":feed"));
}

}  // namespace gazette::indexer
