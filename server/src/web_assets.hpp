// The files of the search page (server/web/), built into the binary by
// server/embed_assets.cmake so that gazette-serve needs nothing installed beside it.
#pragma once

#include <span>
#include <string_view>

namespace gazette::server {

/// One file of the page: its URL path ("/app.js") and its bytes.
struct WebAsset {
  std::string_view path;
  std::string_view body;
};

/// Every file of server/web/, index.html included.
std::span<const WebAsset> web_assets();

}  // namespace gazette::server
