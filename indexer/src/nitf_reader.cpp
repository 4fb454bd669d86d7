// Reader for NITF 3.x XML news documents: headline, byline, dateline, docdata metadata and
// body paragraphs; a file may hold one <nitf> document or several in a row.
#include "indexer/src/nitf_reader.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"
#include "indexer/src/xml_tree.hpp"

#include <gazette/error.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace gazette::indexer {
namespace {

using text::collapse_whitespace;

// NITF has no namespace in practice; elements are matched by name in the document's own.
xmlNode* child(const xmlNode* node, std::string_view name) {
  return first_child(node, [&](const xmlNode* c) { return has_name_like(c, node, name); });
}

std::vector<xmlNode*> children(const xmlNode* node, std::string_view name) {
  std::vector<xmlNode*> out;
  for (xmlNode* c : child_elements(node))
    if (has_name_like(c, node, name)) out.push_back(c);
  return out;
}

// ---------------------------------------------------------------------------------------
// Byline: <person> elements when marked up, else the text without the byline title
// (<byttl>), split as every plain byline is (byline_authors).

void read_byline(const xmlNode* byline, std::vector<std::string>& authors) {
  const auto persons = children(byline, "person");
  for (const xmlNode* person : persons)  // One name each, even "Doe, Jane".
    text::add_unique(authors, without_by(xml_one_line(person)));
  if (!persons.empty()) return;
  std::string text;
  for (const xmlNode* c = byline->children; c != nullptr; c = c->next)
    if (!has_name_like(c, byline, "byttl")) text += xml_text(c);
  for (const auto& name : byline_authors(one_line(text)))
    text::add_unique(authors, name);
}

// ---------------------------------------------------------------------------------------
// Body: paragraph-like elements become paragraphs; containers (block, bq, ul, table…) are
// descended into; media elements contribute only their captions.

constexpr std::array<std::string_view, 10> kParagraphs = {
    "p", "hl2", "li", "dt", "dd", "td", "th", "pre", "media-caption", "tagline"};
constexpr std::array<std::string_view, 14> kContainers = {
    "block", "bq",    "ul", "ol", "dl",   "table", "tbody",
    "thead", "tfoot", "tr", "fn", "note", "media", "nitf-table"};
constexpr std::array<std::string_view, 5> kSkipped = {
    "media-reference", "media-object", "media-metadata", "media-producer", "media-caption-credit"};

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The body being built, paragraph by paragraph.
class Paragraphs {
 public:
  void add(std::string_view text) { append_paragraph(out_, text); }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Text directly inside a container (outside any paragraph) is a paragraph of its own.
void collect_paragraphs(const xmlNode* node, Paragraphs& out) {
  std::string loose;
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    const std::string_view name = xml_name(c);
    if (is_one_of(name, kSkipped)) continue;
    if (is_one_of(name, kParagraphs) || is_one_of(name, kContainers)) {
      out.add(loose);
      loose.clear();
      if (is_one_of(name, kParagraphs))
        out.add(xml_text(c));
      else
        collect_paragraphs(c, out);
    } else {
      loose += xml_text(c);  // Text, and inline markup: <em>, <a>, <person>, <location>…
    }
  }
  out.add(loose);
}

// ---------------------------------------------------------------------------------------
// Metadata from <head>.

std::optional<Timestamp> read_date(const xmlNode* head, const xmlNode* body_head,
                                   ArticleSink& sink) {
  const xmlNode* docdata = child(head, "docdata");
  const xmlNode* pubdata = child(head, "pubdata");
  const xmlNode* dateline = child(body_head, "dateline");
  const std::array<std::optional<std::string>, 4> candidates = {
      xml_attribute(child(docdata, "date.issue"), "norm"),
      xml_attribute(pubdata, "date.publication"),
      xml_attribute(child(docdata, "date.release"), "norm"),
      xml_attribute(child(dateline, "story.date"), "norm"),
  };
  for (const auto& candidate : candidates) {
    if (candidate && !text::trim(*candidate).empty()) return parse_date_noting(*candidate, sink);
  }
  if (const xmlNode* story_date = child(dateline, "story.date"))
    return parse_date_noting(xml_one_line(story_date), sink);
  return std::nullopt;
}

// identified-content classifiers, organisations, people, places and events, key-list
// keywords, and the dateline's location.
std::vector<std::string> read_tags(const xmlNode* head, const xmlNode* body_head) {
  std::vector<std::string> tags;
  const xmlNode* docdata = child(head, "docdata");
  for (const xmlNode* item : child_elements(child(docdata, "identified-content"))) {
    auto value = xml_attribute(item, "value");
    text::add_unique(tags, value && !text::trim(*value).empty() ? *value : xml_one_line(item));
  }
  for (const xmlNode* keyword : children(child(docdata, "key-list"), "keyword"))
    text::add_unique(tags, xml_attribute(keyword, "key").value_or(""));
  if (const xmlNode* location = child(child(body_head, "dateline"), "location"))
    text::add_unique(tags, xml_one_line(location));
  return tags;
}

std::string read_source(const xmlNode* head) {
  if (auto name = xml_attribute(child(head, "pubdata"), "name"); name && !name->empty())
    return collapse_whitespace(*name);
  return collapse_whitespace(
      xml_attribute(child(child(head, "docdata"), "doc.copyright"), "holder").value_or(""));
}

std::string read_lang(const xmlNode* nitf, const xmlNode* body) {
  if (auto lang = xml_lang(body); !lang.empty()) return lang;
  return xml_lang(nitf);
}

struct NitfDocument {
  Article article;
  std::string doc_id;
  bool complete = true;  // false when the data ends inside it
};

NitfDocument read_document(const xmlNode* nitf, ArticleSink& sink) {
  NitfDocument doc;
  Article& a = doc.article;
  const xmlNode* head = child(nitf, "head");
  const xmlNode* body = child(nitf, "body");
  const xmlNode* body_head = child(body, "body.head");
  const xmlNode* hedline = child(body_head, "hedline");
  a.title = xml_one_line(child(hedline, "hl1"));
  if (a.title.empty()) a.title = xml_one_line(child(head, "title"));
  for (const xmlNode* byline : children(body_head, "byline"))
    read_byline(byline, a.authors);
  a.published = read_date(head, body_head, sink);
  a.source = read_source(head);
  a.tags = read_tags(head, body_head);
  a.lang = read_lang(nitf, body);
  doc.doc_id = collapse_whitespace(
      xml_attribute(child(child(head, "docdata"), "doc-id"), "id-string").value_or(""));
  // The subtitle (hl2) opens the body: it is text readers see and searchers match.
  Paragraphs paragraphs;
  for (const xmlNode* subtitle : children(hedline, "hl2"))
    paragraphs.add(xml_text(subtitle));
  if (const xmlNode* content = child(body, "body.content")) collect_paragraphs(content, paragraphs);
  if (const xmlNode* end = child(body, "body.end")) collect_paragraphs(end, paragraphs);
  a.body = paragraphs.take();
  return doc;
}

// ---------------------------------------------------------------------------------------
// Files holding several documents in a row (no common root) are cut before each "<nitf",
// and each piece is parsed on its own, so damage in one cannot cost the others.

bool is_nitf_start(std::string_view bytes, std::size_t at) {
  const std::size_t after = at + 5;
  return after < bytes.size() &&
         (bytes[after] == '>' || bytes[after] == ' ' || bytes[after] == '\t' ||
          bytes[after] == '\n' || bytes[after] == '\r');
}

std::vector<std::size_t> document_starts(std::string_view bytes) {
  std::vector<std::size_t> starts;
  for (std::size_t at = bytes.find("<nitf"); at != std::string_view::npos;
       at = bytes.find("<nitf", at + 1))
    if (is_nitf_start(bytes, at)) starts.push_back(at);
  return starts;
}

struct Piece {
  std::string bytes;
  std::size_t first_line = 1;  // line of the file where the piece starts
};

std::vector<Piece> split_documents(std::string_view bytes) {
  const auto starts = document_starts(bytes);
  if (starts.size() < 2) return {Piece{std::string(bytes), 1}};
  // Later pieces keep the file's XML declaration, which names its charset.
  std::string declaration;
  if (const std::size_t decl = bytes.find("<?xml"); decl < starts[0]) {
    const std::size_t end = bytes.find("?>", decl);
    if (end != std::string_view::npos) declaration = bytes.substr(decl, end + 2 - decl);
  }
  std::vector<Piece> pieces;
  std::size_t line = 1;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t from = i == 0 ? 0 : starts[i];
    const std::size_t to = i + 1 < starts.size() ? starts[i + 1] : bytes.size();
    const std::string_view piece = bytes.substr(from, to - from);
    pieces.push_back({i == 0 ? std::string(piece) : declaration + std::string(piece), line});
    line += static_cast<std::size_t>(std::count(piece.begin(), piece.end(), '\n'));
  }
  return pieces;
}

