#include "modules/inventory/quantity.hpp"

namespace verp::inventory {

namespace {

Int128 rounded_quotient(Int128 numerator, Int128 denominator) {
  const bool negative = (numerator < 0) != (denominator < 0);
  const Int128 n = numerator < 0 ? -numerator : numerator;
  const Int128 d = denominator < 0 ? -denominator : denominator;
  const Int128 q = (n + d / 2) / d;
  return negative ? -q : q;
}

Result<Qty> checked(const Decimal& value) {
  auto scaled = value.rescale(kQuantityScale);
  if (!scaled) return scaled.error();
  const Int128 units = scaled->units();
  if (units >= kMaxQuantity || units <= -kMaxQuantity) {
    return make_error(ErrorKind::validation, "inventory.quantity_too_large");
  }
  return static_cast<Qty>(units);
}

}  // namespace

Result<Qty> parse_quantity(std::string_view text) {
  auto parsed = Decimal::parse(text);
  if (!parsed) return parsed.error();
  if (parsed->scale() > kQuantityScale) return make_error(ErrorKind::validation, "inventory.quantity_too_precise");
  return checked(*parsed);
}

std::string format_quantity(Qty quantity) {
  std::string text = Decimal::from_units(quantity, kQuantityScale).to_string();
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

Decimal to_decimal(Qty quantity) { return Decimal::from_units(quantity, kQuantityScale); }

Result<Qty> in_stock_units(const Decimal& entered, const Decimal& factor) {
  auto product = entered.mul(factor, kQuantityScale);
  if (!product) return make_error(ErrorKind::validation, "inventory.quantity_too_large");
  return checked(*product);
}

Result<Cents> extend(Qty quantity, const Decimal& price) {
  auto value = to_decimal(quantity).mul(price, 2);
  if (!value) return value.error();
  if (value->units() >= finance::kMaxAmount || value->units() <= -finance::kMaxAmount) {
    return make_error(ErrorKind::validation, "finance.amount_too_large");
  }
  return static_cast<Cents>(value->units());
}

Cents share_of(Cents value, Qty part, Qty whole) {
  return static_cast<Cents>(rounded_quotient(static_cast<Int128>(value) * part, whole));
}

std::string unit_cost(Cents value, Qty quantity, int scale) {
  if (quantity == 0) return "";
  // value is in cents (scale 2), quantity at scale 4: cost = value/100 ÷ quantity/10^4.
  Int128 power = 1;
  for (int i = 0; i < scale; ++i) power *= 10;
  const Int128 units = rounded_quotient(static_cast<Int128>(value) * 100 * power, quantity);
  return Decimal::from_units(units, scale).to_string();
}

}  // namespace verp::inventory
