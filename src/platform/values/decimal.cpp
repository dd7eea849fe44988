// Decimal arithmetic. Every operation works on magnitudes and a sign: the exact result is
// computed (in 128 bits when that provably suffices, otherwise in 256 bits), rounded once,
// and only then checked against the 10^38 bound. That order is what makes overflow reports
// exact: an intermediate that does not fit 128 bits never causes a false "overflow".
#include "platform/values/decimal.hpp"

#include <algorithm>
#include <cassert>

#include "platform/values/wide_uint.hpp"

namespace verp {
namespace {

using detail::U128;
using detail::U256;

constexpr U128 kUnitsLimit = detail::pow10_u128(38);  // |units| must stay below this
constexpr Int128 kSignedUnitsLimit = static_cast<Int128>(kUnitsLimit);

U128 magnitude(Int128 units) {
  // Negating in unsigned arithmetic is defined even where the signed negation would not be.
  return units < 0 ? U128{0} - static_cast<U128>(units) : static_cast<U128>(units);
}

Int128 pow10(int n) { return static_cast<Int128>(detail::pow10_u128(n)); }

bool within_bounds(Int128 units) { return units > -kSignedUnitsLimit && units < kSignedUnitsLimit; }

bool valid_scale(int scale) { return scale >= 0 && scale <= Decimal::kMaxScale; }

Error decimal_error(const char* message_id) { return make_error(ErrorKind::validation, message_id); }

Error invalid_scale_error(int scale) {
  return decimal_error("decimal.invalid_scale").with_arg("scale", std::to_string(scale));
}

// The signed result for a magnitude already rounded to `scale`, or the overflow error.
Result<Decimal> from_magnitude(bool negative, const U256& magnitude_units, int scale) {
  if (!magnitude_units.fits_u128() || magnitude_units.lo >= kUnitsLimit) {
    return decimal_error("decimal.overflow");
  }
  const auto units = static_cast<Int128>(magnitude_units.lo);
  return Decimal::from_units(negative ? -units : units, scale);
}

// Sum of two values already brought to one scale, where scaling one of them overflowed
// 128 bits: the sum may still fit (1E37 + -9.9…9E37), so it is done on wide magnitudes.
Result<Decimal> add_wide_path(Int128 a_units, int a_shift, Int128 b_units, int b_shift, int scale) {
  const U256 a = detail::mul_wide(magnitude(a_units), detail::pow10_u128(a_shift));
  const U256 b = detail::mul_wide(magnitude(b_units), detail::pow10_u128(b_shift));
  const bool a_negative = a_units < 0;
  const bool b_negative = b_units < 0;
  if (a_negative == b_negative) return from_magnitude(a_negative, detail::add_wide(a, b), scale);
  if (a >= b) return from_magnitude(a_negative, detail::sub_wide(a, b), scale);
  return from_magnitude(b_negative, detail::sub_wide(b, a), scale);
}

// Writes the decimal digits of `value`, least significant first; returns how many.
int write_digits_reversed(U128 value, char* out) {
  constexpr std::uint64_t kChunk = 10'000'000'000'000'000'000ULL;  // 10^19 fits in 64 bits
  int count = 0;
  // Two 128-bit divisions at most; the rest is cheap 64-bit arithmetic.
  while (value >= kChunk) {
    auto chunk = static_cast<std::uint64_t>(value % kChunk);
    value /= kChunk;
    for (int i = 0; i < 19; ++i, chunk /= 10) out[count++] = static_cast<char>('0' + chunk % 10);
  }
  auto rest = static_cast<std::uint64_t>(value);
  do {
    out[count++] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  } while (rest != 0);
  return count;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t count_digits(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - pos;
}

}  // namespace

Decimal Decimal::from_int(std::int64_t value) { return Decimal(value, 0); }

Decimal Decimal::from_units(Int128 units, int scale) {
  assert(valid_scale(scale) && "Decimal scale outside [0, kMaxScale]");
  assert(within_bounds(units) && "Decimal units must stay below 10^38");
  return Decimal(units, scale);
}

Result<Decimal> Decimal::parse(std::string_view text) {
  std::size_t pos = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) ++pos;

  const std::size_t integer_digits = count_digits(text, pos);
  if (integer_digits == 0) return decimal_error("decimal.invalid");
  const std::size_t integer_begin = pos;
  pos += integer_digits;

  std::size_t fraction_digits = 0;
  const std::size_t fraction_begin = pos + 1;
  if (pos < text.size() && text[pos] == '.') {
    fraction_digits = count_digits(text, fraction_begin);
    if (fraction_digits == 0) return decimal_error("decimal.invalid");
    pos = fraction_begin + fraction_digits;
  }
  if (pos != text.size()) return decimal_error("decimal.invalid");

  if (fraction_digits > static_cast<std::size_t>(kMaxScale)) {
    return decimal_error("decimal.too_precise").with_arg("max_scale", std::to_string(kMaxScale));
  }
  if (integer_digits + fraction_digits > static_cast<std::size_t>(kMaxDigits)) {
    return decimal_error("decimal.too_large").with_arg("max_digits", std::to_string(kMaxDigits));
  }

