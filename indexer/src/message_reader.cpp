// Reader for e-mail and Usenet messages and mbox folders (being written).
#include "indexer/src/message_reader.hpp"

#include <gazette/error.hpp>

namespace gazette::indexer {

void read_message(std::string_view, const ReadOptions&, ArticleSink&) {
  throw Error(ErrorCode::invalid_input, "the email reader is not written yet");
}

bool sniff_message(std::string_view) {
  return false;
}

void read_mbox(std::string_view, const ReadOptions&, ArticleSink&) {
  throw Error(ErrorCode::invalid_input, "the mbox reader is not written yet");
}

bool sniff_mbox(std::string_view) {
  return false;
}

}  // namespace gazette::indexer
