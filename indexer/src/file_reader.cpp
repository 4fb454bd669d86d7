// One file -> Articles with keys: containers, format detection, readers.
#include "indexer/src/file_reader.hpp"

#include <libxml/parser.h>

#include <gazette/error.hpp>

#include "indexer/src/container.hpp"
#include "indexer/src/normalise.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>

namespace gazette::indexer {
namespace fs = std::filesystem;

namespace {

// A file read in blocks. Reads ask for no more than the bytes left (as the file's size
// said when it was opened), so that a small file costs no block-sized buffer.
class FileBytes final : public ByteStream {
 public:
  explicit FileBytes(const fs::path& path) : in_(path, std::ios::binary) {
    if (!in_) throw_error(ErrorCode::io_error, std::strerror(errno));
    std::error_code ec;
    left_ = fs::file_size(path, ec);
    if (ec) left_ = 0;
  }

  std::size_t read(std::string& out, std::size_t max) override {
    // At the expected end, look before growing `out`: the file may have grown since.
    if (left_ == 0 && in_.peek() == std::char_traits<char>::eof()) return 0;
    const std::size_t want =
        left_ > 0 ? std::min<std::uint64_t>(max, left_) : std::min(max, kProbe);
    const std::size_t before = out.size();
    out.resize(before + want);
    in_.read(out.data() + before, static_cast<std::streamsize>(want));
    const auto got = static_cast<std::size_t>(in_.gcount());
    out.resize(before + got);
    if (in_.bad()) throw_error(ErrorCode::io_error, "read error");
    left_ -= std::min<std::uint64_t>(got, left_);
    return got;
  }

  // Appends the rest of the file to `out`.
  void read_rest(std::string& out) {
    while (read(out, std::numeric_limits<std::size_t>::max()) > 0) {
    }
  }

 private:
  static constexpr std::size_t kProbe = std::size_t{64} << 10;
  std::ifstream in_;
  std::uint64_t left_ = 0;
};

// The bytes already read for sniffing, then the rest of the file.
class HeadThenRest final : public ByteStream {
 public:
  HeadThenRest(std::string head, FileBytes& rest) : head_(std::move(head)), rest_(rest) {}

  std::size_t read(std::string& out, std::size_t max) override {
    if (head_.empty()) return rest_.read(out, max);
    const std::size_t n = std::min(max, head_.size());
    out.append(head_, 0, n);
    head_.erase(0, n);
    return n;
  }

 private:
  std::string head_;
  FileBytes& rest_;
};

// Keys and locates what a reader finds in one input, and passes it on.
class Keyer final : public ArticleSink {
 public:
  Keyer(FileSink& sink, std::string key, std::string origin, std::string_view format)
      : sink_(sink), key_(std::move(key)), origin_(std::move(origin)), format_(format) {}

  // Every article of every reader and path (whole, streamed, container member) passes here,
  // so this is where the one normalisation pass runs.
  void article(Article article) override {
    if (normalise_article(article).date_dropped) sink_.unreadable_date();
    article.id = article.origin.position.empty() ? key_ : key_ + "#" + article.origin.position;
    article.format = std::string(format_);
    article.origin.path = origin_;
    sink_.article(std::move(article));
  }

  void problem(std::string location, std::string reason) override {
    sink_.problem(FileProblem{origin_ + ":" + location, std::move(reason)});
  }

  void unreadable_date(std::string_view) override { sink_.unreadable_date(); }

 private:
  FileSink& sink_;
  std::string key_;
  std::string origin_;
  std::string_view format_;
};

// Passes everything on, counting the problems.
class ProblemCounter final : public FileSink {
 public:
  explicit ProblemCounter(FileSink& sink) : sink_(sink) {}
  void article(Article article) override { sink_.article(std::move(article)); }
  void problem(FileProblem problem) override {
    ++problems;
    sink_.problem(std::move(problem));
  }
  void unreadable_date() override { sink_.unreadable_date(); }
  std::size_t problems = 0;

