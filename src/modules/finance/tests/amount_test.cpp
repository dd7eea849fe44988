// Ledger amounts are whole cents: exact both ways, and nothing finer or larger slips in.
#include <gtest/gtest.h>

#include "modules/finance/amount.hpp"

namespace verp::finance {
namespace {

TEST(LedgerAmount, DecimalTextBecomesWholeCentsAndBack) {
  EXPECT_EQ(parse_amount("1234.5").value(), 123450);
  EXPECT_EQ(parse_amount("0.01").value(), 1);
  EXPECT_EQ(parse_amount("-0.05").value(), -5);
  EXPECT_EQ(parse_amount("7").value(), 700);
  EXPECT_EQ(format_amount(123450), "1234.50");
  EXPECT_EQ(format_amount(-5), "-0.05");
  EXPECT_EQ(format_amount(0), "0.00");
  EXPECT_EQ(format_amount(parse_amount("99999999999999.99").value()), "99999999999999.99");
}

TEST(LedgerAmount, FractionsOfACentAndAbsurdSumsAreRefused) {
  EXPECT_EQ(parse_amount("0.001").error().message_id, "finance.amount_too_precise");
  EXPECT_EQ(parse_amount("1000000000000000").error().message_id, "finance.amount_too_large");
  EXPECT_FALSE(parse_amount("1e3"));
  EXPECT_FALSE(parse_amount("1,000.00"));
}

}  // namespace
}  // namespace verp::finance
