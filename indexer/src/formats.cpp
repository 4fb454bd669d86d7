// The format table and format detection.
#include "indexer/src/formats.hpp"

#include "common/src/text.hpp"
#include "indexer/src/feed_reader.hpp"
#include "indexer/src/html_reader.hpp"
#include "indexer/src/json_reader.hpp"
#include "indexer/src/message_reader.hpp"
#include "indexer/src/nitf_reader.hpp"
#include "indexer/src/reuters_reader.hpp"
#include "indexer/src/text_reader.hpp"
#include "indexer/src/trec_reader.hpp"
#include "indexer/src/warc_reader.hpp"

#include <array>

namespace gazette::indexer {
namespace {

constexpr std::string_view kTextExt[] = {".txt", ".text", ".md"};
constexpr std::string_view kHtmlExt[] = {".html", ".htm", ".xhtml", ".shtml"};
constexpr std::string_view kJsonExt[] = {".jsonl", ".ndjson", ".json"};
constexpr std::string_view kTrecExt[] = {".trec", ".sgml", ".sgm"};
constexpr std::string_view kReutersExt[] = {".sgm", ".sgml"};
constexpr std::string_view kNitfExt[] = {".nitf", ".xml"};
constexpr std::string_view kFeedExt[] = {".rss", ".atom", ".xml"};
constexpr std::string_view kWarcExt[] = {".warc"};
constexpr std::string_view kMessageExt[] = {".eml"};
constexpr std::string_view kMboxExt[] = {".mbox", ".mbx"};

void read_text(std::string_view bytes, const ReadOptions&, ArticleSink& sink) {
  sink.article(read_text_article(bytes, &sink));
}

void read_html(std::string_view bytes, const ReadOptions&, ArticleSink& sink) {
  sink.article(read_html_article(bytes));
}

// The first non-space bytes of `head`, lower-cased, for markup sniffing.
std::string lowered_start(std::string_view head, std::size_t n) {
  const std::size_t start = std::min(head.find_first_not_of(" \t\r\n\xEF\xBB\xBF"), head.size());
  return text::to_lower_ascii(head.substr(start, n));
}

bool sniff_html(std::string_view head) {
  const std::string start = lowered_start(head, 512);
  return start.starts_with("<!doctype html") || start.starts_with("<html") ||
         (start.starts_with("<!--") && start.find("<html") != std::string::npos);
}

// Most specific first: a Reuters file is also SGML, an NITF or feed file also XML.
constexpr std::array<FormatSpec, 10> kFormats = {{
    {"warc", "WARC web archives (.warc, .warc.gz): HTML responses", kWarcExt, sniff_warc, read_warc,
     nullptr},
    {"reuters", "Reuters-21578 SGML (.sgm)", kReutersExt, sniff_reuters, read_reuters, nullptr},
    {"trec", "TREC SGML news collections (<DOC>…</DOC>)", kTrecExt, sniff_trec, read_trec, nullptr},
    {"nitf", "NITF XML news (.nitf, .xml)", kNitfExt, sniff_nitf, read_nitf, nullptr},
    {"feed", "RSS 2.0 and Atom feeds (.rss, .atom, .xml)", kFeedExt, sniff_feed, read_feed,
     nullptr},
    {"mbox", "mbox mail folders (.mbox)", kMboxExt, sniff_mbox, read_mbox, nullptr},
    {"email", "e-mail and Usenet messages (.eml, news spools)", kMessageExt, sniff_message,
     read_message, nullptr},
    {"json", "JSON Lines / NDJSON and JSON arrays (.jsonl, .ndjson, .json)", kJsonExt, sniff_json,
     read_json, read_json_stream},
    {"html", "HTML pages (.html, .htm)", kHtmlExt, sniff_html, read_html, nullptr},
    {"text", "plain text and scraped pages (.txt, .text, .md)", kTextExt, nullptr, read_text,
     nullptr},
}};

bool has_extension(const FormatSpec& format, std::string_view ext) {
  for (std::string_view e : format.extensions) {
    if (e == ext) return true;
  }
  return false;
}

std::string extension_of(std::string_view file_name) {
  const std::size_t slash = file_name.find_last_of('/');
  const std::string_view base =
      slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
  const std::size_t dot = base.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return text::to_lower_ascii(base.substr(dot));
}

}  // namespace

std::span<const FormatSpec> formats() {
  return kFormats;
}

const FormatSpec* format_by_name(std::string_view name) {
  for (const auto& format : kFormats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

const FormatSpec* detect_format(std::string_view file_name, std::string_view head) {
  const std::string ext = extension_of(file_name);
  const FormatSpec* by_extension = nullptr;
  int claimants = 0;
  for (const auto& format : kFormats) {
    if (ext.empty() || !has_extension(format, ext)) continue;
    ++claimants;
    if (!by_extension) by_extension = &format;
    if (format.sniff && format.sniff(head)) return &format;  // The content agrees.
  }
  if (claimants == 1) return by_extension;  // The extension alone decides.
  if (claimants > 1) return nullptr;        // ".xml" that is neither NITF nor a feed.
  // Names that say nothing (no extension, as in Usenet spools, or one no format claims):
  // the content decides. Every sniffer looks for markup or headers, so images and other
  // binary files match none.
  for (const auto& format : kFormats) {
    if (format.sniff && format.sniff(head)) return &format;
  }
  return nullptr;
}

}  // namespace gazette::indexer
