#pragma once
// The pipeline seam between intake and the engines. Intake hands every accepted text to a
// Pipeline, which first masks personal data and then asks for advisory suggestions on the MASKED
// text only: Triager never receives the original (2024/108 Dürüstlük (3), Gizlilik ve güvenlik
// (1)). The privacy and triage engines plug in here without touching HTTP code.
//
// Implementations must be thread-safe: the server calls them from several threads at once.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kapi::intake {

// One personal-data finding, in Unicode code points of the original text.
struct MaskedSpan {
  std::string type;  // "TCKN", "PHONE", ...
  size_t start = 0;
  size_t end = 0;
};

struct MaskOutput {
  std::string masked_text;
  std::vector<MaskedSpan> spans;
};

class TextMasker {
 public:
  virtual ~TextMasker() = default;
  virtual MaskOutput Mask(std::string_view text) const = 0;
  // Identifies the implementation and its version, recorded with the case.
  virtual std::string Version() const = 0;
};

// Advisory suggestions for a masked text.
struct Suggestions {
  nlohmann::json json;     // shown to staff labelled "YZ önerisi"; null when none
  std::string topic_code;  // suggested topic code, or "" (abstained / no model)
  std::string unit_code;   // routed unit code, or ""
};

class Triager {
 public:
  virtual ~Triager() = default;
  virtual Suggestions Suggest(std::string_view masked_text) const = 0;
};

struct PipelineOutput {
  MaskOutput mask;
  Suggestions suggestions;
};

class Pipeline {
 public:
  Pipeline(std::shared_ptr<const TextMasker> masker, std::shared_ptr<const Triager> triager)
      : masker_(std::move(masker)), triager_(std::move(triager)) {}

  // Masks first; the triager sees only the masked text.
  PipelineOutput Run(std::string_view text) const {
    PipelineOutput out;
    out.mask = masker_->Mask(text);
    out.suggestions = triager_->Suggest(out.mask.masked_text);
    return out;
  }

 private:
  std::shared_ptr<const TextMasker> masker_;
  std::shared_ptr<const Triager> triager_;
};

// First implementations: pass the text through unchanged / suggest nothing. Used until the
// privacy and triage engines are configured, and in tests of intake plumbing.
class PassThroughMasker final : public TextMasker {
 public:
  MaskOutput Mask(std::string_view text) const override { return {std::string(text), {}}; }
  std::string Version() const override { return "passthrough@0"; }
};

class NoSuggestions final : public Triager {
 public:
  Suggestions Suggest(std::string_view) const override { return {}; }
};

}  // namespace kapi::intake
