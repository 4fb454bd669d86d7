// Reader for e-mail and Usenet messages (.eml, news spool files) and mbox folders, on GMime.
//
// Mapping: Subject -> title (kept as written, "Re:" included: it marks a reply and the
// words still match); From -> author (display name, else the address's local part);
// Date -> published; Newsgroups and Keywords -> tags; Message-ID -> position (mbox only:
// a single message file is keyed by its path). Organization is not mapped: it names the
// poster's site, not a publication. Body: the first text/plain part (else the first
// text/html part with its tags stripped), transfer-decoded and converted to UTF-8; quoted
// reply lines ("> …") are kept, since a reply often only makes sense with them; the
// signature after the "-- " line is dropped.
#include "indexer/src/message_reader.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"

#include <gazette/error.hpp>

#include <gmime/gmime.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace gazette::indexer {
namespace {

// Releases a GObject (GMime streams, parsers, messages, options are all GObjects or boxed).
struct Unref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using GPtr = std::unique_ptr<T, Unref>;

struct OptionsFree {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// Header names that mark the start of a message: mail and Usenet headers.
constexpr std::string_view kKnownHeaders[] = {
    "from",         "subject",     "newsgroups",   "path",         "message-id",
    "xref",         "date",        "to",           "cc",           "reply-to",
    "organization", "lines",       "mime-version", "received",     "return-path",
    "references",   "in-reply-to", "sender",       "content-type", "nntp-posting-host",
    "delivered-to", "x-mailer",    "keywords",     "summary"};

// The field name of a header line ("Subject: x" -> "Subject"), or "" when it is not one.
std::string_view header_name(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 76) return {};
  const std::string_view name = line.substr(0, colon);
  const bool printable = std::all_of(name.begin(), name.end(), [](char c) {
    return c > ' ' && c < 127;  // RFC 5322 field names: printable ASCII, no space.
  });
  return printable ? name : std::string_view{};
}

bool is_continuation(std::string_view line) {
  return !line.empty() && (line[0] == ' ' || line[0] == '\t');
}

std::string_view without_cr(std::string_view line) {
  return !line.empty() && line.back() == '\r' ? line.substr(0, line.size() - 1) : line;
}

// True when `head` starts with a plausible header block: every line up to the blank line
// (or the end of `head`) is a header or a folded continuation, and at least two of the
// headers are ones messages carry. A leading continuation line is tolerated (20news kept
// the tail of a stripped Path header).
bool looks_like_headers(std::string_view head) {
  int known = 0, lines = 0;
  std::size_t pos = 0;
  while (pos < head.size() && lines < 64) {
    const std::size_t end = std::min(head.find('\n', pos), head.size());
    const std::string_view line = without_cr(head.substr(pos, end - pos));
    if (end == head.size() && pos > 0) break;  // A cut last line proves nothing.
    pos = end + 1;
    if (line.empty()) break;
    ++lines;
    if (is_continuation(line)) continue;
    const std::string_view name = header_name(line);
    if (name.empty()) return false;
    const std::string lower = text::to_lower_ascii(name);
    if (std::find(std::begin(kKnownHeaders), std::end(kKnownHeaders), lower) !=
        std::end(kKnownHeaders)) {
      ++known;
    }
  }
  return known >= 2;
}

// Offsets of the line starts in `bytes`, to turn GMime's byte offsets into line numbers.
class LineMap {
 public:
  LineMap(std::string_view bytes, std::size_t first_line) : first_line_(first_line) {
    starts_.push_back(0);
    for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
      if (bytes[i] == '\n') starts_.push_back(i + 1);
    }
  }
  std::string line_of(std::size_t offset) const {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return std::to_string(first_line_ + static_cast<std::size_t>(it - starts_.begin()) - 1);
  }
  std::string last_line() const { return std::to_string(first_line_ + starts_.size() - 1); }

 private:
  std::size_t first_line_;
  std::vector<std::size_t> starts_;  // Where each line starts (a final newline starts none).
};

constexpr const char* kTruncated = "truncated message";

// The GMime warnings that mean part of the message was lost; the others (8-bit headers,
// duplicated headers…) are everyday Usenet and change nothing we read.
const char* lost_content_reason(GMimeParserWarning warning) {
  switch (warning) {
    case GMIME_WARN_MALFORMED_MULTIPART:
      return "malformed multipart: no parts found";
    case GMIME_WARN_TRUNCATED_MESSAGE:
      return "truncated message";
    case GMIME_WARN_MALFORMED_MESSAGE:
      return "malformed message";
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      return "multipart without a boundary";
    case GMIME_CRIT_NESTING_OVERFLOW:
      return "MIME parts nested too deep";
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
      return "MIME part without headers or content";
    default:
      return nullptr;
  }
}

