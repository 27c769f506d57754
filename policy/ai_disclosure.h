#pragma once
// The AI-use disclosure of 2024/108 Dürüstlük (2): an AI-assisted text must say that an AI system
// helped prepare it. This file is the one place that defines the disclosure: the canonical
// sentence the answer workflow appends, the accepted variants, and the test the checker applies.
// Thread-safe (pure functions over constants).

#include <span>
#include <string>
#include <string_view>

namespace kapi::policy {

// The canonical Turkish disclosure sentence. The answer workflow appends exactly this.
inline constexpr std::string_view kAiDisclosureSentence =
    "Bu yanıt, yapay zekâ sistemi desteğiyle hazırlanmış ve kamu görevlisi tarafından kontrol "
    "edilmiştir.";

// Other wordings the checker accepts as a disclosure (documented examples; the test below accepts
// any sentence of the same shape, see ContainsAiDisclosure).
std::span<const std::string_view> AcceptedAiDisclosureVariants();

// True when some sentence of `text` discloses AI use: it names "yapay zekâ" (any casing, with or
// without the circumflex or Turkish letters) together with a verb of help or production
// (desteğiyle, yardımıyla, yararlanılmıştır, kullanılmıştır, hazırlanmıştır, oluşturulmuştur,
// üretilmiştir) and does not negate it ("kullanılmamıştır").
bool ContainsAiDisclosure(std::string_view text);

// `text` followed by the canonical sentence, separated by a blank line; `text` unchanged when it
// already contains a disclosure.
std::string AppendAiDisclosure(std::string_view text);

}  // namespace kapi::policy
