// Reader for NITF XML news documents (being written).
#include "indexer/src/nitf_reader.hpp"

#include <gazette/error.hpp>

namespace gazette::indexer {

void read_nitf(std::string_view, const ReadOptions&, ArticleSink&) {
  throw Error(ErrorCode::invalid_input, "the nitf reader is not written yet");
}

bool sniff_nitf(std::string_view) {
  return false;
}

}  // namespace gazette::indexer
