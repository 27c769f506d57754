#pragma once
// Check-digit rules of Turkish and international identifiers. Inputs are digit strings (ASCII
// '0'–'9' only, already stripped of separators) unless stated otherwise. Pure and thread-safe.

#include <string>
#include <string_view>

namespace kapi::privacy {

// T.C. kimlik no (and YKN, which uses the same rule): 11 digits, first not 0,
// d10 = (7·(d1+d3+d5+d7+d9) − (d2+d4+d6+d8)) mod 10, d11 = (d1+…+d10) mod 10.
bool IsValidTckn(std::string_view digits);
// Vergi kimlik no: 10 digits, Gelir İdaresi check-digit rule.
bool IsValidVkn(std::string_view digits);
// Luhn mod-10 over any number of digits (≥ 2).
bool LuhnValid(std::string_view digits);
// ISO 13616 IBAN: `compact` is upper-case letters and digits without spaces. Checks the country's
// registered length (when the country is known) and the mod-97 check.
bool IsValidIban(std::string_view compact);
// The registered IBAN length of a country (two upper-case letters), 0 when unknown.
int IbanLength(std::string_view country);

// Builders of valid values, for tests and the test-set generator. `body` holds the digits that
// precede the check digits: 9 for TCKN (first not 0), 9 for VKN.
std::string CompleteTckn(std::string_view nine_digits);
std::string CompleteVkn(std::string_view nine_digits);
// Appends a Luhn check digit.
std::string CompleteLuhn(std::string_view digits);
// Computes the two IBAN check digits for `country` + BBAN and returns the full compact IBAN.
std::string CompleteIban(std::string_view country, std::string_view bban);

}  // namespace kapi::privacy
