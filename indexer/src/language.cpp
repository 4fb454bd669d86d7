// Languages detected with CLD2 (which is thread-safe); declarations go through language_tag.
#include "indexer/src/language.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>

#include <compact_lang_det.h>

namespace gazette::indexer {
namespace {

// CLD2 needs this much letter text before its "reliable" means anything ("Hello world" is
// reliably English to it).
constexpr int kMinTextBytes = 40;
// Enough text to decide; the rest of a long article only costs time.
constexpr std::size_t kMaxDetectBytes = 16 * 1024;

}  // namespace

std::string detect_language(std::string_view text) {
  text = text::truncate_utf8(text, kMaxDetectBytes);
  std::string repaired;  // CLD2 reads past the end of broken UTF-8 sequences.
  if (!text::is_valid_utf8(text)) {
    repaired = text::decode_to_utf8(text);
    text = repaired;
  }
  CLD2::Language top3[3];
  int percent3[3];
  int text_bytes = 0;
  bool is_reliable = false;
  // ExtDetect… may answer UNKNOWN_LANGUAGE where the plain call defaults to English.
  const CLD2::Language language = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, top3, percent3,
      &text_bytes, &is_reliable);
  if (!is_reliable || text_bytes < kMinTextBytes || language == CLD2::UNKNOWN_LANGUAGE) {
    return {};
  }
  return language_tag(CLD2::LanguageCode(language));
}

std::string article_language(const Article& article) {
  if (std::string declared = language_tag(article.lang); !declared.empty()) {
    return declared;
  }
  std::string text = article.title;
  text += '\n';
  text.append(text::truncate_utf8(article.body, kMaxDetectBytes));
  return detect_language(text);
}

}  // namespace gazette::indexer
