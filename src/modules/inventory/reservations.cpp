// Reservations (库存预留): stock promised to an order or a production order, held in
// stock_positions.reserved so that available = on-hand − reserved is one row's arithmetic, and
// listed per document line in stock_reservations so that it can be consumed and released.
#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/inventory_internal.hpp"

namespace verp::inventory {

using storage::Connection;
using storage::Timestamp;

Result<std::int64_t> reserve(Connection& c, const Actor& actor, const ReservationInput& input) {
  const std::int64_t company = actor.principal.company_id;
  if (input.quantity <= 0) return finance::field_error("quantity", "not_positive", "inventory.quantity_not_positive");
  // The condition is the check: of two orders racing for the last units, one UPDATE waits for the
  // other's row lock, re-reads the row and then finds too little.
  auto reserved = c.execute(
      "UPDATE stock_positions SET reserved = reserved + $4 WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3 "
      "AND on_hand - reserved >= $4",
      {company, input.item_id, input.warehouse_id, input.quantity});
  if (!reserved) return reserved.error();
  if (*reserved == 0) {
    Qty available = 0;
    auto row = c.query_row("SELECT on_hand - reserved FROM stock_positions WHERE company_id = $1 AND item_id = $2 "
                           "AND warehouse_id = $3",
                           {company, input.item_id, input.warehouse_id});
    if (!row) return row.error();
    if (*row) available = (*row)->int64(0).value_or(0);
    Error error = make_error(ErrorKind::conflict, "inventory.insufficient_stock");
    error.args = {{"item", std::to_string(input.item_id)}, {"wanted", format_quantity(input.quantity)},
                  {"available", format_quantity(available)}};
    return error;
  }
  const auto now = Timestamp::from_system(actor.clock.now());
  auto id = c.query_row(
      "INSERT INTO stock_reservations (company_id, item_id, warehouse_id, quantity, open_quantity, source_type, "
      "source_id, source_line, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $4, $5, $6, $7, 'open', $8, $8) "
      "RETURNING id",
      {company, input.item_id, input.warehouse_id, input.quantity, input.source_type, input.source_id,
       std::int64_t{input.source_line}, now});
  if (!id) return id.error();
  return (*id)->int64(0).value_or(0);
}

Result<Qty> release_reservations(Connection& c, const Actor& actor, std::string_view source_type,
                                 std::int64_t source_id) {
  const std::int64_t company = actor.principal.company_id;
  auto open = c.query(
      "SELECT id, item_id, warehouse_id, open_quantity FROM stock_reservations WHERE company_id = $1 "
      "AND source_type = $2 AND source_id = $3 AND open_quantity > 0 ORDER BY item_id, warehouse_id, id",
      {company, std::string(source_type), source_id});
  if (!open) return open.error();
  Qty released = 0;
  const auto now = Timestamp::from_system(actor.clock.now());
  for (const auto& row : *open) {
    const Qty quantity = row.int64(3).value_or(0);
    auto cleared = c.execute(
        "UPDATE stock_reservations SET open_quantity = 0, state = 'released', updated_at = $2 WHERE id = $1 "
        "AND open_quantity = $3",
        {row.int64(0).value_or(0), now, quantity});
    if (!cleared) return cleared.error();
    if (*cleared == 0) continue;  // consumed meanwhile: nothing left to give back
    auto position = c.execute(
        "UPDATE stock_positions SET reserved = reserved - $4 WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3",
        {company, row.int64(1).value_or(0), row.int64(2).value_or(0), quantity});
    if (!position) return position.error();
    released += quantity;
  }
  return released;
}

Status consume_reservation(Connection& c, std::int64_t company, const MoveInput& move) {
  if (!move.reservation_id) return make_error(ErrorKind::internal, "inventory.reservation_missing");
  auto consumed = c.execute(
      "UPDATE stock_reservations SET open_quantity = open_quantity - $3, "
      "state = CASE WHEN open_quantity = $3 THEN 'consumed' ELSE state END "
      "WHERE id = $1 AND company_id = $2 AND open_quantity >= $3 AND item_id = $4 AND warehouse_id = $5",
      {*move.reservation_id, company, move.consume_reserved, move.item_id, move.warehouse_id});
  if (!consumed) return consumed.error();
  if (*consumed == 0) return make_error(ErrorKind::conflict, "inventory.reservation_exhausted");
  return {};
}

}  // namespace verp::inventory
