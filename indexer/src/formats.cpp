// Format recognition and reader dispatch.
#include "indexer/src/formats.hpp"

#include "common/src/text.hpp"
#include "indexer/src/html_reader.hpp"
#include "indexer/src/text_reader.hpp"

#include <array>

namespace gazette::indexer {

std::string_view format_name(Format format) noexcept {
  switch (format) {
    case Format::text:
      return "text";
    case Format::html:
      return "html";
  }
  return "unknown";
}

std::optional<Format> format_from_path(const std::filesystem::path& path) {
  struct Extension {
    std::string_view ext;
    Format format;
  };
  static constexpr std::array<Extension, 6> kExtensions = {{{".txt", Format::text},
                                                            {".text", Format::text},
                                                            {".md", Format::text},
                                                            {".html", Format::html},
                                                            {".htm", Format::html},
                                                            {".xhtml", Format::html}}};
  const std::string ext = text::to_lower_ascii(path.extension().string());
  for (const auto& known : kExtensions) {
    if (ext == known.ext) return known.format;
  }
  return std::nullopt;
}

Article read_article(Format format, std::string_view bytes) {
  switch (format) {
    case Format::text:
      return read_text_article(bytes);
    case Format::html:
      return read_html_article(bytes);
  }
  return {};
}

}  // namespace gazette::indexer
