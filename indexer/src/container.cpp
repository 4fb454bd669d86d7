// Compressed files and archives (being written).
#include "indexer/src/container.hpp"

#include <gazette/error.hpp>

namespace gazette::indexer {

ContainerKind container_kind(std::string_view) {
  return ContainerKind::none;
}

std::string_view strip_compression_suffix(std::string_view file_name) {
  return file_name;
}

void read_container(const std::filesystem::path&, ContainerKind,
                    const std::function<void(ContainerMember&&)>&,
                    const std::function<void(std::string, std::string)>&) {
  throw Error(ErrorCode::invalid_input, "compressed files are not supported yet");
}

}  // namespace gazette::indexer
