#include "store/store.h"

#include <future>

namespace kapi::store {

Result<cases::IntakeReceipt> Store::InsertRequest(cases::NewRequest request) {
  std::promise<Result<cases::IntakeReceipt>> promise;
  auto future = promise.get_future();
  SubmitRequest(std::move(request),
                [&promise](Result<cases::IntakeReceipt> r) { promise.set_value(std::move(r)); });
  return future.get();
}

Status ErasedOriginal(int64_t case_id) {
  return Status(StatusCode::kFailedPrecondition,
                "bu başvurudaki kişisel veriler silindi (the personal data of case " +
                    std::to_string(case_id) + " was erased)")
      .WithReason("personal_data_erased");
}

}  // namespace kapi::store