// What the GMime warning callback collects for one message.
struct Warnings {
  std::vector<std::pair<std::size_t, std::string>> items;  // Byte offset, reason.
};

void on_warning(gint64 offset, GMimeParserWarning code, const gchar*, gpointer data) {
  if (const char* reason = lost_content_reason(code)) {
    static_cast<Warnings*>(data)->items.emplace_back(offset < 0 ? 0 : offset, reason);
  }
}

// A header's value, unfolded and decoded (RFC 2047, raw 8-bit via the fallback charsets).
std::string header(GMimeMessage* message, const char* name) {
  const char* value = g_mime_object_get_header(GMIME_OBJECT(message), name);
  return value ? one_line(value) : std::string();
}

std::string address_name(InternetAddress* address) {
  if (const char* name = internet_address_get_name(address); name && *name) {
    std::string clean = one_line(name);
    if (!clean.empty()) return clean;
  }
  if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
    const std::string_view addr =
        internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
    return std::string(text::trim(addr.substr(0, addr.find('@'))));
  }
  if (INTERNET_ADDRESS_IS_GROUP(address)) {
    InternetAddressList* members =
        internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address));
    if (members && internet_address_list_length(members) > 0) {
      return address_name(internet_address_list_get_address(members, 0));
    }
  }
  return {};
}

// The author: the first From address's display name, else the comment of an old-style
// address GMime could not read (20news has "user@host@MK (Name)"), else the address's
// local part, else the raw header.
std::string author(GMimeMessage* message) {
  const std::string raw = header(message, "From");
  InternetAddressList* from = g_mime_message_get_from(message);
  InternetAddress* first = from && internet_address_list_length(from) > 0
                               ? internet_address_list_get_address(from, 0)
                               : nullptr;
  if (first) {
    if (const char* name = internet_address_get_name(first); name && *name) {
      std::string clean = one_line(name);
      // A folded-in References line makes GMime read "user@host (Name) <id>" as a
      // display name "user@host (Name)"; the name is the comment.
      if (clean.find('@') != std::string::npos) {
        if (std::string comment = address_comment(clean); !comment.empty()) return comment;
        // A bare address where the name should be: keep the person's part of it.
        if (clean.find(' ') == std::string::npos) return clean.substr(0, clean.find('@'));
      }
      if (!clean.empty()) return clean;
    }
  }
  if (std::string comment = address_comment(raw); !comment.empty()) return comment;
  if (first) {
    if (std::string name = address_name(first); !name.empty()) return name;
  }
  return raw;
}

// Comma-separated list items, trimmed, empty ones dropped.
void append_list(std::vector<std::string>& out, std::string_view list) {
  std::size_t pos = 0;
  while (pos <= list.size()) {
    const std::size_t comma = std::min(list.find(',', pos), list.size());
    text::add_unique(out, list.substr(pos, comma - pos));
    pos = comma + 1;
  }
}

// The decoded bytes of a leaf part (transfer encoding undone), in its charset's bytes.
std::string part_bytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return {};
  GPtr<GMimeStream> out(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, out.get());
  const GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

bool is_attachment(GMimeObject* object) {
  const char* disposition = g_mime_object_get_disposition(object);
  return disposition && text::equals_nocase(disposition, "attachment");
}

// The first inline text/plain part, and the first text/html part as a fallback.
struct TextParts {
  GMimePart* plain = nullptr;
  GMimePart* html = nullptr;
  GMimePart* other_text = nullptr;  // text/enriched, or a bogus type on a pre-MIME post.
  bool pre_mime = false;            // No MIME-Version: its Content-Type is folklore.
};

void find_text_parts(GMimeObject* object, TextParts& found, int depth = 0) {
  if (!object || found.plain || depth > 32) return;
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
      find_text_parts(g_mime_multipart_get_part(multipart, i), found, depth + 1);
    }
    return;
  }
  if (!GMIME_IS_PART(object) || is_attachment(object)) return;
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type && g_mime_content_type_is_type(type, "text", "plain")) {
    found.plain = GMIME_PART(object);
  } else if (type && g_mime_content_type_is_type(type, "text", "html")) {
    if (!found.html) found.html = GMIME_PART(object);
  } else if (!found.other_text && (!type || g_mime_content_type_is_type(type, "text", "*") ||
                                   (depth == 0 && found.pre_mime))) {
    found.other_text = GMIME_PART(object);
  }
}

