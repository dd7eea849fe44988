// Test-only: a slow, obviously correct arbitrary-precision signed integer, the reference the
// Decimal and Money property tests compare against. Decimal digits, least significant first,
// schoolbook algorithms, no cleverness: it shares no code with the 128/256-bit arithmetic
// under test, so a bug there cannot hide in both.
#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/values/decimal.hpp"

namespace verp::testing {

class ExactInteger {
 public:
  ExactInteger() = default;  // zero

  static ExactInteger from_int128(Int128 value) {
    ExactInteger result;
    result.negative_ = value < 0;
    while (value != 0) {
      const int digit = static_cast<int>(value % 10);  // in [-9, 9], sign of value
      result.digits_.push_back(digit < 0 ? -digit : digit);
      value /= 10;
    }
    result.normalize();
    return result;
  }

  static ExactInteger pow10(int n) {
    ExactInteger result;
    result.digits_.assign(static_cast<std::size_t>(n), 0);
    result.digits_.push_back(1);
    return result;
  }

  bool is_zero() const { return digits_.empty(); }
  bool is_negative() const { return negative_; }
  int digit_count() const { return static_cast<int>(digits_.size()); }  // 0 for zero
  ExactInteger abs() const { return with_sign(false); }

  std::string to_string() const {
    if (is_zero()) return "0";
    std::string text = negative_ ? "-" : "";
    for (auto it = digits_.rbegin(); it != digits_.rend(); ++it) text.push_back(static_cast<char>('0' + *it));
    return text;
  }

  friend ExactInteger operator+(const ExactInteger& a, const ExactInteger& b) {
    if (a.negative_ == b.negative_) return from_magnitude(a.negative_, add_magnitudes(a.digits_, b.digits_));
    if (compare_magnitudes(a.digits_, b.digits_) >= 0) {
      return from_magnitude(a.negative_, sub_magnitudes(a.digits_, b.digits_));
    }
    return from_magnitude(b.negative_, sub_magnitudes(b.digits_, a.digits_));
  }
  friend ExactInteger operator-(const ExactInteger& a, const ExactInteger& b) { return a + b.with_sign(!b.negative_); }
  friend ExactInteger operator*(const ExactInteger& a, const ExactInteger& b) {
    std::vector<int> product(a.digits_.size() + b.digits_.size(), 0);
    for (std::size_t i = 0; i < a.digits_.size(); ++i) {
      for (std::size_t j = 0; j < b.digits_.size(); ++j) product[i + j] += a.digits_[i] * b.digits_[j];
    }
    for (std::size_t k = 0; k + 1 < product.size(); ++k) {  // carry; sums stay far below INT_MAX
      product[k + 1] += product[k] / 10;
      product[k] %= 10;
    }
    return from_magnitude(a.negative_ != b.negative_, product);
  }

  friend bool operator==(const ExactInteger& a, const ExactInteger& b) {
    return a.negative_ == b.negative_ && a.digits_ == b.digits_;
  }
  friend std::strong_ordering operator<=>(const ExactInteger& a, const ExactInteger& b) {
    if (a.negative_ != b.negative_) return a.negative_ ? std::strong_ordering::less : std::strong_ordering::greater;
    const int by_magnitude = compare_magnitudes(a.digits_, b.digits_);
    const int signed_order = a.negative_ ? -by_magnitude : by_magnitude;
    return signed_order <=> 0;
  }

  // Truncating division of magnitudes: |n| = quotient × |d| + remainder, 0 <= remainder < |d|.
  // Long division one decimal digit at a time, each digit found by repeated subtraction.
  static void divmod_magnitudes(const ExactInteger& n, const ExactInteger& d, ExactInteger& quotient,
                                ExactInteger& remainder) {
    const ExactInteger divisor = d.abs();
    std::vector<int> quotient_digits(n.digits_.size(), 0);
    remainder = ExactInteger();
    for (std::size_t i = n.digits_.size(); i-- > 0;) {
      remainder.digits_.insert(remainder.digits_.begin(), n.digits_[i]);  // remainder × 10 + digit
      remainder.normalize();
      while (compare_magnitudes(remainder.digits_, divisor.digits_) >= 0) {
        remainder = remainder - divisor;
        ++quotient_digits[i];
      }
    }
    quotient = from_magnitude(false, quotient_digits);
  }

  // n / d rounded half away from zero; `tie` reports an exact half (d must not be zero).
  static ExactInteger div_round_half_away(const ExactInteger& n, const ExactInteger& d, bool* tie = nullptr) {
    ExactInteger quotient, remainder;
    divmod_magnitudes(n, d, quotient, remainder);
    const ExactInteger twice_remainder = remainder + remainder;
    const auto versus_half = twice_remainder <=> d.abs();
    if (tie != nullptr) *tie = versus_half == 0;
    if (versus_half >= 0) quotient = quotient + ExactInteger::from_int128(1);
    return quotient.with_sign(n.negative_ != d.negative_);
  }

 private:
  static ExactInteger from_magnitude(bool negative, std::vector<int> digits) {
    ExactInteger result;
    result.digits_ = std::move(digits);
    result.negative_ = negative;
    result.normalize();
    return result;
  }

  ExactInteger with_sign(bool negative) const { return from_magnitude(negative, digits_); }

  void normalize() {
    while (!digits_.empty() && digits_.back() == 0) digits_.pop_back();
    if (digits_.empty()) negative_ = false;
  }

  static int compare_magnitudes(const std::vector<int>& a, const std::vector<int>& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (std::size_t i = a.size(); i-- > 0;) {
      if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
  }

  static std::vector<int> add_magnitudes(const std::vector<int>& a, const std::vector<int>& b) {
    std::vector<int> sum(std::max(a.size(), b.size()) + 1, 0);
    for (std::size_t i = 0; i + 1 < sum.size(); ++i) {
      sum[i] += (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
      sum[i + 1] += sum[i] / 10;
      sum[i] %= 10;
    }
    return sum;
  }

  // Precondition: |a| >= |b|.
  static std::vector<int> sub_magnitudes(const std::vector<int>& a, const std::vector<int>& b) {
    std::vector<int> difference(a);
    int borrow = 0;
    for (std::size_t i = 0; i < difference.size(); ++i) {
      difference[i] -= borrow + (i < b.size() ? b[i] : 0);
      borrow = difference[i] < 0 ? 1 : 0;
      if (borrow != 0) difference[i] += 10;
    }
    return difference;
  }

  bool negative_ = false;
  std::vector<int> digits_;  // magnitude, least significant first, no leading zeros
};

}  // namespace verp::testing
