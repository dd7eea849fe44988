// Decimal: examples first (what a reader should expect), then property tests that compare
// every operation on thousands of random operands with ExactInteger, a slow exact reference.
#include "platform/values/decimal.hpp"

#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <string>

#include "platform/values/tests/exact_integer.hpp"

namespace verp {
namespace {

using testing::ExactInteger;

constexpr Int128 pow10(int n) {
  Int128 result = 1;
  while (n-- > 0) result *= 10;
  return result;
}

constexpr Int128 kMaxUnits = pow10(38) - 1;

Decimal dec(std::string_view text) {
  auto parsed = Decimal::parse(text);
  EXPECT_TRUE(parsed.ok()) << "cannot parse " << text;
  return parsed.ok() ? *parsed : Decimal();
}

// "ok 1.50" or the error's message id: one string that shows both outcomes in a failure.
std::string outcome(const Result<Decimal>& result) {
  return result.ok() ? "ok " + result->to_string() : result.error().message_id;
}

TEST(Decimal, ParsesPlainDecimalsKeepingTheWrittenScale) {
  EXPECT_TRUE(dec("1234.50").identical(Decimal::from_units(123450, 2)));
  EXPECT_EQ(dec("1234.50").to_string(), "1234.50");
  EXPECT_EQ(dec("7").scale(), 0);
  EXPECT_EQ(dec("0.000000000000000001").scale(), 18);
  EXPECT_EQ(dec("-0.05").units(), -5);
}

TEST(Decimal, ParsesExplicitSignsAndLeadingZeros) {
  EXPECT_TRUE(dec("+3").identical(Decimal::from_int(3)));
  EXPECT_TRUE(dec("007.10").identical(Decimal::from_units(710, 2)));
  EXPECT_EQ(dec("-12.5").to_string(), "-12.5");
}

TEST(Decimal, NegativeZeroParsesToZeroAndPrintsWithoutSign) {
  EXPECT_TRUE(dec("-0").is_zero());
  EXPECT_EQ(dec("-0.00").to_string(), "0.00");
  EXPECT_EQ(dec("-0.00").signum(), 0);
}

TEST(Decimal, RejectsTextThatIsNotAPlainDecimal) {
  for (const char* text :
       {"",    "+",    "-",   ".",   ".5",   "1.",  "-.5", "1e3",   "1E3",  " 1",           "1 ",  "1,000", "1_000",
        "inf", "-inf", "nan", "NaN", "0x10", "--1", "+-1", "1.2.3", "1..2", "\xef\xbc\x91", "1\n", "١"}) {
    const auto parsed = Decimal::parse(text);
    ASSERT_FALSE(parsed.ok()) << "accepted '" << text << "'";
    EXPECT_EQ(parsed.error().message_id, "decimal.invalid") << text;
    EXPECT_EQ(parsed.error().kind, ErrorKind::validation);
  }
}

TEST(Decimal, RejectsMoreFractionDigitsThanMaxScaleAsTooPrecise) {
  EXPECT_TRUE(Decimal::parse("0.123456789012345678").ok());
  EXPECT_EQ(outcome(Decimal::parse("0.1234567890123456789")), "decimal.too_precise");
}

TEST(Decimal, RejectsMoreDigitsThanMaxDigitsAsTooLarge) {
  const std::string thirty_four(34, '9');
  EXPECT_EQ(outcome(Decimal::parse(thirty_four)), "ok " + thirty_four);
  EXPECT_EQ(outcome(Decimal::parse(thirty_four + "9")), "decimal.too_large");
  EXPECT_EQ(outcome(Decimal::parse("0" + thirty_four)), "decimal.too_large");  // leading zeros count
  EXPECT_EQ(outcome(Decimal::parse(std::string(20, '1') + "." + std::string(15, '1'))), "decimal.too_large");
}

TEST(Decimal, PrintsCanonicalTextWithExactlyScaleFractionDigits) {
  EXPECT_EQ(Decimal().to_string(), "0");
  EXPECT_EQ(Decimal::from_units(5, 2).to_string(), "0.05");
  EXPECT_EQ(Decimal::from_units(-5, 2).to_string(), "-0.05");
  EXPECT_EQ(Decimal::from_units(0, 3).to_string(), "0.000");
  EXPECT_EQ(Decimal::from_units(kMaxUnits, 0).to_string(), std::string(38, '9'));
  EXPECT_EQ(Decimal::from_units(-kMaxUnits, 18).to_string(), "-" + std::string(20, '9') + "." + std::string(18, '9'));
  EXPECT_EQ(Decimal::from_int(-9'223'372'036'854'775'807 - 1).to_string(), "-9223372036854775808");
}

TEST(Decimal, RoundsHalfAwayFromZeroForPositiveValues) {
  EXPECT_EQ(outcome(dec("2.5").rescale(0)), "ok 3");
  EXPECT_EQ(outcome(dec("2.45").rescale(1)), "ok 2.5");
  EXPECT_EQ(outcome(dec("2.4499").rescale(1)), "ok 2.4");
  EXPECT_EQ(outcome(dec("0.005").rescale(2)), "ok 0.01");
}

TEST(Decimal, RoundsHalfAwayFromZeroForNegativeValues) {
  EXPECT_EQ(outcome(dec("-2.5").rescale(0)), "ok -3");
  EXPECT_EQ(outcome(dec("-2.45").rescale(1)), "ok -2.5");
  EXPECT_EQ(outcome(dec("-2.4499").rescale(1)), "ok -2.4");
  EXPECT_EQ(outcome(dec("-0.004").rescale(2)), "ok 0.00");
}

TEST(Decimal, RescalingUpPadsWithZerosAndReportsOverflow) {
  EXPECT_EQ(outcome(dec("1.5").rescale(4)), "ok 1.5000");
  EXPECT_EQ(outcome(Decimal::from_units(pow10(37), 0).rescale(1)), "decimal.overflow");
  EXPECT_EQ(outcome(dec("1").rescale(19)), "decimal.invalid_scale");
  EXPECT_EQ(outcome(dec("1").rescale(-1)), "decimal.invalid_scale");
}

TEST(Decimal, SumAndDifferenceTakeTheLargerScale) {
  EXPECT_EQ(outcome(dec("1.5").add(dec("2.25"))), "ok 3.75");
  EXPECT_EQ(outcome(dec("1.50").add(dec("1"))), "ok 2.50");
  EXPECT_EQ(outcome(dec("1").sub(dec("1.001"))), "ok -0.001");
}

TEST(Decimal, AdditionOverflowsExactlyAtThirtyEightDigits) {
  const Decimal max = Decimal::from_units(kMaxUnits, 0);
  EXPECT_EQ(outcome(max.add(dec("1"))), "decimal.overflow");
  EXPECT_EQ(outcome(max.negated().sub(dec("1"))), "decimal.overflow");
  EXPECT_EQ(outcome(max.add(dec("0"))), "ok " + std::string(38, '9'));
  EXPECT_EQ(outcome(max.add(max.negated())), "ok 0");
}

TEST(Decimal, ProductsAndQuotientsOfExactlyTenToTheThirtyEightOverflow) {
  const Decimal ten_to_19 = Decimal::from_units(pow10(19), 0);
  EXPECT_EQ(outcome(ten_to_19.mul(ten_to_19)), "decimal.overflow");
  EXPECT_EQ(outcome(Decimal::from_units(pow10(20), 1).mul(ten_to_19, 0)), "decimal.overflow");
  EXPECT_EQ(outcome(Decimal::from_units(pow10(20), 1).mul(ten_to_19, 1)), "decimal.overflow");
  EXPECT_EQ(outcome(ten_to_19.div(Decimal::from_units(1, 18), 1)), "decimal.overflow");
  EXPECT_EQ(outcome(ten_to_19.div(Decimal::from_units(1, 18), 0)), "ok 1" + std::string(37, '0'));
}

// Regression: aligning 1.8E37 to scale 1 needs more than 128 bits, yet the sum fits.
TEST(Decimal, AdditionSucceedsWhenOnlyTheAlignedOperandExceeds128Bits) {
  const Decimal big = Decimal::from_units(18 * pow10(36), 0);
  const Decimal almost_minus_big = Decimal::from_units(-kMaxUnits, 1);
  EXPECT_EQ(outcome(big.add(almost_minus_big)), "ok 8000000000000000000000000000000000000.1");
}

// 3E37 aligned to scale 1 is 3E38 and 9.9E37 more carries past 2^128: a lost carry would
// wrap to a small, wrong "success".
TEST(Decimal, AdditionOfTwoWideOperandsCarriesIntoOverflow) {
  const Decimal a = Decimal::from_units(3 * pow10(37), 0);
  const Decimal b = Decimal::from_units(99 * pow10(36), 1);
  EXPECT_EQ(outcome(a.add(b)), "decimal.overflow");
  EXPECT_EQ(outcome(a.negated().sub(b)), "decimal.overflow");
}

TEST(Decimal, ProductTakesTheSumOfScales) {
  EXPECT_EQ(outcome(dec("1.5").mul(dec("2.25"))), "ok 3.375");
  EXPECT_EQ(outcome(dec("-0.10").mul(dec("3"))), "ok -0.30");
}

TEST(Decimal, ProductScaleIsCappedAtMaxScaleByRounding) {
  EXPECT_EQ(outcome(dec("0.0000000005").mul(dec("0.0000000005"))), "ok 0.000000000000000000");
  EXPECT_EQ(outcome(dec("0.0000000015").mul(dec("0.0000000005"))), "ok 0.000000000000000001");
  EXPECT_EQ(outcome(dec("-0.0000000015").mul(dec("0.0000000005"))), "ok -0.000000000000000001");
}

TEST(Decimal, ProductSucceedsWhenTheUnroundedProductExceeds128Bits) {
  const Decimal hundred = Decimal::from_units(pow10(20), 18);  // 100 at scale 18
  EXPECT_EQ(outcome(hundred.mul(hundred)), "ok 10000.000000000000000000");
}

// Regression for double rounding: 0.999999999999999999 × 0.005 = 0.004999999999999999995.
// Rounding first to 18 digits (0.005) and then to 2 would give 0.01; the answer is 0.00.
TEST(Decimal, ProductToAScaleRoundsOnceNotTwice) {
  const Decimal almost_one = dec("0.999999999999999999");
  EXPECT_EQ(outcome(almost_one.mul(dec("0.005"), 2)), "ok 0.00");
  EXPECT_EQ(outcome(almost_one.mul(dec("0.005"))), "ok 0.005000000000000000");
  EXPECT_EQ(outcome(dec("2").mul(dec("3"), 4)), "ok 6.0000");
}

TEST(Decimal, QuotientIsRoundedHalfAwayFromZeroToTheRequestedScale) {
  EXPECT_EQ(outcome(dec("1").div(dec("3"), 4)), "ok 0.3333");
  EXPECT_EQ(outcome(dec("2").div(dec("3"), 4)), "ok 0.6667");
  EXPECT_EQ(outcome(dec("-2").div(dec("3"), 4)), "ok -0.6667");
  EXPECT_EQ(outcome(dec("1").div(dec("-8"), 2)), "ok -0.13");
  EXPECT_EQ(outcome(dec("-1").div(dec("-8"), 2)), "ok 0.13");
  EXPECT_EQ(outcome(dec("100.00").div(dec("0.03"), 0)), "ok 3333");
}

TEST(Decimal, DivisionByZeroIsAValidationError) {
  const auto quotient = dec("1").div(dec("0.00"), 2);
  ASSERT_FALSE(quotient.ok());
  EXPECT_EQ(quotient.error().message_id, "decimal.division_by_zero");
  EXPECT_EQ(quotient.error().kind, ErrorKind::validation);
  EXPECT_EQ(outcome(dec("1").div(dec("1"), 19)), "decimal.invalid_scale");
}

TEST(Decimal, ComparesNumericallyAcrossScales) {
  EXPECT_EQ(dec("1.50"), dec("1.5"));
  EXPECT_FALSE(dec("1.50").identical(dec("1.5")));
  EXPECT_LT(dec("1.5"), dec("1.51"));
  EXPECT_GT(dec("-1.5"), dec("-1.51"));
  EXPECT_EQ(dec("0.000"), Decimal());
  EXPECT_LT(dec("-0.001"), Decimal());
  EXPECT_GT(Decimal::from_units(kMaxUnits, 0), Decimal::from_units(kMaxUnits, 18));
}

TEST(Decimal, NegationAndAbsoluteValueKeepTheScale) {
  EXPECT_EQ(dec("1.20").negated().to_string(), "-1.20");
  EXPECT_EQ(dec("-1.20").abs().to_string(), "1.20");
  EXPECT_EQ(Decimal::from_units(-kMaxUnits, 3).abs().units(), kMaxUnits);
}

// ---- Property tests against the exact reference --------------------------------------------

constexpr int kIterations = 4000;

// Random operands with a uniform number of digits (0..38), so small, large and boundary
// values all occur; some are all nines (carries, the 10^38 edge), some end in 5 followed by
// zeros (exact ties when rounded).
class RandomDecimals {
 public:
  explicit RandomDecimals(std::uint64_t seed) : rng_(seed) {}

