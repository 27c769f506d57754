#pragma once
// Web assets embedded at build time from web/static/ (cmake/EmbedFiles.cmake): file name → bytes.

#include <map>
#include <string>
#include <string_view>

namespace kapi::web {

const std::map<std::string, std::string_view>& StaticAssets();

}  // namespace kapi::web
