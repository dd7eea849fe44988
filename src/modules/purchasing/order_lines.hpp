// An order's lines made ready to store: item and unit resolved, quantity in stock units, amount
// and tax computed to the cent. Shared by creating an order and replacing its lines.
#pragma once

#include "modules/purchasing/purchasing.hpp"

namespace verp::purchasing {

struct ReadyOrderLine {
  std::int64_t item_id = 0;
  std::int64_t uom_id = 0;
  Decimal factor = Decimal::from_int(1);  // stock units in one uom_id
  Qty quantity = 0;                        // stock units
  std::string entered_quantity;
  Decimal price;  // per uom_id
  Decimal tax_rate;
  Cents amount = 0;
  Cents tax = 0;
  std::optional<storage::Date> expected_date;
};

// Every line's problems go to `problems` ("lines[i].…"); lines with problems are left out.
Result<std::vector<ReadyOrderLine>> ready_order_lines(storage::Connection& c, std::int64_t company,
                                                      const std::vector<OrderLineInput>& lines,
                                                      std::vector<FieldError>& problems);

// Writes the lines of an order (after deleting any it had) and returns amount and tax.
Result<std::pair<Cents, Cents>> store_order_lines(storage::Connection& c, std::int64_t order,
                                                  const std::vector<ReadyOrderLine>& lines);

// The order's company, status and version, or not_found when it is not the company's.
struct OrderState {
  std::int64_t id = 0;
  std::string code;
  std::string status;
  std::int64_t version = 0;
  std::int64_t supplier_id = 0;
  std::int64_t warehouse_id = 0;
  std::optional<std::int64_t> department_id;
};
Result<OrderState> order_state(storage::Connection& c, std::int64_t company, std::int64_t order);

// Sets header fields (status, totals, code) as a new version of the order with its audit entry.
Status set_order_fields(storage::Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                        const std::map<std::string, storage::Value, std::less<>>& changes, std::string_view action);

// Amount and tax as money values of the entity.
storage::Value money(Cents cents);

}  // namespace verp::purchasing
