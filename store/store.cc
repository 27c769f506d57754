#include "store/store.h"

#include <future>

#include <nlohmann/json.hpp>

namespace kapi::store {

Result<cases::IntakeReceipt> Store::InsertRequest(cases::NewRequest request) {
  std::promise<Result<cases::IntakeReceipt>> promise;
  auto future = promise.get_future();
  SubmitRequest(std::move(request),
                [&promise](Result<cases::IntakeReceipt> r) { promise.set_value(std::move(r)); });
  return future.get();
}

std::string AiDecisionOfRoutingEvent(const std::string& detail_json) {
  if (detail_json.empty()) return {};
  nlohmann::json j = nlohmann::json::parse(detail_json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return {};
  auto it = j.find("ai_decision");
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Status ErasedOriginal(int64_t case_id) {
  return Status(StatusCode::kFailedPrecondition,
                "bu başvurudaki kişisel veriler silindi (the personal data of case " +
                    std::to_string(case_id) + " was erased)")
      .WithReason("personal_data_erased");
}

}  // namespace kapi::store
