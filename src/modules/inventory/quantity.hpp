// Stock quantities: whole ten-thousandths of the item's stock unit in an int64.
//
// The stock ledger keeps quantities the way the general ledger keeps amounts (decision 0005):
// as integers, so that on-hand can be maintained with `SET on_hand = on_hand + $1` and summed
// in SQL exactly on both databases (SQLite would add decimal text in floating point). Four
// fraction digits are what item quantities carry everywhere else (FieldKind::quantity). The API
// speaks decimal strings ("12.5"); parse_quantity and format_quantity are the only crossing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "modules/finance/amount.hpp"
#include "platform/base/result.hpp"
#include "platform/values/decimal.hpp"

namespace verp::inventory {

using Qty = std::int64_t;  // 1 = 0.0001 of the stock unit
using finance::Cents;

inline constexpr int kQuantityScale = 4;
inline constexpr Qty kOne = 10'000;
inline constexpr Qty kMaxQuantity = 1'000'000'000'000'0000;  // 10^12 units

// "12.5" → 125000. At most four fraction digits, |quantity| < 10^12. Errors (validation):
// the Decimal parse errors, "inventory.quantity_too_precise", "inventory.quantity_too_large".
Result<Qty> parse_quantity(std::string_view text);
// 125000 → "12.5"; trailing zeros dropped, "12" for whole units, "-0.25".
std::string format_quantity(Qty quantity);
Decimal to_decimal(Qty quantity);

// An entered quantity in another unit, converted to stock units: quantity × factor, rounded
// half away from zero to the fourth digit. Errors: "inventory.quantity_too_large".
Result<Qty> in_stock_units(const Decimal& entered, const Decimal& factor);

// What `quantity` costs at `price` per stock unit, rounded half away from zero to the cent.
Result<Cents> extend(Qty quantity, const Decimal& price);

// The share of `value` that `part` of `whole` carries, rounded half away from zero to the cent:
// the moving-average cost of an issue. `whole` must not be zero.
Cents share_of(Cents value, Qty part, Qty whole);

// value ÷ quantity per stock unit, at `scale` digits (a unit cost to show).
std::string unit_cost(Cents value, Qty quantity, int scale = 4);

}  // namespace verp::inventory
