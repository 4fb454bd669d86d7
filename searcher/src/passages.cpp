// Multi-passage snippets: see passages.hpp.
#include "searcher/src/passages.hpp"

#include "searcher/src/query_builder.hpp"

#include <algorithm>
#include <map>

namespace gazette::searcher {
namespace {

// A word of the body: bytes [begin, end), lower-cased text.
struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string lower;
};

// A query word found in the body: index into the words, and which query word it is.
struct Match {
  std::size_t word = 0;
  std::size_t term = 0;
};

std::vector<Word> split_into_words(std::string_view body) {
  std::vector<Word> words;
  const char* const base = body.data();
  Word current;
  bool in_word = false;
  for (Xapian::Utf8Iterator it(body.data(), body.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    const auto offset = static_cast<std::size_t>(it.raw() - base);
    if (Xapian::Unicode::is_wordchar(ch)) {
      if (!in_word) current = Word{offset, offset, {}};
      in_word = true;
      Xapian::Unicode::append_utf8(current.lower, Xapian::Unicode::tolower(ch));
      continue;
    }
    if (in_word) {
      current.end = offset;
      words.push_back(std::move(current));
      current = Word{};
    }
    in_word = false;
  }
  if (in_word) {
    current.end = body.size();
    words.push_back(std::move(current));
  }
  return words;
}

// True for a word that is one capital letter ("U" of "U.S.").
bool is_capital_letter(std::string_view body, const Word& word) {
  Xapian::Utf8Iterator it(body.data() + word.begin, word.end - word.begin);
  const unsigned ch = *it;
  return ++it == Xapian::Utf8Iterator() &&
         Xapian::Unicode::get_category(ch) == Xapian::Unicode::UPPERCASE_LETTER;
}

// Initialisms as one word, as the indexer's Xapian::TermGenerator reads them: capitals
// joined by single dots ("U.S.", "U.N") are the word "us", "un", so that they match the query.
std::vector<Word> join_initialisms(std::string_view body, std::vector<Word> words) {
  std::vector<Word> out;
  out.reserve(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    Word word = std::move(words[i]);
    if (is_capital_letter(body, word)) {
      while (i + 1 < words.size() && words[i + 1].begin == word.end + 1 && body[word.end] == '.' &&
             is_capital_letter(body, words[i + 1])) {
        word.lower += words[i + 1].lower;
        word.end = words[++i].end;
      }
    }
    out.push_back(std::move(word));
  }
  return out;
}

// Each body word that matches the query, with a stable number per distinct query word
// (its lower-case form, or stem when only the stem matched).
std::vector<Match> find_matches(const std::vector<Word>& words, const QueryWords& query,
                                const Xapian::Stem& stemmer) {
  std::vector<Match> matches;
  std::map<std::string, std::size_t> term_ids;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string key;
    if (query.words.contains(words[i].lower)) {
      key = words[i].lower;
    } else if (!query.stems.empty()) {
      std::string stem = stemmer(words[i].lower);
      if (query.stems.contains(stem)) key = "Z" + stem;
    }
    if (key.empty()) continue;
    const std::size_t id = term_ids.emplace(key, term_ids.size()).first->second;
    matches.push_back({i, id});
  }
  return matches;
}

// A candidate fragment: the words [first, last] and how good it is.
struct Window {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t distinct = 0;
  std::size_t matches = 0;
  bool better_than(const Window& other) const {
    if (distinct != other.distinct) return distinct > other.distinct;
    if (matches != other.matches) return matches > other.matches;
    return first < other.first;
  }
};

// The last word that still ends within `length` bytes of word `first`'s start (at least
// `first` itself).
std::size_t last_word_within(const std::vector<Word>& words, std::size_t first,
                             std::size_t length) {
  std::size_t last = first;
  while (last + 1 < words.size() && words[last + 1].end - words[first].begin <= length)
    ++last;
  return last;
}

// True when word `i` opens a sentence or paragraph: nothing but spaces between it and the
// previous ". ! ?" or line break.
bool starts_sentence(std::string_view body, const std::vector<Word>& words, std::size_t i) {
  if (i == 0) return true;
  const std::string_view gap = body.substr(words[i - 1].end, words[i].begin - words[i - 1].end);
  const auto mark = gap.find_last_not_of(" \t\"'");
  if (mark == std::string_view::npos) return false;
  const char c = gap[mark];
  return c == '.' || c == '!' || c == '?' || c == '\n';
}

// The window around a matched word: it opens a little before the match so the reader sees
// what leads to it, at the start of the sentence when that is within half a window.
Window window_at(std::string_view body, const std::vector<Word>& words, std::size_t matched_word,
                 std::size_t length) {
  auto earliest_within = [&](std::size_t bytes) {
    std::size_t first = matched_word;
    while (first > 0 && words[matched_word].begin - words[first - 1].begin <= bytes)
      --first;
    return first;
  };
  std::size_t first = earliest_within(length / 4);
  for (std::size_t i = matched_word + 1; i-- > earliest_within(length / 2);) {
    if (starts_sentence(body, words, i)) {
      first = i;
      break;
    }
  }
  return Window{first, last_word_within(words, first, length), 0, 0};
}

void score(Window& window, const std::vector<Match>& matches) {
  std::vector<std::size_t> seen;
  for (const auto& m : matches) {
    if (m.word < window.first || m.word > window.last) continue;
    ++window.matches;
    if (std::find(seen.begin(), seen.end(), m.term) == seen.end()) seen.push_back(m.term);
  }
  window.distinct = seen.size();
}

// Greedy choice: the best window, then the best one not overlapping any chosen, and so on.
std::vector<Window> choose_windows(std::string_view body, const std::vector<Word>& words,
                                   const std::vector<Match>& matches, std::size_t count,
                                   std::size_t length) {
  std::vector<Window> candidates;
  for (const auto& m : matches) {
    Window w = window_at(body, words, m.word, length);
    score(w, matches);
    candidates.push_back(w);
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Window& a, const Window& b) { return a.better_than(b); });
  std::vector<Window> chosen;
  for (const auto& w : candidates) {
    if (chosen.size() == count) break;
    const bool overlaps = std::any_of(chosen.begin(), chosen.end(), [&](const Window& c) {
      return w.first <= c.last && c.first <= w.last;
    });
    if (!overlaps) chosen.push_back(w);
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Window& a, const Window& b) { return a.first < b.first; });
  return chosen;
}

