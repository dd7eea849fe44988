// Which price a customer pays: their own price list, their group's, a general one, or the item's
// list price — whichever comes first, valid on the day and in the customer's currency.
#include "modules/finance/ledger_internal.hpp"
#include "modules/sales/sales.hpp"

namespace verp::sales {

using storage::Connection;

namespace {

// How specific a list is: the customer's own beats the group's beats everyone's.
constexpr std::string_view kSources[] = {"customer", "group", "general"};

// A price times a packing factor is worked out to six decimals, but should read like the prices
// it came from: "108.00", not "108.000000". Only zeros are dropped, never digits.
Decimal without_trailing_zeros(Decimal value) {
  while (value.scale() > 2) {
    auto shorter = value.rescale(value.scale() - 1);
    if (!shorter || *shorter != value) break;
    value = *shorter;
  }
  return value;
}

}  // namespace

Result<Price> price_for(Connection& c, std::int64_t company, const PriceQuery& query) {
  auto item = c.query_row(
      "SELECT uom_id, list_price FROM items WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
      {query.item_id, company});
  if (!item) return item.error();
  if (!*item) return make_error(ErrorKind::not_found, "inventory.item_unknown");
  auto customer = c.query_row(
      "SELECT customer_group_id, currency_id FROM customers WHERE id = $1 AND company_id = $2", {query.customer_id, company});
  if (!customer) return customer.error();
  if (!*customer) return make_error(ErrorKind::not_found, "sales.customer_unknown");
  const std::int64_t stock_unit = (*item)->int64(0).value_or(0);
  const std::int64_t unit = query.uom_id.value_or(stock_unit);
  // The item's list price is per stock unit; a packing unit costs factor times as much.
  Decimal factor = Decimal::from_int(1);
  if (unit != stock_unit) {
    auto conversion = c.query_row(
        "SELECT factor FROM item_unit_conversions WHERE item_id = $1 AND uom_id = $2 AND archived_at IS NULL",
        {query.item_id, unit});
    if (!conversion) return conversion.error();
    if (!*conversion) return finance::field_error("uom_id", "no_conversion", "inventory.unit_not_convertible");
    factor = (*conversion)->decimal(0).value_or(factor);
  }
  const Decimal item_price = (*item)->is_null(1) ? Decimal() : (*item)->decimal(1).value_or(Decimal());
  auto list_price = item_price.mul(factor, 6);
  if (!list_price) return list_price.error();
  const Decimal item_list_price = without_trailing_zeros(*list_price);
  Price price{.price = item_list_price, .discount = Decimal(), .list_price = item_list_price, .source = "item"};

  const auto group = finance::optional_id(**customer, 0);
  const auto currency = finance::optional_id(**customer, 1);
  // A line in the unit asked, or in the stock unit (converted): the larger break wins.
  auto lines = c.query(
      "SELECT l.id, l.customer_id, l.customer_group_id, i.uom_id, i.min_quantity, i.price, i.discount "
      "FROM price_list_items i JOIN price_lists l ON l.id = i.price_list_id "
      "WHERE l.company_id = $1 AND i.item_id = $2 AND l.active = $3 AND l.archived_at IS NULL AND i.archived_at IS NULL "
      "AND (l.valid_from IS NULL OR l.valid_from <= $4) AND (l.valid_to IS NULL OR l.valid_to >= $4) "
      "AND (l.currency_id IS NULL OR l.currency_id = $5) "
      "AND (l.customer_id = $6 OR (l.customer_id IS NULL AND (l.customer_group_id IS NULL OR l.customer_group_id = $7))) "
      "ORDER BY i.id",
      {company, query.item_id, true, query.date, currency ? storage::Value(*currency) : storage::Value(),
       query.customer_id, group ? storage::Value(*group) : storage::Value(std::int64_t{-1})});
  if (!lines) return lines.error();
  struct Candidate {
    int rank;
    Decimal breakpoint;  // in the unit asked
    bool in_unit_asked;  // priced for the unit itself, not converted from the stock unit
    Decimal price, discount;
    std::int64_t list;
    // Which of two lines counts: the more specific list, then the larger break, then a price set
    // for the unit itself over one worked out from the piece price (a box may be cheaper).
    bool beats(const Candidate& other) const {
      if (rank != other.rank) return rank < other.rank;
      if (breakpoint != other.breakpoint) return breakpoint > other.breakpoint;
      return in_unit_asked && !other.in_unit_asked;
    }
  };
  std::optional<Candidate> best;
  for (const auto& row : *lines) {
    const int rank = !row.is_null(1) ? 0 : !row.is_null(2) ? 1 : 2;
    const std::int64_t line_unit = row.is_null(3) ? stock_unit : row.int64(3).value_or(stock_unit);
    Decimal line_price = row.decimal(5).value_or(Decimal());
    Decimal breakpoint = row.is_null(4) ? Decimal() : row.decimal(4).value_or(Decimal());
    if (line_unit != unit) {
      // Only stock-unit lines translate to another unit (price × factor, break ÷ factor).
      if (line_unit != stock_unit) continue;
      auto scaled = line_price.mul(factor, 6);
      auto moved = breakpoint.div(factor, 4);
      if (!scaled || !moved) continue;
      line_price = without_trailing_zeros(*scaled);
      breakpoint = *moved;
    }
    if (breakpoint > query.quantity) continue;
    Candidate candidate{rank, breakpoint, line_unit == unit, line_price, row.decimal(6).value_or(Decimal()),
                        row.int64(0).value_or(0)};
    if (!best || candidate.beats(*best)) best = candidate;
  }
  if (best) {
    price.price = best->price;
    price.discount = best->discount;
    price.price_list_id = best->list;
    price.source = std::string(kSources[best->rank]);
  }
  return price;
}

}  // namespace verp::sales
