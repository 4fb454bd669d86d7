// Reader for WARC web archives (WARC/1.0 and 1.1): HTML pages from HTTP response records.
#include "indexer/src/warc_reader.hpp"

#include "common/src/text.hpp"
#include "indexer/src/html_reader.hpp"

#include <gazette/error.hpp>

#include <zlib.h>

#include <charconv>
#include <optional>
#include <string>
#include <vector>

namespace gazette::indexer {
namespace {

// A decompressed page larger than this is a decompression bomb, not a news article.
constexpr std::size_t kMaxInflated = 64 * 1024 * 1024;

// "Name: value" header fields of a WARC record or an HTTP message, in order.
struct Fields {
  std::vector<std::pair<std::string, std::string>> items;

  std::string_view get(std::string_view name) const {
    for (const auto& [key, value] : items) {
      if (text::equals_nocase(key, name)) return value;
    }
    return {};
  }
  bool has(std::string_view name) const {
    for (const auto& item : items) {
      if (text::equals_nocase(item.first, name)) return true;
    }
    return false;
  }
};

// A header block: its fields, and where the content after its blank line starts.
struct HeaderBlock {
  Fields fields;
  std::size_t content_start = 0;
};

// The end of the line starting at `pos` (the index of '\n', or size()) and the next line.
std::size_t line_end(std::string_view bytes, std::size_t pos) {
  return std::min(bytes.find('\n', pos), bytes.size());
}

std::string_view strip_cr(std::string_view line) {
  return !line.empty() && line.back() == '\r' ? line.substr(0, line.size() - 1) : line;
}

// Parses header lines from `pos` up to and including the blank line that ends them (CRLF or
// bare LF). nullopt when the input ends first.
std::optional<HeaderBlock> parse_header_block(std::string_view bytes, std::size_t pos) {
  HeaderBlock block;
  while (pos < bytes.size()) {
    const std::size_t end = line_end(bytes, pos);
    if (end == bytes.size()) return std::nullopt;  // No newline: the block never ends.
    const std::string_view line = strip_cr(bytes.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) {
      block.content_start = pos;
      return block;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !block.fields.items.empty()) {
      block.fields.items.back().second += ' ';  // A folded continuation of the last field.
      block.fields.items.back().second += text::trim(line);
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // Not a field; tolerated.
    block.fields.items.emplace_back(text::trim(line.substr(0, colon)),
                                    text::trim(line.substr(colon + 1)));
  }
  return std::nullopt;
}

// True when a WARC record header ("WARC/1.0" or "WARC/1.1" line) starts at `pos`.
bool is_record_start(std::string_view bytes, std::size_t pos) {
  const std::string_view rest = bytes.substr(pos);
  if (!rest.starts_with("WARC/1.") || rest.size() < 9) return false;
  const std::string_view line = strip_cr(rest.substr(0, line_end(rest, 0)));
  return line.size() == 8 && line[7] >= '0' && line[7] <= '9';
}

// The next record header at or after `from` that starts a line, or npos.
std::size_t find_record_start(std::string_view bytes, std::size_t from) {
  for (std::size_t pos = from; pos < bytes.size(); ++pos) {
    pos = bytes.find("WARC/1.", pos);
    if (pos == std::string_view::npos) return pos;
    if ((pos == 0 || bytes[pos - 1] == '\n') && is_record_start(bytes, pos)) return pos;
  }
  return std::string_view::npos;
}

std::optional<std::size_t> parse_size(std::string_view digits, int base = 10) {
  std::size_t value = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (error != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
    return std::nullopt;
  }
  return value;
}

// True when only CR/LF stand between `pos` and either the input's end or a record header.
bool ends_at_boundary(std::string_view bytes, std::size_t pos) {
  pos = std::min(bytes.find_first_not_of("\r\n", pos), bytes.size());
  return pos == bytes.size() || is_record_start(bytes, pos);
}

// Undoes Transfer-Encoding: chunked. Fails (nullopt) on a malformed or unfinished chunk.
std::optional<std::string> dechunk(std::string_view body) {
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t end = line_end(body, pos);
    if (end == body.size()) return std::nullopt;
    std::string_view size_line = strip_cr(body.substr(pos, end - pos));
    size_line = text::trim(size_line.substr(0, size_line.find(';')));  // Drop extensions.
    const auto size = parse_size(size_line, 16);
    if (!size) return std::nullopt;
    pos = end + 1;
    if (*size == 0) return out;  // Trailers, if any, carry nothing we need.
    if (*size > body.size() - pos) return std::nullopt;
    out.append(body.substr(pos, *size));
    pos += *size;
    if (body.substr(pos).starts_with("\r\n"))
      pos += 2;
    else if (body.substr(pos).starts_with("\n"))
      pos += 1;
  }
}

// Inflates gzip or zlib (window_bits 15 + 32) or raw deflate (-15) data.
std::optional<std::string> inflate_with(std::string_view data, int window_bits) {
  z_stream stream{};
  if (inflateInit2(&stream, window_bits) != Z_OK) return std::nullopt;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > kMaxInflated) status = Z_MEM_ERROR;
    if (status == Z_BUF_ERROR && stream.avail_in == 0) break;  // Input ended early.
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) return std::nullopt;
  return out;
}

