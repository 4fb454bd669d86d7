// Reader for JSON Lines / NDJSON and JSON array files (simdjson).
#pragma once

#include "indexer/src/reader.hpp"

namespace gazette::indexer {

/// Reads every article in `bytes`; see ReadFunction in reader.hpp.
void read_json(std::string_view bytes, const ReadOptions& options, ArticleSink& sink);

/// read_json over an input read in blocks of kJsonBlockBytes: memory is one block plus the
/// largest record (a wrapper object or a single object, being one value, is held whole).
void read_json_stream(ByteStream& bytes, const ReadOptions& options, ArticleSink& sink);

/// How much read_json_stream reads at a time: big enough that refills (which move the
/// part of a record read so far to the front) cost nothing next to parsing.
inline constexpr std::size_t kJsonBlockBytes = std::size_t{8} << 20;

/// read_json_stream with another block size (tests read in tiny blocks).
void read_json_blocks(ByteStream& bytes, const ReadOptions& options, ArticleSink& sink,
                      std::size_t block_bytes);

/// True when `head` looks like this format; see SniffFunction in reader.hpp.
bool sniff_json(std::string_view head);

}  // namespace gazette::indexer
