// The on-disk layout of a Gazette database directory: a Xapian stub file `XAPIANDB`
// naming the live generation (`db-000001/`, a Xapian glass database beside it). Rebuild
// and compact write a new generation and swap the stub atomically (rename), so a reader
// opening the directory sees the old or the new index, never a half-built one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace gazette::indexer {

/// True when `dir` holds a stub file (the current layout); false for an older plain glass
/// database directory or a missing one.
bool has_stub_layout(const std::filesystem::path& dir);

/// Creates `dir` (if needed) with a first, empty generation and its stub; returns the
/// generation's path. `dir` must be absent or empty.
std::filesystem::path create_layout(const std::filesystem::path& dir);

/// True when `dir` is absent or an empty directory (a new database may be made there).
bool is_new_database(const std::filesystem::path& dir);

/// The live generation's directory.
std::filesystem::path live_generation(const std::filesystem::path& dir);

/// A fresh, unused generation directory path (not created).
std::filesystem::path next_generation(const std::filesystem::path& dir);

/// Removes every generation directory in `dir` but `live` (and segments of builds): what
/// a killed rebuild, compact or first build left behind. Only for the holder of the live
/// generation's write lock, which keeps every other writer out.
void remove_stale_generations(const std::filesystem::path& dir, const std::filesystem::path& live);

/// Points the stub at `generation` atomically (write a temporary file, fsync, rename).
void switch_generation(const std::filesystem::path& dir, const std::filesystem::path& generation);

/// Flushes every file of directory `dir` (a database written with DB_NO_SYNC) and the
/// directory itself to disk. Throws gazette::Error(io_error) when a file cannot be flushed.
void sync_tree(const std::filesystem::path& dir);

/// Bytes of every file under `dir` (generations included): what a database costs on disk.
std::uint64_t size_on_disk(const std::filesystem::path& dir);

}  // namespace gazette::indexer