// Undoes Content-Encoding gzip/deflate. "deflate" is meant to be zlib-wrapped but many
// servers send raw deflate, so both are tried.
std::optional<std::string> decode_content(std::string_view body, std::string_view encoding,
                                          std::string& reason) {
  const std::string name = text::to_lower_ascii(text::trim(encoding));
  if (name.empty() || name == "identity") return std::string(body);
  if (name == "gzip" || name == "x-gzip" || name == "deflate") {
    if (auto out = inflate_with(body, 15 + 32)) return out;
    if (name == "deflate") {
      if (auto out = inflate_with(body, -15)) return out;
    }
    reason = "corrupt " + name + " content";
    return std::nullopt;
  }
  reason = "unsupported Content-Encoding " + name;
  return std::nullopt;
}

// The media type of a Content-Type value, lower-cased, without parameters.
std::string media_type(std::string_view content_type) {
  return text::to_lower_ascii(text::trim(content_type.substr(0, content_type.find(';'))));
}

// The charset parameter of a Content-Type value, or "".
std::string charset_of(std::string_view content_type) {
  const std::string lower = text::to_lower_ascii(content_type);
  const std::size_t at = lower.find("charset=");
  if (at == std::string::npos) return {};
  std::string_view value = std::string_view(content_type).substr(at + 8);
  value = value.substr(0, value.find(';'));
  value = text::trim(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
    value = value.substr(1, value.size() - 2);
  }
  return std::string(value);
}

bool is_html_type(std::string_view type, std::string_view body) {
  if (type == "text/html" || type == "application/xhtml+xml") return true;
  if (!type.empty()) return false;
  // No declared type: look at the content, as browsers do.
  const std::string start = text::to_lower_ascii(body.substr(0, 512));
  return start.find("<html") != std::string::npos ||
         start.find("<!doctype html") != std::string::npos;
}

// One WARC record being turned into an article; `problem` receives one-line reasons.
struct RecordContext {
  const HeaderBlock& header;
  std::string_view block;
  std::string location;
};

// The record id without its "<urn:uuid:…>" decoration, which every id carries alike.
std::string record_key(std::string_view record_id) {
  std::string_view id = text::trim(record_id);
  if (id.starts_with('<') && id.ends_with('>')) id = id.substr(1, id.size() - 2);
  if (text::starts_with_nocase(id, "urn:uuid:")) id = id.substr(9);
  return std::string(id);
}

// The HTML page carried by a record's block, or nullopt (with `reason` set when it is a
// problem rather than a record that simply holds no page).
std::optional<std::string> html_payload(const RecordContext& record, std::string& reason) {
  const std::string type = text::to_lower_ascii(record.header.fields.get("WARC-Type"));
  const std::string warc_media = media_type(record.header.fields.get("Content-Type"));
  if (type == "resource") {
    if (!is_html_type(warc_media, record.block)) return std::nullopt;
    return text::decode_to_utf8(record.block, charset_of(record.header.fields.get("Content-Type")));
  }
  if (type != "response" || (!warc_media.empty() && warc_media != "application/http")) {
    return std::nullopt;  // warcinfo, request, metadata, revisit, dns:… responses.
  }
  const std::string_view block = record.block;
  const std::string_view status_line = strip_cr(block.substr(0, line_end(block, 0)));
  int status = 0;
  const std::size_t space = status_line.find(' ');
  if (!status_line.starts_with("HTTP/") || space == std::string_view::npos ||
      std::from_chars(status_line.data() + space + 1, status_line.data() + status_line.size(),
                      status)
              .ec != std::errc()) {
    reason = "malformed HTTP response: no status line";
    return std::nullopt;
  }
  // Redirects, errors and "no content" carry no article.
  if (status < 200 || status > 299 || status == 204) return std::nullopt;
  const auto http = parse_header_block(block, line_end(block, 0) + 1);
  if (!http) {
    reason = "malformed HTTP response: headers never end";
    return std::nullopt;
  }
  const std::string_view content_type = http->fields.get("Content-Type");
  std::string body(block.substr(http->content_start));
  if (text::to_lower_ascii(http->fields.get("Transfer-Encoding")).find("chunked") !=
      std::string::npos) {
    auto plain = dechunk(body);
    if (!plain) {
      reason = "malformed chunked transfer encoding";
      return std::nullopt;
    }
    body = std::move(*plain);
  }
  auto decoded = decode_content(body, http->fields.get("Content-Encoding"), reason);
  if (!decoded || !is_html_type(media_type(content_type), *decoded)) return std::nullopt;
  // The HTTP charset outranks the page's own meta tag; valid UTF-8 is kept as it is.
  return text::decode_to_utf8(*decoded, charset_of(content_type));
}

