// Reader for WARC web archives.
#pragma once

#include "indexer/src/reader.hpp"

namespace gazette::indexer {

/// Reads every article in `bytes`; see ReadFunction in reader.hpp.
void read_warc(std::string_view bytes, const ReadOptions& options, ArticleSink& sink);

/// True when `head` looks like this format; see SniffFunction in reader.hpp.
bool sniff_warc(std::string_view head);

}  // namespace gazette::indexer
