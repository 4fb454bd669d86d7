// html reader (being written).
#include "indexer/src/html_reader.hpp"

#include <gazette/error.hpp>

namespace gazette::indexer {
Article read_html_article(std::string_view) {
  throw Error(ErrorCode::invalid_input, "html reader not written yet");
}
}  // namespace gazette::indexer
