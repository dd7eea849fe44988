// Lots (批次): a lot-tracked item's stock is kept per lot, with its production and expiry dates,
// so that issues go first-expiry-first-out and a lot can be traced from supplier to customer.
#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/stock_ledger.hpp"

namespace verp::inventory {

using storage::Connection;
using storage::Date;
using storage::Timestamp;
using storage::Value;

Result<std::int64_t> lot_for(Connection& c, const Actor& actor, const LotInput& input) {
  const std::int64_t company = actor.principal.company_id;
  if (input.number.empty() || input.number.size() > 64) {
    return finance::field_error("lot_number", "invalid", "inventory.lot_number_invalid");
  }
  auto found = c.query_row("SELECT id FROM lots WHERE company_id = $1 AND item_id = $2 AND lot_number = $3",
                           {company, input.item_id, input.number});
  if (!found) return found.error();
  if (*found) return (*found)->int64(0).value_or(0);
  std::optional<Date> expires = input.expires_on;
  if (!expires && input.produced_on) {
    auto shelf = c.query_row("SELECT shelf_life_days FROM items WHERE id = $1 AND company_id = $2",
                             {input.item_id, company});
    if (!shelf) return shelf.error();
    if (*shelf && !(*shelf)->is_null(0)) {
      expires = Date::from_days(input.produced_on->to_days() + (*shelf)->int64(0).value_or(0));
    }
  }
  if (input.produced_on && expires && *expires < *input.produced_on) {
    return finance::field_error("expires_on", "before_production", "inventory.lot_expiry_before_production");
  }
  auto id = c.query_row(
      "INSERT INTO lots (company_id, item_id, lot_number, produced_on, expires_on, supplier_id, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {company, input.item_id, input.number, Value(input.produced_on), Value(expires), Value(input.supplier_id),
       Timestamp::from_system(actor.clock.now())});
  if (!id) return id.error();
  return (*id)->int64(0).value_or(0);
}

}  // namespace verp::inventory
