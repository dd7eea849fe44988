// Result<T>: the value-or-error type that crosses every module boundary in verp.
//
// Expected outcomes (bad input, a missing record, a stale version) are values, never
// exceptions. An Error carries a small typed kind that the HTTP layer maps to a status in one
// place (platform/http/problem.cpp), a message id that i18n turns into zh-CN or English text,
// the message arguments, and optionally the field it concerns and the business rule it cites.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace verp {

enum class ErrorKind {
  validation,          // the input breaks a rule: 400/422
  not_found,           // no such record, or not visible to the caller: 404
  forbidden,           // the caller may not do this: 403
  unauthenticated,     // no valid session or token: 401
  conflict,            // stale version, duplicate key: 409
  invalid_transition,  // a document cannot move from its state by this verb: 409
  too_large,           // the request exceeds a size limit: 413
  rate_limited,        // too many attempts; retry later: 429
  unavailable,         // a dependency (the database) is down or busy: 503
  internal,            // a broken invariant; logged with the request id: 500
};

// One named argument of a message, e.g. {"field", "quantity"}.
struct MessageArg {
  std::string name;
  std::string value;
};

// One problem with one input field; a validation Error may carry many of them at once.
struct FieldError {
  std::string field;       // JSON path of the field, e.g. "lines[2].quantity"
  std::string code;        // stable machine code, e.g. "required", "too_long"
  std::string message_id;  // i18n id of the human text
  std::vector<MessageArg> args;
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message_id;        // i18n id, e.g. "storage.unique_violation"
  std::vector<MessageArg> args;  // values substituted into the message
  std::string field;             // the field it concerns, if one
  std::string rule;              // business rule id it enforces, e.g. "SAL-003"
  std::vector<FieldError> fields;
  std::string detail;  // technical detail for logs; never shown to clients of a 500

  Error& with_arg(std::string name, std::string value) {
    args.push_back({std::move(name), std::move(value)});
    return *this;
  }
};

inline Error make_error(ErrorKind kind, std::string message_id, std::string detail = {}) {
  Error error;
  error.kind = kind;
  error.message_id = std::move(message_id);
  error.detail = std::move(detail);
  return error;
}

// Result<T> holds either a T or an Error. Reading the wrong side is a programming error
// (asserted), so callers test `ok()` or use `if (auto r = f(); !r) return r.error();`.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}   // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok() && "Result::value() on an error");
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok() && "Result::value() on an error");
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok() && "Result::value() on an error");
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  // The value, or `fallback` on an error (for reads where a bad cell has a safe default).
  T value_or(T fallback) const& { return ok() ? std::get<0>(state_) : std::move(fallback); }

  const Error& error() const& {
    assert(!ok() && "Result::error() on a value");
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!ok() && "Result::error() on a value");
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(failed_ && "Result::error() on success");
    return error_;
  }
  Error&& error() && {
    assert(failed_ && "Result::error() on success");
    return std::move(error_);
  }

 private:
  Error error_;
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace verp
