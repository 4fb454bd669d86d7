// libxml2 helpers shared by the XML readers: parsing with charset fallback, names, text.
#include "indexer/src/xml_tree.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"

#include <gazette/error.hpp>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <limits>

namespace gazette::indexer {
namespace {

std::string_view view(const xmlChar* s) noexcept {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

struct CtxtFree {
  void operator()(xmlParserCtxt* ctxt) const noexcept { xmlFreeParserCtxt(ctxt); }
};

// What the parse reported: the first error that may have cost content, and whether libxml2
// met bytes it could not decode.
struct ErrorCapture {
  std::optional<XmlIssue> first;
  bool encoding_trouble = false;
};

// libxml2 calls the structured handler with the context's user data, which xmlCtxtReset
// may replace, so the capture travels in a thread-local instead (readers run on many
// threads, each parse on one).
thread_local ErrorCapture* t_capture = nullptr;

bool is_encoding_error(int code) noexcept {
  return code == XML_ERR_INVALID_CHAR || code == XML_ERR_INVALID_ENCODING ||
         code == XML_ERR_UNSUPPORTED_ENCODING || code == XML_ERR_UNKNOWN_ENCODING ||
         (code >= XML_I18N_NO_NAME && code <= XML_I18N_NO_OUTPUT);
}

// Errors libxml2 recovers from without losing text: feeds often use HTML entities without
// declaring them and prefixes without binding them; both are handled when reading.
bool is_harmless(const xmlError& error) noexcept {
  return error.domain == XML_FROM_NAMESPACE || error.code == XML_ERR_UNDECLARED_ENTITY ||
         error.code == XML_WAR_UNDECLARED_ENTITY || error.level < XML_ERR_ERROR;
}

// "Premature end of data in tag item line 3\n" -> "premature end of data in tag item line 3".
std::string one_line_reason(std::string_view message) {
  std::string line(text::trim(message.substr(0, message.find('\n'))));
  while (!line.empty() && (line.back() == '!' || line.back() == ' ' || line.back() == '.'))
    line.pop_back();
  if (!line.empty()) line[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(line[0])));
  return line.empty() ? "malformed XML" : line;
}

void on_error(void* /*user_data*/, xmlErrorPtr error) {
  if (t_capture == nullptr || error == nullptr) return;
  if (is_encoding_error(error->code)) t_capture->encoding_trouble = true;
  if (t_capture->first || is_harmless(*error)) return;
  t_capture->first =
      XmlIssue{error->line > 0 ? std::to_string(error->line) : std::string("byte 0"),
               "invalid XML: " + one_line_reason(view(reinterpret_cast<xmlChar*>(error->message)))};
}

// No entity substitution (XML_PARSE_NOENT), DTD loading or XML_PARSE_HUGE: entities stay
// references, so a billion-laughs DOCTYPE cannot expand, and libxml2's depth and size
// limits stay in force (nesting is capped at 256, which keeps recursion below safe).
constexpr int kParseOptions = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;

struct Attempt {
  XmlDocPtr doc;
  ErrorCapture errors;
  std::vector<const xmlNode*> unclosed;
};

Attempt parse_once(std::string_view data, const char* forced_encoding) {
  Attempt attempt;
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) throw_error(ErrorCode::invalid_input, "out of memory creating the XML parser");
  ctxt->sax->serror = on_error;
  t_capture = &attempt.errors;
  const int options = kParseOptions | (forced_encoding ? XML_PARSE_IGNORE_ENC : 0);
  attempt.doc.reset(xmlCtxtReadMemory(ctxt.get(), data.data(), static_cast<int>(data.size()),
                                      nullptr, forced_encoding, options));
  t_capture = nullptr;
  // The parser's element stack still holds what a truncated input left open.
  for (int i = 0; attempt.doc && i < ctxt->nodeNr; ++i)
    attempt.unclosed.push_back(ctxt->nodeTab[i]);
  if (attempt.doc && xmlDocGetRootElement(attempt.doc.get()) == nullptr) {
    attempt.doc.reset();
    attempt.unclosed.clear();
  }
  return attempt;
}

// The encoding named in the XML declaration, lower-cased, or "".
std::string declared_encoding(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (!bytes.starts_with("<?xml")) return {};
  const std::string_view decl = bytes.substr(0, bytes.find("?>"));
  const std::size_t key = decl.find("encoding");
  if (key == std::string_view::npos) return {};
  const std::size_t quote = decl.find_first_of("\"'", key);
  if (quote == std::string_view::npos) return {};
  const std::size_t end = decl.find(decl[quote], quote + 1);
  if (end == std::string_view::npos) return {};
  return text::to_lower_ascii(text::trim(decl.substr(quote + 1, end - quote - 1)));
}

bool is_utf8_name(std::string_view charset) {
  return charset.empty() || charset == "utf-8" || charset == "utf8";
}

// UTF-16 and UTF-32 files start with a byte-order mark or with "<" padded by NUL bytes.
bool looks_wide(std::string_view bytes) {
  return bytes.starts_with("\xFE\xFF") || bytes.starts_with("\xFF\xFE") ||
         (bytes.size() >= 2 && (bytes[0] == '\0' || bytes[1] == '\0'));
}

// Offset of the first byte that does not start a valid UTF-8 sequence.
std::size_t first_invalid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (i + length > bytes.size() || !text::is_valid_utf8(bytes.substr(i, length))) return i;
    i += length;
  }
  return bytes.size();
}