  int uniform(int low, int high) { return low + static_cast<int>(rng_() % static_cast<std::uint64_t>(high - low + 1)); }

  Int128 units(int max_digits = 38) {
    const int digits = uniform(0, max_digits);
    Int128 value = 0;
    for (int i = 0; i < digits; ++i) value = value * 10 + uniform(0, 9);
    const int pattern = uniform(0, 7);
    if (pattern == 0) value = pow10(digits) - 1;
    if (pattern == 1 && digits > 1) {
      const Int128 tail = pow10(uniform(1, std::min(digits - 1, 18)));
      value = value / tail * tail + tail / 2;
    }
    return uniform(0, 1) == 0 ? value : -value;
  }

  Int128 below(Int128 bound) {  // roughly uniform in [0, bound)
    const Int128 wide = (static_cast<Int128>(rng_() >> 1) << 64) | static_cast<Int128>(rng_());  // < 2^127
    return wide % bound;
  }

  Decimal next(int max_digits = 38) { return Decimal::from_units(units(max_digits), uniform(0, Decimal::kMaxScale)); }

 private:
  std::mt19937_64 rng_;
};

ExactInteger exact(const Decimal& value) { return ExactInteger::from_int128(value.units()); }

ExactInteger aligned(const Decimal& value, int scale) {
  return exact(value) * ExactInteger::pow10(scale - value.scale());
}

// Exact units at from_scale brought to to_scale, rounding half away from zero.
ExactInteger rounded(const ExactInteger& units, int from_scale, int to_scale, bool* tie) {
  *tie = false;
  if (to_scale >= from_scale) return units * ExactInteger::pow10(to_scale - from_scale);
  return ExactInteger::div_round_half_away(units, ExactInteger::pow10(from_scale - to_scale), tie);
}

struct Tally {
  int overflows = 0;
  int results = 0;
  int ties = 0;
};

// The reference result has more than 38 digits exactly when Decimal must report overflow.
void expect_reference(const Result<Decimal>& actual, const ExactInteger& units, int scale, bool tie,
                      const std::string& what, Tally& tally) {
  if (units.digit_count() > 38) {
    ++tally.overflows;
    ASSERT_FALSE(actual.ok()) << what << " gave " << actual->to_string() << ", exact units " << units.to_string();
    EXPECT_EQ(actual.error().message_id, "decimal.overflow") << what;
    return;
  }
  ++tally.results;
  tally.ties += tie ? 1 : 0;
  ASSERT_TRUE(actual.ok()) << what << " failed: " << actual.error().message_id << ", exact " << units.to_string();
  EXPECT_EQ(actual->scale(), scale) << what;
  EXPECT_EQ(ExactInteger::from_int128(actual->units()).to_string(), units.to_string()) << what;
}

std::string describe(const char* op, const Decimal& a, const Decimal& b, int scale = -1) {
  return a.to_string() + " " + op + " " + b.to_string() + (scale >= 0 ? " @" + std::to_string(scale) : "");
}

TEST(DecimalProperty, AdditionAndSubtractionMatchExactArithmetic) {
  RandomDecimals random(20260301);
  Tally tally;
  for (int i = 0; i < kIterations && !HasFailure(); ++i) {
    const Decimal a = random.next(), b = random.next();
    const int scale = std::max(a.scale(), b.scale());
    expect_reference(a.add(b), aligned(a, scale) + aligned(b, scale), scale, false, describe("+", a, b), tally);
    expect_reference(a.sub(b), aligned(a, scale) - aligned(b, scale), scale, false, describe("-", a, b), tally);
  }
  EXPECT_GT(tally.overflows, 100);
  EXPECT_GT(tally.results, 4000);
}

// Pairs where aligning the lower-scale operand needs more than 128 bits (|a| × 10^k is
// about 1.7E38..2E38) while the other operand nearly cancels it, so about half of the sums
// fit: the path that a plain 128-bit implementation gets wrong.
TEST(DecimalProperty, AdditionOfNearlyCancellingWideOperandsMatchesExactArithmetic) {
  RandomDecimals random(20260308);
  Tally tally;
  for (int i = 0; i < kIterations && !HasFailure(); ++i) {
    const int shift = random.uniform(1, 18);
    const int a_scale = random.uniform(0, Decimal::kMaxScale - shift);
    const Int128 low = 17 * pow10(37 - shift), high = 2 * pow10(38 - shift);
    const Int128 a_units = low + random.below(high - low);
    const Int128 b_units = kMaxUnits - random.below(3 * pow10(37));
    const bool negative = random.uniform(0, 1) == 0;
    const Decimal a = Decimal::from_units(negative ? -a_units : a_units, a_scale);
    const Decimal b = Decimal::from_units(negative ? b_units : -b_units, a_scale + shift);
    const int scale = a_scale + shift;
    expect_reference(a.add(b), aligned(a, scale) + aligned(b, scale), scale, false, describe("+", a, b), tally);
    expect_reference(b.sub(a.negated()), aligned(b, scale) + aligned(a, scale), scale, false,
                     describe("-", b, a.negated()), tally);
  }
  EXPECT_GT(tally.overflows, 1000);
  EXPECT_GT(tally.results, 1000);
}

TEST(DecimalProperty, MultiplicationMatchesExactArithmetic) {
  RandomDecimals random(20260302);
  Tally tally;
  for (int i = 0; i < kIterations && !HasFailure(); ++i) {
    const Decimal a = random.next(), b = random.next();
    const ExactInteger product = exact(a) * exact(b);
    const int exact_scale = a.scale() + b.scale();
    const int capped = std::min(exact_scale, Decimal::kMaxScale);
    const int requested = random.uniform(0, Decimal::kMaxScale);
    bool tie = false;
    const ExactInteger at_capped = rounded(product, exact_scale, capped, &tie);
    expect_reference(a.mul(b), at_capped, capped, tie, describe("*", a, b), tally);
    const ExactInteger at_requested = rounded(product, exact_scale, requested, &tie);
    expect_reference(a.mul(b, requested), at_requested, requested, tie, describe("*", a, b, requested), tally);
  }
  EXPECT_GT(tally.overflows, 500);
  EXPECT_GT(tally.results, 1000);
}

TEST(DecimalProperty, DivisionMatchesExactArithmetic) {
  RandomDecimals random(20260303);
  Tally tally;
  for (int i = 0; i < kIterations && !HasFailure(); ++i) {
    const Decimal a = random.next(), b = random.next();
    const int scale = random.uniform(0, Decimal::kMaxScale);
    if (b.is_zero()) {
      EXPECT_EQ(outcome(a.div(b, scale)), "decimal.division_by_zero");
      continue;
    }
    // a / b at `scale` = a.units × 10^(b.scale + scale) / (b.units × 10^a.scale), rounded.
    bool tie = false;
    const ExactInteger expected = ExactInteger::div_round_half_away(exact(a) * ExactInteger::pow10(b.scale() + scale),
                                                                    exact(b) * ExactInteger::pow10(a.scale()), &tie);
    expect_reference(a.div(b, scale), expected, scale, tie, describe("/", a, b, scale), tally);
  }
  EXPECT_GT(tally.overflows, 100);
  EXPECT_GT(tally.results, 1000);
}

TEST(DecimalProperty, RescalingMatchesExactArithmetic) {
  RandomDecimals random(20260304);
  Tally tally;
  for (int i = 0; i < kIterations && !HasFailure(); ++i) {
    const Decimal a = random.next();
    const int scale = random.uniform(0, Decimal::kMaxScale);
    bool tie = false;
    const ExactInteger expected = rounded(exact(a), a.scale(), scale, &tie);
    expect_reference(a.rescale(scale), expected, scale, tie, a.to_string() + " @" + std::to_string(scale), tally);
  }
  EXPECT_GT(tally.overflows, 100);
  EXPECT_GT(tally.ties, 10);
}

// Small operands, every combination: ties are frequent here, so half-away-from-zero is
// exercised for each sign combination in both multiplication and division.
TEST(DecimalProperty, SmallOperandsRoundLikeTheReferenceExhaustively) {
  Tally tally;
  for (int a_units = -40; a_units <= 40; ++a_units) {
    for (int b_units = -12; b_units <= 12; ++b_units) {
      for (int a_scale = 0; a_scale <= 1; ++a_scale) {
        for (int b_scale = 0; b_scale <= 1; ++b_scale) {
          const Decimal a = Decimal::from_units(a_units, a_scale), b = Decimal::from_units(b_units, b_scale);
          for (int scale = 0; scale <= 2 && !HasFailure(); ++scale) {
            bool tie = false;
            const ExactInteger product = rounded(exact(a) * exact(b), a_scale + b_scale, scale, &tie);
            expect_reference(a.mul(b, scale), product, scale, tie, describe("*", a, b, scale), tally);
            if (b_units == 0) continue;
            const ExactInteger quotient = ExactInteger::div_round_half_away(
                exact(a) * ExactInteger::pow10(b_scale + scale), exact(b) * ExactInteger::pow10(a_scale), &tie);
            expect_reference(a.div(b, scale), quotient, scale, tie, describe("/", a, b, scale), tally);
          }
        }
      }
    }
  }
  EXPECT_GT(tally.ties, 1000);
}

TEST(DecimalProperty, ComparisonAcrossScalesMatchesExactArithmetic) {
  RandomDecimals random(20260305);
  int equal_pairs = 0;
  for (int i = 0; i < kIterations && !HasFailure(); ++i) {
    const Decimal a = random.next();
    Decimal b = random.next();
    // A quarter of the pairs are the same value at another scale, so equality is tested too.
    if (random.uniform(0, 3) == 0) {
      const auto same_value = a.rescale(random.uniform(a.scale(), Decimal::kMaxScale));
      if (same_value.ok()) b = *same_value;
    }
    const int scale = std::max(a.scale(), b.scale());
    const auto expected = aligned(a, scale) <=> aligned(b, scale);
    EXPECT_EQ(a <=> b, expected) << describe("<=>", a, b);
    EXPECT_EQ(a == b, std::is_eq(expected)) << describe("==", a, b);
    equal_pairs += std::is_eq(expected) ? 1 : 0;
  }
  EXPECT_GT(equal_pairs, 100);
}

// The canonical text of units u at scale s, built from the reference's digits.
std::string reference_text(const Decimal& value) {
  std::string digits = exact(value).abs().to_string();
  const auto scale = static_cast<std::size_t>(value.scale());
  if (digits.size() < scale + 1) digits.insert(0, scale + 1 - digits.size(), '0');
  std::string text = value.is_negative() ? "-" : "";
  text += digits.substr(0, digits.size() - scale);
  if (scale > 0) text += "." + digits.substr(digits.size() - scale);
  return text;
}

TEST(DecimalProperty, TextRoundTripsAndMatchesTheReferenceFormat) {
  RandomDecimals random(20260306);
  int round_trips = 0;
  for (int i = 0; i < kIterations && !HasFailure(); ++i) {
    const Decimal value = random.next();
    const std::string text = value.to_string();
    ASSERT_EQ(text, reference_text(value));
    const auto digit_count =
        static_cast<int>(text.size()) - (value.is_negative() ? 1 : 0) - (value.scale() > 0 ? 1 : 0);
    const auto parsed = Decimal::parse(text);
    if (digit_count > Decimal::kMaxDigits) {
      EXPECT_EQ(outcome(parsed), "decimal.too_large") << text;
      continue;
    }
    ++round_trips;
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_TRUE(parsed->identical(value)) << text << " came back as " << parsed->to_string();
  }
  EXPECT_GT(round_trips, 3000);
}

// Canonical form of text that matches the grammar, by string surgery alone: no '+', no
// leading zeros, no sign on zero.
std::string canonical_text(std::string text) {
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    text.erase(0, 1);
  }
  const auto point = text.find('.');
  std::string integer = text.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  integer.erase(0, integer.find_first_not_of('0'));
  if (integer.empty()) integer = "0";
  const bool zero = integer == "0" && fraction.find_first_not_of('0') == std::string::npos;
  return (negative && !zero ? "-" : "") + integer + (fraction.empty() ? "" : "." + fraction);
}

// Random short strings over the characters that matter; a regular expression of the
// documented grammar is the oracle for acceptance.
TEST(DecimalProperty, ParseAcceptsExactlyTheDocumentedGrammar) {
  const std::regex grammar("[+-]?[0-9]+(\\.[0-9]+)?");
  const std::string alphabet = "0123456789.+-e ,";
  std::mt19937_64 rng(20260307);
  int accepted = 0;
  for (int i = 0; i < kIterations && !HasFailure(); ++i) {
    std::string text;
    const auto length = rng() % 7;
    for (std::uint64_t k = 0; k < length; ++k)
      text.push_back(alphabet[rng() % (rng() % 2 == 0 ? 10 : alphabet.size())]);
    const bool valid = std::regex_match(text, grammar);
    const auto parsed = Decimal::parse(text);
    ASSERT_EQ(parsed.ok(), valid) << "'" << text << "'";
    if (valid) {
      ++accepted;
      EXPECT_EQ(parsed->to_string(), canonical_text(text));
    }
  }
  EXPECT_GT(accepted, 500);
}

}  // namespace
}  // namespace verp