std::size_t code_points(std::string_view bytes) {
  return static_cast<std::size_t>(std::count_if(bytes.begin(), bytes.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Passage make_passage(std::string_view body, const std::vector<Word>& words,
                     const std::vector<Match>& matches, const Window& w) {
  Passage p;
  p.begin = words[w.first].begin;
  p.end = words[w.last].end;
  p.char_begin = code_points(body.substr(0, p.begin));
  p.char_end = p.char_begin + code_points(body.substr(p.begin, p.end - p.begin));
  p.snippet.text = std::string(body.substr(p.begin, p.end - p.begin));
  for (const auto& m : matches) {
    if (m.word < w.first || m.word > w.last) continue;
    p.snippet.highlights.push_back({words[m.word].begin - p.begin, words[m.word].end - p.begin});
  }
  return p;
}

}  // namespace

QueryWords query_words(const Xapian::Query& query) {
  QueryWords out;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    if (auto term = text_term(*it)) {
      (term->stemmed ? out.stems : out.words).insert(std::move(term->word));
    }
  }
  return out;
}

std::vector<Passage> find_passages(std::string_view body, const QueryWords& query,
                                   const Xapian::Stem& stemmer, std::size_t count,
                                   std::size_t length) {
  std::vector<Passage> passages;
  if (count == 0) return passages;
  const std::vector<Word> words = join_initialisms(body, split_into_words(body));
  if (words.empty()) return passages;
  length = std::max<std::size_t>(length, 1);
  const std::vector<Match> matches = find_matches(words, query, stemmer);
  if (matches.empty()) {
    passages.push_back(
        make_passage(body, words, matches, Window{0, last_word_within(words, 0, length), 0, 0}));
    return passages;
  }
  for (const auto& w : choose_windows(body, words, matches, count, length))
    passages.push_back(make_passage(body, words, matches, w));
  return passages;
}

}  // namespace gazette::searcher
