// Money, Currency and Quantity: the value types business modules store in amounts, prices
// and quantities. Built on Decimal; no floating point anywhere (ARCHITECTURE.md §3).
//
// Errors are Result values of ErrorKind::validation: "money.unknown_currency" (arg "code"),
// "money.currency_mismatch" (args "left", "right"), "money.invalid_parts",
// "money.invalid_ratios", and the Decimal errors ("decimal.*") passed through unchanged.
// All types here are immutable values, cheap to copy; every function is thread-safe (the
// currency table is constant data).
#pragma once

#include <compare>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/values/decimal.hpp"

namespace verp {

// A quantity of an item (pieces, kilograms, hours) is a plain Decimal: its unit of measure
// belongs to the item in master data, not to the number, and quantities need no rules that
// Decimal lacks. The alias names the intent in signatures such as Money::mul(Quantity).
using Quantity = Decimal;

struct CurrencyInfo;  // one row of the constant ISO 4217 table in money.cpp

// An ISO 4217 currency verp knows: its three-letter code and the digits of its minor unit
// (CNY 2 — fen, JPY 0, KWD 3). Known codes: CNY USD EUR JPY HKD KRW GBP TWD MOP SGD AUD CAD
// CHF NZD THB MYR IDR INR PHP VND RUB BRL KWD BHD. Codes are upper case exactly.
class Currency {
 public:
  // CNY, verp's home currency; exists so Money can be a plain struct member. Code that
  // builds Money from input always names the currency.
  Currency();

  // The currency with this code, or "money.unknown_currency" (also for "cny", " CNY").
  static Result<Currency> from_code(std::string_view code);

  std::string_view code() const;  // points into static storage; valid forever
  int minor_unit_digits() const;  // in [0, Decimal::kMaxScale]

  friend bool operator==(const Currency& a, const Currency& b) { return a.info_ == b.info_; }

 private:
  explicit Currency(const CurrencyInfo* info) : info_(info) {}

  const CurrencyInfo* info_;  // never null; rows of the static table are unique per code
};

// An amount of one currency. The amount keeps at least the currency's minor-unit scale
// ("5" CNY is 5.00) and may hold more (a unit price of 0.1234 CNY), which
// round_to_minor_unit() removes. Arithmetic between two amounts requires the same currency.
class Money {
 public:
  Money() = default;  // 0.00 CNY

  // Zero at the currency's minor unit, e.g. 0 JPY or 0.00 USD.
  static Money zero(Currency currency);

  // `amount` rescaled up to the minor unit when it has fewer fraction digits; never
  // rounds. Fails with "decimal.overflow" only for amounts near 10^38 units.
  static Result<Money> of(const Decimal& amount, Currency currency);

  // Parses ("1234.50", "CNY"): the Decimal::parse rules, then of(). Errors of the
  // currency code are reported before errors of the amount.
  static Result<Money> parse(std::string_view amount, std::string_view currency_code);

  const Decimal& amount() const { return amount_; }
  Currency currency() const { return currency_; }
  bool is_zero() const { return amount_.is_zero(); }
  bool is_negative() const { return amount_.is_negative(); }
  int signum() const { return amount_.signum(); }

  // The amount as canonical Decimal text ("1234.50"), without the currency code.
  std::string to_string() const { return amount_.to_string(); }

  // Sum/difference at the larger of both scales; "money.currency_mismatch" across
  // currencies, "decimal.overflow" beyond 38 digits.
  Result<Money> add(const Money& other) const;
  Result<Money> sub(const Money& other) const;
  Money negated() const;

  // amount × factor rounded once, half away from zero, to the minor unit: a line amount
  // from a unit price and a quantity, or a tax from a rate. Fails only on overflow.
  Result<Money> mul(const Decimal& factor) const;

  // The amount rounded half away from zero to the minor unit (a no-op when already there).
  // Cannot fail: dropping digits only shrinks the amount.
  Money round_to_minor_unit() const;

  // Splits the amount into `parts` amounts that differ by at most one smallest unit and
  // sum exactly to it. The smallest unit is 10^-amount().scale() (the minor unit unless the
  // amount is more precise). The first parts get the extra units: 100.00 / 3 is
  // 33.34, 33.33, 33.33; a negative amount splits like its magnitude, negated.
  // "money.invalid_parts" when parts == 0.
  Result<std::vector<Money>> allocate(std::size_t parts) const;

  // Splits the amount in proportion to `ratios` (e.g. the net amounts of invoice lines, to
  // spread a header discount or a rounded tax), parts summing exactly to the amount, by
  // the largest-remainder method: each part gets its share rounded toward zero, then the
  // leftover smallest units go one each to the parts with the largest remainders, ties to
  // the earlier part. A zero ratio always gets exactly zero. Deterministic: the same input
  // always gives the same parts. "money.invalid_ratios" when ratios is empty, any ratio is
  // negative or all are zero; "decimal.overflow" when the ratios cannot be brought to one
  // scale within 38 digits.
  Result<std::vector<Money>> allocate(std::span<const Decimal> ratios) const;

  // Same currency and numerically equal amounts (1.50 CNY == 1.5 CNY).
  friend bool operator==(const Money& a, const Money& b) {
    return a.currency_ == b.currency_ && a.amount_ == b.amount_;
  }
  // Ordering exists only within one currency; "money.currency_mismatch" otherwise.
  Result<std::strong_ordering> compare(const Money& other) const;

 private:
  Money(const Decimal& amount, Currency currency) : amount_(amount), currency_(currency) {}

  Decimal amount_ = Decimal::from_units(0, 2);
  Currency currency_;
};

}  // namespace verp
