// Quantities and costs in integers: what the stock ledger adds up must be exact.
#include <gtest/gtest.h>

#include "modules/inventory/quantity.hpp"

namespace verp::inventory {
namespace {

TEST(Quantity, ReadsAndWritesFourDecimalsExactly) {
  EXPECT_EQ(parse_quantity("12.5").value(), 125000);
  EXPECT_EQ(parse_quantity("-0.0001").value(), -1);
  EXPECT_EQ(format_quantity(125000), "12.5");
  EXPECT_EQ(format_quantity(120000), "12");
  EXPECT_EQ(format_quantity(-2500), "-0.25");
  EXPECT_EQ(parse_quantity("1.00001").error().message_id, "inventory.quantity_too_precise");
  EXPECT_EQ(parse_quantity("1e3").error().message_id, "decimal.invalid");
  EXPECT_EQ(parse_quantity("1000000000000").error().message_id, "inventory.quantity_too_large");
}

TEST(Quantity, PackingUnitsConvertToStockUnits) {
  // 2.5 boxes of 24 are 60 pieces; a third of a kilogram at 0.3333 rounds to the fourth digit.
  EXPECT_EQ(in_stock_units(Decimal::parse("2.5").value(), Decimal::from_int(24)).value(), 600000);
  EXPECT_EQ(in_stock_units(Decimal::parse("1").value(), Decimal::parse("0.33335").value()).value(), 3334);
}

TEST(Quantity, MovingAverageSharesLeaveNoResidue) {
  // 3 units worth 10.00: one unit is 3.33 (rounded), and the last two take the 6.67 left.
  EXPECT_EQ(share_of(1000, kOne, 3 * kOne), 333);
  EXPECT_EQ(share_of(1000 - 333, 2 * kOne, 2 * kOne), 667);
  EXPECT_EQ(share_of(-1000, kOne, 3 * kOne), -333);
  EXPECT_EQ(extend(3 * kOne + 5000, Decimal::parse("12.345").value()).value(), 4321);  // 3.5 × 12.345 = 43.2075
  EXPECT_EQ(unit_cost(1000, 3 * kOne), "3.3333");
}

}  // namespace
}  // namespace verp::inventory
