// An order's lines made ready to store: item and unit resolved, quantity in stock units, price
// from the price lists when not given, amount and tax computed to the cent. Shared by entering
// and changing orders (and quotations, which price their lines the same way).
#pragma once

#include "modules/sales/sales.hpp"

namespace verp::sales {

struct ReadyLine {
  std::int64_t item_id = 0;
  std::int64_t uom_id = 0;
  Decimal factor = Decimal::from_int(1);  // stock units in one uom_id
  Qty quantity = 0;                        // stock units
  std::string entered_quantity;
  Decimal list_price;  // per uom_id
  Decimal price;       // per uom_id, before discount
  Decimal discount;
  Decimal tax_rate;
  Cents amount = 0;  // quantity × price × (1 − discount), to the cent
  Cents tax = 0;
  std::optional<storage::Date> delivery_date;
};

// Every line's problems go to `problems` ("lines[i].…"); lines with problems are left out. The
// customer and date choose the price list; without a customer only given prices are taken.
Result<std::vector<ReadyLine>> ready_lines(storage::Connection& c, std::int64_t company,
                                           std::optional<std::int64_t> customer, storage::Date date,
                                           const std::vector<OrderLineInput>& lines, std::vector<FieldError>& problems);

// Writes the lines of an order (after deleting any it had) and returns amount and tax.
Result<std::pair<Cents, Cents>> store_order_lines(storage::Connection& c, std::int64_t order,
                                                  const std::vector<ReadyLine>& lines);

// The order's header facts the steps need, or not_found when it is not the company's.
struct OrderState {
  std::int64_t id = 0;
  std::string code;
  std::string status;
  std::string held_from;
  std::int64_t version = 0;
  std::int64_t customer_id = 0;
  std::int64_t warehouse_id = 0;
  std::optional<std::int64_t> salesperson_id;
  std::optional<std::int64_t> payment_term_id;
  std::optional<std::int64_t> department_id;
  storage::Date order_date;
  std::optional<storage::Date> delivery_date;
};
Result<OrderState> order_state(storage::Connection& c, std::int64_t company, std::int64_t order);

// Sets header fields (status, totals, code) as a new version of the order with its audit entry.
Status set_order_fields(storage::Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                        const std::map<std::string, storage::Value, std::less<>>& changes, std::string_view action);

// After a shipment, invoice, return or cancellation: the status the lines' quantities call for
// (partly_shipped, shipped, completed), unless the order is held or cancelled.
Status settle_status(storage::Connection& c, const Orders& orders, const Actor& actor, std::int64_t order);

storage::Value money(Cents cents);
// A quantity in stock units as the line's unit speaks it ("2" boxes).
std::string in_line_unit(Qty quantity, const Decimal& factor);

}  // namespace verp::sales
