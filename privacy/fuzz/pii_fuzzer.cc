// libFuzzer target: arbitrary bytes through Scan, the three masks and the JSONL runner. Crashes,
// sanitizer reports and any out-of-range, unsorted or inconsistent offset abort the run.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include "privacy/detector.h"
#include "privacy/masker.h"
#include "privacy/pii_jsonl.h"
#include "text/utf8.h"

namespace {

using namespace kapi::privacy;

const Detector& TheDetector() {
  static const std::unique_ptr<Detector> d = [] {
    auto r = LoadDetector(KAPI_PRIVACY_FUZZ_RESOURCES);
    if (!r.ok()) std::abort();
    return std::move(*r);
  }();
  return *d;
}

const PseudonymKey& Key() {
  static const PseudonymKey k = std::move(*PseudonymKey::FromKey(std::string(32, 'f'), "fuzz"));
  return k;
}

void Check(bool ok) {
  if (!ok) std::abort();
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void CheckEntities(std::string_view s, const std::vector<Entity>& found) {
  size_t prev_end = 0;
  size_t total = CodePoints(s);
  for (const Entity& e : found) {
    Check(e.byte_start < e.byte_end && e.byte_end <= s.size());
    Check(e.byte_start >= prev_end);
    Check(e.byte_locality >= e.byte_start && e.byte_locality <= e.byte_end);
    Check(e.start < e.end && e.end <= total);
    Check(e.start == CodePoints(s.substr(0, e.byte_start)));
    Check(e.end == CodePoints(s.substr(0, e.byte_end)));
    prev_end = e.byte_end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  auto found = TheDetector().Scan(s);
  CheckEntities(s, found);
  if (kapi::text::IsValidUtf8(s)) {
    for (MaskMode mode : {MaskMode::kTag, MaskMode::kPartial, MaskMode::kPseudonym}) {
      auto r = Mask(s, found, mode, &Key());
      Check(r.ok());
      size_t total = CodePoints(r->masked);
      Check(kapi::text::IsValidUtf8(r->masked));
      for (const MaskedEntity& m : r->entities) {
        Check(m.masked_start <= m.masked_end && m.masked_end <= total);
        Check(m.masked_end - m.masked_start == CodePoints(m.replacement));
      }
    }
  }
  std::istringstream in{std::string(s)};
  std::ostringstream out, err;
  PiiRunOptions opts;
  opts.mask = size % 2 == 1;
  opts.mode = MaskMode::kPartial;
  Check(RunPii(TheDetector(), in, out, err, opts) == 0);
  return 0;
}
