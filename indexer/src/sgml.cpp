// Lenient SGML scanning shared by the TREC and Reuters-21578 readers.
#include "indexer/src/sgml.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"

#include <gazette/error.hpp>

#include <algorithm>
#include <array>

namespace gazette::indexer::sgml {
namespace {

bool is_alpha(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_name_char(char c) noexcept {
  return is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == ':';
}

bool is_blank(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

bool is_start_of(const Tag& tag, std::string_view name) {
  return !tag.closing && text::equals_nocase(tag.name, name);
}

bool is_end_of(const Tag& tag, std::string_view name) {
  return tag.closing && text::equals_nocase(tag.name, name);
}

// The offset of the first thing in [from, to) that is neither white space nor a
// declaration, comment or processing instruction; `to` when there is none.
std::size_t first_stray(std::string_view text, std::size_t from, std::size_t to) {
  std::size_t i = from;
  while (i < to) {
    if (is_blank(text[i])) {
      ++i;
    } else if (text[i] == '<' && i + 1 < to && (text[i + 1] == '!' || text[i + 1] == '?')) {
      const std::size_t close = text.find('>', i);
      if (close == std::string_view::npos || close >= to) return i;
      i = close + 1;
    } else {
      return i;
    }
  }
  return to;
}

// Text without its tags; each tag becomes `replacement`.
std::string strip_tags(std::string_view content, std::string_view replacement) {
  std::string out;
  out.reserve(content.size());
  std::size_t pos = 0;
  while (auto tag = next_tag(content, pos)) {
    out.append(content.substr(pos, tag->begin - pos));
    out.append(replacement);
    pos = tag->end;
  }
  out.append(content.substr(std::min(pos, content.size())));
  return out;
}

// Decoded text (indentation intact) split into paragraphs at blank lines and indented lines; other
// line breaks are soft wraps.
std::string paragraphs_from_lines(std::string_view plain) {
  std::string out, paragraph;
  auto flush = [&] {
    append_paragraph(out, paragraph);
    paragraph.clear();
  };
  for (std::string_view line : text::split_lines(plain)) {
    if (text::trim(line).empty() || line.front() == ' ' || line.front() == '\t') flush();
    paragraph += line;
    paragraph += ' ';
  }
  flush();
  return out;
}

bool looks_binary(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 4096);
  std::size_t controls = 0;
  for (char c : head) {
    const auto b = static_cast<unsigned char>(c);
    if (b == 0) return true;
    if (b < 0x20 && !is_blank(c)) ++controls;
  }
  return controls * 10 > head.size();
}

}  // namespace

std::optional<Tag> next_tag(std::string_view text, std::size_t from) {
  std::size_t pos = from;
  while (pos < text.size()) {
    const std::size_t lt = text.find('<', pos);
    if (lt == std::string_view::npos) return std::nullopt;
    std::size_t i = lt + 1;
    Tag tag;
    tag.begin = lt;
    if (i < text.size() && text[i] == '/') {
      tag.closing = true;
      ++i;
    }
    if (i >= text.size() || !is_alpha(text[i])) {
      pos = lt + 1;
      continue;
    }
    const std::size_t name_start = i;
    while (i < text.size() && is_name_char(text[i]))
      ++i;
    if (i == text.size()) return std::nullopt;  // A name cut off by the end of the input.
    tag.name = text.substr(name_start, i - name_start);
    const std::size_t close = text.find_first_of("<>", i);
    if (close == std::string_view::npos || text[close] == '<') {
      tag.terminated = false;
      tag.end = close == std::string_view::npos ? text.size() : close;
      tag.attributes = text.substr(i, tag.end - i);
    } else {
      tag.attributes = text.substr(i, close - i);
      tag.end = close + 1;
    }
    return tag;
  }
  return std::nullopt;
}

bool starts_with_element(std::string_view head, std::string_view name) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  const std::size_t start = first_stray(head, 0, head.size());
  const auto tag = next_tag(head, start);
  return tag && tag->begin == start && is_start_of(*tag, name);
}

std::string_view attribute(std::string_view attributes, std::string_view name) {
  std::size_t i = 0;
  const std::size_t n = attributes.size();
  while (i < n) {
    while (i < n && !is_name_char(attributes[i]))
      ++i;
    const std::size_t name_start = i;
    while (i < n && is_name_char(attributes[i]))
      ++i;
    const std::string_view found = attributes.substr(name_start, i - name_start);
    while (i < n && is_blank(attributes[i]))
      ++i;
    std::string_view value;
    if (i < n && attributes[i] == '=') {
      ++i;
      while (i < n && is_blank(attributes[i]))
        ++i;
      if (i < n && (attributes[i] == '"' || attributes[i] == '\'')) {
        const char quote = attributes[i++];
        std::size_t end = attributes.find(quote, i);
        if (end == std::string_view::npos) end = n;
        value = attributes.substr(i, end - i);
        i = std::min(end + 1, n);
      } else {
        const std::size_t start = i;
        while (i < n && !is_blank(attributes[i]))
          ++i;
        value = attributes.substr(start, i - start);
      }
    }
    if (!found.empty() && text::equals_nocase(found, name)) return value;
  }
  return {};
}

std::size_t LineCounter::line_at(std::size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < offset_) offset_ = 0, line_ = 1;
  line_ += static_cast<std::size_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(offset_),
                                               text_.begin() + static_cast<std::ptrdiff_t>(offset),
                                               '\n'));
  offset_ = offset;
  return line_;
}

