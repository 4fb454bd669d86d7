// Schema helpers: hashed boolean terms and source slugs.
#include <gazette/schema.hpp>

#include <xxhash.h>

#include <fmt/format.h>

namespace gazette::schema {

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term;
  term.reserve(prefix.size() + value.size());
  term.append(prefix).append(value);
  if (term.size() <= kMaxKeyTermBytes) return term;
  // Keep a readable start, then a hash of the whole value so distinct values stay distinct.
  const auto hash = XXH3_64bits(value.data(), value.size());
  std::string suffix = fmt::format("#{:016x}", hash);
  term.resize(kMaxKeyTermBytes - suffix.size());
  // Do not leave half a UTF-8 character before the hash.
  while (!term.empty() && (static_cast<unsigned char>(term.back()) & 0xC0) == 0x80)
    term.pop_back();
  if (!term.empty() && (static_cast<unsigned char>(term.back()) & 0x80)) term.pop_back();
  return term + suffix;
}

std::string source_slug(std::string_view source) {
  std::string slug;
  bool dash = false;
  for (char c : source) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !slug.empty()) slug += '-';
      dash = false;
      slug += c;
    } else {
      dash = true;
    }
  }
  return slug;
}

}  // namespace gazette::schema
