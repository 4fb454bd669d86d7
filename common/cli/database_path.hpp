// Command-line support shared by gazette-index and gazette-search (not part of the
// library, which never reads the environment): which database a command works on.
#pragma once

#include <cstdlib>
#include <string>

namespace gazette::cli {

/// The database directory: `--db` when given; else $GAZETTE_DB when set and non-empty; else
/// the per-user default $XDG_DATA_HOME/gazette/index (~/.local/share/gazette/index), so
/// `gazette-index ~/archive` followed by `gazette-search "wire strike"` just works.
inline std::string database_path(const std::string& option) {
  if (!option.empty()) return option;
  auto env = [](const char* name) -> std::string {
    const char* value = std::getenv(name);
    return value ? value : "";
  };
  if (std::string db = env("GAZETTE_DB"); !db.empty()) return db;
  if (std::string data = env("XDG_DATA_HOME"); !data.empty()) return data + "/gazette/index";
  if (std::string home = env("HOME"); !home.empty()) return home + "/.local/share/gazette/index";
  return "gazette-index.db";
}

/// The help text describing database_path().
inline constexpr const char* kDatabaseHelp =
    "database directory (default: $GAZETTE_DB, else $XDG_DATA_HOME/gazette/index, i.e. "
    "~/.local/share/gazette/index)";

}  // namespace gazette::cli