// Drops the signature: everything from the last "-- " line on.
std::string_view without_signature(std::string_view body) {
  std::size_t cut = std::string_view::npos;
  for (std::size_t pos = 0; pos < body.size();) {
    const std::size_t end = std::min(body.find('\n', pos), body.size());
    if (without_cr(body.substr(pos, end - pos)) == "-- ") cut = pos;
    pos = end + 1;
  }
  return body.substr(0, cut);
}

std::string body_text(GMimeMessage* message) {
  TextParts parts;
  parts.pre_mime = !g_mime_object_get_header(GMIME_OBJECT(message), "MIME-Version");
  find_text_parts(g_mime_message_get_mime_part(message), parts);
  GMimePart* part = parts.plain ? parts.plain : parts.html ? parts.html : parts.other_text;
  if (!part) return {};
  const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
  std::string utf8 = text::decode_to_utf8(part_bytes(part), charset ? charset : "");
  // An HTML part is rendered as pages and feeds are; its paragraphs hold no "-- " line.
  if (!parts.plain && part == parts.html) return html_to_text(utf8);
  return std::string(text::trim(text::clean_text(without_signature(utf8))));
}

Article to_article(GMimeMessage* message, ArticleSink& sink) {
  Article article;
  article.title = header(message, "Subject");
  article.authors.push_back(author(message));
  if (article.authors.front().empty()) article.authors.clear();
  article.published = parse_date_noting(header(message, "Date"), sink);
  append_list(article.tags, header(message, "Newsgroups"));
  append_list(article.tags, header(message, "Keywords"));
  article.body = body_text(message);
  if (const char* id = g_mime_message_get_message_id(message)) {
    article.origin.position = text::collapse_whitespace(id);
    article.docno = article.origin.position;
  }
  return article;
}

// One message's bytes and where they sit in the input, for problem locations.
struct MessageText {
  std::string_view bytes;
  std::size_t first_line = 1;
};

// Drops what GMime would misread as the start of the body: leading blank lines and a
// folded continuation line with no header before it.
std::string_view skip_orphan_lines(std::string_view bytes, std::size_t& first_line) {
  for (;;) {
    const std::size_t end = bytes.find('\n');
    if (end == std::string_view::npos) return bytes;
    const std::string_view line = without_cr(bytes.substr(0, end));
    if (!line.empty() && !is_continuation(line)) return bytes;
    bytes.remove_prefix(end + 1);
    ++first_line;
  }
}

// True when the header block of `bytes` ends with a blank line.
bool header_block_ends(std::string_view bytes) {
  return bytes.starts_with("\n") || bytes.starts_with("\r\n") ||
         bytes.find("\n\n") != std::string_view::npos ||
         bytes.find("\n\r\n") != std::string_view::npos;
}

// Parses one message; nullopt when it has no readable header block. Problems that lose
// part of the message go to `sink`, located by line.
std::optional<Article> parse_message(MessageText input, ArticleSink& sink) {
  init_gmime();
  std::size_t first_line = input.first_line;
  const std::string_view bytes = skip_orphan_lines(input.bytes, first_line);
  if (!looks_like_headers(bytes)) return std::nullopt;
  std::unique_ptr<GMimeParserOptions, OptionsFree> options(g_mime_parser_options_new());
  const char* fallback[] = {"UTF-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback);
  Warnings warnings;
  g_mime_parser_options_set_warning_callback(options.get(), on_warning, &warnings);
  GPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(bytes.data(), static_cast<gsize>(bytes.size())));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!message) return std::nullopt;
  Article article = to_article(message.get(), sink);
  const LineMap lines(bytes, first_line);
  const bool headers_end = header_block_ends(bytes);
  if (!headers_end) {
    sink.problem(lines.last_line(), "truncated message: the header block never ends");
  }
  for (const auto& [offset, reason] : warnings.items) {
    if (reason == kTruncated) {
      // GMime gives no useful offset here: the message breaks off where the input ends.
      if (headers_end) sink.problem(lines.last_line(), reason);
    } else {
      sink.problem(lines.line_of(offset), reason);
    }
  }
  return article;
}

