#include "intake/intake_request.h"

#include <array>

#include <sodium.h>

#include "text/turkish.h"
#include "text/utf8.h"

namespace kapi::intake {
namespace {

Status Bad(std::string reason, std::string message, std::string field = {}) {
  return InvalidArgument(std::move(message), std::move(field)).WithReason(std::move(reason));
}

std::string HexHash(std::string_view data) {
  std::array<unsigned char, 32> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : out) {
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return hex;
}

// Refuses C0 control characters other than tab, newline and carriage return, and DEL: they have
// no place in a citizen's text and are a common vehicle for log and display injection.
Status CheckControlChars(std::string_view s, const std::string& field) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      return Bad("invalid_characters",
                 "'" + field +
                     "' kontrol karakteri içeriyor; lütfen düz metin gönderin "
                     "(contains control characters)",
                 field);
    }
  }
  return Status::Ok();
}

Result<nlohmann::json> ValidateStringObject(const nlohmann::json& v, const std::string& name,
                                            std::initializer_list<std::string_view> allowed,
                                            std::initializer_list<std::string_view> numeric,
                                            const IntakeLimits& limits) {
  if (v.is_null()) return nlohmann::json();
  if (!v.is_object()) {
    return Bad("invalid_type", "'" + name + "' bir nesne olmalı (must be an object)", name);
  }
  nlohmann::json out = nlohmann::json::object();
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string field = name + "." + it.key();
    bool is_numeric = std::find(numeric.begin(), numeric.end(), it.key()) != numeric.end();
    bool is_string = std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end();
    if (!is_numeric && !is_string) {
      return Bad("unknown_field", "bilinmeyen alan: " + field + " (unknown field)", field);
    }
    if (it->is_null()) continue;
    if (is_numeric) {
      if (!it->is_number()) {
        return Bad("invalid_type", "'" + field + "' bir sayı olmalı (must be a number)", field);
      }
      double d = it->get<double>();
      double bound = it.key() == "lat" ? 90.0 : 180.0;
      if (!(d >= -bound && d <= bound)) {
        return Bad("out_of_range", "'" + field + "' geçerli bir koordinat değil (out of range)",
                   field);
      }
      out[it.key()] = d;
      continue;
    }
    if (!it->is_string()) {
      return Bad("invalid_type", "'" + field + "' metin olmalı (must be a string)", field);
    }
    std::string s = text::Nfc(it->get<std::string>());
    KAPI_RETURN_IF_ERROR(CheckControlChars(s, field));
    if (text::CountCodePoints(s) > limits.max_field_chars) {
      return Bad("field_too_long",
                 "'" + field + "' en fazla " + std::to_string(limits.max_field_chars) +
                     " karakter olabilir (too long)",
                 field);
    }
    if (!s.empty()) out[it.key()] = std::move(s);
  }
  return out.empty() ? nlohmann::json() : out;
}

}  // namespace

Status CheckIdempotencyKey(std::string_view key) {
  bool printable = !key.empty() && key.size() <= 128;
  for (unsigned char c : key) printable = printable && c > 0x20 && c < 0x7F;
  if (printable) return Status::Ok();
  return Bad("invalid_idempotency_key",
             "'idempotency_key' 1-128 yazdırılabilir ASCII karakter olmalı "
             "(1-128 printable ASCII characters)",
             "idempotency_key");
}

Result<IntakeInput> ParseIntakeJson(std::string_view body, const IntakeLimits& limits) {
  if (auto bad = text::FindInvalidUtf8(body)) {
    return Bad("invalid_utf8", "gövde geçerli UTF-8 değil (bayt " + std::to_string(*bad) +
                                   "); metni UTF-8 olarak gönderin (body is not valid UTF-8)");
  }
  nlohmann::json value = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    // Re-parse to get the position for the message; only on the error path.
    std::string where;
    try {
      auto unused = nlohmann::json::parse(body);
      (void)unused;
    } catch (const nlohmann::json::parse_error& e) {
      where = " (bayt " + std::to_string(e.byte) + ")";
    }
    return Bad("malformed_json", "gövde geçerli JSON değil" + where + " (malformed JSON)");
  }
  return ValidateIntake(value, limits);
}

