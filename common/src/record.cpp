// Stored-field record: encode/decode Article <-> document data.
#include "common/src/record.hpp"

#include <gazette/date.hpp>

#include "common/src/text.hpp"

namespace gazette::record {
namespace {

void put(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out.append(name).push_back('=');
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  out += '\n';
}

std::string unescape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      ++i;
      out += value[i] == 'n' ? '\n' : value[i];
    } else {
      out += value[i];
    }
  }
  return out;
}

}  // namespace

std::string encode(const Article& a) {
  std::string out;
  out.reserve(a.body.size() + a.title.size() + 256);
  put(out, "id", a.id);
  put(out, "docno", a.docno);
  put(out, "title", a.title);
  if (a.published) put(out, "date", format_iso8601(*a.published));
  put(out, "source", a.source);
  for (const auto& author : a.authors)
    put(out, "author", author);
  put(out, "url", a.url);
  put(out, "lang", a.lang);
  for (const auto& tag : a.tags)
    put(out, "tag", tag);
  put(out, "format", a.format);
  put(out, "path", a.origin.path);
  put(out, "position", a.origin.position);
  put(out, "body", a.body);  // Last: the largest field.
  return out;
}

Article decode(std::string_view data) {
  Article a;
  for (std::string_view line : text::split_lines(data)) {
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, eq);
    std::string value = unescape(line.substr(eq + 1));
    if (name == "id")
      a.id = std::move(value);
    else if (name == "docno")
      a.docno = std::move(value);
    else if (name == "title")
      a.title = std::move(value);
    else if (name == "date")
      a.published = parse_date(value);
    else if (name == "source")
      a.source = std::move(value);
    else if (name == "author")
      a.authors.push_back(std::move(value));
    else if (name == "url")
      a.url = std::move(value);
    else if (name == "lang")
      a.lang = std::move(value);
    else if (name == "tag")
      a.tags.push_back(std::move(value));
    else if (name == "format")
      a.format = std::move(value);
    else if (name == "path")
      a.origin.path = std::move(value);
    else if (name == "position")
      a.origin.position = std::move(value);
    else if (name == "body")
      a.body = std::move(value);
  }
  return a;
}

}  // namespace gazette::record
