// What gazette-serve answers, independent of HTTP plumbing: each endpoint of
// server/README.md as a function of the request's decoded parameters, returning the status
// and the JSON document. Validation uses searcher/output's checks, so a bad value gets the
// same one-line message as gazette-search's option for it.
#pragma once

#include <gazette/error.hpp>

#include "server/src/searcher_pool.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace gazette::server {

/// Decoded query parameters; a name may appear more than once (source=a&source=b).
using Params = std::multimap<std::string, std::string>;

/// The parameters of a request target's query string ("/search?q=oil+price&n=5"), decoded
/// as HTML forms encode them: '+' is a space, %XX a byte. Throws InvalidInputError naming
/// the parameter on a malformed %-escape.
Params query_parameters(std::string_view target);

/// One answer: HTTP status and a JSON document (one line, no trailing newline).
struct ApiResponse {
  int status = 200;
  std::string body;
};

/// Limits on what a request may ask for.
struct ApiLimits {
  std::size_t max_query_bytes = 1024;  ///< Longest q accepted (search, suggest).
};

/// The HTTP status for a library error raised while answering: 400 for a request that
/// cannot be answered as given, 404 for something that does not exist, 503 for a
/// database that cannot be read now (locked, gone, damaged, unreadable).
int http_status(ErrorCode code);

/// An error document (searcher/output's error_json) with the given status.
ApiResponse error_response(int status, ErrorCode code, const std::string& message);

class Api {
 public:
  Api(std::string db_path, ApiLimits limits);

  /// GET /search: the document `gazette-search --format json` prints for the same request.
  ApiResponse search(const Params& params);
  /// GET /article/{key}: the document `gazette-search --show KEY --format json` prints.
  ApiResponse article(const std::string& key);
  /// GET /suggest?q=&n=: completions of the last word of q.
  ApiResponse suggest(const Params& params);
  /// GET /health: {"status": "ok", "articles": N}, or 503 while the database cannot be opened.
  ApiResponse health();
  /// GET /stats: the document `gazette-index stats --json` prints.
  ApiResponse stats();

 private:
  std::string query_text(const Params& params) const;

  SearcherPool pool_;
  ApiLimits limits_;
};

}  // namespace gazette::server
