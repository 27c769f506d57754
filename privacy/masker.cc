#include "privacy/masker.h"

#include <sodium.h>

#include <algorithm>

#include "base/random.h"
#include "privacy/key_file.h"
#include "text/tokenizer.h"

namespace kapi::privacy {
namespace {

bool IsAsciiDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsAlnumCp(char32_t cp) { return IsAsciiDigit(cp) || text::IsLetterCodePoint(cp); }

size_t CountAlnum(std::string_view v) {
  size_t n = 0;
  for (size_t i = 0; i < v.size();) {
    char32_t cp;
    i += text::DecodeCodePoint(v, i, &cp);
    n += IsAlnumCp(cp);
  }
  return n;
}

// Stars every letter/digit except the first `keep_first` and the last `keep_last`; other
// characters (spaces, dots, dashes) stay, so the layout is kept.
std::string StarMiddle(std::string_view v, size_t keep_first, size_t keep_last) {
  size_t total = CountAlnum(v);
  std::string out;
  out.reserve(v.size());
  size_t idx = 0;
  for (size_t i = 0; i < v.size();) {
    char32_t cp;
    size_t len = text::DecodeCodePoint(v, i, &cp);
    if (IsAlnumCp(cp)) {
      bool keep = idx < keep_first || idx + keep_last >= total;
      if (keep) {
        out.append(v.substr(i, len));
      } else {
        out.push_back('*');
      }
      ++idx;
    } else {
      out.append(v.substr(i, len));
    }
    i += len;
  }
  return out;
}

size_t CountDigits(std::string_view v) {
  size_t n = 0;
  for (char c : v) n += c >= '0' && c <= '9';
  return n;
}

std::string PartialEmail(std::string_view v) {
  size_t at = v.find('@');
  if (at == std::string_view::npos || at == 0) return StarMiddle(v, 1, 0);
  // Keep the first code point of the local part and the domain; one star per code point.
  return StarMiddle(v.substr(0, at), 1, 0) + std::string(v.substr(at));
}

std::string PartialIp(std::string_view v) {
  bool v6 = v.find(':') != std::string_view::npos;
  char sep = v6 ? ':' : '.';
  std::string out;
  int parts = 0;
  for (char c : v) {
    if (c == sep) {
      ++parts;
      out.push_back(c);
    } else if (parts >= 2 && c != sep) {
      out.push_back('*');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string PartialDate(std::string_view v) {
  // Keep the year: the last run of 4 digits, or the first when it leads (ISO).
  size_t year_b = std::string_view::npos;
  for (size_t i = 0; i + 4 <= v.size(); ++i) {
    if (CountDigits(v.substr(i, 4)) == 4 &&
        (i + 4 == v.size() || v[i + 4] < '0' || v[i + 4] > '9') &&
        (i == 0 || v[i - 1] < '0' || v[i - 1] > '9')) {
      year_b = i;
    }
  }
  if (year_b == std::string_view::npos) {
    // dd.mm.yy: keep the last two digits.
    return StarMiddle(v, 0, 2);
  }
  std::string out = StarMiddle(v.substr(0, year_b), 0, 0);
  out.append(v.substr(year_b, 4));
  out.append(StarMiddle(v.substr(year_b + 4), 0, 0));
  return out;
}

std::string Initials(std::string_view v) {
  std::string out;
  bool at_word = true;
  for (size_t i = 0; i < v.size();) {
    char32_t cp;
    size_t len = text::DecodeCodePoint(v, i, &cp);
    if (text::IsLetterCodePoint(cp)) {
      if (at_word) {
        if (!out.empty()) out.push_back(' ');
        out.append(v.substr(i, len));
        out.push_back('.');
      }
      at_word = false;
    } else {
      at_word = true;
    }
    i += len;
  }
  return out.empty() ? "*" : out;
}

std::string Partial(std::string_view text, const Entity& e) {
  std::string_view v = text.substr(e.byte_start, e.byte_end - e.byte_start);
  switch (e.type) {
    case EntityType::kTckn:
    case EntityType::kYkn:
    case EntityType::kVkn:
      return StarMiddle(v, 2, 2);
    case EntityType::kPhone: {
      size_t d = CountDigits(v);
      return StarMiddle(v, d > 7 ? d - 7 : 0, 2);
    }
    case EntityType::kIban:
      return StarMiddle(v, 4, 4);
    case EntityType::kCard:
      return StarMiddle(v, 0, 4);
    case EntityType::kEmail:
      return PartialEmail(v);
    case EntityType::kIp:
      return PartialIp(v);
    case EntityType::kPassport:
      return StarMiddle(v, 1, 2);
    case EntityType::kPlate:
      return StarMiddle(v, 2, 0);
    case EntityType::kBirthdate:
      return PartialDate(v);
    case EntityType::kAddress: {
      size_t loc = std::clamp(e.byte_locality, e.byte_start, e.byte_end);
      if (loc >= e.byte_end) return "***";
      return "*** " + std::string(text.substr(loc, e.byte_end - loc));
    }
    case EntityType::kPerson:
      return Initials(v);
  }
  return "***";
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::optional<MaskMode> ParseMaskMode(std::string_view name) {
  if (name == "tag") return MaskMode::kTag;
  if (name == "partial") return MaskMode::kPartial;
  if (name == "pseudonym") return MaskMode::kPseudonym;
  return std::nullopt;
}

Result<PseudonymKey> PseudonymKey::FromKey(std::string key, std::string scope) {
  if (!InitCrypto()) return Internal("libsodium failed to initialize");
  if (key.size() != kKeySize) return InvalidArgument("pseudonym key must be 32 bytes");
  return PseudonymKey(std::move(key), std::move(scope));
}

Result<PseudonymKey> PseudonymKey::FromKeyFile(const std::string& path, std::string scope) {
  auto key = LoadOrCreateKey(path, kKeySize);
  if (!key.ok()) return key.status();
  return FromKey(std::move(*key), std::move(scope));
}

std::string PseudonymKey::Token(EntityType type, std::string_view value) const {
  std::string norm = NormalizeForPseudonym(type, value);
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key_.data()),
                              key_.size());
  const unsigned char zero = 0;
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(scope_.data()),
                                scope_.size());
  crypto_auth_hmacsha256_update(&st, &zero, 1);
  std::string_view name = EntityTypeName(type);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(name.data()),
                                name.size());
  crypto_auth_hmacsha256_update(&st, &zero, 1);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(norm.data()),
                                norm.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, mac);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 6; ++i) {
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 15]);
  }
  return out;
}

