// Reader for WARC web archives (being written).
#include "indexer/src/warc_reader.hpp"

#include <gazette/error.hpp>

namespace gazette::indexer {

void read_warc(std::string_view, const ReadOptions&, ArticleSink&) {
  throw Error(ErrorCode::invalid_input, "the warc reader is not written yet");
}

bool sniff_warc(std::string_view) {
  return false;
}

}  // namespace gazette::indexer
