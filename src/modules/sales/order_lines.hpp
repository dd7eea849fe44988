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
// Inserts priced lines, numbered from 1, into `table` under `keys` (the columns that place them:
// an order's id, or a quotation's id and revision); answers amount and tax.
Result<std::pair<Cents, Cents>> insert_lines(storage::Connection& c, std::string_view table,
                                             const std::vector<std::pair<std::string, storage::Value>>& keys,
                                             const std::vector<ReadyLine>& lines);

// What every priced line shows (line_no … delivery_date), as a SELECT list over the lines `l`
// joined to items `i` and units_of_measure `u`; priced_line_json reads those columns first.
inline constexpr std::string_view kPricedLineColumns =
    "l.line_no, l.item_id, i.code, i.name, i.specification, l.uom_id, u.name, l.factor, l.quantity, l.entered_quantity, "
    "l.list_price, l.price, l.discount, l.tax_rate, l.amount, l.tax, l.delivery_date";
inline constexpr std::size_t kPricedLineColumnCount = 17;
boost::json::object priced_line_json(const storage::Row& line);

// A document whose lines are priced like an order's (a sales order, a quotation): its entity,
// the header's date that chooses the prices, its number prefix and where its lines go.
struct PricedDocument {
  const Orders& entity;
  std::string_view date_field;  // "order_date"
  std::string_view prefix;      // "SO": numbered SO-YYYYMM-NNNN
  std::function<Result<std::pair<Cents, Cents>>(storage::Connection&, std::int64_t, const std::vector<ReadyLine>&)>
      store_lines;
};
// Creates the header through the entity (its rules) with its priced lines, numbered; one 400
// names the header's fields and "lines[i].…" together.
Result<std::int64_t> create_priced(storage::Connection& c, const PricedDocument& document, const Actor& actor,
                                   const OrderInput& input);
// Prices `input`'s lines for the customer on the date and stores them with the header's totals.
Status reprice_lines(storage::Connection& c, const PricedDocument& document, const Actor& actor, std::int64_t id,
                     std::int64_t customer, storage::Date date, const OrderInput& input);

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
