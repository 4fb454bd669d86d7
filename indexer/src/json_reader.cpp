// Reader for JSON Lines / NDJSON and JSON array files (simdjson).
//
// What is accepted, decided from the first non-space byte (after a UTF-8 BOM):
//  - `[` : an array of article objects (position = 1-based element index);
//  - `{` followed by more values: JSON Lines when the first object fits on its line, else
//    concatenated multi-line objects as `jq '.[]'` prints them (position = the line number
//    where the record starts);
//  - `{` alone: one object, either a wrapper holding the article array under a top-level
//    key listed in kWrapperKeys ({"articles": [...]}) or a single article (position 1).
// Records are cut out of the input by a small iterative scanner (strings and brackets only,
// so depth costs nothing) and each is parsed on its own with simdjson's DOM API. The scanner
// works on a window of the input (class Input): the whole bytes, or blocks read from a file
// with the text already read dropped at each refill, so a big file costs one block and its
// largest record, never its size (a wrapper object, being one value, is held whole). One
// record that does not parse is one problem; the records around it are still read, and an
// input cut off in the middle keeps everything before the damage. A record whose id is present uses
// it as the position instead; a repeated id gets "~<ordinal>" appended so no article replaces
// another. Body text that looks like HTML is turned into paragraphs by html_to_text, as feed
// descriptions are.
#include "indexer/src/json_reader.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"

#include <gazette/error.hpp>

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

namespace gazette::indexer {
namespace {

namespace dom = simdjson::dom;

// Article fields a mapping can fill, in the order of kFieldKeys.
enum Field : std::size_t { kTitle, kBody, kDate, kUrl, kAuthors, kSource, kLang, kTags, kId };
constexpr std::size_t kFieldCount = 9;

constexpr std::string_view kTitleKeys[] = {"title", "headline"};
// description/summary come last: a teaser is better than nothing when there is no text.
constexpr std::string_view kBodyKeys[] = {"body",    "text",        "content",
                                          "article", "description", "summary"};
constexpr std::string_view kDateKeys[] = {"date",         "published",     "pubDate",
                                          "publish_date", "datePublished", "published_at"};
constexpr std::string_view kUrlKeys[] = {"url", "link"};
constexpr std::string_view kAuthorKeys[] = {"author", "authors", "byline"};
constexpr std::string_view kSourceKeys[] = {"source", "publication", "site"};
constexpr std::string_view kLangKeys[] = {"lang", "language"};
constexpr std::string_view kTagKeys[] = {"tags", "keywords", "section", "category"};
constexpr std::string_view kIdKeys[] = {"id"};

struct FieldKeys {
  std::string_view field;
  std::span<const std::string_view> keys;
};
constexpr std::array<FieldKeys, kFieldCount> kFieldKeys = {{{"title", kTitleKeys},
                                                            {"body", kBodyKeys},
                                                            {"date", kDateKeys},
                                                            {"url", kUrlKeys},
                                                            {"authors", kAuthorKeys},
                                                            {"source", kSourceKeys},
                                                            {"lang", kLangKeys},
                                                            {"tags", kTagKeys},
                                                            {"id", kIdKeys}}};

// Top-level keys of a wrapper object whose array value holds the articles.
constexpr std::string_view kWrapperKeys[] = {"articles",  "items", "data",    "results",
                                             "documents", "docs",  "entries", "records",
                                             "stories",   "posts"};

constexpr std::string_view kSpace = " \t\r\n";

// Key paths per field: the defaults, or the user's overrides (which replace the defaults of
// that field; several overrides for one field are tried in order).
using Mapping = std::array<std::vector<std::string>, kFieldCount>;

Mapping make_mapping(const ReadOptions& options) {
  Mapping mapping;
  std::array<bool, kFieldCount> overridden{};
  for (const auto& [field, path] : options.json_fields) {
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (kFieldKeys[f].field != field || path.empty()) continue;
      if (!overridden[f]) mapping[f].clear();
      overridden[f] = true;
      mapping[f].push_back(path);
    }
  }
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (overridden[f]) continue;
    for (std::string_view key : kFieldKeys[f].keys)
      mapping[f].emplace_back(key);
  }
  return mapping;
}

