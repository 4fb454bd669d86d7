// The index schema: every term prefix, value slot and metadata key Gazette writes, in one
// place, read by the indexer's document builder and the searcher's query builder alike.
// Conventions follow Xapian Omega (docs/termprefixes.rst) so that xapian-delve, quest and
// Omega can read a Gazette database.
//
// Terms
//   Boolean (no positions, wdf 0):
//     Q<key>     article key; keys longer than kMaxKeyTermBytes are hashed (see key_term()).
//     L<lang>    ISO 639-1 language         K<tag>     tag, lower-cased
//     H<host>    host of the URL            U<url>     URL (hashed when too long)
//     XSRC<slug> source slug               XFMT<fmt>  input format ("text", "html")
//     XPATH<p>   the file the article came from (hashed when too long)
//     XLSH<b><h> duplicate lookup: band b (2 digits) of the MinHash fingerprint, hashed
//                (8 hex); XLSHe<h> the hash of the whole normalised body (16 hex).
//                See indexer/src/fingerprint.hpp.
//   Free text (positional, stemmed; stems carry Xapian's "Z" marker):
//     (none)     body, and the title again with kTitleWdfBoost so title words weigh more
//     S          title         A   author/byline        XS  source name
// Values: see the Slot enum. Document data: see common/src/record.hpp.
//
// The tables at the end give the names users type for these (query fields, facets) and the
// analysis of each language (its stemmer; stop words in common/src/analysis.hpp): the
// indexer's document builder and the searcher's query builder, filters, facets, spelling and
// snippets all read them, so what is indexed and what is searched cannot drift apart.
#pragma once

#include <gazette/export.hpp>

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>

