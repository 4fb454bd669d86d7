// Reader for Reuters-21578 SGML (being written).
#include "indexer/src/reuters_reader.hpp"

#include <gazette/error.hpp>

namespace gazette::indexer {

void read_reuters(std::string_view, const ReadOptions&, ArticleSink&) {
  throw Error(ErrorCode::invalid_input, "the reuters reader is not written yet");
}

bool sniff_reuters(std::string_view) {
  return false;
}

}  // namespace gazette::indexer