// ---- Looking values up ------------------------------------------------------------------

// The member `key` of an object (exact, else ASCII case-insensitive: "Title", "pubdate"),
// or the element at index `key` of an array.
std::optional<dom::element> child(dom::element parent, std::string_view key) {
  dom::object object;
  if (parent.get(object) == simdjson::SUCCESS) {
    dom::element value;
    if (object.at_key(key).get(value) == simdjson::SUCCESS) return value;
    for (dom::key_value_pair member : object) {
      if (text::equals_nocase(member.key, key)) return member.value;
    }
    return std::nullopt;
  }
  dom::array array;
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), index);
  dom::element value;
  if (parent.get(array) == simdjson::SUCCESS && ec == std::errc() &&
      end == key.data() + key.size() && array.at(index).get(value) == simdjson::SUCCESS) {
    return value;
  }
  return std::nullopt;
}

// False for null, "", [] and {}: such a value lets the next alias of a field win.
bool has_content(dom::element value) {
  switch (value.type()) {
    case dom::element_type::NULL_VALUE:
      return false;
    case dom::element_type::STRING:
      return !text::trim(std::string_view(value)).empty();
    case dom::element_type::ARRAY:
      return dom::array(value).size() > 0;
    case dom::element_type::OBJECT:
      return dom::object(value).size() > 0;
    default:
      return true;
  }
}

// The value at a key path: a key as written (keys may hold dots), else dotted segments.
std::optional<dom::element> at_path(dom::element record, std::string_view path) {
  if (auto whole = child(record, path)) return whole;
  if (path.find('.') == std::string_view::npos) return std::nullopt;
  std::optional<dom::element> current = record;
  std::size_t start = 0;
  while (current && start <= path.size()) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    current = child(*current, path.substr(start, dot - start));
    start = dot + 1;
  }
  return current;
}

// The first key path of `field` with content in `record`.
std::optional<dom::element> field_value(dom::element record, const Mapping& mapping, Field field) {
  for (const std::string& path : mapping[field]) {
    auto value = at_path(record, path);
    if (value && has_content(*value)) return value;
  }
  return std::nullopt;
}

// A number as text without exponent: 12345678901234567890, 1700000000, 12.5.
std::string number_text(dom::element value) {
  switch (value.type()) {
    case dom::element_type::INT64:
      return std::to_string(int64_t(value));
    case dom::element_type::UINT64:
      return std::to_string(uint64_t(value));
    default: {
      const double number = double(value);
      if (!std::isfinite(number)) return {};
      std::array<char, 400> buffer{};
      const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number,
                                        std::chars_format::fixed);
      return std::string(buffer.data(), result.ptr);
    }
  }
}

// A scalar as raw text (strings as they are, numbers without exponent); "" for the rest.
std::string scalar_text(dom::element value) {
  switch (value.type()) {
    case dom::element_type::STRING:
      return std::string(std::string_view(value));
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE:
      return number_text(value);
    case dom::element_type::BOOL:
      return bool(value) ? "true" : "false";
    default:
      return {};
  }
}

// One line of clean text (titles, names, ids).
std::string line_text(std::string_view raw) {
  return one_line(text::decode_entities(raw));
}

// A scalar, or an object's "name" (authors and sources are often {"name": ...}).
std::string name_text(dom::element value) {
  if (value.type() == dom::element_type::OBJECT) {
    auto name = child(value, "name");
    return name ? line_text(scalar_text(*name)) : std::string();
  }
  return line_text(scalar_text(value));
}

// Every name in a value that is one name or an array of names.
std::vector<std::string> name_list(dom::element value) {
  std::vector<std::string> names;
  if (value.type() == dom::element_type::ARRAY) {
    for (dom::element item : dom::array(value))
      text::add_unique(names, name_text(item));
  } else {
    text::add_unique(names, name_text(value));
  }
  return names;
}

