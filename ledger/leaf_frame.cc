#include "ledger/leaf_frame.h"

#include <nlohmann/json.hpp>

namespace kapi::ledger {
namespace {

void PutU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}

void PutStr(std::string& out, std::string_view s) {
  out.push_back(static_cast<char>(static_cast<uint8_t>(s.size())));
  out.append(s.substr(0, 255));
}

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool U8(uint8_t& v) {
    if (pos_ + 1 > in_.size()) return false;
    v = static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool U64(uint64_t& v) {
    if (pos_ + 8 > in_.size()) return false;
    v = 0;
    for (int i = 0; i < 8; ++i) v = v << 8 | static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool Str(std::string& s) {
    uint8_t n;
    if (!U8(n) || pos_ + n > in_.size()) return false;
    s.assign(in_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool Bytes(size_t n, std::string_view& s) {
    if (pos_ + n > in_.size()) return false;
    s = in_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool AtEnd() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

Status Malformed(std::string what) {
  return Status(StatusCode::kDataLoss, "malformed leaf frame: " + what).WithReason("bad_frame");
}

}  // namespace

std::string EncodeFrame(const LeafFrame& f) {
  std::string out;
  out.reserve(64 + f.actor.size() + 32 * f.subjects.size() + 32 * f.attributes.size());
  out.push_back(static_cast<char>(kFrameVersion));
  PutU64(out, f.seq);
  PutU64(out, static_cast<uint64_t>(f.time_ms));
  out.push_back(static_cast<char>(f.type));
  PutStr(out, f.actor);
  out.push_back(static_cast<char>(static_cast<uint8_t>(f.subjects.size())));
  for (const std::string& s : f.subjects) PutStr(out, s);
  out.push_back(static_cast<char>(static_cast<uint8_t>(f.attributes.size())));
  for (const auto& [k, v] : f.attributes) {
    PutStr(out, k);
    PutStr(out, v);
  }
  if (f.commitment) {
    out.push_back(1);
    out.append(AsBytes(*f.commitment));
  } else {
    out.push_back(0);
  }
  return out;
}

Result<LeafFrame> DecodeFrame(std::string_view bytes) {
  Reader r(bytes);
  LeafFrame f;
  uint8_t version = 0;
  if (!r.U8(version)) return Malformed("empty");
  if (version != kFrameVersion) return Malformed("unknown version " + std::to_string(version));
  uint64_t time = 0;
  uint8_t type = 0;
  if (!r.U64(f.seq) || !r.U64(time) || !r.U8(type)) return Malformed("truncated header");
  f.time_ms = static_cast<int64_t>(time);
  if (!IsKnownEventType(type)) return Malformed("unknown event type " + std::to_string(type));
  f.type = static_cast<EventType>(type);
  uint8_t n = 0;
  if (!r.Str(f.actor) || !r.U8(n)) return Malformed("truncated actor");
  f.subjects.resize(n);
  for (std::string& s : f.subjects) {
    if (!r.Str(s)) return Malformed("truncated subjects");
  }
  if (!r.U8(n)) return Malformed("truncated attributes");
  f.attributes.resize(n);
  for (auto& [k, v] : f.attributes) {
    if (!r.Str(k) || !r.Str(v)) return Malformed("truncated attributes");
  }
  uint8_t flag = 0;
  if (!r.U8(flag) || flag > 1) return Malformed("bad commitment flag");
  if (flag == 1) {
    std::string_view c;
    if (!r.Bytes(kHashSize, c)) return Malformed("truncated commitment");
    f.commitment = HashFromBytes(c);
  }
  if (!r.AtEnd()) return Malformed("trailing bytes");
  return f;
}

Result<std::string> CanonicalPayload(std::string_view json) {
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return InvalidArgument("payload is not valid JSON", "payload");
  if (!parsed.is_object()) return InvalidArgument("payload must be a JSON object", "payload");
  try {
    return parsed.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::strict);
  } catch (const std::exception& e) {
    return InvalidArgument(std::string("payload is not valid UTF-8: ") + e.what(), "payload");
  }
}

Hash PayloadCommitment(std::string_view salt, std::string_view canonical_payload) {
  std::string buf;
  buf.reserve(1 + salt.size() + canonical_payload.size());
  buf.push_back(0x02);
  buf.append(salt);
  buf.append(canonical_payload);
  return Sha256(buf);
}

std::string FrameToJson(const LeafFrame& f) {
  nlohmann::ordered_json j;
  j["version"] = kFrameVersion;
  j["seq"] = f.seq;
  j["time_ms"] = f.time_ms;
  j["type"] = EventTypeName(f.type);
  j["actor"] = f.actor;
  j["subjects"] = f.subjects;
  nlohmann::ordered_json attrs = nlohmann::ordered_json::object();
  for (const auto& [k, v] : f.attributes) attrs[k] = v;
  j["attributes"] = attrs;
  j["commitment"] = f.commitment ? nlohmann::ordered_json(ToHex(*f.commitment)) : nullptr;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace kapi::ledger
