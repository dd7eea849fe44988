// The values that cross the storage boundary: statement parameters and column contents.
//
// A Value is one of: null, int64, bool, text (UTF-8), blob (bytes, NULs allowed), Decimal,
// Date, Timestamp. How each is stored, per dialect (see README.md for the reasons):
//
//   type       SQLite (STRICT tables)                      PostgreSQL
//   int64      INTEGER                                     BIGINT
//   bool       INTEGER 0/1                                 BOOLEAN
//   text       TEXT                                        TEXT
//   blob       BLOB                                        BYTEA (sent in binary)
//   Decimal    TEXT, canonical "-1234.50" (scale kept)     NUMERIC (sent and read as text)
//   Date       TEXT "YYYY-MM-DD"                           DATE
//   Timestamp  TEXT "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC)    TIMESTAMPTZ (session TimeZone=UTC)
//
// Decimals never pass through a double on either side. Values are plain data: copyable,
// no shared state, thread-compatible.
#pragma once

#include <chrono>
#include <compare>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "platform/base/result.hpp"
#include "platform/values/decimal.hpp"

namespace verp::storage {

// A calendar date without a time zone (proleptic Gregorian, years 1..9999).
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Parses exactly "YYYY-MM-DD". Errors: ErrorKind::validation, "storage.invalid_date".
  static Result<Date> parse(std::string_view text);
  // Days since 1970-01-01 (negative before), and back.
  static Date from_days(std::int64_t days);
  std::int64_t to_days() const;

  bool valid() const;             // a real calendar day in years 1..9999
  std::string to_string() const;  // "YYYY-MM-DD"

  friend auto operator<=>(const Date&, const Date&) = default;
};

// An instant in UTC with microsecond precision: microseconds since 1970-01-01T00:00:00Z.
struct Timestamp {
  std::int64_t micros = 0;

  static Timestamp from_micros(std::int64_t micros) { return Timestamp{micros}; }
  static Timestamp from_system(std::chrono::system_clock::time_point time);
  std::chrono::system_clock::time_point to_system() const;

  // Parses ISO 8601 as written by either database: "YYYY-MM-DD[T| ]HH:MM:SS[.f{1,6}]" followed
  // by "Z", "+HH", "+HH:MM" or "+HHMM" (or '-'), the offset being applied. No offset means UTC.
  // Errors: ErrorKind::validation, "storage.invalid_timestamp".
  static Result<Timestamp> parse(std::string_view text);
  // "YYYY-MM-DDTHH:MM:SS.ffffffZ": fixed width, so text order is time order (years 1..9999).
  std::string to_string() const;

  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
};

// Raw bytes. A distinct type so that text and binary data are never confused.
struct Blob {
  std::string bytes;

  friend bool operator==(const Blob&, const Blob&) = default;
};

enum class ValueType { null, int64, boolean, text, blob, decimal, date, timestamp };

std::string_view to_string(ValueType type);

class Value {
 public:
  Value() = default;        // null
  Value(std::nullptr_t) {}  // NOLINT: implicit by design, as are the ones below
  template <std::integral I>
  requires(!std::same_as<I, bool> && !std::same_as<I, char>) Value(I value)
      : data_(static_cast<std::int64_t>(value)) {}              // NOLINT
  Value(bool value) : data_(value) {}                           // NOLINT
  Value(std::string value) : data_(std::move(value)) {}         // NOLINT
  Value(std::string_view value) : data_(std::string(value)) {}  // NOLINT
  Value(const char* value) : data_(std::string(value)) {}       // NOLINT
  Value(Blob value) : data_(std::move(value)) {}                // NOLINT
  Value(Decimal value) : data_(value) {}                        // NOLINT
  Value(Date value) : data_(value) {}                           // NOLINT
  Value(Timestamp value) : data_(value) {}                      // NOLINT
  template <typename T>
  Value(std::optional<T> value) {  // NOLINT: empty optional is null
    if (value) *this = Value(std::move(*value));
  }

  ValueType type() const { return static_cast<ValueType>(data_.index()); }
  bool is_null() const { return type() == ValueType::null; }

  // The held value, or nullptr when the Value holds another type.
  template <typename T>
  const T* get_if() const {
    return std::get_if<T>(&data_);
  }

  friend bool operator==(const Value& a, const Value& b);

 private:
  // The order of the alternatives matches ValueType.
  std::variant<std::monostate, std::int64_t, bool, std::string, Blob, Decimal, Date, Timestamp> data_;
};

}  // namespace verp::storage