  // At most kMaxDigits (34) digits: below 10^34, so the accumulation cannot overflow.
  Int128 units = 0;
  for (std::size_t i = 0; i < integer_digits; ++i) units = units * 10 + (text[integer_begin + i] - '0');
  for (std::size_t i = 0; i < fraction_digits; ++i) units = units * 10 + (text[fraction_begin + i] - '0');
  return Decimal(negative ? -units : units, static_cast<int>(fraction_digits));
}

std::string Decimal::to_string() const {
  char digits[48];  // 38 digits at most, padded to scale + 1 (<= 19)
  int count = write_digits_reversed(magnitude(units_), digits);
  while (count < scale_ + 1) digits[count++] = '0';  // "0.05", not ".05"

  std::string text;
  text.reserve(static_cast<std::size_t>(count) + 2);
  if (units_ < 0) text.push_back('-');
  for (int i = count - 1; i >= scale_; --i) text.push_back(digits[i]);
  if (scale_ > 0) {
    text.push_back('.');
    for (int i = scale_ - 1; i >= 0; --i) text.push_back(digits[i]);
  }
  return text;
}

Result<Decimal> Decimal::rescale(int new_scale) const {
  if (!valid_scale(new_scale)) return invalid_scale_error(new_scale);
  if (new_scale == scale_) return *this;
  if (new_scale > scale_) {
    Int128 scaled = 0;
    if (__builtin_mul_overflow(units_, pow10(new_scale - scale_), &scaled) || !within_bounds(scaled)) {
      return decimal_error("decimal.overflow");
    }
    return Decimal(scaled, new_scale);
  }
  // Dropping digits only shrinks the magnitude, so this branch cannot overflow.
  const U256 rounded =
      detail::div_round_half_up(U256::from(magnitude(units_)), U256::from(detail::pow10_u128(scale_ - new_scale)));
  return from_magnitude(units_ < 0, rounded, new_scale);
}

Result<Decimal> Decimal::add(const Decimal& other) const {
  const int scale = std::max(scale_, other.scale_);
  const int a_shift = scale - scale_;
  const int b_shift = scale - other.scale_;
  Int128 a = units_;
  Int128 b = other.units_;
  if (__builtin_mul_overflow(a, pow10(a_shift), &a) || __builtin_mul_overflow(b, pow10(b_shift), &b)) {
    return add_wide_path(units_, a_shift, other.units_, b_shift, scale);
  }
  // Both aligned operands fit 128 bits; if their sum does not, it is far beyond 10^38.
  Int128 sum = 0;
  if (__builtin_add_overflow(a, b, &sum) || !within_bounds(sum)) return decimal_error("decimal.overflow");
  return Decimal(sum, scale);
}

Result<Decimal> Decimal::sub(const Decimal& other) const { return add(other.negated()); }

Result<Decimal> Decimal::mul(const Decimal& other) const {
  return mul(other, std::min(scale_ + other.scale_, kMaxScale));
}

Result<Decimal> Decimal::mul(const Decimal& other, int result_scale) const {
  if (!valid_scale(result_scale)) return invalid_scale_error(result_scale);
  const int exact_scale = scale_ + other.scale_;  // up to 36
  if (result_scale == exact_scale) {
    // Fast path: no rounding; a product that overflows 128 bits is far beyond 10^38.
    Int128 product = 0;
    if (__builtin_mul_overflow(units_, other.units_, &product) || !within_bounds(product)) {
      return decimal_error("decimal.overflow");
    }
    return Decimal(product, result_scale);
  }
  const bool negative = (units_ < 0) != (other.units_ < 0);
  U256 product = detail::mul_wide(magnitude(units_), magnitude(other.units_));
  if (result_scale < exact_scale) {
    product = detail::div_round_half_up(product, U256::from(detail::pow10_u128(exact_scale - result_scale)));
  } else {
    // Padding with zeros: a product already past 128 bits is past 10^38 as well.
    if (!product.fits_u128()) return decimal_error("decimal.overflow");
    product = detail::mul_wide(product.lo, detail::pow10_u128(result_scale - exact_scale));
  }
  return from_magnitude(negative, product, result_scale);
}

Result<Decimal> Decimal::div(const Decimal& other, int result_scale) const {
  if (!valid_scale(result_scale)) return invalid_scale_error(result_scale);
  if (other.is_zero()) return decimal_error("decimal.division_by_zero");
  // units of the quotient at result_scale = a × 10^(b.scale + result_scale - a.scale) / b,
  // where the power of ten lands on the numerator or the denominator by its sign.
  const int shift = other.scale_ + result_scale - scale_;  // in [-18, 36]
  U256 numerator = U256::from(magnitude(units_));
  U256 denominator = U256::from(magnitude(other.units_));
  if (shift >= 0) {
    numerator = detail::mul_wide(numerator.lo, detail::pow10_u128(shift));
  } else {
    denominator = detail::mul_wide(denominator.lo, detail::pow10_u128(-shift));
  }
  const bool negative = (units_ < 0) != (other.units_ < 0);
  return from_magnitude(negative, detail::div_round_half_up(numerator, denominator), result_scale);
}

Decimal Decimal::negated() const { return Decimal(-units_, scale_); }

Decimal Decimal::abs() const { return Decimal(units_ < 0 ? -units_ : units_, scale_); }

bool operator==(const Decimal& a, const Decimal& b) { return std::is_eq(a <=> b); }

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  if (a.scale_ == b.scale_) return a.units_ <=> b.units_;
  if (a.signum() != b.signum() || a.signum() == 0) return a.signum() <=> b.signum();
  // Same sign, different scales: align both magnitudes in 256 bits (10^38 × 10^18 fits).
  // Both negative: the larger magnitude is the smaller value, so compare the other way round.
  const int scale = std::max(a.scale_, b.scale_);
  const U256 a_magnitude = detail::mul_wide(magnitude(a.units_), detail::pow10_u128(scale - a.scale_));
  const U256 b_magnitude = detail::mul_wide(magnitude(b.units_), detail::pow10_u128(scale - b.scale_));
  const U256& left = a.units_ > 0 ? a_magnitude : b_magnitude;
  const U256& right = a.units_ > 0 ? b_magnitude : a_magnitude;
  if (left == right) return std::strong_ordering::equal;
  return left < right ? std::strong_ordering::less : std::strong_ordering::greater;
}

}  // namespace verp
