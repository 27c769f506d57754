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

}  // namespace kapi::store