// ---- Body text ---------------------------------------------------------------------------

// Paragraphs separated by blank lines (single newlines join lines of one paragraph); when the
// text has no blank line at all, every line is a paragraph, as most JSON exports write them.
std::string paragraphs(std::string_view cleaned) {
  const bool blank_separated = cleaned.find("\n\n") != std::string_view::npos;
  std::string out;
  std::string paragraph;
  auto flush = [&] {
    append_paragraph(out, paragraph);
    paragraph.clear();
  };
  for (std::string_view line : text::split_lines(cleaned)) {
    if (text::trim(line).empty() || !blank_separated) flush();
    paragraph.append(line).push_back(' ');
  }
  flush();
  return out;
}

// A body that opens with a tag ("<article>", "<!DOCTYPE"), or holds block markup anywhere.
bool looks_like_html(std::string_view body) {
  const std::string_view trimmed = text::trim(body);
  return (trimmed.size() > 1 && trimmed[0] == '<' &&
          (std::isalpha(static_cast<unsigned char>(trimmed[1])) || trimmed[1] == '!')) ||
         has_html_markup(body);
}

std::string body_text(std::string_view raw) {
  if (looks_like_html(raw)) return html_to_text(raw);
  return paragraphs(text::clean_text(text::decode_entities(raw)));
}

// A body given as a string, or as an array of paragraph strings.
std::string body_of(dom::element value) {
  if (value.type() != dom::element_type::ARRAY) return body_text(scalar_text(value));
  std::string out;
  for (dom::element item : dom::array(value)) {
    const std::string paragraph = body_text(scalar_text(item));
    if (!paragraph.empty()) out += (out.empty() ? "" : "\n\n") + paragraph;
  }
  return out;
}

// ---- Other fields ------------------------------------------------------------------------

// Tags from an array, or from one string split on commas.
std::vector<std::string> tags_of(dom::element value) {
  if (value.type() != dom::element_type::STRING) return name_list(value);
  std::vector<std::string> tags;
  const std::string_view all = value;
  std::size_t start = 0;
  while (start <= all.size()) {
    const std::size_t comma = std::min(all.find(',', start), all.size());
    text::add_unique(tags, line_text(all.substr(start, comma - start)));
    start = comma + 1;
  }
  return tags;
}

// A date string, or a number of Unix seconds (milliseconds when beyond 1e11, i.e. year 5138).
std::optional<Timestamp> date_of(dom::element value, ArticleSink& sink) {
  if (value.type() == dom::element_type::STRING) {
    return parse_date_noting(std::string_view(value), sink);
  }
  double seconds = 0;
  if (value.get(seconds) != simdjson::SUCCESS) {
    sink.unreadable_date("(not a date string or number)");
    return std::nullopt;
  }
  if (std::abs(seconds) >= 1e11) seconds /= 1000;
  if (!std::isfinite(seconds) || std::abs(seconds) > 1e11) {
    sink.unreadable_date(number_text(value));
    return std::nullopt;
  }
  return Timestamp(std::chrono::seconds(static_cast<std::int64_t>(seconds)));
}

// The article in one record, and its id ("" when absent).
Article article_of(dom::element record, const Mapping& mapping, ArticleSink& sink,
                   std::string& id) {
  Article article;
  auto get = [&](Field field) { return field_value(record, mapping, field); };
  if (auto v = get(kTitle)) article.title = line_text(scalar_text(*v));
  if (auto v = get(kBody)) article.body = body_of(*v);
  if (auto v = get(kDate)) article.published = date_of(*v, sink);
  if (auto v = get(kUrl)) article.url = line_text(scalar_text(*v));
  if (auto v = get(kAuthors)) article.authors = name_list(*v);
  if (auto v = get(kSource)) article.source = name_text(*v);
  if (auto v = get(kLang)) article.lang = language_tag(line_text(scalar_text(*v)));
  if (auto v = get(kTags)) article.tags = tags_of(*v);
  if (auto v = get(kId)) id = line_text(scalar_text(*v));
  return article;
}

