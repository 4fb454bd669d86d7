// What an indexing run tells its caller as it goes: problems (also passed to the
// IndexerOptions::on_problem callback at once) and one change line per file, with the
// counts that go with them. Shared by the scan, the plan (a dry run) and its execution.
#pragma once

#include <gazette/indexer.hpp>

#include <cstddef>
#include <string>

namespace gazette::indexer {

class RunReport {
 public:
  RunReport(IndexReport& report, const IndexerOptions& options)
      : report_(report), options_(options) {}

  /// A file that could not be read (`whole_file`: counted as a failed file, with a change
  /// line), or a part of one (counted in parts_failed).
  void problem(const std::string& path, const std::string& reason, bool whole_file) {
    FileProblem p{path, reason};
    if (options_.on_problem) options_.on_problem(p);
    report_.problems.push_back(p);
    if (whole_file) {
      ++report_.files_failed;
      report_.changes.push_back({FileAction::failed, path, reason, 0});
    } else {
      ++report_.parts_failed;
    }
  }

  /// A file added, replaced, moved (`detail`: its old path) or deleted, with its articles.
  void change(FileAction action, const std::string& path, const std::string& detail,
              std::size_t articles) {
    switch (action) {
      case FileAction::added:
        ++report_.files_added;
        break;
      case FileAction::replaced:
        ++report_.files_replaced;
        break;
      case FileAction::deleted:
        ++report_.files_deleted;
        break;
      case FileAction::moved:
        ++report_.files_moved;
        break;
      case FileAction::failed:
        break;
    }
    report_.changes.push_back({action, path, detail, articles});
  }

  IndexReport& counts() { return report_; }

 private:
  IndexReport& report_;
  const IndexerOptions& options_;
};

}  // namespace gazette::indexer
