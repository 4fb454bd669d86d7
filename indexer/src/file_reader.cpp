// One file -> Articles with keys: containers, format detection, readers.
#include "indexer/src/file_reader.hpp"

#include <libxml/parser.h>

#include <gazette/error.hpp>

#include "indexer/src/container.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace gazette::indexer {
namespace fs = std::filesystem;

namespace {

// The whole file, or an io_error saying why not.
std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_error(ErrorCode::io_error, std::strerror(errno));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw_error(ErrorCode::io_error, "read error");
  return std::move(bytes).str();
}

// Collects what a reader finds in one input, keyed and located.
class Collector final : public ArticleSink {
 public:
  Collector(FileContent& content, std::string key, std::string origin, std::string_view format)
      : content_(content), key_(std::move(key)), origin_(std::move(origin)), format_(format) {}

  void article(Article article) override {
    article.id = article.origin.position.empty() ? key_ : key_ + "#" + article.origin.position;
    article.format = std::string(format_);
    article.origin.path = origin_;
    content_.articles.push_back(std::move(article));
  }

  void problem(std::string location, std::string reason) override {
    content_.problems.push_back(FileProblem{origin_ + ":" + location, std::move(reason)});
  }

  void unreadable_date(std::string_view) override { ++content_.dates_unreadable; }

 private:
  FileContent& content_;
  std::string key_;
  std::string origin_;
  std::string_view format_;
};

// Reads one input (a file, or one member of a container); false if no format fits it.
bool read_input(std::string_view name, std::string_view bytes, std::string key, std::string origin,
                const FileReadOptions& options, FileContent& content) {
  const FormatSpec* format = options.forced_format;
  if (!format) format = detect_format(name, bytes.substr(0, kSniffBytes));
  if (!format) return false;
  Collector collector(content, std::move(key), std::move(origin), format->name);
  format->read(bytes, options.read, collector);
  return true;
}

}  // namespace

FileContent read_file(const ScannedFile& file, const FileReadOptions& options) {
  FileContent content;
  const std::string path = file.path.string();
  const std::string file_name = file.path.filename().string();
  switch (container_kind(file_name)) {
    case ContainerKind::none:
      content.recognised =
          read_input(file_name, read_bytes(file.path), file.key, path, options, content);
      break;
    case ContainerKind::compressed:
      read_container(
          file.path, ContainerKind::compressed,
          [&](ContainerMember&& member) {
            try {
              content.recognised =
                  read_input(member.name, member.bytes, file.key, path, options, content);
            } catch (const Error& e) {
              // Data cut short by damage already reported: report this too, keep the report.
              if (content.problems.empty()) throw;
              content.recognised = true;
              content.problems.push_back(FileProblem{path, e.what()});
            }
          },
          [&](std::string location, std::string reason) {
            content.problems.push_back(FileProblem{path + ":" + location, std::move(reason)});
          });
      break;
    case ContainerKind::archive:
      // An archive is recognised as such; members no format fits are passed over.
      content.recognised = true;
      read_container(
          file.path, ContainerKind::archive,
          [&](ContainerMember&& member) {
            const std::string inner = "!" + member.name;
            try {
              read_input(member.name, member.bytes, file.key + inner, path + inner, options,
                         content);
            } catch (const Error& e) {  // One bad member does not spoil the archive.
              content.problems.push_back(FileProblem{path + inner, e.what()});
            }
          },
          [&](std::string location, std::string reason) {
            content.problems.push_back(FileProblem{path + ":" + location, std::move(reason)});
          });
      break;
  }
  return content;
}

void prepare_readers_for_threads() {
  xmlInitParser();
}

}  // namespace gazette::indexer
