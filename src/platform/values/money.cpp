// Money arithmetic on top of Decimal. Allocation works on integer smallest units and 256-bit
// intermediates (platform/values/wide_uint.hpp) so shares are exact, not approximations.
#include "platform/values/money.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <numeric>

#include "platform/values/wide_uint.hpp"

namespace verp {

struct CurrencyInfo {
  std::string_view code;
  int minor_unit_digits;
};

namespace {

using detail::U128;
using detail::U256;

// ISO 4217 minor units. Extending the list is safe; changing a row changes stored meaning.
constexpr std::array<CurrencyInfo, 24> kCurrencies{{
    {"CNY", 2}, {"USD", 2}, {"EUR", 2}, {"JPY", 0}, {"HKD", 2}, {"KRW", 0}, {"GBP", 2}, {"TWD", 2},
    {"MOP", 2}, {"SGD", 2}, {"AUD", 2}, {"CAD", 2}, {"CHF", 2}, {"NZD", 2}, {"THB", 2}, {"MYR", 2},
    {"IDR", 2}, {"INR", 2}, {"PHP", 2}, {"VND", 0}, {"RUB", 2}, {"BRL", 2}, {"KWD", 3}, {"BHD", 3},
}};

Error money_error(const char* message_id) { return make_error(ErrorKind::validation, message_id); }

Error mismatch_error(Currency left, Currency right) {
  return money_error("money.currency_mismatch")
      .with_arg("left", std::string(left.code()))
      .with_arg("right", std::string(right.code()));
}

U128 magnitude(Int128 units) { return units < 0 ? U128{0} - static_cast<U128>(units) : static_cast<U128>(units); }

// Parts of `total` given as magnitudes of smallest units, back with the total's sign.
std::vector<Money> to_money_parts(const std::vector<U128>& shares, const Money& total) {
  const int scale = total.amount().scale();
  std::vector<Money> parts;
  parts.reserve(shares.size());
  for (const U128 share : shares) {
    // Every share is at most |total|, so it is within Decimal's bounds.
    const auto units = static_cast<Int128>(share);
    auto part = Money::of(Decimal::from_units(total.is_negative() ? -units : units, scale), total.currency());
    assert(part.ok() && "a share at the total's scale needs no rescaling");
    parts.push_back(std::move(part).value());
  }
  return parts;
}

// Brings every ratio to one scale as an unsigned integer weight.
Result<std::vector<U128>> ratio_weights(std::span<const Decimal> ratios) {
  if (ratios.empty()) return money_error("money.invalid_ratios");
  int scale = 0;
  for (const Decimal& ratio : ratios) {
    if (ratio.is_negative()) return money_error("money.invalid_ratios");
    scale = std::max(scale, ratio.scale());
  }
  std::vector<U128> weights;
  weights.reserve(ratios.size());
  bool any_positive = false;
  for (const Decimal& ratio : ratios) {
    auto aligned = ratio.rescale(scale);
    if (!aligned) return std::move(aligned).error();
    weights.push_back(static_cast<U128>(aligned->units()));
    any_positive = any_positive || !ratio.is_zero();
  }
  if (!any_positive) return money_error("money.invalid_ratios");
  return weights;
}

}  // namespace

Currency::Currency() : info_(&kCurrencies[0]) {}

Result<Currency> Currency::from_code(std::string_view code) {
  for (const CurrencyInfo& info : kCurrencies) {
    if (info.code == code) return Currency(&info);
  }
  return money_error("money.unknown_currency").with_arg("code", std::string(code));
}

std::string_view Currency::code() const { return info_->code; }

int Currency::minor_unit_digits() const { return info_->minor_unit_digits; }

Money Money::zero(Currency currency) { return Money(Decimal::from_units(0, currency.minor_unit_digits()), currency); }

Result<Money> Money::of(const Decimal& amount, Currency currency) {
  if (amount.scale() >= currency.minor_unit_digits()) return Money(amount, currency);
  auto padded = amount.rescale(currency.minor_unit_digits());
  if (!padded) return std::move(padded).error();
  return Money(*padded, currency);
}

Result<Money> Money::parse(std::string_view amount, std::string_view currency_code) {
  auto currency = Currency::from_code(currency_code);
  if (!currency) return std::move(currency).error();
  auto decimal = Decimal::parse(amount);
  if (!decimal) return std::move(decimal).error();
  return of(*decimal, *currency);
}

Result<Money> Money::add(const Money& other) const {
  if (currency_ != other.currency_) return mismatch_error(currency_, other.currency_);
  auto sum = amount_.add(other.amount_);
  if (!sum) return std::move(sum).error();
  return Money(*sum, currency_);  // the larger scale is >= the minor unit already
}

Result<Money> Money::sub(const Money& other) const { return add(other.negated()); }

Money Money::negated() const { return Money(amount_.negated(), currency_); }

Result<Money> Money::mul(const Decimal& factor) const {
  auto product = amount_.mul(factor, currency_.minor_unit_digits());
  if (!product) return std::move(product).error();
  return Money(*product, currency_);
}

Money Money::round_to_minor_unit() const {
  if (amount_.scale() == currency_.minor_unit_digits()) return *this;
  auto rounded = amount_.rescale(currency_.minor_unit_digits());
  assert(rounded.ok() && "rounding to fewer digits cannot overflow");
  return Money(*rounded, currency_);
}

Result<std::vector<Money>> Money::allocate(std::size_t parts) const {
  if (parts == 0) return money_error("money.invalid_parts");
  const U128 total = magnitude(amount_.units());
  const U128 base = total / parts;
  const U128 extra = total % parts;  // the first `extra` parts get one more unit
  std::vector<U128> shares(parts, base);
  for (std::size_t i = 0; i < static_cast<std::size_t>(extra); ++i) shares[i] += 1;
  return to_money_parts(shares, *this);
}

Result<std::vector<Money>> Money::allocate(std::span<const Decimal> ratios) const {
  auto weights = ratio_weights(ratios);
  if (!weights) return std::move(weights).error();
  U256 weight_sum;
  for (const U128 weight : *weights) weight_sum = detail::add_wide(weight_sum, U256::from(weight));

  // share_i = floor(total × w_i / Σw); all remainders share the denominator Σw, so they
  // compare directly. Products stay below 10^38 × 10^38 < 2^256.
  const U128 total = magnitude(amount_.units());
  const std::size_t count = weights->size();
  std::vector<U128> shares(count);
  std::vector<U256> remainders(count);
  U128 allocated = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const detail::DivResult division = detail::divmod_wide(detail::mul_wide(total, (*weights)[i]), weight_sum);
    shares[i] = division.quotient.lo;  // at most total, so it fits 128 bits
    remainders[i] = division.remainder;
    allocated += shares[i];
  }

  // Fewer leftover units than parts remain (each floor loses less than one unit), and
  // fewer than the parts with a non-zero remainder, so a zero ratio never receives one.
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&remainders](std::size_t a, std::size_t b) {
    if (remainders[a] == remainders[b]) return a < b;
    return remainders[b] < remainders[a];
  });
  const U128 leftover = total - allocated;
  assert(leftover < count && "each floor loses less than one unit, so fewer leftovers than parts");
  for (std::size_t k = 0; k < static_cast<std::size_t>(leftover); ++k) shares[order[k]] += 1;
  return to_money_parts(shares, *this);
}

Result<std::strong_ordering> Money::compare(const Money& other) const {
  if (currency_ != other.currency_) return mismatch_error(currency_, other.currency_);
  return amount_ <=> other.amount_;
}

}  // namespace verp
