// Money and Currency: examples of the rules an accountant would check, then a property test of
// allocation against the exact reference.
#include "platform/values/money.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "platform/values/tests/exact_integer.hpp"

namespace verp {
namespace {

using testing::ExactInteger;

Currency currency(std::string_view code) {
  auto found = Currency::from_code(code);
  EXPECT_TRUE(found.ok()) << code;
  return found.ok() ? *found : Currency();
}

Money money(std::string_view amount, std::string_view code = "CNY") {
  auto parsed = Money::parse(amount, code);
  EXPECT_TRUE(parsed.ok()) << amount << " " << code;
  return parsed.ok() ? *parsed : Money();
}

Decimal dec(std::string_view text) { return *Decimal::parse(text); }

// "ok 1.50 CNY" or the error's message id.
std::string outcome(const Result<Money>& result) {
  if (!result.ok()) return result.error().message_id;
  return "ok " + result->to_string() + " " + std::string(result->currency().code());
}

// "33.34 33.33 33.33" or the error's message id.
std::string outcome(const Result<std::vector<Money>>& result) {
  if (!result.ok()) return result.error().message_id;
  std::string text;
  for (const Money& part : *result) {
    if (!text.empty()) text += ' ';
    text += part.to_string();
  }
  return text;
}

TEST(MoneyCurrency, KnowsTheMinorUnitOfCommonCurrencies) {
  EXPECT_EQ(currency("CNY").minor_unit_digits(), 2);
  EXPECT_EQ(currency("USD").minor_unit_digits(), 2);
  EXPECT_EQ(currency("EUR").minor_unit_digits(), 2);
  EXPECT_EQ(currency("JPY").minor_unit_digits(), 0);
  EXPECT_EQ(currency("KRW").minor_unit_digits(), 0);
  EXPECT_EQ(currency("HKD").minor_unit_digits(), 2);
  EXPECT_EQ(currency("KWD").minor_unit_digits(), 3);
  EXPECT_EQ(currency("HKD").code(), "HKD");
}

TEST(MoneyCurrency, RejectsUnknownCodesAsValidationErrors) {
  for (const char* code : {"", "XYZ", "cny", " CNY", "CNY ", "CN", "CNYY", "RMB"}) {
    const auto found = Currency::from_code(code);
    ASSERT_FALSE(found.ok()) << code;
    EXPECT_EQ(found.error().kind, ErrorKind::validation);
    EXPECT_EQ(found.error().message_id, "money.unknown_currency");
    ASSERT_EQ(found.error().args.size(), 1u);
    EXPECT_EQ(found.error().args[0].value, code);
  }
}

TEST(MoneyCurrency, DefaultIsTheHomeCurrencyCny) {
  EXPECT_EQ(Currency().code(), "CNY");
  EXPECT_EQ(Currency(), currency("CNY"));
  EXPECT_NE(currency("USD"), currency("CNY"));
  EXPECT_EQ(Money().to_string(), "0.00");
}

TEST(Money, ParsesAnAmountPaddedToTheMinorUnit) {
  EXPECT_EQ(outcome(Money::parse("1234.50", "CNY")), "ok 1234.50 CNY");
  EXPECT_EQ(outcome(Money::parse("5", "USD")), "ok 5.00 USD");
  EXPECT_EQ(outcome(Money::parse("1500", "JPY")), "ok 1500 JPY");
  EXPECT_EQ(outcome(Money::parse("-0.5", "KWD")), "ok -0.500 KWD");
}

TEST(Money, KeepsMorePrecisionThanTheMinorUnitForPrices) {
  EXPECT_EQ(outcome(Money::parse("0.1234", "CNY")), "ok 0.1234 CNY");
  EXPECT_EQ(outcome(Money::parse("12.5", "JPY")), "ok 12.5 JPY");
}

TEST(Money, ReportsTheCurrencyBeforeTheAmount) {
  EXPECT_EQ(outcome(Money::parse("abc", "XYZ")), "money.unknown_currency");
  EXPECT_EQ(outcome(Money::parse("1e3", "CNY")), "decimal.invalid");
  EXPECT_EQ(outcome(Money::parse("0.1234567890123456789", "CNY")), "decimal.too_precise");
}

TEST(Money, ZeroHasTheMinorUnitScale) {
  EXPECT_EQ(Money::zero(currency("USD")).to_string(), "0.00");
  EXPECT_EQ(Money::zero(currency("JPY")).to_string(), "0");
  EXPECT_TRUE(Money::zero(currency("USD")).is_zero());
}

TEST(Money, OfFailsOnlyWhenPaddingWouldOverflow) {
  EXPECT_EQ(outcome(Money::of(Decimal::from_int(1), currency("CNY"))), "ok 1.00 CNY");
  const auto thirty_seven_digits = dec(std::string(34, '9')).mul(dec("1000"));
  ASSERT_TRUE(thirty_seven_digits.ok());
  EXPECT_EQ(outcome(Money::of(*thirty_seven_digits, currency("JPY"))), "ok 9999999999999999999999999999999999000 JPY");
  EXPECT_EQ(outcome(Money::of(*thirty_seven_digits, currency("CNY"))), "decimal.overflow");  // 39 digits
}

TEST(Money, AddsAndSubtractsWithinOneCurrency) {
  EXPECT_EQ(outcome(money("1234.50").add(money("0.75"))), "ok 1235.25 CNY");
  EXPECT_EQ(outcome(money("10.00").sub(money("10.005"))), "ok -0.005 CNY");
  EXPECT_EQ(money("10.00").negated().to_string(), "-10.00");
}

TEST(Money, RefusesToMixCurrencies) {
  const auto sum = money("1.00", "CNY").add(money("1.00", "USD"));
  ASSERT_FALSE(sum.ok());
  EXPECT_EQ(sum.error().kind, ErrorKind::validation);
  EXPECT_EQ(sum.error().message_id, "money.currency_mismatch");
  ASSERT_EQ(sum.error().args.size(), 2u);
  EXPECT_EQ(sum.error().args[0].value, "CNY");
  EXPECT_EQ(sum.error().args[1].value, "USD");
  EXPECT_EQ(outcome(money("1.00", "CNY").sub(money("1.00", "USD"))), "money.currency_mismatch");
  EXPECT_FALSE(money("1.00", "CNY").compare(money("1.00", "USD")).ok());
}

TEST(Money, ComparesWithinOneCurrencyAcrossScales) {
  EXPECT_EQ(money("1.50"), money("1.5000"));
  EXPECT_NE(money("1.50", "CNY"), money("1.50", "HKD"));
  EXPECT_EQ(*money("1.49").compare(money("1.5")), std::strong_ordering::less);
  EXPECT_EQ(*money("-1").compare(money("-1.01")), std::strong_ordering::greater);
}

TEST(Money, MultipliesByAQuantityRoundingToTheMinorUnit) {
  const Quantity two_hundred = dec("200");
  EXPECT_EQ(outcome(money("0.1234").mul(two_hundred)), "ok 24.68 CNY");
  EXPECT_EQ(outcome(money("3.33").mul(dec("0.13"))), "ok 0.43 CNY");      // 0.4329
  EXPECT_EQ(outcome(money("0.50").mul(dec("0.25"))), "ok 0.13 CNY");      // 0.125 rounds up
  EXPECT_EQ(outcome(money("-1.25").mul(dec("0.5"))), "ok -0.63 CNY");     // -0.625 away from zero
  EXPECT_EQ(outcome(money("333", "JPY").mul(dec("1.5"))), "ok 500 JPY");  // 499.5
}

// Regression: rounding to 18 digits first would turn 0.004999999999999999995 into 0.01.
TEST(Money, MultiplicationRoundsOnceToTheMinorUnit) {
  EXPECT_EQ(outcome(money("0.999999999999999999").mul(dec("0.005"))), "ok 0.00 CNY");
}

TEST(Money, RoundsToTheMinorUnitHalfAwayFromZero) {
  EXPECT_EQ(money("2.345").round_to_minor_unit().to_string(), "2.35");
  EXPECT_EQ(money("-2.345").round_to_minor_unit().to_string(), "-2.35");
  EXPECT_EQ(money("2.3449").round_to_minor_unit().to_string(), "2.34");
  EXPECT_EQ(money("12.5", "JPY").round_to_minor_unit().to_string(), "13");
  EXPECT_EQ(money("7.10").round_to_minor_unit().to_string(), "7.10");
}

TEST(MoneyAllocation, SplitsEvenlyWithTheExtraCentsFirst) {
  EXPECT_EQ(outcome(money("100.00").allocate(3)), "33.34 33.33 33.33");
  EXPECT_EQ(outcome(money("-100.00").allocate(3)), "-33.34 -33.33 -33.33");
  EXPECT_EQ(outcome(money("0.01").allocate(3)), "0.01 0.00 0.00");
  EXPECT_EQ(outcome(money("100", "JPY").allocate(7)), "15 15 14 14 14 14 14");
  EXPECT_EQ(outcome(money("10.00").allocate(1)), "10.00");
}

TEST(MoneyAllocation, RejectsZeroParts) { EXPECT_EQ(outcome(money("1.00").allocate(0)), "money.invalid_parts"); }

TEST(MoneyAllocation, SplitsByRatiosGivingLeftoverCentsToLargestRemainders) {
  // Shares 0.00833…, 0.01666…, 0.025: floors 0.00, 0.01, 0.02 leave two cents, which go to
  // the remainders 0.833 and 0.667 (the first two parts), not to the third (0.5).
  const std::vector<Decimal> ratios{dec("1"), dec("2"), dec("3")};
  EXPECT_EQ(outcome(money("0.05").allocate(ratios)), "0.01 0.02 0.02");
}

TEST(MoneyAllocation, SpreadsATaxAcrossLinesByTheirNetAmounts) {
  // Tax 13% of 300.00 = 39.00 rounded per invoice; lines of 99.99, 100.00 and 100.01.
  const std::vector<Decimal> nets{dec("99.99"), dec("100.00"), dec("100.01")};
  EXPECT_EQ(outcome(money("39.00").allocate(nets)), "13.00 13.00 13.00");
  EXPECT_EQ(outcome(money("39.01").allocate(nets)), "13.00 13.00 13.01");
  EXPECT_EQ(outcome(money("-39.01").allocate(nets)), "-13.00 -13.00 -13.01");
}

TEST(MoneyAllocation, GivesNothingToAZeroRatio) {
  const std::vector<Decimal> ratios{dec("0"), dec("1"), dec("0.0"), dec("1")};
  EXPECT_EQ(outcome(money("0.03").allocate(ratios)), "0.00 0.02 0.00 0.01");
}

TEST(MoneyAllocation, RejectsEmptyNegativeOrAllZeroRatios) {
  EXPECT_EQ(outcome(money("1.00").allocate(std::vector<Decimal>{})), "money.invalid_ratios");
  EXPECT_EQ(outcome(money("1.00").allocate(std::vector<Decimal>{dec("1"), dec("-1")})), "money.invalid_ratios");
  EXPECT_EQ(outcome(money("1.00").allocate(std::vector<Decimal>{dec("0"), dec("0.00")})), "money.invalid_ratios");
}

TEST(MoneyAllocation, KeepsTheAmountsExtraPrecision) {
  EXPECT_EQ(outcome(money("0.1000").allocate(3)), "0.0334 0.0333 0.0333");
}

// ---- Property test against the exact reference ----------------------------------------------

class RandomAllocations {
 public:
  explicit RandomAllocations(std::uint64_t seed) : rng_(seed) {}

