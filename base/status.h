#pragma once
// Errors as values across part boundaries. A Status is OK or carries a code and a message that
// names the problem; Result<T> is a value or a non-OK Status. No part lets an exception escape
// its API (DESIGN.md house style 4).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kapi {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller's input is wrong; the message says how
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,  // e.g. an invalid state transition
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted,  // limits, overload
  kConflict,           // e.g. idempotency key reused with another body
  kUnavailable,        // a dependency (database) is down; retrying may help
  kDataLoss,           // stored data failed an integrity check
  kInternal,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field the error is about, when there is one (e.g. "text", "channel").
  const std::string& field() const { return field_; }
  // A stable machine-readable reason, e.g. "empty_text"; the API puts it in error.code.
  const std::string& reason() const { return reason_; }
  Status&& WithReason(std::string reason) && {
    reason_ = std::move(reason);
    return std::move(*this);
  }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
  std::string reason_;
};

inline Status InvalidArgument(std::string msg, std::string field = {}) {
  return {StatusCode::kInvalidArgument, std::move(msg), std::move(field)};
}
inline Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
inline Status FailedPrecondition(std::string msg) {
  return {StatusCode::kFailedPrecondition, std::move(msg)};
}
inline Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }
inline Status Unavailable(std::string msg) { return {StatusCode::kUnavailable, std::move(msg)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {}  // NOLINT: must be non-OK

  bool ok() const { return std::holds_alternative<T>(value_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(value_);
  }
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace kapi

// Returns early from the enclosing function when `expr` (a Status) is not OK.
#define KAPI_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::kapi::Status kapi_status_ = (expr);        \
    if (!kapi_status_.ok()) return kapi_status_; \
  } while (0)