Split split_documents(std::string_view text, std::string_view name) {
  Split split;
  std::size_t pos = 0, gap = 0;
  auto note_gap = [&](std::size_t to) {
    if (const std::size_t stray = first_stray(text, gap, to); stray < to) {
      split.stray_text.push_back(stray);
    }
  };
  while (auto start = next_tag(text, pos)) {
    if (!is_start_of(*start, name)) {
      pos = start->end;
      continue;
    }
    note_gap(start->begin);
    Document doc;
    doc.begin = start->begin;
    doc.attributes = start->attributes;
    doc.end = Document::End::end_of_input;
    doc.stop = text.size();
    std::size_t p = start->end;
    while (auto tag = next_tag(text, p)) {
      if (is_end_of(*tag, name)) {
        doc.end = Document::End::closed;
        doc.stop = tag->begin;
        p = tag->end;
        break;
      }
      if (is_start_of(*tag, name)) {
        doc.end = Document::End::next_start;
        doc.stop = tag->begin;
        p = tag->begin;
        break;
      }
      p = tag->end;
    }
    doc.content = text.substr(start->end, doc.stop - start->end);
    if (doc.end == Document::End::end_of_input) p = text.size();
    split.documents.push_back(doc);
    pos = gap = p;
  }
  note_gap(text.size());
  return split;
}

bool Fields::all_closed() const {
  return std::all_of(fields.begin(), fields.end(), [](const Field& f) { return f.closed; });
}

Fields scan_fields(std::string_view content, bool (*is_field)(std::string_view name)) {
  Fields out;
  std::size_t pos = 0;
  while (auto tag = next_tag(content, pos)) {
    if (!tag->terminated) out.unterminated_tags.push_back(tag->begin);
    pos = tag->end;
    if (tag->closing || !is_field(tag->name)) continue;
    Field field{tag->name, tag->attributes, content.substr(tag->end), tag->begin, false};
    pos = content.size();
    std::size_t p = tag->end;
    while (auto inner = next_tag(content, p)) {
      if (is_end_of(*inner, tag->name)) {
        field.content = content.substr(tag->end, inner->begin - tag->end);
        field.closed = true;
        pos = inner->end;
        break;
      }
      if (!inner->closing && is_field(inner->name)) {
        field.content = content.substr(tag->end, inner->begin - tag->end);
        pos = inner->begin;  // The outer loop reads this tag next.
        break;
      }
      if (!inner->terminated) out.unterminated_tags.push_back(inner->begin);
      p = inner->end;
    }
    out.fields.push_back(field);
  }
  return out;
}

std::string line_text(std::string_view content) {
  return one_line(text::decode_entities(strip_tags(content, " ")));
}