namespace gazette::schema {

/// Version of the on-disk layout; bumped on any incompatible change.
inline constexpr int kVersion = 1;

// Metadata keys.
/// The database's schema version (kVersion) in decimal: "1".
inline constexpr std::string_view kVersionKey = "gazette.schema";
/// The Gazette version that created the database: "gazette 0.1.0".
inline constexpr std::string_view kCreatedByKey = "gazette.created_by";
/// The indexed roots: absolute paths, one per line, in the order first given.
inline constexpr std::string_view kRootsKey = "gazette.roots";
/// Time of the last commit that changed anything, ISO 8601 UTC.
inline constexpr std::string_view kLastUpdateKey = "gazette.last_update";
/// Whether the database keeps spelling data for "did you mean": "on" or "off", written
/// when the database is created (or spelling is switched off). Absent in databases made
/// before spelling data existed; they count as "on" and fill the table as articles are
/// re-indexed. See indexer/src/spelling.hpp.
inline constexpr std::string_view kSpellingKey = "gazette.spelling";
/// "1" when every article has the date terms (kDayTerm, kMonthTerm, kYearTerm): written
/// when the database is created. Databases made before date terms existed lack it; their
/// date filters check each candidate's kDateYmd value instead.
inline constexpr std::string_view kDateTermsKey = "gazette.date_terms";
/// Prefix of per-file state keys: kFileStatePrefix + absolute path (hashed when long, as
/// boolean_term does). The value is a record (see indexer/src/file_state.hpp): size,
/// mtime, content hash, path and the article keys the file produced. Written in the same
/// commit as those articles.
inline constexpr std::string_view kFileStatePrefix = "gazette.file:";

// Term prefixes.
/// Boolean: the article key, unique (see key_term()).
inline constexpr std::string_view kKey = "Q";
/// Boolean: ISO 639-1 language code.
inline constexpr std::string_view kLang = "L";
/// Boolean: a tag, lower-cased.
inline constexpr std::string_view kTag = "K";
/// Boolean: host of the article's URL.
inline constexpr std::string_view kHost = "H";
/// Boolean: the URL (hashed when too long).
inline constexpr std::string_view kUrl = "U";
/// Boolean: source_slug() of the source.
inline constexpr std::string_view kSourceSlug = "XSRC";
/// Boolean: input format ("text", "html").
inline constexpr std::string_view kFormat = "XFMT";
/// Boolean: the file the article came from (hashed when too long).
inline constexpr std::string_view kPath = "XPATH";
/// Boolean: duplicate lookup, a MinHash band or the whole body's hash (see above).
inline constexpr std::string_view kDuplicateLookup = "XLSH";
/// Boolean: publication day "YYYYMMDD", month "YYYYMM" and year "YYYY" (UTC), as Omega
/// has them: a date filter is then an OR of a few posting lists, which Xapian intersects
/// with the query by skipping, instead of a value check for every candidate.
inline constexpr std::string_view kDayTerm = "D";
/// Boolean: publication month "YYYYMM" (see kDayTerm).
inline constexpr std::string_view kMonthTerm = "M";
/// Boolean: publication year "YYYY" (see kDayTerm).
inline constexpr std::string_view kYearTerm = "Y";
/// Free text: title words.
inline constexpr std::string_view kTitle = "S";
/// Free text: author (byline) words.
inline constexpr std::string_view kAuthor = "A";
/// Free text: source name words.
inline constexpr std::string_view kSourceName = "XS";

/// Extra wdf given to unprefixed title words, so a title match outranks a body match.
inline constexpr unsigned kTitleWdfBoost = 3;
/// Term-position gap between fields, so a phrase never spans two fields.
inline constexpr unsigned kFieldPositionGap = 100;
/// Longest boolean term (prefix included) stored verbatim; Xapian's hard limit is 245 bytes.
inline constexpr std::size_t kMaxKeyTermBytes = 240;

/// Value slots. Numbers are part of the schema version: never renumber.
enum Slot : unsigned {
  kPublishedTime = 0,  ///< Xapian::sortable_serialise(seconds since 1970-01-01 UTC).
  kDateYmd = 1,        ///< "YYYYMMDD", for date-range filters.
  kSource = 2,         ///< Source slug, for facets.
  kYear = 3,           ///< "YYYY", for facets and histograms.
  kYearMonth = 4,      ///< "YYYYMM", for facets and histograms.
  kLanguage = 5,       ///< ISO 639-1 code.
  /// Duplicate-cluster key, for collapsing: 16 hex digits, taken from the first verified
  /// copy already indexed, else a hash of the article's own key term. Kept when the
  /// article that started the cluster is deleted (the key is a name, not a reference).
  kClusterKey = 6,
  kFingerprint = 7,  ///< Content fingerprint (hex; see indexer/src/fingerprint.hpp).
  /// The article's distinct tags, lower-cased, joined by kTagSeparator, for the tag facet
  /// (counting one value per article is far cheaper than reading every K term).
  kTags = 8,
};

/// Separates the tags in the kTags value (never part of a cleaned tag).
inline constexpr char kTagSeparator = '\n';

// Fields and analysis.

/// How the value of a query field is matched.
enum class FieldKind {
  words,  ///< Free text: stemmed, positional words ("title:election", "author:\"jane doe\"").
  lower,  ///< Boolean: the value lower-cased, matched whole ("tag:Oil" finds tag "oil").
  slug,   ///< Boolean: source_slug() of the value ("source:\"The Times\"").
  date,   ///< Boolean: a date, month or year, or a range of them ("date:1987-03..1987-04").
};

/// A field of the query language, typed as `name:value`.
struct QueryField {
  std::string_view name;    ///< As typed before the colon.
  std::string_view prefix;  ///< Of the terms it searches (for dates: the day terms).
  FieldKind kind;           ///< How its value is matched.
};

/// Every field a query can name. Words without a field search title and body (and are
/// reported as field kTextFieldName).
inline constexpr QueryField kQueryFields[] = {
    {"title", kTitle, FieldKind::words},
    {"author", kAuthor, FieldKind::words},
    // source: is the exact slug filter; the words of source names are searched here.
    {"publication", kSourceName, FieldKind::words},
    {"source", kSourceSlug, FieldKind::slug},
    {"lang", kLang, FieldKind::lower},
    {"tag", kTag, FieldKind::lower},
    {"site", kHost, FieldKind::lower},
    {"date", kDayTerm, FieldKind::date},
    {"year", kDayTerm, FieldKind::date},
};

/// The name reported for unprefixed words (title and body).
inline constexpr std::string_view kTextFieldName = "text";

/// The query field called `name`, or nullptr.
constexpr const QueryField* query_field(std::string_view name) {
  const auto* it = std::find_if(std::begin(kQueryFields), std::end(kQueryFields),
                                [&](const QueryField& f) { return f.name == name; });
  return it == std::end(kQueryFields) ? nullptr : it;
}

/// The free-text (FieldKind::words) field whose terms have `prefix`, or nullptr.
constexpr const QueryField* words_field_of_prefix(std::string_view prefix) {
  const auto* it = std::find_if(
      std::begin(kQueryFields), std::end(kQueryFields),
      [&](const QueryField& f) { return f.kind == FieldKind::words && f.prefix == prefix; });
  return it == std::end(kQueryFields) ? nullptr : it;
}

/// A facet: the matches counted by the values of one slot.
struct Facet {
  std::string_view name;  ///< As SearchRequest::facets and --facets name it.
  Slot slot;              ///< Whose values are counted.
};

/// Every facet, in the order they are listed to users.
inline constexpr Facet kFacets[] = {
    {"source", kSource}, {"year", kYear}, {"month", kYearMonth},
    {"lang", kLanguage}, {"tag", kTags},
};

/// The facet called `name`, or nullptr.
constexpr const Facet* facet(std::string_view name) {
  const auto* it = std::find_if(std::begin(kFacets), std::end(kFacets),
                                [&](const Facet& f) { return f.name == name; });
  return it == std::end(kFacets) ? nullptr : it;
}

/// How the words of one language are analysed, when indexing and when searching alike.
struct LanguageAnalysis {
  std::string_view code;     ///< ISO 639-1, as in the kLang terms.
  std::string_view stemmer;  ///< Xapian::Stem's name for it.
};

/// The languages with a stemmer (Xapian 1.4's). Articles in any other language, or in none
/// known, are analysed as kDefaultLanguage.
inline constexpr LanguageAnalysis kLanguages[] = {
    {"ar", "arabic"},     {"ca", "catalan"},  {"da", "danish"},     {"de", "german"},
    {"en", "english"},    {"es", "spanish"},  {"eu", "basque"},     {"fi", "finnish"},
    {"fr", "french"},     {"ga", "irish"},    {"hu", "hungarian"},  {"hy", "armenian"},
    {"id", "indonesian"}, {"it", "italian"},  {"lt", "lithuanian"}, {"nb", "norwegian"},
    {"ne", "nepali"},     {"nl", "dutch"},    {"nn", "norwegian"},  {"no", "norwegian"},
    {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"},    {"sv", "swedish"},
    {"ta", "tamil"},      {"tr", "turkish"},
};

/// The language of articles that declare none Gazette can analyse.
inline constexpr std::string_view kDefaultLanguage = "en";

/// The analysis of text in `lang` (an ISO 639-1 code): its own, else kDefaultLanguage's.
constexpr const LanguageAnalysis& language_analysis(std::string_view lang) {
  const auto* it = std::find_if(std::begin(kLanguages), std::end(kLanguages),
                                [&](const LanguageAnalysis& l) { return l.code == lang; });
  if (it != std::end(kLanguages)) return *it;
  return language_analysis(kDefaultLanguage);
}

/// A boolean term `prefix + value`, hashed when it would exceed kMaxKeyTermBytes: the
/// start of the value is kept and a hash of the whole value appended, so it stays unique.
GAZETTE_EXPORT std::string boolean_term(std::string_view prefix, std::string_view value);

/// The unique-id term of an article key: boolean_term(kKey, key).
inline std::string key_term(std::string_view key) {
  return boolean_term(kKey, key);
}

/// A source name as a slug: lower-case ASCII letters and digits, runs of anything else
/// turned into one '-' ("The New York Times" -> "the-new-york-times").
GAZETTE_EXPORT std::string source_slug(std::string_view source);

}  // namespace gazette::schema