std::string NormalizeForPseudonym(EntityType type, std::string_view v) {
  std::string out;
  switch (type) {
    case EntityType::kTckn:
    case EntityType::kYkn:
    case EntityType::kVkn:
    case EntityType::kCard:
    case EntityType::kPhone:
      for (char c : v) {
        if (c >= '0' && c <= '9') out.push_back(c);
      }
      if (type == EntityType::kPhone) {
        // National significant number: the last 10 digits.
        if (out.size() > 10) out = out.substr(out.size() - 10);
      }
      return out;
    case EntityType::kIban:
    case EntityType::kPlate:
    case EntityType::kPassport:
      for (char c : v) {
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) out.push_back(c);
        if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c - 32));
      }
      return out;
    case EntityType::kEmail:
    case EntityType::kIp:
      for (char c : v) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
      return out;
    case EntityType::kBirthdate:
    case EntityType::kAddress:
    case EntityType::kPerson: {
      std::string folded = text::FoldKey(v);
      bool space = false;
      for (char c : folded) {
        bool sep = c == ' ' || c == '\n' || c == '\t' || c == ',' || c == '.' || c == '/' ||
                   c == '-' || c == ':';
        if (sep) {
          space = !out.empty();
        } else {
          if (space) out.push_back(' ');
          space = false;
          out.push_back(c);
        }
      }
      return out;
    }
  }
  return std::string(v);
}

Result<MaskResult> Mask(std::string_view text, const std::vector<Entity>& entities, MaskMode mode,
                        const PseudonymKey* key) {
  if (mode == MaskMode::kPseudonym && key == nullptr) {
    return InvalidArgument("pseudonym masking needs a key", "key");
  }
  MaskResult r;
  r.masked.reserve(text.size());
  r.entities.reserve(entities.size());
  size_t pos = 0;     // bytes of `text` consumed
  size_t out_cp = 0;  // code points written
  for (const Entity& e : entities) {
    if (e.byte_start < pos || e.byte_end < e.byte_start || e.byte_end > text.size()) {
      return InvalidArgument("entities overlap, are unsorted or do not fit the text", "entities");
    }
    std::string_view gap = text.substr(pos, e.byte_start - pos);
    r.masked.append(gap);
    out_cp += CodePoints(gap);
    std::string rep;
    switch (mode) {
      case MaskMode::kTag:
        rep = "[" + std::string(EntityTag(e.type)) + "]";
        break;
      case MaskMode::kPartial:
        rep = Partial(text, e);
        break;
      case MaskMode::kPseudonym:
        rep = "[" + std::string(EntityTag(e.type)) + "_" +
              key->Token(e.type, text.substr(e.byte_start, e.byte_end - e.byte_start)) + "]";
        break;
    }
    MaskedEntity m;
    m.entity = e;
    m.masked_start = out_cp;
    r.masked.append(rep);
    out_cp += CodePoints(rep);
    m.masked_end = out_cp;
    m.replacement = std::move(rep);
    r.entities.push_back(std::move(m));
    pos = e.byte_end;
  }
  r.masked.append(text.substr(pos));
  return r;
}

}  // namespace kapi::privacy