  int uniform(int low, int high) { return low + static_cast<int>(rng_() % static_cast<std::uint64_t>(high - low + 1)); }

  Int128 units(int max_digits) {
    Int128 value = 0;
    const int digits = uniform(1, max_digits);
    for (int i = 0; i < digits; ++i) value = value * 10 + uniform(0, 9);
    return value;
  }

  Money total() {
    const Int128 magnitude = units(36);
    const auto amount = Decimal::from_units(uniform(0, 1) == 0 ? magnitude : -magnitude, uniform(2, 6));
    return *Money::of(amount, Currency());
  }

  std::vector<Decimal> ratios() {
    std::vector<Decimal> result(static_cast<std::size_t>(uniform(1, 12)));
    for (Decimal& ratio : result) {
      if (uniform(0, 4) != 0) ratio = Decimal::from_units(units(uniform(1, 30)), uniform(0, 6));
    }
    if (uniform(0, 5) == 0) std::fill(result.begin(), result.end(), result.front());  // ties
    return result;
  }

 private:
  std::mt19937_64 rng_;
};

// Checks the largest-remainder contract for one allocation against exact arithmetic;
// adds the number of parts that received a leftover unit to *extras.
void expect_largest_remainder_parts(const Money& total, const std::vector<Decimal>& ratios,
                                    const std::vector<Money>& parts, int* extras) {
  int scale = 0;
  for (const Decimal& ratio : ratios) scale = std::max(scale, ratio.scale());
  std::vector<ExactInteger> weights;
  ExactInteger weight_sum;
  for (const Decimal& ratio : ratios) {
    weights.push_back(ExactInteger::from_int128(ratio.units()) * ExactInteger::pow10(scale - ratio.scale()));
    weight_sum = weight_sum + weights.back();
  }
  const ExactInteger total_units = ExactInteger::from_int128(total.amount().units());
  ASSERT_EQ(parts.size(), ratios.size());
  ExactInteger sum;
  std::vector<ExactInteger> remainders(parts.size());
  std::vector<bool> got_extra(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    ASSERT_EQ(parts[i].currency(), total.currency());
    ASSERT_EQ(parts[i].amount().scale(), total.amount().scale());
    const ExactInteger part = ExactInteger::from_int128(parts[i].amount().units());
    sum = sum + part;
    ExactInteger floor_share;
    ExactInteger::divmod_magnitudes(total_units * weights[i], weight_sum, floor_share, remainders[i]);
    const ExactInteger extra = part.abs() - floor_share;
    ASSERT_TRUE(extra.is_zero() || extra == ExactInteger::from_int128(1)) << "part " << i << " is not within one unit";
    ASSERT_TRUE(part.is_zero() || part.is_negative() == total.is_negative()) << "part " << i << " has the wrong sign";
    got_extra[i] = !extra.is_zero();
    *extras += got_extra[i] ? 1 : 0;
    EXPECT_TRUE(!ratios[i].is_zero() || part.is_zero()) << "zero ratio " << i << " received an amount";
  }
  EXPECT_EQ(sum.to_string(), total_units.to_string()) << "parts do not sum to the total";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    for (std::size_t j = 0; j < parts.size(); ++j) {
      if (!got_extra[i] || got_extra[j]) continue;
      const auto order = remainders[i] <=> remainders[j];
      EXPECT_TRUE(std::is_gt(order) || (std::is_eq(order) && i < j)) << "part " << i << " got a unit before part " << j;
    }
  }
}

TEST(MoneyProperty, AllocationByRatiosSumsExactlyAndFollowsLargestRemainders) {
  RandomAllocations random(20260310);
  int extras = 0;
  for (int i = 0; i < 2000 && !HasFailure(); ++i) {
    const Money total = random.total();
    std::vector<Decimal> ratios = random.ratios();
    const auto is_zero = [](const Decimal& ratio) { return ratio.is_zero(); };
    if (std::all_of(ratios.begin(), ratios.end(), is_zero)) ratios[0] = Decimal::from_int(1);
    const auto parts = total.allocate(ratios);
    ASSERT_TRUE(parts.ok()) << total.to_string() << ": " << parts.error().message_id;
    expect_largest_remainder_parts(total, ratios, *parts, &extras);
    EXPECT_EQ(outcome(parts), outcome(total.allocate(ratios))) << "allocation is not deterministic";
  }
  EXPECT_GT(extras, 2000);  // leftover units were actually distributed, not just floors
}

TEST(MoneyProperty, EvenAllocationEqualsAllocationByEqualRatios) {
  RandomAllocations random(20260311);
  int extras = 0;
  for (int i = 0; i < 1000 && !HasFailure(); ++i) {
    const Money total = random.total();
    const auto parts = static_cast<std::size_t>(random.uniform(1, 20));
    const std::vector<Decimal> ones(parts, Decimal::from_int(1));
    const auto even = total.allocate(parts);
    const auto by_ratios = total.allocate(ones);
    ASSERT_TRUE(even.ok() && by_ratios.ok());
    EXPECT_EQ(outcome(even), outcome(by_ratios)) << total.to_string() << " / " << parts;
    expect_largest_remainder_parts(total, ones, *even, &extras);
  }
  EXPECT_GT(extras, 1000);
}

}  // namespace
}  // namespace verp
