#include "policy/personal_data_source.h"

#include <array>

#include "policy/fold.h"

namespace kapi::policy {
namespace {

constexpr std::array<std::string_view, 8> kHonorifics = {"sayin",     "hanim", "bey", "hanimefendi",
                                                         "beyefendi", "sn",    "bay", "bayan"};

std::vector<std::string> Words(std::string_view folded) {
  std::vector<std::string> words;
  std::string cur;
  bool skipping_suffix = false;  // after an apostrophe: "yilmaz'a" is the word "yilmaz"
  for (char c : folded) {
    if (c == '\'') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
      skipping_suffix = true;
      continue;
    }
    bool word =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (word && skipping_suffix) continue;
    skipping_suffix = false;
    if (word) {
      cur.push_back(c);
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

bool IsHonorific(const std::string& w) {
  for (std::string_view h : kHonorifics) {
    if (w == h) return true;
  }
  return false;
}

std::string Digits(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (c >= '0' && c <= '9') d.push_back(c);
  }
  return d;
}

std::string Alnum(std::string_view folded) {
  std::string d;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '@' || c == '.') d.push_back(c);
  }
  return d;
}

bool SameContact(std::string_view span_text, std::string_view contact) {
  std::string a = Fold(span_text).text, b = Fold(contact).text;
  if (a.find('@') != std::string::npos || b.find('@') != std::string::npos) {
    return Alnum(a) == Alnum(b);
  }
  std::string da = Digits(a), db = Digits(b);
  bool mostly_digits_a = da.size() * 2 >= Alnum(a).size();
  bool mostly_digits_b = db.size() * 2 >= Alnum(b).size();
  if (mostly_digits_a && mostly_digits_b && da.size() >= 7 && db.size() >= 7) {
    // Phone numbers: +90 532 ..., 0532 ..., 532 ... are one number.
    if (da.size() >= 10 && db.size() >= 10 && (da.size() <= 12 && db.size() <= 12)) {
      return da.substr(da.size() - 10) == db.substr(db.size() - 10);
    }
    return da == db;
  }
  return !Alnum(a).empty() && Alnum(a) == Alnum(b);
}

}  // namespace

bool BelongsToAddressee(std::string_view span_text, const Addressee& addressee) {
  for (const std::string& contact : addressee.contacts) {
    if (!contact.empty() && SameContact(span_text, contact)) return true;
  }
  if (addressee.name.empty()) return false;
  std::vector<std::string> name_words = Words(Fold(addressee.name).text);
  std::vector<std::string> span_words = Words(Fold(span_text).text);
  bool any = false;
  for (const std::string& w : span_words) {
    if (IsHonorific(w)) continue;
    bool found = false;
    for (const std::string& n : name_words) found = found || n == w;
    if (!found) return false;
    any = true;
  }
  return any;
}

}  // namespace kapi::policy