// ---- Records -----------------------------------------------------------------------------

// Parses records one at a time and hands their articles to the sink. Problems met before
// any record has parsed are held back: if none ever does, the input is not JSON at all and
// read_json throws instead of reporting every line of, say, a text file.
class RecordReader {
 public:
  RecordReader(const ReadOptions& options, ArticleSink& sink)
      : mapping_(make_mapping(options)), sink_(sink) {}

  // One record's JSON text; `label` prefixes its problems ("element 3: ").
  void record(std::string_view json, const std::string& location, const std::string& ordinal,
              const std::string& label) {
    std::string decoded;
    if (!text::is_valid_utf8(json)) {  // simdjson reads UTF-8 only.
      decoded = text::decode_to_utf8(json);
      json = decoded;
    }
    buffer_.resize(json.size() + simdjson::SIMDJSON_PADDING);
    std::copy(json.begin(), json.end(), buffer_.begin());
    dom::element root;
    if (const auto error = parser_.parse(buffer_.data(), json.size(), false).get(root)) {
      return problem(location, label + "invalid JSON: " + error_text(error));
    }
    parsed_any_ = true;
    for (auto& held : held_)
      sink_.problem(std::move(held.first), std::move(held.second));
    held_.clear();
    if (root.type() != dom::element_type::OBJECT) {
      return problem(location, label + "not a JSON object");
    }
    std::string id;
    Article article = article_of(root, mapping_, sink_, id);
    if (article.title.empty() && article.body.empty()) {
      return problem(location, label + "no title or body");
    }
    article.origin.position = unique_position(id.empty() ? ordinal : id, ordinal);
    article.docno = std::move(id);
    sink_.article(std::move(article));
  }

  void problem(const std::string& location, std::string reason) {
    if (parsed_any_) {
      sink_.problem(location, std::move(reason));
    } else {
      held_.emplace_back(location, std::move(reason));
    }
  }

  bool parsed_any() const { return parsed_any_; }

  // Throws when nothing parsed and something was wrong.
  void finish() {
    if (parsed_any_ || held_.empty()) return;
    throw_error(ErrorCode::invalid_input,
                held_.front().second + " (line " + held_.front().first + ")");
  }

 private:
  static std::string error_text(simdjson::error_code error) {
    std::string message = simdjson::error_message(error);
    while (!message.empty() && (message.back() == '.' || message.back() == ' ')) {
      message.pop_back();
    }
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    return message;
  }

  // A repeated id would give two articles one key, the later replacing the earlier.
  std::string unique_position(const std::string& position, const std::string& ordinal) {
    if (used_.insert(position).second) return position;
    std::string unique = position + "~" + ordinal;
    used_.insert(unique);
    return unique;
  }

  Mapping mapping_;
  ArticleSink& sink_;
  dom::parser parser_;
  std::vector<char> buffer_;
  bool parsed_any_ = false;
  std::vector<std::pair<std::string, std::string>> held_;
  std::unordered_set<std::string> used_;
};

// ---- The input ---------------------------------------------------------------------------

// The input as a window of text: the whole input, or a buffer refilled from a stream in
// blocks. Positions are offsets into text(); refill() drops the text before a position the
// reader no longer needs, moving every later position back by what it returns, so memory
// is one block plus the record being read. Line numbers are counted as the text goes by,
// the dropped text included.
class Input {
 public:
  explicit Input(std::string_view whole) : text_(whole) {}
  Input(ByteStream& stream, std::size_t block)
      : stream_(&stream), block_(std::max<std::size_t>(block, 1)), text_(buffer_) {}

  std::string_view text() const { return text_; }

  // True when text() reaches the end of the input.
  bool ended() const { return stream_ == nullptr || ended_; }

