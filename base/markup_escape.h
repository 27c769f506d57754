#pragma once
// Escaping for HTML and XML text and double- or single-quoted attribute values: & < > " ' become
// &amp; &lt; &gt; &quot; &#39; (valid in both HTML and XML). Bytes pass through otherwise, so
// UTF-8 stays UTF-8.

#include <string>
#include <string_view>

namespace kapi {

std::string EscapeMarkup(std::string_view s);

}  // namespace kapi