// True when the line at `pos` is an mbox "From " separator: at the very start or after a
// blank line, and followed by a header line (so a body line starting "From " that the
// writer did not escape does not split a message).
bool is_separator(std::string_view bytes, std::size_t pos, bool after_blank) {
  if (!after_blank || !bytes.substr(pos).starts_with("From ")) return false;
  const std::size_t next = std::min(bytes.find('\n', pos), bytes.size() - 1) + 1;
  return !header_name(bytes.substr(next, bytes.find('\n', next) - next)).empty();
}

// The messages of an mbox folder, each without its "From " line; `preamble` receives what
// stands before the first separator.
std::vector<MessageText> split_mbox(std::string_view bytes, std::string_view* preamble = nullptr) {
  std::vector<MessageText> messages;
  std::size_t pos = 0, line = 1, message_start = 0;
  bool after_blank = true;
  auto close_message = [&](std::size_t end) {
    if (!messages.empty()) messages.back().bytes = bytes.substr(message_start, end - message_start);
  };
  while (pos < bytes.size()) {
    const std::size_t end = std::min(bytes.find('\n', pos), bytes.size());
    if (is_separator(bytes, pos, after_blank)) {
      if (messages.empty() && preamble) *preamble = bytes.substr(0, pos);
      close_message(pos);
      message_start = std::min(end + 1, bytes.size());
      messages.push_back({{}, line + 1});
    }
    after_blank = without_cr(bytes.substr(pos, end - pos)).empty();
    pos = end + 1;
    ++line;
  }
  close_message(bytes.size());
  return messages;
}

// Undoes mboxrd/mboxo quoting: a line ">From " (or ">>From "…) loses one '>'.
std::string unescape_from_lines(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t end = std::min(bytes.find('\n', pos), bytes.size());
    std::string_view line = bytes.substr(pos, end - pos + (end < bytes.size() ? 1 : 0));
    const std::size_t quotes = line.find_first_not_of('>');
    if (quotes > 0 && quotes != std::string_view::npos &&
        line.substr(quotes).starts_with("From ")) {
      line.remove_prefix(1);
    }
    out.append(line);
    pos = end + 1;
  }
  return out;
}

bool looks_binary(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 1024);
  return head.find('\0') != std::string_view::npos;
}

}  // namespace

void read_message(std::string_view bytes, const ReadOptions&, ArticleSink& sink) {
  if (text::trim(bytes).empty()) throw_error(ErrorCode::invalid_input, "empty file");
  std::string_view message = bytes;
  std::size_t first_line = 1;
  if (message.starts_with("From ")) {  // A message saved with its mbox envelope line.
    message.remove_prefix(std::min(message.find('\n'), message.size() - 1) + 1);
    first_line = 2;
  }
  auto article = looks_binary(bytes) ? std::nullopt : parse_message({message, first_line}, sink);
  if (!article) {
    throw_error(ErrorCode::invalid_input, "not a message: no header lines at the start");
  }
  article->origin.position.clear();  // A single-message file is keyed by its path.
  sink.article(std::move(*article));
}

bool sniff_message(std::string_view head) {
  std::size_t first_line = 1;
  return !looks_binary(head) && looks_like_headers(skip_orphan_lines(head, first_line));
}

void read_mbox(std::string_view bytes, const ReadOptions&, ArticleSink& sink) {
  if (text::trim(bytes).empty()) throw_error(ErrorCode::invalid_input, "empty file");
  std::string_view preamble;
  const std::vector<MessageText> messages =
      looks_binary(bytes) ? std::vector<MessageText>{} : split_mbox(bytes, &preamble);
  if (messages.empty()) {
    throw_error(ErrorCode::invalid_input, "not an mbox folder: no \"From \" separator line");
  }
  if (!text::trim(preamble).empty()) {
    sink.problem("1", "text before the first \"From \" line is not a message");
  }
  std::size_t ordinal = 0;
  for (const MessageText& message : messages) {
    ++ordinal;
    const std::string unescaped = unescape_from_lines(message.bytes);
    auto article = parse_message({unescaped, message.first_line}, sink);
    if (!article) {
      sink.problem(std::to_string(message.first_line - 1),
                   "no message headers after the \"From \" line");
      continue;
    }
    if (article->origin.position.empty()) article->origin.position = std::to_string(ordinal);
    sink.article(std::move(*article));
  }
}

bool sniff_mbox(std::string_view head) {
  return head.starts_with("From ") && !split_mbox(head).empty();
}

}  // namespace gazette::indexer