  // Drops the text before `keep` and reads at least as much again as is kept, so that a
  // record longer than a block is still read in linear time; returns how far positions
  // moved back (by `keep`).
  std::size_t refill(std::size_t keep) {
    note_last_text_before(keep);
    move_line_count_to(std::max(keep, counted_));
    buffer_.erase(0, static_cast<std::size_t>(text_.data() - buffer_.data()) + keep);
    if (stream_->read(buffer_, std::max(block_, buffer_.size())) == 0) ended_ = true;
    text_ = buffer_;
    counted_ -= keep;
    return keep;
  }

  // Reads until text() holds `n` bytes or the whole input.
  void ensure(std::size_t n) {
    while (text_.size() < n && !ended())
      refill(0);
  }

  // Leaves out the first `n` bytes (a byte order mark), before any line is counted.
  void skip(std::size_t n) { text_.remove_prefix(n); }

  // The line number of a position.
  std::string line_at(std::size_t offset) {
    move_line_count_to(std::min(offset, text_.size()));
    return std::to_string(line_);
  }

  // The line of the last non-space byte of the input, once ended().
  std::string last_line() {
    const std::size_t last = text_.find_last_not_of(kSpace);
    return last == std::string_view::npos ? std::to_string(last_dropped_line_) : line_at(last);
  }

 private:
  void move_line_count_to(std::size_t offset) {
    if (offset >= counted_) {
      line_ += std::count(text_.begin() + counted_, text_.begin() + offset, '\n');
    } else {
      line_ -= std::count(text_.begin() + offset, text_.begin() + counted_, '\n');
    }
    counted_ = offset;
  }

  void note_last_text_before(std::size_t keep) {
    const std::size_t last = text_.substr(0, keep).find_last_not_of(kSpace);
    if (last == std::string_view::npos) return;
    move_line_count_to(last);
    last_dropped_line_ = line_;
  }

  ByteStream* stream_ = nullptr;
  std::size_t block_ = 0;
  std::string buffer_;
  std::string_view text_;
  bool ended_ = false;
  std::size_t counted_ = 0;  // Lines are counted up to this offset in text_...
  std::size_t line_ = 1;     // ...where this line is.
  std::size_t last_dropped_line_ = 1;
};

// ---- Scanning the structure --------------------------------------------------------------

std::size_t skip_space(std::string_view text, std::size_t pos) {
  return std::min(text.find_first_not_of(kSpace, pos), text.size());
}

// The first non-space position from `pos`, reading more of the input as needed while
// keeping the text from `keep` (<= pos) on; `keep` moves back with the text.
std::size_t skip_space_keeping(Input& input, std::size_t pos, std::size_t& keep) {
  for (;;) {
    pos = skip_space(input.text(), pos);
    if (pos < input.text().size() || input.ended()) return pos;
    const std::size_t moved = input.refill(keep);
    pos -= moved;
    keep -= moved;
  }
}

std::size_t skip_space(Input& input, std::size_t pos) {
  return skip_space_keeping(input, pos, pos);
}

struct Scan {
  std::size_t end;  // Where the value stopped.
  bool complete;    // False when the input ended inside it.
};

// Where the value starting at `pos` ends. With `at_separator`, at the ',' ']' or '}' that
// follows it at the same level (an array element or member value, garbage included);
// otherwise just after its closing bracket. Only strings and brackets are tracked, with a
// counter, so nesting depth costs nothing. JSON strings cannot hold a raw newline, so one
// inside a string ends the value there: an unclosed quote spoils its own record only, instead
// of swallowing the rest of the input.
Scan scan_value(std::string_view text, std::size_t pos, bool at_separator) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = pos; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      } else if (c == '\n') {
        return {i, true};  // A broken string: the record ends here, and fails to parse.
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return {i, true};
      if (--depth == 0 && !at_separator) return {i + 1, true};
    } else if (c == ',' && depth == 0) {
      return {i, true};
    }
  }
  return {text.size(), depth == 0 && !in_string};
}

