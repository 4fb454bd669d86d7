// Reader for TREC SGML news collections (AP, WSJ, FT, LA Times, SJMN, FBIS): <DOC> elements
// keyed by their <DOCNO>. Each newspaper has its own layout (docs/formats.md, "TREC SGML"):
// only the headline, text, date, byline, dateline, source and section fields are read, so
// that metadata (DOCID, FILEID, LENGTH, PROFILE, PAGE, FBIS's HT and header) is never
// searchable text.
#include "indexer/src/trec_reader.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"
#include "indexer/src/sgml.hpp"

#include <algorithm>
#include <array>

namespace gazette::indexer {
namespace {

enum class Role { none, docno, title, body, date, author, dateline, source, section };

struct FieldRole {
  std::string_view tag;
  Role role;
};

// The field tags of the TREC news collections; every other tag is ignored.
constexpr std::array<FieldRole, 21> kFields = {{
    {"DOCNO", Role::docno},   {"HEADLINE", Role::title},    {"HEAD", Role::title},
    {"TITLE", Role::title},   {"HL", Role::title},          {"TI", Role::title},
    {"TEXT", Role::body},     {"LP", Role::body},           {"LEADPARA", Role::body},
    {"DATE", Role::date},     {"DATE_TIME", Role::date},    {"DD", Role::date},
    {"DATE1", Role::date},    {"BYLINE", Role::author},     {"BY", Role::author},
    {"AUTHOR", Role::author}, {"DATELINE", Role::dateline}, {"SECTION", Role::section},
    {"SO", Role::source},     {"PUB", Role::source},        {"SOURCE", Role::source},
}};

Role role_of(std::string_view tag) {
  for (const auto& f : kFields) {
    if (text::equals_nocase(f.tag, tag)) return f.role;
  }
  return Role::none;
}

bool is_field(std::string_view tag) {
  return role_of(tag) != Role::none;
}

// Collections whose DOCNO says where and when: "AP880212-0001", "WSJ870324-0001" (YYMMDD),
// "LA010189-0001" (MMDDYY). AP documents carry no other date.
struct Collection {
  std::string_view prefix, source;
  bool month_first;  // Its six-digit dates are MMDDYY rather than YYMMDD.
  bool dated;        // Its DOCNOs carry the date.
};
constexpr std::array<Collection, 6> kCollections = {{
    {"AP", "Associated Press", false, true},
    {"WSJ", "The Wall Street Journal", false, true},
    {"LA", "Los Angeles Times", true, true},
    {"FT", "Financial Times", false, false},
    {"SJMN", "San Jose Mercury News", false, false},
    {"FBIS", "Foreign Broadcast Information Service", false, false},
}};

const Collection* collection_of(std::string_view docno) {
  const std::size_t letters = std::min(docno.find_first_of("0123456789"), docno.size());
  for (const auto& c : kCollections) {
    if (text::equals_nocase(docno.substr(0, letters), c.prefix)) return &c;
  }
  return nullptr;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "910514" (YYMMDD, as in FT and WSJ) as an ISO date parse_date reads; other text as is.
std::string expand_six_digit_date(std::string_view date, bool month_first) {
  if (date.size() != 6 || !all_digits(date)) return std::string(date);
  const std::string_view yy = month_first ? date.substr(4, 2) : date.substr(0, 2);
  const std::string_view mm = month_first ? date.substr(0, 2) : date.substr(2, 2);
  const std::string_view dd = date.substr(month_first ? 2 : 4, 2);
  const std::string century = yy < "50" ? "20" : "19";
  return century + std::string(yy) + "-" + std::string(mm) + "-" + std::string(dd);
}

// The date in a DOCNO of a dated collection ("AP880212-0001" -> "1988-02-12").
std::string date_from_docno(std::string_view docno, const Collection& c) {
  const std::string_view digits = docno.substr(c.prefix.size(), 6);
  return all_digits(digits) ? expand_six_digit_date(digits, c.month_first) : std::string();
}

// FT headlines open with the issue: "FT  14 MAY 91 / Jubilee of a jet".
std::string headline_without_issue(std::string title) {
  if (!text::starts_with_nocase(title, "FT ")) return title;
  const std::size_t slash = title.find(" / ");
  if (slash == std::string::npos || slash > 16) return title;
  return title.substr(slash + 3);
}

// Whether `piece` of an LA Times section line only says where on paper: "Part A",
// "Page 1", "Column 3".
bool is_page_position(std::string_view piece) {
  for (std::string_view word : {"Part ", "Page ", "Column "}) {
    if (text::starts_with_nocase(piece, word) && piece.find(' ', word.size()) == piece.npos)
      return true;
  }
  return false;
}

// The section of an LA Times section line: its first piece that is not a page position,
// without "Desk". "Business; Part D; Page 2; Column 1; Financial Desk" gives "Business",
// "Part A; Page 1; Column 1; Foreign Desk" gives "Foreign".
std::string section_name(std::string_view line) {
  std::size_t pos = 0;
  while (pos <= line.size()) {
    const std::size_t end = std::min(line.find(';', pos), line.size());
    std::string_view piece = text::trim(line.substr(pos, end - pos));
    if (!piece.empty() && !is_page_position(piece)) {
      if (piece.size() > 5 && text::equals_nocase(piece.substr(piece.size() - 5), " Desk"))
        piece.remove_suffix(5);
      return std::string(piece);
    }
    pos = end + 1;
  }
  return {};
}

// `content` without the '@' that opens each continuation line of a WSJ headline.
std::string without_line_marks(std::string_view content) {
  std::string out;
  for (std::string_view line : text::split_lines(content)) {
    std::string_view t = text::trim(line);
    if (t.starts_with('@')) t.remove_prefix(1);
    out.append(t).append("\n");
  }
  return out;
}

// Everything one <DOC> holds, before it becomes an Article.
struct Parts {
  std::string docno, title, body, date, dateline, source;
  std::vector<std::string> authors, sections;
};

void add_byline_names(std::string_view byline, Parts& parts) {
  for (auto& name : byline_authors(sgml::line_text(byline)))
    text::add_unique(parts.authors, std::move(name));
}

bool is_fbis(std::string_view docno) {
  const Collection* c = collection_of(docno);
  return c && c->prefix == "FBIS";
}

// The author of an FBIS credit: "[Report by E. van Wyk]", "[Article by Wang Xiaojing:
// \"Title\"]", "[Interview with X by Y; place and date not given]".
void take_credit(std::string_view credit, Parts& parts) {
  credit = text::trim(credit);
  if (!credit.starts_with('[')) return;
  const std::string lower = text::to_lower_ascii(credit);
  const std::size_t by = lower.find(" by ");
  if (by == std::string::npos) return;
  const std::string_view names = credit.substr(by + 4);
  add_byline_names(names.substr(0, names.find_first_of(":;]")), parts);
}

// Text after an editor's one-word mark of what follows: "[Text]", "[Excerpts]".
std::string_view without_editor_mark(std::string_view content) {
  const std::size_t close = content.find(']');
  if (!content.starts_with('[') || close == std::string_view::npos || close < 2) return content;
  const std::string_view word = content.substr(1, close - 1);
  const bool one_word = std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  return one_word ? content.substr(close + 1) : content;
}

// FBIS names the region a report is about in <F P=100> (and often the country in P=101),
// between its header and its text: they are its sections.
void take_fbis_regions(std::string_view content, Parts& parts) {
  std::size_t pos = 0;
  while (auto tag = sgml::next_tag(content, pos)) {
    if (text::equals_nocase(tag->name, "TEXT")) return;
    pos = tag->end;
    if (tag->closing || !text::equals_nocase(tag->name, "F")) continue;
    const std::string_view p = sgml::attribute(tag->attributes, "P");
    if (p != "100" && p != "101") continue;
    const std::size_t end = std::min(content.find("</F>", tag->end), content.size());
    text::add_unique(parts.sections, sgml::line_text(content.substr(tag->end, end - tag->end)));
  }
}

// A headline; WSJ's may end with its byline under a rule, one line each:
// "Tax Report:\n@  A Special Summary\n@  ----\n@  By Hilary Stout\n@  Staff Reporter...".
void take_headline(std::string_view content, Parts& parts) {
  if (!parts.title.empty()) return;
  const std::string headline = without_line_marks(content);
  const std::size_t rule = headline.find("----");
  parts.title = headline_without_issue(sgml::line_text(headline.substr(0, rule)));
  if (rule == std::string::npos) return;
  for (std::string_view line : text::split_lines(std::string_view(headline).substr(rule)))
    add_byline_names(line.substr(std::min(line.find_first_not_of('-'), line.size())), parts);
}

// FBIS texts open with what the wire service adds before the report itself:
//   Language: <F P=105> Russian </F>
//   Article Type:BFN
//   <F P=106> [Report by E. van Wyk] </F>
//     [Text] ...
// The credit gives the author; the rest is not text.
std::string_view without_fbis_preamble(std::string_view content, Parts& parts) {
  if (!is_fbis(parts.docno)) return content;
  while (true) {
    content = text::trim(content);
    if (text::starts_with_nocase(content, "Language:") ||
        text::starts_with_nocase(content, "Article Type:")) {
      content.remove_prefix(std::min(content.find('\n'), content.size()));
      continue;
    }
    const auto tag = sgml::next_tag(content, 0);
    if (!tag || tag->begin != 0 || !text::equals_nocase(tag->name, "F") ||
        sgml::attribute(tag->attributes, "P") != "106")
      break;
    const std::size_t end = std::min(content.find("</F>", tag->end), content.size());
    take_credit(sgml::line_text(content.substr(tag->end, end - tag->end)), parts);
    content.remove_prefix(std::min(end + 4, content.size()));
  }
  return without_editor_mark(content);
}

void take_field(const sgml::Field& field, Parts& parts) {
  switch (role_of(field.name)) {
    case Role::docno:
      if (parts.docno.empty()) parts.docno = sgml::line_text(field.content);
      break;
    case Role::title:
      take_headline(field.content, parts);
      break;
    case Role::body:
      if (std::string p = sgml::paragraphs(without_fbis_preamble(field.content, parts));
          !p.empty()) {
        if (!parts.body.empty()) parts.body += "\n\n";
        parts.body += p;
      }
      break;
    case Role::date:
      if (parts.date.empty()) parts.date = sgml::line_text(field.content);
      break;
    case Role::author:
      add_byline_names(field.content, parts);
      break;
    case Role::dateline:
      if (parts.dateline.empty()) parts.dateline = sgml::line_text(field.content);
      break;
    case Role::source:
      if (parts.source.empty()) parts.source = sgml::line_text(field.content);
      break;
    case Role::section:
      text::add_unique(parts.sections, section_name(sgml::line_text(field.content)));
      break;
    case Role::none:
      break;
  }
}

Article to_article(Parts parts, sgml::Reporter& reporter) {
  Article a;
  const Collection* collection = collection_of(parts.docno);
  a.title = std::move(parts.title);
  a.body = sgml::with_dateline(parts.dateline, std::move(parts.body));
  std::string date = expand_six_digit_date(parts.date, collection && collection->month_first);
  if (date.empty() && collection && collection->dated)
    date = date_from_docno(parts.docno, *collection);
  a.published = parse_date_noting(date, reporter);
  a.source = !parts.source.empty() ? std::move(parts.source)
             : collection          ? std::string(collection->source)
                                   : std::string();
  a.authors = std::move(parts.authors);
  a.tags = std::move(parts.sections);
  return a;
}

// Reads one <DOC>; problems go to the context's reporter, located by line.
void read_document(const sgml::Document& doc, std::size_t ordinal, sgml::Context& context) {
  const sgml::Fields fields = sgml::document_fields(doc, is_field, context);
  Parts parts;
  for (const auto& field : fields.fields)
    take_field(field, parts);
  if (is_fbis(parts.docno)) take_fbis_regions(doc.content, parts);
  const bool has_text = !parts.title.empty() || !parts.body.empty();
  if (!sgml::accept_end(doc, fields, has_text, "DOC", context)) return;
  // A complete document without text is still a record of the collection: it is kept,
  // so that every DOCNO of the input is in the index.
  const std::string location = context.location(doc.begin);
  const std::string docno = parts.docno;
  Article article = to_article(std::move(parts), context.reporter);
  article.origin.position = context.keys.key(docno, ordinal, location, context.reporter);
  article.docno = docno;
  context.reporter.article(std::move(article));
}

}  // namespace

void read_trec(std::string_view bytes, const ReadOptions&, ArticleSink& sink) {
  sgml::read_documents(bytes, "DOC", "DOCNO", "TREC SGML", sink, read_document);
}

bool sniff_trec(std::string_view head) {
  return sgml::starts_with_element(head, "DOC");
}

}  // namespace gazette::indexer