// Drops the C0 controls XML 1.0 forbids (all but tab, LF, CR); in UTF-8 they are single
// bytes that never occur inside a multi-byte sequence.
std::string without_forbidden_controls(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (char c : utf8) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
  }
  return out;
}

// For the prolog construct starting at `text[pos]` == '<' (declaration, processing
// instruction, comment, DOCTYPE with its internal subset): the offset just past it; 0 when
// `pos` starts an element; npos when the construct does not end.
std::size_t prolog_item_end(std::string_view text, std::size_t pos) noexcept {
  const std::string_view rest = text.substr(pos);
  std::size_t end = std::string_view::npos;
  if (rest.starts_with("<?")) {
    end = text.find("?>", pos);
    return end == std::string_view::npos ? end : end + 2;
  }
  if (rest.starts_with("<!--")) {
    end = text.find("-->", pos);
    return end == std::string_view::npos ? end : end + 3;
  }
  if (!rest.starts_with("<!")) return 0;
  // A DOCTYPE's internal subset may hold '>' inside its declarations.
  const std::size_t bracket = text.find('[', pos), close = text.find('>', pos);
  if (bracket < close) {
    const std::size_t subset_end = text.find(']', bracket);
    if (subset_end == std::string_view::npos) return subset_end;
    end = text.find('>', subset_end);
  } else {
    end = close;
  }
  return end == std::string_view::npos ? end : end + 1;
}

// Blanks out a DOCTYPE's internal subset, newlines kept so that line numbers stay true.
// Its entity declarations are the stuff of billion-laughs and external-entity attacks, and
// news formats do not need them: references left undeclared are read as HTML names.
std::string without_internal_subset(std::string_view bytes) {
  std::string out(bytes);
  std::size_t pos = 0;
  for (;;) {
    pos = out.find('<', pos);
    if (pos == std::string::npos) return out;
    const std::size_t end = prolog_item_end(out, pos);
    if (end == 0 || end == std::string::npos) return out;
    if (std::string_view(out).substr(pos).starts_with("<!DOCTYPE")) {
      const std::size_t open = out.find('[', pos);
      if (open < end) {
        const std::size_t close = out.rfind(']', end);
        for (std::size_t i = open; i <= close; ++i)
          if (out[i] != '\n') out[i] = ' ';
      }
    }
    pos = end;
  }
}

// libxml2 reports the end of a file that ends with a newline on the line after it.
std::string clamp_line(const std::string& location, std::string_view data) {
  if (location.empty() || !std::isdigit(static_cast<unsigned char>(location[0]))) return location;
  const auto lines = static_cast<std::size_t>(std::count(data.begin(), data.end(), '\n')) +
                     (data.ends_with('\n') ? 0 : 1);
  return std::to_string(
      std::min<std::size_t>(std::stoul(location), std::max<std::size_t>(lines, 1)));
}

void finish(ParsedXml& parsed, Attempt attempt, std::string_view data) {
  if (auto& first = attempt.errors.first) {
    first->location = clamp_line(first->location, data);
    parsed.issues.push_back(std::move(*first));
  }
  parsed.doc = std::move(attempt.doc);
  parsed.unclosed = std::move(attempt.unclosed);
}

// Recursion below is bounded by libxml2's nesting limit (256 without XML_PARSE_HUGE).
void append_text(const xmlNode* node, std::string& out) {
  switch (node->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      out += view(node->content);
      break;
    case XML_ENTITY_REF_NODE:
      // Never expanded (an entity bomb would explode here); an HTML name is decoded,
      // anything else is kept as written.
      out += text::decode_entities("&" + std::string(view(node->name)) + ";");
      break;
    case XML_ELEMENT_NODE:
      for (const xmlNode* child = node->children; child != nullptr; child = child->next)
        append_text(child, out);
      break;
    default:
      break;
  }
}

}  // namespace

ParsedXml parse_xml(std::string_view input) {
  if (text::trim(input).empty()) throw_error(ErrorCode::invalid_input, "empty file");
  if (input.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) / 2)
    throw_error(ErrorCode::invalid_input, "file too large for the XML parser");
  ParsedXml parsed;
  if (looks_wide(input)) {
    finish(parsed, parse_once(input, nullptr), input);
    return parsed;
  }
  const std::string bytes = without_internal_subset(input);
  const std::string declared = declared_encoding(bytes);
  if (!is_utf8_name(declared)) {
    Attempt attempt = parse_once(bytes, nullptr);
    if (!attempt.errors.encoding_trouble) {
      finish(parsed, std::move(attempt), bytes);
      return parsed;
    }
    const std::string line = attempt.errors.first ? attempt.errors.first->location : "1";
    parsed.issues.push_back(
        {line, "bytes not valid in the declared charset " + declared + "; decoded by detection"});
  } else if (const std::size_t bad = first_invalid_utf8(bytes); bad < bytes.size()) {
    parsed.issues.push_back(
        {"byte " + std::to_string(bad), "invalid UTF-8; the file was decoded as Windows-1252"});
  }
  const std::string utf8 = without_forbidden_controls(text::decode_to_utf8(bytes, declared));
  finish(parsed, parse_once(utf8, "UTF-8"), utf8);
  return parsed;
}

