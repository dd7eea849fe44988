// Internal to platform/values: a minimal unsigned 256-bit integer for the intermediate results
// of Decimal and Money arithmetic. Not part of the public API; include only from values/*.cpp.
//
// Why it exists: units are below 10^38, so a product of two units, or a unit scaled by up to
// 10^36 before a division, needs up to ~253 bits. Computing those exactly and rounding once
// is what makes mul/div results correct to the last digit (rounding twice is not).
// Only what Decimal and Money need is here: multiply, add, subtract, compare, divide.
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>

namespace verp::detail {

__extension__ typedef unsigned __int128 U128;  // __extension__: accepted under -Wpedantic

struct U256 {
  U128 hi = 0;
  U128 lo = 0;

  static U256 from(U128 value) { return U256{0, value}; }
  bool fits_u128() const { return hi == 0; }
  bool is_zero() const { return hi == 0 && lo == 0; }
};

inline bool operator==(const U256& a, const U256& b) { return a.hi == b.hi && a.lo == b.lo; }
inline bool operator<(const U256& a, const U256& b) { return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo; }
inline bool operator>=(const U256& a, const U256& b) { return !(a < b); }

// 10^n for n in [0, 38]; every power up to 10^38 fits in 128 bits.
constexpr U128 pow10_u128(int n) {
  U128 result = 1;
  for (int i = 0; i < n; ++i) result *= 10;
  return result;
}

// The full 256-bit product of two 128-bit numbers (schoolbook on 64-bit halves).
inline U256 mul_wide(U128 a, U128 b) {
  const U128 mask = ~static_cast<std::uint64_t>(0);
  const U128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
  const U128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  // Each term is below 2^64, so the sum of three cannot overflow 128 bits.
  const U128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
  U256 result;
  result.lo = (p00 & mask) | (mid << 64);
  result.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  return result;
}

// Callers guarantee the sum fits in 256 bits (operands here stay far below 2^255).
inline U256 add_wide(const U256& a, const U256& b) {
  U256 result;
  result.lo = a.lo + b.lo;
  result.hi = a.hi + b.hi + (result.lo < a.lo ? 1 : 0);
  return result;
}

// Precondition: a >= b.
inline U256 sub_wide(const U256& a, const U256& b) {
  U256 result;
  result.lo = a.lo - b.lo;
  result.hi = a.hi - b.hi - (a.lo < b.lo ? 1 : 0);
  return result;
}

inline int bit_length(const U256& v) {
  if (v.hi != 0) {
    const auto top = static_cast<std::uint64_t>(v.hi >> 64);
    return top != 0 ? 256 - __builtin_clzll(top) : 192 - __builtin_clzll(static_cast<std::uint64_t>(v.hi));
  }
  const auto top = static_cast<std::uint64_t>(v.lo >> 64);
  if (top != 0) return 128 - __builtin_clzll(top);
  const auto low = static_cast<std::uint64_t>(v.lo);
  return low != 0 ? 64 - __builtin_clzll(low) : 0;
}

inline U256 shift_left(const U256& v, int n) {  // 0 <= n < 256
  if (n == 0) return v;
  if (n >= 128) return U256{v.lo << (n - 128), 0};
  return U256{(v.hi << n) | (v.lo >> (128 - n)), v.lo << n};
}

inline U256 shift_right_one(const U256& v) { return U256{v.hi >> 1, (v.lo >> 1) | (v.hi << 127)}; }

struct DivResult {
  U256 quotient;
  U256 remainder;
};

// Long division by a divisor below 2^64, one 64-bit limb at a time (powers of ten up to
// 10^19 are such divisors, which makes rounding wide products to a scale cheap).
inline DivResult divmod_by_u64(const U256& dividend, U128 divisor) {
  const U128 mask = ~static_cast<std::uint64_t>(0);
  const U128 limbs[4] = {dividend.hi >> 64, dividend.hi & mask, dividend.lo >> 64, dividend.lo & mask};
  U128 quotient_limbs[4];
  U128 remainder = 0;
  for (int i = 0; i < 4; ++i) {
    // remainder < divisor < 2^64, so the shifted value fits in 128 bits.
    const U128 current = (remainder << 64) | limbs[i];
    quotient_limbs[i] = current / divisor;
    remainder = current % divisor;
  }
  U256 quotient{(quotient_limbs[0] << 64) | quotient_limbs[1], (quotient_limbs[2] << 64) | quotient_limbs[3]};
  return {quotient, U256::from(remainder)};
}

// Quotient and remainder; precondition: divisor is not zero. Native 128-bit division when
// both fit (the common case); otherwise shift-and-subtract, at most 256 steps.
inline DivResult divmod_wide(const U256& dividend, const U256& divisor) {
  if (dividend.fits_u128() && divisor.fits_u128()) {
    return {U256::from(dividend.lo / divisor.lo), U256::from(dividend.lo % divisor.lo)};
  }
  if (divisor.fits_u128() && (divisor.lo >> 64) == 0) return divmod_by_u64(dividend, divisor.lo);
  if (dividend < divisor) return {U256{}, dividend};
  const int shift = bit_length(dividend) - bit_length(divisor);
  U256 remainder = dividend;
  U256 step = shift_left(divisor, shift);
  U256 quotient;
  for (int i = shift; i >= 0; --i) {
    quotient = shift_left(quotient, 1);
    if (remainder >= step) {
      remainder = sub_wide(remainder, step);
      quotient.lo |= 1;
    }
    step = shift_right_one(step);
  }
  return {quotient, remainder};
}

// Whether a quotient with this remainder rounds up under half away from zero: 2r >= d,
// written as r >= d - r so nothing can overflow. Precondition: remainder < divisor.
inline bool rounds_up(const U256& remainder, const U256& divisor) { return remainder >= sub_wide(divisor, remainder); }

// round(dividend / divisor), halves away from zero, on magnitudes.
inline U256 div_round_half_up(const U256& dividend, const U256& divisor) {
  DivResult division = divmod_wide(dividend, divisor);
  if (!division.remainder.is_zero() && rounds_up(division.remainder, divisor)) {
    division.quotient = add_wide(division.quotient, U256::from(1));
  }
  return division.quotient;
}

}  // namespace verp::detail
