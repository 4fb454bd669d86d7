// Snippets: Xapian picks and highlights the passage; we turn its HTML into text + spans.
#include "searcher/src/snippet.hpp"

#include "common/src/text.hpp"

namespace gazette::searcher {

Snippet parse_marked_snippet(std::string_view marked) {
  Snippet snippet;
  std::size_t open_at = std::string_view::npos;
  std::size_t pos = 0;
  while (pos < marked.size()) {
    const std::size_t marker = marked.find_first_of("\x01\x02", pos);
    // Xapian escaped &, < and > in the text: undo it piece by piece so offsets stay exact.
    // A snippet is one line: paragraph breaks and runs of spaces become one space.
    for (char c : text::decode_entities(marked.substr(pos, marker - pos))) {
      const bool space = c == ' ' || c == '\n' || c == '\t';
      if (space && (snippet.text.empty() || snippet.text.back() == ' ')) continue;
      snippet.text += space ? ' ' : c;
    }
    if (marker == std::string_view::npos) break;
    if (marked[marker] == kHighlightOpen[0]) {
      open_at = snippet.text.size();
    } else if (open_at != std::string_view::npos) {
      if (snippet.text.size() > open_at)
        snippet.highlights.push_back({open_at, snippet.text.size()});
      open_at = std::string_view::npos;
    }
    pos = marker + 1;
  }
  return snippet;
}

Snippet make_snippet(const Xapian::MSet& mset, const std::string& text, std::size_t length,
                     const Xapian::Stem& stemmer) {
  const std::string marked =
      mset.snippet(text, length, stemmer,
                   Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                   std::string(kHighlightOpen), std::string(kHighlightClose), "…");
  return parse_marked_snippet(marked);
}

}  // namespace gazette::searcher

namespace gazette {
namespace {

void append_html_escaped(std::string& out, std::string_view piece) {
  for (char c : piece) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

void append_verbatim(std::string& out, std::string_view piece) {
  out += piece;
}

// Text with each highlight wrapped in open/close, every piece written through `append`.
template <typename Append>
std::string wrap_highlights(const Snippet& s, std::string_view open, std::string_view close,
                            Append append) {
  std::string out;
  out.reserve(s.text.size() + s.highlights.size() * (open.size() + close.size()) + 16);
  const std::string_view text = s.text;
  std::size_t pos = 0;
  for (const auto& span : s.highlights) {
    append(out, text.substr(pos, span.begin - pos));
    out += open;
    append(out, text.substr(span.begin, span.end - span.begin));
    out += close;
    pos = span.end;
  }
  append(out, text.substr(pos));
  return out;
}

}  // namespace

std::string Snippet::to_html(std::string_view open, std::string_view close) const {
  return wrap_highlights(*this, open, close, append_html_escaped);
}

std::string Snippet::marked(std::string_view open, std::string_view close) const {
  return wrap_highlights(*this, open, close, append_verbatim);
}

}  // namespace gazette
