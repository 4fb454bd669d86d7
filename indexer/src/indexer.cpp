// gazette::Indexer: scan -> read -> build document -> write, committing in batches.
#include <gazette/indexer.hpp>

#include <gazette/error.hpp>
#include <gazette/schema.hpp>
#include <gazette/version.hpp>

#include "common/src/schema_check.hpp"
#include "common/src/xapian_error.hpp"
#include "indexer/src/document_builder.hpp"
#include "indexer/src/file_reader.hpp"
#include "indexer/src/file_scanner.hpp"
#include "indexer/src/formats.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>

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

// The Article fields a JSON mapping may name.
constexpr std::string_view kJsonFields[] = {"title",  "body", "date", "url", "authors",
                                            "source", "lang", "tags", "id"};

// Checks the user's reading choices and turns them into the readers' options.
indexer::FileReadOptions make_read_options(const IndexerOptions& options) {
  indexer::FileReadOptions read;
  if (!options.format.empty()) {
    read.forced_format = indexer::format_by_name(options.format);
    if (!read.forced_format) {
      std::string known;
      for (const auto& f : indexer::formats())
        known += (known.empty() ? "" : ", ") + std::string(f.name);
      throw Error(ErrorCode::invalid_input,
                  fmt::format("unknown format '{}' (known: {})", options.format, known));
    }
  }
  for (const auto& [field, key] : options.json_fields) {
    if (std::find(std::begin(kJsonFields), std::end(kJsonFields), field) == std::end(kJsonFields)) {
      throw Error(ErrorCode::invalid_input,
                  fmt::format("unknown article field '{}' in a JSON mapping (known: title, body, "
                              "date, url, authors, source, lang, tags, id)",
                              field));
    }
    if (key.empty()) {
      throw Error(ErrorCode::invalid_input, fmt::format("empty JSON key for field '{}'", field));
    }
  }
  read.read.json_fields = options.json_fields;
  return read;
}

}  // namespace

struct Indexer::Impl {
  Impl(const std::string& path, IndexerOptions opts)
      : db_path(path),
        options(std::move(opts)),
        read_options(make_read_options(options)),
        db(with_xapian_errors(path, [&] {
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

  // Reads one file and indexes its articles; a failure is reported, never thrown.
  void index_file(const indexer::ScannedFile& file, bool given_directly, IndexReport& report) {
    indexer::FileContent content;
    try {
      content = indexer::read_file(file, read_options);
      if (!content.recognised && given_directly) {
        throw Error(ErrorCode::invalid_input, "not a supported article file type");
      }
    } catch (const Error& e) {
      return report_problem(report, FileProblem{file.path.string(), e.what()});
    }
    if (!content.recognised) {
      ++report.files_ignored;
      return;
    }
    for (auto& problem : content.problems) {
      ++report.parts_failed;
      if (options.on_problem) options.on_problem(problem);
      report.problems.push_back(std::move(problem));
    }
    report.dates_unreadable += content.dates_unreadable;
    for (const Article& article : content.articles) {
      add(article);  // Database errors are not the file's fault: they propagate.
      ++report.articles_indexed;
    }
    ++report.files_indexed;
  }

  std::string db_path;
  IndexerOptions options;
  indexer::FileReadOptions read_options;  // Checked before the database is touched.
  Xapian::WritableDatabase db;
  indexer::DocumentBuilder builder;
  std::size_t uncommitted = 0;
};

std::vector<InputFormat> input_formats() {
  std::vector<InputFormat> out;
  for (const auto& f : indexer::formats()) {
    out.push_back({std::string(f.name), std::string(f.description)});
  }
  return out;
}

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

// --- Being written (incremental updates): temporary until the update work lands. ---
namespace gazette {

std::string_view to_string(FileAction action) noexcept {
  switch (action) {
    case FileAction::added: return "added";
    case FileAction::replaced: return "replaced";
    case FileAction::moved: return "moved";
    case FileAction::deleted: return "deleted";
    case FileAction::failed: return "failed";
  }
  return "unknown";
}

IndexReport Indexer::update() { throw Error(ErrorCode::invalid_input, "update: not available yet"); }
std::vector<std::string> Indexer::roots() const { return {}; }
RemoveReport Indexer::remove(const std::vector<std::string>&) {
  throw Error(ErrorCode::invalid_input, "remove: not available yet");
}
IndexReport Indexer::rebuild(const std::string&, IndexerOptions) {
  throw Error(ErrorCode::invalid_input, "rebuild: not available yet");
}
std::pair<std::uint64_t, std::uint64_t> Indexer::compact(const std::string&, IndexerOptions) {
  throw Error(ErrorCode::invalid_input, "compact: not available yet");
}
DatabaseStats database_stats(const std::string&) {
  throw Error(ErrorCode::invalid_input, "stats: not available yet");
}
CheckReport check_database(const std::string&) {
  throw Error(ErrorCode::invalid_input, "check: not available yet");
}

}  // namespace gazette
