// gazette::Indexer: scan -> read -> build document -> write, committing in batches.
#include <gazette/indexer.hpp>

#include <gazette/error.hpp>
#include <gazette/schema.hpp>
#include <gazette/version.hpp>

#include "common/src/schema_check.hpp"
#include "common/src/xapian_error.hpp"
#include "indexer/src/document_builder.hpp"
#include "indexer/src/file_scanner.hpp"
#include "indexer/src/formats.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gazette {
namespace fs = std::filesystem;

namespace {

// Refuses databases that are not Gazette's or are of another schema version; stamps new ones.
void check_or_stamp_schema(Xapian::WritableDatabase& db, const std::string& db_path) {
  if (check_schema_version(db, db_path)) return;
  db.set_metadata(std::string(schema::kVersionKey), std::to_string(schema::kVersion));
  db.set_metadata(std::string(schema::kCreatedByKey), "gazette " GAZETTE_VERSION_STRING);
  db.commit();
}

// The whole file, or an io_error naming it.
std::string read_file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::io_error, std::strerror(errno));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw Error(ErrorCode::io_error, "read error");
  return std::move(bytes).str();
}

}  // namespace

struct Indexer::Impl {
  Impl(const std::string& path, IndexerOptions opts)
      : db_path(path), options(std::move(opts)), db(with_xapian_errors(path, [&] {
          std::error_code ec;
          fs::create_directories(path, ec);
          return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        })) {
    with_xapian_errors(db_path, [&] { check_or_stamp_schema(db, db_path); });
  }

  void add(const Article& article) {
    if (article.id.empty()) throw Error(ErrorCode::invalid_input, "article has an empty id");
    with_xapian_errors(db_path, [&] {
      db.replace_document(schema::key_term(article.id), builder.build(article));
    });
    if (++uncommitted >= std::max<std::size_t>(1, options.batch_articles)) commit();
  }

  void commit() {
    with_xapian_errors(db_path, [&] { db.commit(); });
    uncommitted = 0;
  }

  bool cancelled() const { return options.cancel && options.cancel->load(); }

  void report_problem(IndexReport& report, FileProblem problem) {
    ++report.files_failed;
    if (options.on_problem) options.on_problem(problem);
    report.problems.push_back(std::move(problem));
  }

  // Reads one file and indexes its article; a failure is reported, never thrown.
  void index_file(const indexer::ScannedFile& file, bool given_directly, IndexReport& report) {
    const auto format = indexer::format_from_path(file.path);
    if (!format && !given_directly) {
      ++report.files_ignored;
      return;
    }
    Article article;
    try {
      if (!format) throw Error(ErrorCode::invalid_input, "not a supported article file type");
      article = indexer::read_article(*format, read_file_bytes(file.path));
    } catch (const Error& e) {
      return report_problem(report, FileProblem{file.path.string(), e.what()});
    }
    article.id = file.key;
    article.format = std::string(indexer::format_name(*format));
    article.origin.path = file.path.string();
    add(article);  // Database errors are not the file's fault: they propagate.
    ++report.files_indexed;
    ++report.articles_indexed;
  }

  std::string db_path;
  IndexerOptions options;
  Xapian::WritableDatabase db;
  indexer::DocumentBuilder builder;
  std::size_t uncommitted = 0;
};

Indexer::Indexer(const std::string& db_path, IndexerOptions options)
    : impl_(std::make_unique<Impl>(db_path, std::move(options))) {}

Indexer::~Indexer() {
  if (!impl_) return;
  try {
    impl_->commit();
  } catch (...) {
    // Destructors must not throw; callers who care call commit() themselves.
  }
}

Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

IndexReport Indexer::add_paths(const std::vector<std::string>& paths) {
  const auto start = std::chrono::steady_clock::now();
  for (const auto& path : paths) {  // Fail before writing anything.
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      throw Error(ErrorCode::not_found, fmt::format("{}: no such file or directory", path));
    }
  }
  IndexReport report;
  std::size_t files_done = 0;
  for (const auto& path : paths) {
    const bool is_file = !fs::is_directory(path);
    indexer::ScanVisitor visitor;
    visitor.should_stop = [this] { return impl_->cancelled(); };
    visitor.on_problem = [&](const FileProblem& p) { impl_->report_problem(report, p); };
    visitor.on_file = [&](const indexer::ScannedFile& file) {
      impl_->index_file(file, is_file, report);
      ++files_done;
      if (impl_->options.on_progress) {
        const std::string shown = file.path.string();
        impl_->options.on_progress(IndexProgress{shown, files_done, report.articles_indexed});
      }
    };
    indexer::scan(path, visitor);
    if (impl_->cancelled()) break;
  }
  report.interrupted = impl_->cancelled();
  impl_->commit();
  report.elapsed = std::chrono::steady_clock::now() - start;
  return report;
}

void Indexer::add_article(const Article& article) {
  impl_->add(article);
}

bool Indexer::remove_article(std::string_view key) {
  return with_xapian_errors(impl_->db_path, [&] {
    const std::string term = schema::key_term(key);
    if (impl_->db.get_termfreq(term) == 0) return false;
    impl_->db.delete_document(term);
    return true;
  });
}

void Indexer::commit() {
  impl_->commit();
}

std::size_t Indexer::article_count() const {
  return with_xapian_errors(impl_->db_path, [&] { return std::size_t{impl_->db.get_doccount()}; });
}

}  // namespace gazette
