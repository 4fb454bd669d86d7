// Recursive, loop-safe, deterministic directory walk.
#include "indexer/src/file_scanner.hpp"

#include <gazette/error.hpp>

#include "common/src/text.hpp"
#include "indexer/src/container.hpp"
#include "indexer/src/formats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>
#include <set>
#include <vector>

namespace gazette::indexer {
namespace fs = std::filesystem;

namespace {

// Names (before the first dot, any case) of files that describe an archive.
constexpr std::array<std::string_view, 10> kDocumentationStems = {
    "readme",  "license", "licence",    "copying",  "changelog",
    "changes", "notice",  "sha256sums", "sha1sums", "md5sums"};

// The formats of research collections as distributed (Reuters-21578, the TREC disks): a
// directory of their files holds, beside them, notes and lists that are not articles. Other
// multi-article files (a JSON Lines export, a crawl) sit among stories as often as not.
constexpr std::array<std::string_view, 2> kCollectionFormats = {"reuters", "trec"};

std::string_view stem_of(std::string_view file_name) {
  return file_name.substr(0, file_name.find('.'));
}

std::string_view extension_of(std::string_view file_name) {
  const std::size_t dot = file_name.find_last_of('.');
  return dot == std::string_view::npos || dot == 0 ? std::string_view{} : file_name.substr(dot);
}

bool is_plain_text_name(std::string_view file_name) {
  const std::string ext = text::to_lower_ascii(extension_of(file_name));
  return ext == ".txt" || ext == ".text" || ext == ".md";
}

std::string read_head(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(kSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  return head;
}

class Walker {
 public:
  Walker(const fs::path& root, const ScanVisitor& visitor) : root_(root), visitor_(visitor) {}

  void walk_directory(const fs::path& dir) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec) return problem(dir, ec);
    if (!visited_.insert(canonical).second) return;  // A symlink loop or a second way in.
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (it->path().filename().string().starts_with('.')) continue;
      entries.push_back(*it);
    }
    if (ec) return problem(dir, ec);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    const bool collection = holds_collection(entries);
    for (const auto& entry : entries) {
      if (stopped()) return;
      visit(entry.path(), collection);
    }
  }

  // `in_collection_directory`: null for the root itself, which is read whatever its name.
  void visit(const fs::path& path, std::optional<bool> in_collection_directory = std::nullopt) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);  // Follows symlinks.
    if (ec) return problem(path, ec);
    if (fs::is_directory(status)) return walk_directory(path);
    if (!fs::is_regular_file(status)) return;  // Sockets, FIFOs, devices.
    ScannedFile file{path, path.lexically_relative(root_).generic_string()};
    if (in_collection_directory &&
        is_documentation(path.filename().string(), *in_collection_directory)) {
      if (visitor_.on_documentation) visitor_.on_documentation(file);
      return;
    }
    visitor_.on_file(file);
  }

  bool stopped() const { return visitor_.should_stop && visitor_.should_stop(); }

  // Whether `entries` are a collection's directory: more collection files than plain-text
  // ones (Reuters-21578: 22 SGML files beside 6 text files of notes and lists, and its
  // README). A folder of stories with a few SGML files among them is not one. Collection files are
  // only looked for (which reads the first bytes of files without an extension) when there is a
  // plain-text file to judge.
  static bool holds_collection(const std::vector<fs::directory_entry>& entries) {
    const auto texts =
        static_cast<std::size_t>(std::count_if(entries.begin(), entries.end(), [](const auto& e) {
          const std::string name = e.path().filename().string();
          return is_plain_text_name(name) && !is_documentation(name, false);  // Not a README.
        }));
    if (texts == 0) return false;
    std::size_t collections = 0;
    for (const auto& entry : entries) {
      std::error_code ec;
      if (entry.is_regular_file(ec) && is_collection_file(entry.path()) && ++collections > texts)
        return true;
    }
    return false;
  }

 private:
  void problem(const fs::path& path, const std::error_code& ec) {
    if (visitor_.on_problem) visitor_.on_problem(FileProblem{path.string(), ec.message()});
  }

  fs::path root_;
  const ScanVisitor& visitor_;
  std::set<fs::path> visited_;
};

}  // namespace

bool is_documentation(std::string_view file_name, bool in_collection_directory) {
  const std::string stem = text::to_lower_ascii(stem_of(file_name));
  if (std::find(kDocumentationStems.begin(), kDocumentationStems.end(), stem) !=
      kDocumentationStems.end()) {
    return true;
  }
  return in_collection_directory && is_plain_text_name(file_name);
}

bool is_collection_file(const fs::path& path) {
  const std::string name = path.filename().string();
  const std::string_view inner = strip_compression_suffix(name);
  if (is_plain_text_name(inner)) return false;
  const auto is_collection_format = [](const FormatSpec& format) {
    return std::find(kCollectionFormats.begin(), kCollectionFormats.end(), format.name) !=
           kCollectionFormats.end();
  };
  if (inner.size() != name.size()) {
    // Compressed: judged by the inner name alone, since sniffing would mean decompressing.
    const std::string ext = text::to_lower_ascii(extension_of(inner));
    const auto formats_list = formats();
    return !ext.empty() &&
           std::any_of(formats_list.begin(), formats_list.end(), [&](const auto& f) {
             return is_collection_format(f) &&
                    std::find(f.extensions.begin(), f.extensions.end(), ext) != f.extensions.end();
           });
  }
  const FormatSpec* format = detect_format(inner, read_head(path));
  return format && is_collection_format(*format);
}

void scan(const fs::path& root, const ScanVisitor& visitor) {
  std::error_code ec;
  fs::path absolute = fs::absolute(root, ec).lexically_normal();
  if (!absolute.has_filename()) absolute = absolute.parent_path();  // "dir/" -> "dir".
  const fs::file_status status = fs::status(absolute, ec);
  if (ec || !fs::exists(status)) {
    throw_error(ErrorCode::not_found, fmt::format("{}: no such file or directory", root.string()));
  }
  if (fs::is_directory(status)) {
    Walker(absolute, visitor).walk_directory(absolute);
  } else {
    // A file given directly is read whatever its name; its key is its file name.
    Walker(absolute.parent_path(), visitor).visit(absolute);
  }
}

}  // namespace gazette::indexer
