// Reader for TREC SGML news collections (being written).
#include "indexer/src/trec_reader.hpp"

#include <gazette/error.hpp>

namespace gazette::indexer {

void read_trec(std::string_view, const ReadOptions&, ArticleSink&) {
  throw Error(ErrorCode::invalid_input, "the trec reader is not written yet");
}

bool sniff_trec(std::string_view) {
  return false;
}

}  // namespace gazette::indexer
