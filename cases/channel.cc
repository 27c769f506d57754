#include "cases/channel.h"

#include "cases/model.h"

namespace kapi::cases {

std::string_view ChannelName(Channel c) {
  switch (c) {
    case Channel::kWeb:
      return "web";
    case Channel::kMobile:
      return "mobile";
    case Channel::kPhone:
      return "phone";
    case Channel::kDesk:
      return "desk";
    case Channel::kEDevlet:
      return "e-devlet";
    case Channel::kOpen311:
      return "open311";
    case Channel::kMuhtar:
      return "muhtar";
  }
  return "web";
}

const std::vector<Channel>& AllChannels() {
  static const std::vector<Channel> kAll = {Channel::kWeb,   Channel::kMobile,  Channel::kPhone,
                                            Channel::kDesk,  Channel::kEDevlet, Channel::kOpen311,
                                            Channel::kMuhtar};
  return kAll;
}

std::optional<Channel> ParseChannel(std::string_view name) {
  for (Channel c : AllChannels()) {
    if (ChannelName(c) == name) return c;
  }
  return std::nullopt;
}

std::string_view ProvenanceName(Provenance p) {
  switch (p) {
    case Provenance::kHuman:
      return "human";
    case Provenance::kAi:
      return "ai";
    case Provenance::kAiEdited:
      return "ai_edited";
  }
  return "human";
}

std::optional<Provenance> ParseProvenance(std::string_view name) {
  for (Provenance p : {Provenance::kHuman, Provenance::kAi, Provenance::kAiEdited}) {
    if (ProvenanceName(p) == name) return p;
  }
  return std::nullopt;
}

}  // namespace kapi::cases
