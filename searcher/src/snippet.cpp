// Snippets: Gazette's passage finder picks the window; this makes it one highlighted line.
#include "searcher/src/snippet.hpp"

#include <vector>

namespace gazette::searcher {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

// True when `at` opens a sentence of `text`: only spaces and quotes since the previous ". ! ?"
// or line break, or nothing at all before it.
bool opens_sentence(std::string_view text, std::size_t at) {
  const auto mark = text.substr(0, at).find_last_not_of(" \t\r\"'");
  if (mark == std::string_view::npos) return true;
  const char c = text[mark];
  return c == '.' || c == '!' || c == '?' || c == '\n';
}

// True when `text` has nothing but spaces from `at` on, or [.., at) ends a sentence.
bool closes_sentence(std::string_view text, std::size_t at) {
  if (text.find_first_not_of(" \t\r\n", at) == std::string_view::npos) return true;
  const auto mark = text.substr(0, at).find_last_not_of(" \t\r\"'");
  if (mark == std::string_view::npos) return false;
  const char c = text[mark];
  return c == '.' || c == '!' || c == '?';
}

}  // namespace

Snippet snippet_of_passage(std::string_view text, const Passage& passage) {
  static constexpr std::string_view kEllipsis = "…";
  Snippet out;
  // A passage ends with a word: take the punctuation that closes its sentence along.
  std::size_t end = passage.end;
  while (end < text.size() && std::string_view(".!?\"')").find(text[end]) != std::string_view::npos)
    ++end;
  const std::string_view piece = text.substr(passage.begin, end - passage.begin);
  out.text.reserve(piece.size() + 2 * kEllipsis.size());
  if (!opens_sentence(text, passage.begin)) out.text += kEllipsis;
  // Copy with each run of white space as one space, moving the highlights along.
  // Highlights are word ranges, so they never begin or end inside a run of white space.
  const auto& spans = passage.snippet.highlights;
  std::size_t next_span = 0;
  std::size_t open_at = 0;
  for (std::size_t i = 0; i <= piece.size(); ++i) {
    if (next_span < spans.size() && i == spans[next_span].end) {
      auto& marks = out.highlights;
      if (!marks.empty() && marks.back().end + 1 == open_at && out.text[open_at - 1] == ' ') {
        marks.back().end = out.text.size();
      } else {
        marks.push_back({open_at, out.text.size()});
      }
      ++next_span;
    }
    if (next_span < spans.size() && i == spans[next_span].begin) open_at = out.text.size();
    if (i == piece.size()) break;
    if (!is_space(piece[i])) {
      out.text += piece[i];
    } else if (!out.text.empty() && out.text.back() != ' ') {
      out.text += ' ';
    }
  }
  if (!closes_sentence(text, end)) out.text += kEllipsis;
  return out;
}

Snippet make_snippet(std::string_view text, const QueryWords& words, const Xapian::Stem& stemmer,
                     std::size_t length) {
  const std::vector<Passage> best = find_passages(text, words, stemmer, 1, length);
  return best.empty() ? Snippet{} : snippet_of_passage(text, best.front());
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