// scan_value, reading more of the input while the scan reaches the end of the text read so
// far (where more input could change its outcome); `pos` moves back with the text.
Scan scan_value(Input& input, std::size_t& pos, bool at_separator) {
  for (;;) {
    const Scan scan = scan_value(input.text(), pos, at_separator);
    if (scan.end < input.text().size() || input.ended()) return scan;
    pos -= input.refill(pos);
  }
}

// Reads the elements of the array whose '[' is at `open`; returns where reading stopped.
std::size_t read_array(Input& input, std::size_t open, RecordReader& reader) {
  std::size_t pos = open + 1;
  for (std::size_t index = 1;; ++index) {
    pos = skip_space(input, pos);
    if (pos < input.text().size() && input.text()[pos] == ']') return pos + 1;
    if (pos >= input.text().size()) break;
    const std::string line = input.line_at(pos);
    const std::string label = "element " + std::to_string(index) + ": ";
    const Scan scan = scan_value(input, pos, true);
    const std::string_view text = input.text();
    if (!scan.complete) {
      reader.problem(line, label + "cut off: the input ends before this element closes");
      return text.size();
    }
    const std::string_view element = text::trim(text.substr(pos, scan.end - pos));
    if (element.empty()) {
      reader.problem(line, label + "invalid JSON: empty element");
    } else {
      reader.record(element, line, std::to_string(index), label);
    }
    pos = scan.end;
    if (pos >= text.size()) break;
    if (text[pos] == ']') return pos + 1;
    if (text[pos] == '}') {
      reader.problem(input.line_at(pos), "invalid JSON: unexpected '}' in array");
    }
    ++pos;  // Past the ',' (or the '}', or the newline that ended a broken string).
  }
  reader.problem(input.last_line(), "truncated JSON: the input ends before the closing ']'");
  return input.text().size();
}

// The '[' of the article array in a wrapper object whose '{' is at `open`, if any.
std::optional<std::size_t> wrapper_array(std::string_view text, std::size_t open) {
  std::size_t pos = skip_space(text, open + 1);
  while (pos < text.size() && text[pos] == '"') {
    const Scan key_scan = scan_value(text, pos, true);  // Stops at the ',' or '}' after it.
    const std::size_t key_end = text.find('"', pos + 1);
    const std::size_t colon = skip_space(text, key_end + 1);
    if (key_end >= text.size() || colon >= text.size() || text[colon] != ':') break;
    const std::string_view key = text.substr(pos + 1, key_end - pos - 1);
    const std::size_t value = skip_space(text, colon + 1);
    if (value < text.size() && text[value] == '[') {
      const std::size_t first = skip_space(text, value + 1);
      const bool of_objects = first < text.size() && (text[first] == '{' || text[first] == ']');
      for (std::string_view wrapper : kWrapperKeys) {
        if (of_objects && text::equals_nocase(key, wrapper)) return value;
      }
    }
    if (!key_scan.complete || key_scan.end >= text.size() || text[key_scan.end] != ',') break;
    pos = skip_space(text, key_scan.end + 1);
  }
  return std::nullopt;
}

// JSON Lines from `start`: every non-blank line is one record.
void read_lines(Input& input, std::size_t start, RecordReader& reader) {
  for (;;) {
    std::size_t end = input.text().find('\n', start);
    while (end == std::string_view::npos && !input.ended()) {
      start -= input.refill(start);
      end = input.text().find('\n', start);
    }
    const std::string_view text = input.text();
    if (start >= text.size()) return;
    end = std::min(end, text.size());
    const std::string_view record = text::trim(text.substr(start, end - start));
    if (!record.empty()) {
      const std::string location = input.line_at(start);
      reader.record(record, location, location, "");
    }
    start = end + 1;
  }
}

