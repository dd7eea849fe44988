// Decimal: exact fixed-point numbers for money and quantities. verp never uses floating point
// for either (ARCHITECTURE.md §3).
//
// A Decimal is an integer number of units and a scale: units × 10^-scale, so "1234.50" is
// {123450, 2}. The scale is explicit and kept: "1.50" prints as "1.50", not "1.5". Units are
// 128-bit, which holds 38 significant digits; every operation detects overflow instead of
// wrapping. Rounding is always half away from zero (四舍五入), the rule of Chinese and most
// other accounting. Values are immutable and cheap to copy; all functions are thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/base/result.hpp"

namespace verp {

__extension__ typedef __int128 Int128;  // __extension__: g++'s 128-bit integer under -Wpedantic

class Decimal {
 public:
  static constexpr int kMaxScale = 18;
  // Parsed text may hold at most this many digits, so that sums of parsed values cannot
  // overflow and products overflow only for absurd inputs (which are then reported).
  static constexpr int kMaxDigits = 34;

  Decimal() = default;  // zero, scale 0

  // Exact constructors; the scale must be within [0, kMaxScale] and |units| < 10^38
  // (preconditions, asserted: these take values from code, not from users).
  static Decimal from_int(std::int64_t value);
  static Decimal from_units(Int128 units, int scale);

  // Parses a plain decimal string: optional sign, digits, optional '.' and digits.
  // No exponents, no spaces, no thousands separators, no "inf"/"nan": those are errors
  // (ErrorKind::validation, message id "decimal.invalid"); too large a scale or too many
  // digits are "decimal.too_precise"/"decimal.too_large" (details below). The scale is the
  // number of fraction digits written.
  //
  // Exactly accepted: [+-]? DIGIT+ ('.' DIGIT+)?  — so "7", "-0.50", "+3", "007.10".
  // Rejected as "decimal.invalid": "", "+", "-", ".", ".5", "1.", "1e3", " 1", "1 ",
  // "1,000", "１" (full-width), "inf", "nan", "0x10", "--1". Both sides of '.' need a digit,
  // as in JSON, so a truncated or half-typed number is never silently accepted.
  // More than kMaxScale fraction digits is "decimal.too_precise" (arg "max_scale"); more
  // than kMaxDigits digits in all, leading zeros included, is "decimal.too_large" (arg
  // "max_digits"). "-0" and "-0.00" parse to zero (printed without a sign).
  static Result<Decimal> parse(std::string_view text);

  // Canonical text with exactly scale() fraction digits, '-' for negatives, no '+'.
  std::string to_string() const;

  Int128 units() const { return units_; }
  int scale() const { return scale_; }
  bool is_zero() const { return units_ == 0; }
  bool is_negative() const { return units_ < 0; }
  int signum() const { return units_ > 0 ? 1 : (units_ < 0 ? -1 : 0); }

  // The same value at a new scale, rounding half away from zero when digits are dropped.
  Result<Decimal> rescale(int new_scale) const;

  // Exact arithmetic. Sum and difference take the larger scale; a product the sum of the
  // scales (capped at kMaxScale by rounding). Division takes the scale the caller wants and
  // rounds half away from zero. Errors: "decimal.overflow", "decimal.division_by_zero",
  // both ErrorKind::validation. Overflow means the correctly rounded result would need
  // |units| >= 10^38; it is reported exactly then and never otherwise. A requested scale
  // outside [0, kMaxScale] (rescale, div, mul with a scale) is "decimal.invalid_scale".
  Result<Decimal> add(const Decimal& other) const;
  Result<Decimal> sub(const Decimal& other) const;
  Result<Decimal> mul(const Decimal& other) const;
  // The exact product rounded once to result_scale (in [0, kMaxScale]). Money uses it to
  // land on a currency's minor unit without rounding twice (first to kMaxScale, then to
  // the minor unit), which can be a cent off.
  Result<Decimal> mul(const Decimal& other, int result_scale) const;
  Result<Decimal> div(const Decimal& other, int result_scale) const;
  Decimal negated() const;  // cannot overflow: |units| < 10^38
  Decimal abs() const;

  // Numeric comparison across scales: 1.50 == 1.5.
  friend bool operator==(const Decimal& a, const Decimal& b);
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

  // True when both the value and the scale match ("1.50" vs "1.5" differ here).
  bool identical(const Decimal& other) const { return units_ == other.units_ && scale_ == other.scale_; }

 private:
  Decimal(Int128 units, int scale) : units_(units), scale_(scale) {}

  Int128 units_ = 0;
  int scale_ = 0;
};

}  // namespace verp