// Reads the record's page, if it holds one, into an article for `sink`.
void read_record(const RecordContext& record, ArticleSink& sink) {
  std::string reason;
  const auto html = html_payload(record, reason);
  if (!html) {
    if (!reason.empty()) sink.problem(record.location, reason);
    return;
  }
  Article article;
  try {
    article = read_html_article(*html);
  } catch (const Error& error) {
    sink.problem(record.location, error.what());
    return;
  }
  const Fields& fields = record.header.fields;
  if (auto uri = text::trim(fields.get("WARC-Target-URI")); !uri.empty()) {
    article.url = std::string(uri);
  }
  if (!article.published) article.published = parse_date_noting(fields.get("WARC-Date"), sink);
  article.origin.position = record_key(fields.get("WARC-Record-ID"));
  article.docno = std::string(text::trim(fields.get("WARC-Record-ID")));
  sink.article(std::move(article));
}

// Why a record's block had to be found by scanning for the next record header.
std::string length_problem(const HeaderBlock& header, std::optional<std::size_t> length,
                           std::size_t next) {
  const std::string where = "; resynchronised at byte " + std::to_string(next);
  if (length) {
    return "Content-Length " + std::to_string(*length) + " does not end at a record boundary" +
           where;
  }
  return (header.fields.has("Content-Length") ? "invalid Content-Length"
                                              : "missing Content-Length") +
         where;
}

// Walks the records of a WARC file, resynchronising after damaged ones.
class WarcWalker {
 public:
  WarcWalker(std::string_view bytes, ArticleSink& sink) : bytes_(bytes), sink_(sink) {}

  void run() {
    std::size_t pos = find_record_start(bytes_, 0);
    if (pos == std::string_view::npos) {
      throw_error(ErrorCode::invalid_input, "not a WARC file: no \"WARC/1.0\" record header");
    }
    if (bytes_.substr(0, pos).find_first_not_of("\r\n") != std::string_view::npos) {
      problems_.push_back({"byte 0", "unexpected data before the first record"});
    }
    while (pos != std::string_view::npos && pos < bytes_.size())
      pos = read_one(pos);
    if (records_ == 0) {
      throw_error(ErrorCode::invalid_input,
                  problems_.empty() ? "no complete WARC record" : problems_.back().second);
    }
    for (auto& [location, reason] : problems_)
      sink_.problem(location, reason);
  }

 private:
  // Reads the record starting at `pos`; returns where the next one starts (or npos).
  std::size_t read_one(std::size_t pos) {
    ++ordinal_;
    const std::string location =
        "record " + std::to_string(ordinal_) + " (byte " + std::to_string(pos) + ")";
    const auto header = parse_header_block(bytes_, line_end(bytes_, pos) + 1);
    if (!header) {
      problems_.push_back({location, "truncated record: the header never ends"});
      return std::string_view::npos;
    }
    const auto length = parse_size(header->fields.get("Content-Length"));
    const std::size_t start = header->content_start;
    if (length && *length <= bytes_.size() - start && ends_at_boundary(bytes_, start + *length)) {
      ++records_;
      read_record({*header, bytes_.substr(start, *length), location}, sink_);
      return std::min(bytes_.find_first_not_of("\r\n", start + *length), bytes_.size());
    }
    // The length is missing or lies: the record really ends where the next header starts.
    std::size_t next = find_record_start(bytes_, start);
    if (next == std::string_view::npos) {
      if (length && *length > bytes_.size() - start) {
        problems_.push_back(
            {location, "truncated record: Content-Length " + std::to_string(*length) +
                           " but only " + std::to_string(bytes_.size() - start) + " bytes remain"});
        return std::string_view::npos;
      }
      next = bytes_.size();
    }
    std::size_t end = next;
    while (end > start && (bytes_[end - 1] == '\n' || bytes_[end - 1] == '\r'))
      --end;
    problems_.push_back({location, length_problem(*header, length, next)});
    ++records_;
    read_record({*header, bytes_.substr(start, end - start), location}, sink_);
    return next;
  }

  std::string_view bytes_;
  ArticleSink& sink_;
  std::size_t ordinal_ = 0, records_ = 0;
  // Held back until the end so a file with no readable record throws instead.
  std::vector<std::pair<std::string, std::string>> problems_;
};

}  // namespace

void read_warc(std::string_view bytes, const ReadOptions&, ArticleSink& sink) {
  WarcWalker(bytes, sink).run();
}

bool sniff_warc(std::string_view head) {
  return is_record_start(head, 0);
}

}  // namespace gazette::indexer
