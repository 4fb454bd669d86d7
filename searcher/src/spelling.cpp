// "Did you mean": find the words of a query the way QueryParser reads them, and correct the
// unknown and very rare ones from the spelling table. See spelling.hpp for the rules.
#include "searcher/src/spelling.hpp"

#include <gazette/schema.hpp>

#include <algorithm>
#include <vector>

namespace gazette::searcher {
namespace {

// A word in at most kMaxRareArticles articles may be a typo that made it into the archive
// ("goverment"), or a real but rare word ("rover", a name). Xapian's own rule
// (any suggestion at least as common) would turn "rover" into "over", so a rare word is
// corrected only as a typo: kMinRareLetters or more, one edit from the suggestion, the same
// first letter (typists rarely miss that one), and the suggestion in kMinCommonArticles
// articles and kRareRatio times as many as the word.
constexpr Xapian::doccount kMaxRareArticles = 1;
constexpr Xapian::doccount kMinCommonArticles = 3;
constexpr Xapian::doccount kRareRatio = 10;
constexpr std::size_t kMinRareLetters = 5;
// The indexer keeps no shorter or longer words (indexer/src/spelling.cpp).
constexpr std::size_t kMinLetters = 3;
constexpr std::size_t kMaxWordBytes = 30;
// Two edits from a 3- or 4-letter word reach a good share of all short words.
constexpr std::size_t kShortWordLetters = 4;

constexpr std::string_view kOperators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

// A word of the query: bytes [begin, end), searched with term prefix `prefix`.
struct QueryWord {
  std::size_t begin = 0, end = 0;
  std::string_view prefix;
};

// The code point at byte `i` and its length in bytes (invalid UTF-8 counts byte by byte).
std::pair<unsigned, std::size_t> char_at(std::string_view q, std::size_t i) {
  Xapian::Utf8Iterator it(q.data() + i, q.size() - i);
  const unsigned ch = *it;
  ++it;
  return {ch, q.size() - i - it.left()};
}

bool is_word_char_at(std::string_view q, std::size_t i) {
  return i < q.size() && Xapian::Unicode::is_wordchar(char_at(q, i).first);
}

// End of the word starting at `i`. An apostrophe between letters stays inside, as in
// TermGenerator's terms ("o'neill", "don’t").
std::size_t word_end(std::string_view q, std::size_t i) {
  while (i < q.size()) {
    const auto [ch, len] = char_at(q, i);
    const bool apostrophe = ch == '\'' || ch == 0x2019;
    if (Xapian::Unicode::is_wordchar(ch) || (apostrophe && is_word_char_at(q, i + len))) {
      i += len;
    } else {
      break;
    }
  }
  return i;
}

// End of a filter's value starting at `i`: a quoted string, or up to a space or bracket.
std::size_t filter_value_end(std::string_view q, std::size_t i) {
  if (i < q.size() && q[i] == '"') {
    const std::size_t close = q.find('"', i + 1);
    return close == std::string_view::npos ? q.size() : close + 1;
  }
  while (i < q.size() && q[i] != ' ' && q[i] != ')')
    ++i;
  return i;
}

std::size_t letters(std::string_view utf8) {
  std::size_t n = 0;
  for (Xapian::Utf8Iterator it(utf8.data(), utf8.size()); it != Xapian::Utf8Iterator(); ++it)
    ++n;
  return n;
}

// Words that are not for correcting: operators, wildcards, numbers, very short or long words.
bool correctable(std::string_view q, std::size_t begin, std::size_t end, bool in_phrase) {
  const std::string_view word = q.substr(begin, end - begin);
  if (end < q.size() && q[end] == '*') return false;
  if (!in_phrase &&
      std::find(std::begin(kOperators), std::end(kOperators), word) != std::end(kOperators)) {
    return false;
  }
  if (std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  return word.size() <= kMaxWordBytes && letters(word) >= kMinLetters;
}

// Walks the query keeping track of what QueryParser would make of each word: its field
// (after "title:", for the next word, quoted phrase or bracketed group) and whether it is
// inside a phrase, so that operators are told apart from words.
class WordScanner {
 public:
  explicit WordScanner(std::string_view query) : q_(query) {}

  std::vector<QueryWord> scan() {
    while (i_ < q_.size()) {
      if (is_word_char_at(q_, i_)) {
        read_word();
      } else {
        read_punctuation();
      }
    }
    return std::move(words_);
  }

 private:
  enum class Scope { none, word, phrase, group };

  void read_word() {
    const std::size_t end = word_end(q_, i_);
    const std::string_view word = q_.substr(i_, end - i_);
    if (!in_phrase_ && end < q_.size() && q_[end] == ':') {
      if (const auto* field = schema::query_field(word)) return open_field(*field, end + 1);
    }
    if (correctable(q_, i_, end, in_phrase_)) words_.push_back({i_, end, prefix_});
    if (scope_ == Scope::word) close_field();
    i_ = end;
  }

  void open_field(const schema::QueryField& field, std::size_t value) {
    // A filter's value is a key, date or slug, not words.
    if (field.kind != schema::FieldKind::words) {
      i_ = filter_value_end(q_, value);
      return;
    }
    prefix_ = field.prefix;
    scope_ = value < q_.size() && q_[value] == '"'   ? Scope::phrase
             : value < q_.size() && q_[value] == '(' ? Scope::group
                                                     : Scope::word;
    depth_ = 0;
    i_ = value;
  }

  void close_field() {
    prefix_ = {};
    scope_ = Scope::none;
  }

  void read_punctuation() {
    const char c = q_[i_];
    if (c == '"') {
      in_phrase_ = !in_phrase_;
      if (!in_phrase_ && scope_ == Scope::phrase) close_field();
    } else if (scope_ == Scope::group && c == '(') {
      ++depth_;
    } else if (scope_ == Scope::group && c == ')' && --depth_ == 0) {
      close_field();
    }
    i_ += char_at(q_, i_).second;
  }

  std::string_view q_;
  std::size_t i_ = 0;
  std::vector<QueryWord> words_;
  std::string_view prefix_;
  Scope scope_ = Scope::none;
  int depth_ = 0;
  bool in_phrase_ = false;
};

// Articles `word` (lower-case) matches in the field of `prefix`: the most that its unstemmed
// term or its stem in one of the archive's languages is in.
Xapian::doccount matches(const Xapian::Database& db, std::string_view prefix,
                         const std::string& word, const ArchiveLanguages& languages) {
  const std::string field(prefix);
  Xapian::doccount found = db.get_termfreq(field + word);
  for (const QueryAnalysis& analysis : languages.analyses())
    found = std::max(found, db.get_termfreq("Z" + field + analysis.stemmer(word)));
  return found;
}

// How many articles the spelling table counts `word` in (Xapian 1.4 has no direct call).
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

// `suggestion` with the first letter of `original` upper-case if that one's was.
std::string match_case(std::string_view original, std::string suggestion) {
  const unsigned first = char_at(original, 0).first;
  if (Xapian::Unicode::tolower(first) == first || suggestion.empty()) return suggestion;
  const auto [ch, len] = char_at(suggestion, 0);
  std::string out;
  Xapian::Unicode::append_utf8(out, Xapian::Unicode::toupper(ch));
  return out + suggestion.substr(len);
}

// The correction of one word, or nothing if it needs none or there is none.
// Whether `suggestion` (one edit from `word`) is so much more common that the rare `word`
// is more likely a typo of it than a word of its own.
bool typo_of_common_word(const Xapian::Database& db, const std::string& word,
                         const std::string& suggestion) {
  if (char_at(word, 0).first != char_at(suggestion, 0).first) return false;
  const Xapian::doccount rare = std::max<Xapian::doccount>(1, spelling_frequency(db, word));
  const Xapian::doccount common = spelling_frequency(db, suggestion);
  return common >= kMinCommonArticles && common >= kRareRatio * rare;
}

std::optional<std::string> correct(const Xapian::Database& db, std::string_view original,
                                   std::string_view prefix, const ArchiveLanguages& languages) {
  const std::string word = Xapian::Unicode::tolower(std::string(original));
  const Xapian::doccount found = matches(db, prefix, word, languages);
  const std::size_t length = letters(word);
  if (found > kMaxRareArticles || (found > 0 && length < kMinRareLetters)) return std::nullopt;
  const unsigned max_edits = found > 0 || length <= kShortWordLetters ? 1 : 2;
  const std::string suggestion = db.get_spelling_suggestion(word, max_edits);
  if (suggestion.empty() || matches(db, prefix, suggestion, languages) == 0) return std::nullopt;
  if (found > 0 && !typo_of_common_word(db, word, suggestion)) return std::nullopt;
  return match_case(original, suggestion);
}

}  // namespace

std::optional<std::string> suggest_query(const Xapian::Database& db, std::string_view query,
                                         const ArchiveLanguages& languages) {
  std::string out;
  std::size_t copied = 0;  // Bytes of `query` already in `out`.
  bool changed = false;
  for (const QueryWord& w : WordScanner(query).scan()) {
    const auto fixed = correct(db, query.substr(w.begin, w.end - w.begin), w.prefix, languages);
    if (!fixed) continue;
    out.append(query.substr(copied, w.begin - copied));
    out += *fixed;
    copied = w.end;
    changed = true;
  }
  if (!changed) return std::nullopt;
  out.append(query.substr(copied));
  return out;
}

}  // namespace gazette::searcher
