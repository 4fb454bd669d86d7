// text reader (being written).
#include "indexer/src/text_reader.hpp"

#include <gazette/error.hpp>

namespace gazette::indexer {
Article read_text_article(std::string_view) {
  throw Error(ErrorCode::invalid_input, "text reader not written yet");
}
}  // namespace gazette::indexer