// Line numbers within a piece, made relative to the file.
std::string file_location(const std::string& location, std::size_t first_line) {
  if (location.empty() || !std::isdigit(static_cast<unsigned char>(location[0]))) return location;
  return std::to_string(std::stoul(location) + first_line - 1);
}

// Every <nitf> element of a parsed piece: the root, or those below a wrapper element.
std::vector<xmlNode*> nitf_elements(xmlNode* root) {
  if (xml_name(root) == "nitf") return {root};
  std::vector<xmlNode*> found;
  for (xmlNode* c : child_elements(root))
    if (xml_name(c) == "nitf") found.push_back(c);
  return found;
}

std::string describe_root(const xmlNode* root) {
  return root ? "root element <" + std::string(xml_name(root)) + ">" : "no XML element found";
}

}  // namespace

void read_nitf(std::string_view bytes, const ReadOptions&, ArticleSink& sink) {
  if (text::trim(bytes).empty()) throw_error(ErrorCode::invalid_input, "empty file");
  const auto pieces = split_documents(bytes);
  std::vector<NitfDocument> documents;
  std::vector<XmlIssue> issues;
  std::string not_nitf;
  for (const Piece& piece : pieces) {
    const ParsedXml parsed = parse_xml(piece.bytes);
    for (const auto& issue : parsed.issues)
      issues.push_back({file_location(issue.location, piece.first_line), issue.reason});
    xmlNode* root = root_element(parsed);
    const auto elements = root ? nitf_elements(root) : std::vector<xmlNode*>{};
    if (elements.empty() && not_nitf.empty()) not_nitf = describe_root(root);
    for (const xmlNode* nitf : elements) {
      documents.push_back(read_document(nitf, sink));
      documents.back().complete = parsed.is_complete(nitf);
    }
  }
  if (documents.empty()) {
    if (!issues.empty() && not_nitf.empty())
      throw_error(ErrorCode::invalid_input,
                  "no document could be read: " + describe(issues.back()));
    throw_error(ErrorCode::invalid_input, "not an NITF document (" + not_nitf + ")");
  }
  for (const auto& issue : issues)
    sink.problem(issue.location, issue.reason);
  const bool several = documents.size() > 1;
  std::size_t ordinal = 0;
  for (auto& doc : documents) {
    ++ordinal;
    if (doc.article.title.empty() && doc.article.body.empty()) {
      if (!several)
        throw_error(ErrorCode::invalid_input, "no article text found in the NITF document");
      sink.problem("record " + std::to_string(ordinal), "empty NITF document");
      continue;
    }
    if (!doc.complete)
      sink.problem("record " + std::to_string(ordinal),
                   "incomplete document: the file ends inside it; indexed as far as it goes");
    // One document per file is a single-article file (key = path); several are keyed by
    // doc-id, else by ordinal.
    if (several)
      doc.article.origin.position = doc.doc_id.empty() ? std::to_string(ordinal) : doc.doc_id;
    doc.article.docno = doc.doc_id;
    sink.article(std::move(doc.article));
  }
}

bool sniff_nitf(std::string_view head) {
  return xml_root_name(head) == "nitf";
}

}  // namespace gazette::indexer