// Concatenated multi-line values, as `jq '.[]'` writes them: each value is one record,
// located and numbered by the line it opens on.
void read_values(Input& input, std::size_t pos, RecordReader& reader) {
  for (pos = skip_space(input, pos); pos < input.text().size(); pos = skip_space(input, pos)) {
    const std::string line = input.line_at(pos);
    const Scan scan = scan_value(input, pos, false);
    if (!scan.complete) {
      return reader.problem(line, "cut off: the input ends before this object closes");
    }
    const std::size_t end = std::max(scan.end, pos + 1);  // A stray ',' '}' or ']' is one byte.
    reader.record(input.text().substr(pos, end - pos), line, line, "");
    pos = end;
  }
}

// One top-level object: a wrapper around the article array, a single article, or the first
// of several records (JSON Lines when it fits on its line, else concatenated values). Only
// a wrapper or a single object, which are one value, are held whole.
void read_object_input(Input& input, std::size_t open, RecordReader& reader) {
  const std::string open_line = input.line_at(open);
  const Scan first = scan_value(input, open, false);
  const bool one_line = first.complete && input.text().substr(open, first.end - open).find('\n') ==
                                              std::string_view::npos;
  const bool alone =
      first.complete && skip_space_keeping(input, first.end, open) == input.text().size();
  if (!alone && first.complete) {
    return one_line ? read_lines(input, open, reader) : read_values(input, open, reader);
  }
  // The input has ended: text() holds all of it from `open` on.
  if (auto array = wrapper_array(input.text(), open)) {
    read_array(input, *array, reader);
    return;
  }
  if (alone) return reader.record(input.text().substr(open), open_line, "1", "");
  // Cut off before its end: JSON Lines with a broken first line, or a broken single object.
  read_lines(input, open, reader);
  if (!reader.parsed_any()) {
    throw_error(ErrorCode::invalid_input,
                "truncated JSON: the object opened on line " + open_line + " never closes");
  }
}

// Text never holds NUL bytes; images, archives and UTF-16 do.
bool looks_binary(std::string_view head) {
  return head.find('\0') != std::string_view::npos;
}

constexpr std::size_t kBinarySniffBytes = 4096;

void read_json_input(Input& input, const ReadOptions& options, ArticleSink& sink) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  input.ensure(kByteOrderMark.size());
  if (input.text().starts_with(kByteOrderMark)) input.skip(kByteOrderMark.size());
  input.ensure(kBinarySniffBytes);
  const bool binary = looks_binary(input.text().substr(0, kBinarySniffBytes));
  const std::size_t start = skip_space(input, 0);
  if (start == input.text().size()) throw_error(ErrorCode::invalid_input, "empty file");
  if (binary) {
    throw_error(ErrorCode::invalid_input, "not JSON: binary data (NUL bytes near the start)");
  }
  const char first = input.text()[start];
  if (first != '{' && first != '[') {
    throw_error(ErrorCode::invalid_input,
                "not JSON: expected '{' or '[' at the start (line " + input.line_at(start) + ")");
  }
  RecordReader reader(options, sink);
  if (first == '{') {
    read_object_input(input, start, reader);
  } else {
    const std::size_t end = skip_space(input, read_array(input, start, reader));
    if (end < input.text().size()) {
      reader.problem(input.line_at(end), "invalid JSON: unexpected text after the closing ']'");
    }
  }
  reader.finish();
}

}  // namespace

void read_json(std::string_view bytes, const ReadOptions& options, ArticleSink& sink) {
  Input input(bytes);
  read_json_input(input, options, sink);
}

void read_json_stream(ByteStream& bytes, const ReadOptions& options, ArticleSink& sink) {
  read_json_blocks(bytes, options, sink, kJsonBlockBytes);
}

void read_json_blocks(ByteStream& bytes, const ReadOptions& options, ArticleSink& sink,
                      std::size_t block_bytes) {
  Input input(bytes, block_bytes);
  read_json_input(input, options, sink);
}

bool sniff_json(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  const std::size_t start = skip_space(head, 0);
  if (start >= head.size()) return false;
  if (head[start] == '{') return true;
  if (head[start] != '[') return false;
  const std::size_t next = skip_space(head, start + 1);
  return next < head.size() && (head[next] == '{' || head[next] == ']');
}

}  // namespace gazette::indexer
