#include "policy/privacy_source.h"

#include "text/turkish.h"

namespace kapi::policy {

std::shared_ptr<const PersonalDataSource> MakePrivacySource(
    std::shared_ptr<const privacy::Detector> detector) {
  return std::make_shared<FunctionPersonalDataSource>(
      [detector](std::string_view text) -> Result<std::vector<PersonalDataSpan>> {
        std::vector<PersonalDataSpan> out;
        for (const privacy::Entity& e : detector->Scan(text)) {
          out.push_back({text::ToLowerTr(privacy::EntityTypeName(e.type)), e.start, e.end});
        }
        return out;
      });
}

}  // namespace kapi::policy