Result<IntakeInput> ValidateIntake(const nlohmann::json& value, const IntakeLimits& limits) {
  if (!value.is_object()) {
    return Bad("malformed_json", "gövde bir JSON nesnesi olmalı (body must be a JSON object)");
  }
  static constexpr std::array<std::string_view, 5> kFields = {"text", "channel", "contact",
                                                              "location", "idempotency_key"};
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (std::find(kFields.begin(), kFields.end(), it.key()) == kFields.end()) {
      return Bad("unknown_field", "bilinmeyen alan: " + it.key() + " (unknown field)", it.key());
    }
  }
  IntakeInput in;
  // text
  auto text_it = value.find("text");
  if (text_it == value.end() || text_it->is_null()) {
    return Bad("missing_field", "'text' alanı zorunlu: başvurunuzu yazın (text is required)",
               "text");
  }
  if (!text_it->is_string()) {
    return Bad("invalid_type", "'text' metin olmalı (must be a string)", "text");
  }
  in.text = text::Nfc(text_it->get<std::string>());
  KAPI_RETURN_IF_ERROR(CheckControlChars(in.text, "text"));
  if (text::NormalizeForSearch(in.text).empty()) {
    return Bad("empty_text", "başvuru metni boş olamaz (text is empty)", "text");
  }
  const size_t chars = text::CountCodePoints(in.text);
  if (chars > limits.max_text_chars) {
    return Bad("text_too_long",
               "başvuru metni en fazla " + std::to_string(limits.max_text_chars) +
                   " karakter olabilir; gönderilen " + std::to_string(chars) +
                   " karakter (text is too long)",
               "text");
  }
  // channel
  auto ch_it = value.find("channel");
  if (ch_it == value.end() || ch_it->is_null()) {
    return Bad("missing_field", "'channel' alanı zorunlu (channel is required)", "channel");
  }
  if (!ch_it->is_string()) {
    return Bad("invalid_type", "'channel' metin olmalı (must be a string)", "channel");
  }
  auto channel = cases::ParseChannel(ch_it->get<std::string>());
  if (!channel) {
    std::string allowed;
    for (auto c : cases::AllChannels()) {
      if (!allowed.empty()) allowed += ", ";
      allowed += cases::ChannelName(c);
    }
    return Bad("unknown_channel",
               "bilinmeyen kanal; geçerli değerler: " + allowed + " (unknown channel)", "channel");
  }
  in.channel = *channel;
  // contact / location
  auto contact =
      ValidateStringObject(value.value("contact", nlohmann::json()), "contact",
                           {"name", "phone", "email", "address", "national_id"}, {}, limits);
  if (!contact.ok()) return contact.status();
  in.contact = std::move(*contact);
  auto location =
      ValidateStringObject(value.value("location", nlohmann::json()), "location",
                           {"district", "neighbourhood", "description"}, {"lat", "lon"}, limits);
  if (!location.ok()) return location.status();
  in.location = std::move(*location);
  // idempotency key
  auto key_it = value.find("idempotency_key");
  if (key_it != value.end() && !key_it->is_null()) {
    if (!key_it->is_string()) {
      return Bad("invalid_type", "'idempotency_key' metin olmalı (must be a string)",
                 "idempotency_key");
    }
    std::string key = key_it->get<std::string>();
    KAPI_RETURN_IF_ERROR(CheckIdempotencyKey(key));
    in.idempotency_key = std::move(key);
  }
  // The body hash covers the normalized content, not the key, so a retry with the same content
  // and key is recognised even when JSON spacing or key order differ.
  nlohmann::json canonical = {{"text", in.text},
                              {"channel", cases::ChannelName(in.channel)},
                              {"contact", in.contact},
                              {"location", in.location}};
  in.body_hash = HexHash(canonical.dump());
  return in;
}

}  // namespace kapi::intake