 private:
  FileSink& sink_;
};

const FormatSpec* format_of(std::string_view name, std::string_view head,
                            const FileReadOptions& options) {
  return options.forced_format ? options.forced_format
                               : detect_format(name, head.substr(0, kSniffBytes));
}

// Reads one input held in memory (a member of a container); false if no format fits it.
bool read_input(std::string_view name, std::string_view bytes, std::string key, std::string origin,
                const FileReadOptions& options, FileSink& sink) {
  const FormatSpec* format = format_of(name, bytes, options);
  if (!format) return false;
  Keyer keyer(sink, std::move(key), std::move(origin), format->name);
  format->read(bytes, options.read, keyer);
  return true;
}

// Reads a plain file: in blocks when its format can be, else whole.
bool read_plain_file(const ScannedFile& file, const FileReadOptions& options, FileSink& sink) {
  FileBytes bytes(file.path);
  std::string head;
  bytes.read(head, kSniffBytes);
  const FormatSpec* format = format_of(file.path.filename().string(), head, options);
  if (!format) return false;
  Keyer keyer(sink, file.key, file.path.string(), format->name);
  if (format->read_stream) {
    HeadThenRest input(std::move(head), bytes);
    format->read_stream(input, options.read, keyer);
  } else {
    bytes.read_rest(head);
    format->read(head, options.read, keyer);
  }
  return true;
}

bool read_compressed_file(const ScannedFile& file, const FileReadOptions& options, FileSink& sink) {
  const std::string path = file.path.string();
  ProblemCounter counted(sink);
  bool recognised = false;
  read_container(
      file.path, ContainerKind::compressed,
      [&](ContainerMember&& member) {
        try {
          recognised = read_input(member.name, member.bytes, file.key, path, options, counted);
        } catch (const Error& e) {
          // Data cut short by damage already reported: report this too, keep the report.
          if (counted.problems == 0) throw;
          recognised = true;
          counted.problem(FileProblem{path, e.what()});
        }
      },
      [&](std::string location, std::string reason) {
        counted.problem(FileProblem{path + ":" + location, std::move(reason)});
      });
  return recognised;
}

// An archive is recognised as such; members no format fits are passed over.
bool read_archive_file(const ScannedFile& file, const FileReadOptions& options, FileSink& sink) {
  const std::string path = file.path.string();
  read_container(
      file.path, ContainerKind::archive,
      [&](ContainerMember&& member) {
        const std::string inner = "!" + member.name;
        try {
          read_input(member.name, member.bytes, file.key + inner, path + inner, options, sink);
        } catch (const Error& e) {  // One bad member does not spoil the archive.
          sink.problem(FileProblem{path + inner, e.what()});
        }
      },
      [&](std::string location, std::string reason) {
        sink.problem(FileProblem{path + ":" + location, std::move(reason)});
      });
  return true;
}

// Collects what is read into a FileContent.
class Collector final : public FileSink {
 public:
  explicit Collector(FileContent& content) : content_(content) {}
  void article(Article article) override { content_.articles.push_back(std::move(article)); }
  void problem(FileProblem problem) override { content_.problems.push_back(std::move(problem)); }
  void unreadable_date() override { ++content_.dates_unreadable; }

 private:
  FileContent& content_;
};

}  // namespace

bool read_file(const ScannedFile& file, const FileReadOptions& options, FileSink& sink) {
  switch (container_kind(file.path.filename().string())) {
    case ContainerKind::none:
      return read_plain_file(file, options, sink);
    case ContainerKind::compressed:
      return read_compressed_file(file, options, sink);
    case ContainerKind::archive:
      return read_archive_file(file, options, sink);
  }
  return false;
}

FileContent read_file(const ScannedFile& file, const FileReadOptions& options) {
  FileContent content;
  Collector collector(content);
  content.recognised = read_file(file, options, collector);
  return content;
}

void prepare_readers_for_threads() {
  xmlInitParser();
}

}  // namespace gazette::indexer