bool ParsedXml::is_complete(const xmlNode* node) const {
  return std::find(unclosed.begin(), unclosed.end(), node) == unclosed.end();
}

xmlNode* root_element(const ParsedXml& parsed) {
  return parsed.doc ? xmlDocGetRootElement(parsed.doc.get()) : nullptr;
}

bool is_xml_element(const xmlNode* node) noexcept {
  return node != nullptr && node->type == XML_ELEMENT_NODE;
}

std::string_view xml_name(const xmlNode* node) noexcept {
  return is_xml_element(node) ? view(node->name) : std::string_view();
}

std::string_view xml_namespace(const xmlNode* node) noexcept {
  return is_xml_element(node) && node->ns ? view(node->ns->href) : std::string_view();
}

bool has_name(const xmlNode* node, const XmlNamespace& ns, std::string_view local) noexcept {
  if (!is_xml_element(node)) return false;
  const std::string_view name = xml_name(node);
  if (node->ns != nullptr) return name == local && view(node->ns->href) == ns.uri;
  if (ns.prefix.empty()) return ns.uri.empty() && name == local;
  // An undeclared prefix stays part of the name: "dc:creator".
  return name.size() == ns.prefix.size() + 1 + local.size() && name.starts_with(ns.prefix) &&
         name[ns.prefix.size()] == ':' && name.ends_with(local);
}

bool has_name_like(const xmlNode* node, const xmlNode* sibling, std::string_view local) noexcept {
  return is_xml_element(node) && xml_name(node) == local &&
         xml_namespace(node) == xml_namespace(sibling);
}

std::vector<xmlNode*> child_elements(const xmlNode* node) {
  std::vector<xmlNode*> out;
  for (xmlNode* child = node ? node->children : nullptr; child != nullptr; child = child->next)
    if (is_xml_element(child)) out.push_back(child);
  return out;
}

std::optional<std::string> xml_attribute(const xmlNode* node, std::string_view name) {
  if (!is_xml_element(node)) return std::nullopt;
  const xmlAttr* found = nullptr;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (view(a->name) != name) continue;
    if (a->ns == nullptr) {
      found = a;
      break;
    }
    if (found == nullptr) found = a;
  }
  if (found == nullptr) return std::nullopt;
  std::string value;
  for (const xmlNode* child = found->children; child != nullptr; child = child->next)
    if (child->type == XML_TEXT_NODE) value += view(child->content);
  return value;
}

std::string xml_text(const xmlNode* node) {
  std::string out;
  if (node != nullptr) append_text(node, out);
  return out;
}

std::string xml_one_line(const xmlNode* node) {
  return one_line(xml_text(node));
}

std::string xml_inner_markup(const xmlNode* node) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer(xmlBufferCreate(), xmlBufferFree);
  if (!buffer || node == nullptr) return {};
  for (xmlNode* child = node->children; child != nullptr; child = child->next)
    xmlNodeDump(buffer.get(), node->doc, child, 0, 0);
  return std::string(view(xmlBufferContent(buffer.get())));
}

std::string xml_line(const xmlNode* node) {
  return std::to_string(node ? xmlGetLineNo(node) : 0);
}

std::string_view xml_root_name(std::string_view head) noexcept {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  std::size_t pos = 0;
  for (;;) {
    // Only markup and whitespace may come before the root: text means this is not XML.
    pos = head.find_first_not_of(" \t\r\n", pos);
    if (pos == std::string_view::npos || head[pos] != '<' || pos + 1 >= head.size()) return {};
    const std::size_t end = prolog_item_end(head, pos);
    if (end == 0) {
      const std::string_view rest = head.substr(pos);
      const std::size_t name_end = rest.find_first_of(" \t\r\n/>", 1);
      return name_end == std::string_view::npos ? std::string_view() : rest.substr(1, name_end - 1);
    }
    if (end == std::string_view::npos) return {};
    pos = end;
  }
}

std::string xml_lang(const xmlNode* node) {
  if (node == nullptr) return {};
  xmlChar* lang = xmlNodeGetLang(node);
  std::string code = language_tag(view(lang));
  xmlFree(lang);
  return code;
}

std::string describe(const XmlIssue& issue) {
  const bool is_line =
      !issue.location.empty() && std::isdigit(static_cast<unsigned char>(issue.location[0]));
  return (is_line ? "line " : "") + issue.location + ": " + issue.reason;
}

void report_issues(const ParsedXml& parsed, ArticleSink& sink) {
  for (const auto& issue : parsed.issues)
    sink.problem(issue.location, issue.reason);
}

}  // namespace gazette::indexer
