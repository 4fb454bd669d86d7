// Lenient SGML scanning shared by the TREC and Reuters-21578 readers: tags, documents,
// fields, line numbers, paragraph and byline clean-up.
#pragma once

#include "indexer/src/reader.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gazette::indexer::sgml {

/// One start or end tag. `end` is one past its '>' (or where an unterminated tag stops).
struct Tag {
  std::string_view name;
  std::string_view attributes;
  bool closing = false;
  bool terminated = true;  ///< False when no '>' comes before the next '<' or end of input.
  std::size_t begin = 0, end = 0;
};

/// The next tag at or after `from`. A '<' not followed by a letter (or '/' and a letter) is
/// text, as in Reuters' unescaped "a < b"; declarations (`<!…>`) are not tags, nor is a
/// name cut off by the end of the input ("<DOC" might have been "<DOCNO>").
std::optional<Tag> next_tag(std::string_view text, std::size_t from);

/// True when the first tag of `head`, after white space, a byte-order mark, comments and
/// declarations (`<!DOCTYPE …>`), is a start tag named `name`: a sniffer's test.
bool starts_with_element(std::string_view head, std::string_view name);

/// The value of attribute `name` (case-insensitive) in a tag's attribute text, quoted or
/// not; empty when absent.
std::string_view attribute(std::string_view attributes, std::string_view name);

/// Line numbers (1-based) of byte offsets, counted incrementally: cheap when offsets come
/// in increasing order, as they do when a reader walks its input.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  std::size_t line_at(std::size_t offset);
  std::string location(std::size_t offset) { return std::to_string(line_at(offset)); }

 private:
  std::string_view text_;
  std::size_t offset_ = 0, line_ = 1;
};

/// One top-level element such as <DOC>…</DOC>.
struct Document {
  enum class End { closed, next_start, end_of_input };
  std::string_view attributes;  ///< Of the start tag.
  std::string_view content;     ///< Between the start tag and the end tag (or where it stops).
  std::size_t begin = 0;        ///< Offset of the start tag.
  End end = End::closed;
  std::size_t stop = 0;  ///< Where an unclosed document stops (next start tag or input end).
};

/// The `name` elements of `text` in order, and the offsets where something other than
/// white space, declarations or processing instructions lies between them.
struct Split {
  std::vector<Document> documents;
  std::vector<std::size_t> stray_text;
};
Split split_documents(std::string_view text, std::string_view name);

/// A field element inside a document. Unclosed fields run to the next field start tag.
struct Field {
  std::string_view name;
  std::string_view attributes;
  std::string_view content;
  std::size_t begin = 0;  ///< Offset of the start tag, relative to the scanned text.
  bool closed = true;
};

/// The fields of `content` that `is_field(name)` accepts, in order, plus the offsets of
/// unterminated tags. Text and tags between fields are ignored.
struct Fields {
  std::vector<Field> fields;
  std::vector<std::size_t> unterminated_tags;
  bool all_closed() const;
};
Fields scan_fields(std::string_view content, bool (*is_field)(std::string_view name));

/// Text with tags removed, entities decoded and made one_line (extract.hpp): a one-line field.
std::string line_text(std::string_view content);

/// Body text as paragraphs separated by "\n\n": each <P> element is a paragraph; text
/// without <P> is split at blank lines and at indented lines (the wire-copy convention),
/// other line breaks being soft wraps.
std::string paragraphs(std::string_view content);

/// Puts a dateline ("LONDON, March 9 -") in front of the first paragraph of `body`.
std::string with_dateline(std::string_view dateline, std::string body);

/// Holds problems back until the first article is sent, so that an input in which nothing
/// can be read becomes one gazette::Error (reader.hpp) instead of a list of problems.
class Reporter final : public ArticleSink {
 public:
  explicit Reporter(ArticleSink& sink) : sink_(sink) {}
  void article(Article article) override;
  void problem(std::string location, std::string reason) override;
  void unreadable_date(std::string_view text) override { sink_.unreadable_date(text); }
  /// Throws invalid_input with the first problem when no article was sent.
  void finish();

 private:
  ArticleSink& sink_;
  std::vector<std::pair<std::string, std::string>> held_;
  bool sent_ = false;
};

/// Article keys of one input: the document's own id, else (or when the id is used twice,
/// which would make one article replace the other) its 1-based ordinal, with a problem.
class KeyAssigner {
 public:
  /// `id_name` names the id in problems ("DOCNO", "NEWID").
  explicit KeyAssigner(std::string_view id_name) : id_name_(id_name) {}
  std::string key(std::string_view id, std::size_t ordinal, const std::string& location,
                  ArticleSink& sink);

 private:
  std::string id_name_;
  std::unordered_map<std::string, std::string> seen_;  // id -> location of its first use
};

/// What a reader's per-document function works with.
struct Context {
  std::string_view text;  ///< The whole input, decoded to UTF-8.
  LineCounter& lines;
  KeyAssigner& keys;
  Reporter& reporter;
  /// The line of `offset`, an offset into `text` or a pointer into it.
  std::string location(std::size_t offset) { return lines.location(offset); }
  std::string location(std::string_view inside) {
    return location(static_cast<std::size_t>(inside.data() - text.data()));
  }
};

/// Reads one document; `ordinal` is 1-based.
using DocumentFn = void (*)(const Document& doc, std::size_t ordinal, Context& context);

/// The whole of a reader: decodes `bytes`, calls `read` for each `element` document in
/// order, reports text outside them, and throws as ReadFunction says when nothing can be
/// read. `id_name` names the documents' id ("DOCNO"), `format` the format in messages.
void read_documents(std::string_view bytes, std::string_view element, std::string_view id_name,
                    std::string_view format, ArticleSink& sink, DocumentFn read);

/// Scans the fields of `doc` and reports its unterminated tags, and its unclosed fields
/// when the document itself is closed (else its end says enough).
Fields document_fields(const Document& doc, bool (*is_field)(std::string_view name),
                       Context& context);

/// Decides whether `doc` of `element` is read, reporting how it ends when not closed: a
/// closed document always is; one that runs into the next start tag is when it has
/// text; one cut off by the end of the input is only when it has text and all its
/// `fields` are closed (an incomplete article is skipped, never indexed).
bool accept_end(const Document& doc, const Fields& fields, bool has_text, std::string_view element,
                Context& context);

/// Scans fields nested in `content` (part of context.text), reporting unterminated tags
/// and, when `in_closed` (the enclosing element is closed), unclosed fields.
Fields nested_fields(std::string_view content, bool (*is_field)(std::string_view name),
                     bool in_closed, Context& context);

}  // namespace gazette::indexer::sgml