std::string paragraphs(std::string_view content) {
  // <P> and </P> end paragraphs; other tags are dropped, keeping their text.
  std::string out, segment;
  auto flush = [&] {
    std::string p = paragraphs_from_lines(text::decode_entities(segment));
    segment.clear();
    if (p.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += p;
  };
  std::size_t pos = 0;
  while (auto tag = next_tag(content, pos)) {
    segment.append(content.substr(pos, tag->begin - pos));
    if (text::equals_nocase(tag->name, "P")) flush();
    pos = tag->end;
  }
  segment.append(content.substr(std::min(pos, content.size())));
  flush();
  return out;
}

std::string with_dateline(std::string_view dateline, std::string body) {
  std::string_view d = text::trim(dateline);
  while (!d.empty() && (d.back() == '-' || d.back() == ' '))
    d.remove_suffix(1);
  if (d.empty()) return body;
  std::string out(d);
  out += " - ";
  out += body;
  return out;
}

void Reporter::article(Article article) {
  if (!sent_) {
    for (auto& [location, reason] : held_)
      sink_.problem(std::move(location), std::move(reason));
    held_.clear();
    sent_ = true;
  }
  sink_.article(std::move(article));
}

void Reporter::problem(std::string location, std::string reason) {
  if (sent_) {
    sink_.problem(std::move(location), std::move(reason));
  } else {
    held_.emplace_back(std::move(location), std::move(reason));
  }
}

void Reporter::finish() {
  if (sent_) return;
  if (held_.empty()) throw_error(ErrorCode::invalid_input, "no article in the input");
  std::string reason = "line " + held_.front().first + ": " + held_.front().second;
  if (held_.size() > 1) reason += " (and " + std::to_string(held_.size() - 1) + " more problems)";
  throw_error(ErrorCode::invalid_input, reason);
}

std::string KeyAssigner::key(std::string_view id, std::size_t ordinal, const std::string& location,
                             ArticleSink& sink) {
  const std::string ordinal_key = std::to_string(ordinal);
  if (id.empty()) {
    sink.problem(location, "no " + id_name_ + "; keyed by its ordinal " + ordinal_key);
    return ordinal_key;
  }
  const auto [it, fresh] = seen_.emplace(std::string(id), location);
  if (fresh) return std::string(id);
  sink.problem(location, id_name_ + " " + std::string(id) + " already used at line " + it->second +
                             "; keyed by its ordinal " + ordinal_key);
  return ordinal_key;
}

namespace {

void report_tags(std::string_view content, const Fields& fields, bool report_unclosed,
                 Context& context) {
  const auto base = static_cast<std::size_t>(content.data() - context.text.data());
  for (std::size_t offset : fields.unterminated_tags) {
    context.reporter.problem(context.location(base + offset), "tag without its closing '>'");
  }
  if (!report_unclosed) return;
  for (const auto& field : fields.fields) {
    if (field.closed) continue;
    context.reporter.problem(
        context.location(base + field.begin),
        "<" + std::string(field.name) + "> not closed; read up to the next field");
  }
}

[[noreturn]] void reject_input(std::string_view bytes, std::string_view element,
                               std::string_view format) {
  if (text::trim(bytes).empty()) throw_error(ErrorCode::invalid_input, "empty input");
  if (looks_binary(bytes)) {
    throw_error(ErrorCode::invalid_input, "binary data, not " + std::string(format));
  }
  throw_error(ErrorCode::invalid_input,
              "no <" + std::string(element) + "> element: not " + std::string(format));
}

}  // namespace

Fields document_fields(const Document& doc, bool (*is_field)(std::string_view name),
                       Context& context) {
  Fields fields = scan_fields(doc.content, is_field);
  report_tags(doc.content, fields, doc.end == Document::End::closed, context);
  return fields;
}

bool accept_end(const Document& doc, const Fields& fields, bool has_text, std::string_view element,
                Context& context) {
  const std::string tag = "<" + std::string(element) + ">";
  const std::string location = context.location(doc.begin);
  switch (doc.end) {
    case Document::End::closed:
      return true;
    case Document::End::next_start:
      if (!has_text) {
        context.reporter.problem(location, tag + " not closed before the next one at line " +
                                               context.location(doc.stop) +
                                               " and holds no text; skipped");
        return false;
      }
      context.reporter.problem(location, tag + " not closed before the next one at line " +
                                             context.location(doc.stop) + "; read what it holds");
      return true;
    case Document::End::end_of_input:
      if (!has_text || !fields.all_closed()) {
        context.reporter.problem(location, tag + " cut off by the end of the input; skipped");
        return false;
      }
      context.reporter.problem(location,
                               tag + " not closed at the end of the input; read what it holds");
      return true;
  }
  return true;
}

Fields nested_fields(std::string_view content, bool (*is_field)(std::string_view name),
                     bool in_closed, Context& context) {
  Fields fields = scan_fields(content, is_field);
  report_tags(content, fields, in_closed, context);
  return fields;
}

void read_documents(std::string_view bytes, std::string_view element, std::string_view id_name,
                    std::string_view format, ArticleSink& sink, DocumentFn read) {
  const std::string text = text::decode_to_utf8(bytes);
  const Split split = split_documents(text, element);
  if (split.documents.empty()) reject_input(bytes, element, format);
  Reporter reporter(sink);
  LineCounter lines(text);
  KeyAssigner keys(id_name);
  Context context{text, lines, keys, reporter};
  const std::string stray_reason = "text outside <" + std::string(element) + "> ignored";
  std::size_t stray = 0;
  auto report_stray_before = [&](std::size_t offset) {
    for (; stray < split.stray_text.size() && split.stray_text[stray] < offset; ++stray) {
      reporter.problem(lines.location(split.stray_text[stray]), stray_reason);
    }
  };
  for (std::size_t i = 0; i < split.documents.size(); ++i) {
    report_stray_before(split.documents[i].begin);  // Problems in input order.
    read(split.documents[i], i + 1, context);
  }
  report_stray_before(text.size());
  reporter.finish();
}

}  // namespace gazette::indexer::sgml
