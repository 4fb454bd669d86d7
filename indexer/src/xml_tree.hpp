// libxml2 helpers shared by the XML readers (NITF, RSS/Atom): safe parsing with charset
// fallback and error capture, namespace-aware name matching, and text extraction.
#pragma once

#include "indexer/src/reader.hpp"

#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::indexer {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

/// Something wrong with the input that cost or may have cost content: a line number or
/// "byte N", and a one-line lower-case reason.
struct XmlIssue {
  std::string location;
  std::string reason;
};

/// A parsed document (null when libxml2 found no element at all) and what went wrong.
struct ParsedXml {
  XmlDocPtr doc;
  std::vector<XmlIssue> issues;
  std::vector<const xmlNode*> unclosed;  ///< Elements still open where the data ended.

  /// False for an element the data ends inside (a truncated file).
  bool is_complete(const xmlNode* node) const;
};

/// Parses `bytes` with libxml2 in recovery mode, without network access, without entity
/// substitution (so an entity bomb in a DOCTYPE is never expanded) and without the "huge"
/// limits. Charset rule: a UTF-16 file (BOM or "<" as two bytes) and a file declaring a
/// charset other than UTF-8 go to libxml2 as they are, which honours the XML declaration;
/// a file declaring UTF-8 or nothing is checked first. When the bytes are not valid in the
/// declared charset (or libxml2 cannot convert them), they are decoded with
/// text::decode_to_utf8(bytes, declared) and parsed again as UTF-8, and an issue names the
/// first bad byte. Control characters XML forbids are dropped before a UTF-8 parse, since
/// libxml2 would stop at them. Throws gazette::Error(invalid_input) for an empty input.
ParsedXml parse_xml(std::string_view bytes);

/// The root element, or null.
xmlNode* root_element(const ParsedXml& parsed);

/// A namespace by URI, with the prefix feeds conventionally give it: an element whose
/// prefix was never declared ("dc:creator" without xmlns:dc) still matches by that prefix.
struct XmlNamespace {
  std::string_view uri;
  std::string_view prefix;
};

inline constexpr XmlNamespace kAtomNamespace{"http://www.w3.org/2005/Atom", "atom"};
inline constexpr XmlNamespace kAtom03Namespace{"http://purl.org/atom/ns#", "atom"};
inline constexpr XmlNamespace kRss10Namespace{"http://purl.org/rss/1.0/", ""};
inline constexpr XmlNamespace kRdfNamespace{"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"};
inline constexpr XmlNamespace kContentNamespace{"http://purl.org/rss/1.0/modules/content/",
                                                "content"};
inline constexpr XmlNamespace kDublinCoreNamespace{"http://purl.org/dc/elements/1.1/", "dc"};
inline constexpr XmlNamespace kMediaNamespace{"http://search.yahoo.com/mrss/", "media"};

bool is_xml_element(const xmlNode* node) noexcept;

/// The element's local name (with an undeclared prefix still attached), or "".
std::string_view xml_name(const xmlNode* node) noexcept;

/// The element's namespace URI, or "" when it has none.
std::string_view xml_namespace(const xmlNode* node) noexcept;

/// True for the element `local` in `ns`.
bool has_name(const xmlNode* node, const XmlNamespace& ns, std::string_view local) noexcept;

/// True for the element `local` in the same namespace as `sibling` (both may have none):
/// RSS 2.0 items have none, RSS 1.0 and Atom elements share their root's.
bool has_name_like(const xmlNode* node, const xmlNode* sibling, std::string_view local) noexcept;

/// Element children of `node`, in document order.
std::vector<xmlNode*> child_elements(const xmlNode* node);

/// The first element child satisfying `pred`, or null.
template <class Pred>
xmlNode* first_child(const xmlNode* node, Pred&& pred) {
  for (xmlNode* child = node ? node->children : nullptr; child != nullptr; child = child->next)
    if (is_xml_element(child) && pred(child)) return child;
  return nullptr;
}

/// An attribute without namespace (or, failing that, one with `name` as local name).
std::optional<std::string> xml_attribute(const xmlNode* node, std::string_view name);

/// The character data of a text node, or all of it below an element, whitespace kept. Entity
/// references are never expanded: HTML names feeds use without declaring them (&nbsp;, &eacute;)
/// are decoded, anything else stays as written.
std::string xml_text(const xmlNode* node);

/// The text of `node` as one clean line (extract.hpp's one_line); "" for a null node.
std::string xml_one_line(const xmlNode* node);

/// The children of `node` serialised back to markup (for Atom xhtml content).
std::string xml_inner_markup(const xmlNode* node);

/// The line libxml2 recorded for `node`, as a string.
std::string xml_line(const xmlNode* node);

/// The name of the first element in `head` (the start of an ASCII-compatible XML file),
/// skipping a byte-order mark, the XML declaration, comments, processing instructions and
/// a DOCTYPE (internal subset included); "" when there is none.
std::string_view xml_root_name(std::string_view head) noexcept;

/// "line 12: reason" or "byte 40: reason", for error messages.
std::string describe(const XmlIssue& issue);

/// The xml:lang in force at `node` (its own or an ancestor's) through language_tag, or "".
std::string xml_lang(const xmlNode* node);

/// Sends every issue to the sink as a problem.
void report_issues(const ParsedXml& parsed, ArticleSink& sink);

}  // namespace gazette::indexer
