// Reader for e-mail and Usenet messages (.eml, news spool files) and mbox folders.
#pragma once

#include "indexer/src/reader.hpp"

namespace gazette::indexer {

/// Reads one RFC 5322 message (e-mail or Usenet post); see ReadFunction in reader.hpp.
void read_message(std::string_view bytes, const ReadOptions& options, ArticleSink& sink);

/// True when `head` starts with message headers (From:, Subject:, Newsgroups:, Path:…).
bool sniff_message(std::string_view head);

/// Reads every message of an mbox folder ("From " separator lines).
void read_mbox(std::string_view bytes, const ReadOptions& options, ArticleSink& sink);

/// True when `head` starts with an mbox "From " line.
bool sniff_mbox(std::string_view head);

}  // namespace gazette::indexer
