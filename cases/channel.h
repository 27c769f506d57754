#pragma once
// The channels a request can arrive through. The channel is recorded on every request.

#include <optional>
#include <string_view>
#include <vector>

namespace kapi::cases {

enum class Channel { kWeb, kMobile, kPhone, kDesk, kEDevlet, kOpen311, kMuhtar };

std::string_view ChannelName(Channel c);  // "web", "mobile", "phone", "desk", "e-devlet", ...
std::optional<Channel> ParseChannel(std::string_view name);
const std::vector<Channel>& AllChannels();

}  // namespace kapi::cases
