// The stock ledger (库存台账): every receipt, issue, transfer, adjustment and scrap as an
// append-only move, with on-hand, reservations and the moving-average cost kept in step in the
// caller's transaction. This is the contract purchasing, sales and production move goods
// through; nothing else writes the stock tables.
//
// A move changes one item at one place: warehouse, location (optional) and lot (for lot-tracked
// items). Its quantity is signed (+ in, − out) in the item's stock unit (quantity.hpp), its value
// signed in cents. Three balances follow every move:
//   stock_levels     on-hand per item × warehouse × location × lot   (what is where)
//   stock_positions  on-hand and reserved per item × warehouse       (what can be promised)
//   stock_costs      quantity and value per item × company            (the moving average)
// Rules every path enforces:
//   - an outgoing move never takes a level, or a position's unreserved stock, below zero, unless
//     the warehouse allows negative stock. The check is the UPDATE's own condition, so under any
//     number of concurrent requests nothing is oversold (no read-then-write window);
//   - an outgoing move is valued at the moving average (its share of the company's value of the
//     item); the last unit out takes the value that is left, so no residue accumulates;
//   - an incoming move carries its cost (the order price for a purchase); without one it comes in
//     at the current average, else the item's standard cost;
//   - moves are never updated or deleted: a correction is another move.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/finance/ledger.hpp"
#include "modules/inventory/quantity.hpp"

namespace verp::inventory {

using finance::Actor;

std::vector<storage::TableDef> stock_tables();

struct MoveInput {
  std::int64_t item_id = 0;
  std::int64_t warehouse_id = 0;
  std::optional<std::int64_t> location_id;
  std::optional<std::int64_t> lot_id;  // outgoing without a lot: picked first-expiry-first-out
  Qty quantity = 0;                    // signed, stock units, never zero
  std::optional<Cents> value;          // incoming only: what the quantity cost
  std::string entered_quantity;        // as the user wrote it, e.g. "2" (boxes); may be empty
  std::optional<std::int64_t> entered_uom_id;
  std::string reason;
  int line_no = 0;  // the document line it comes from
  // Consumes this much of a reservation (stock reserved for the very order being shipped).
  std::optional<std::int64_t> reservation_id;
  Qty consume_reserved = 0;
  // An outgoing move takes from exactly its location and lot, "none" included, instead of
  // picking (a stocktake's correction of one place).
  bool exact_place = false;
};

// What a document moves: its identity (for traceability and the ledger voucher) and its moves.
struct StockPosting {
  std::string document_type;  // stock_receipt, goods_receipt, shipment, stock_adjustment, …
  std::int64_t document_id = 0;
  std::string document_number;
  storage::Date date;
  std::string move_type;  // receipt, issue, transfer, adjustment, scrap, purchase_receipt, …
  std::vector<MoveInput> moves;
};

struct AppliedMove {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  std::int64_t warehouse_id = 0;
  std::optional<std::int64_t> location_id;
  std::optional<std::int64_t> lot_id;
  Qty quantity = 0;
  Cents value = 0;
  int line_no = 0;
};

// Applies the moves in order (an outgoing move without a lot or location may become several,
// first expiry first). Errors: validation naming "moves[i].…" (unknown item or warehouse of
// another company, a service item, a lot-tracked item without a lot on receipt, a lot of
// another item); conflict "inventory.insufficient_stock" with args item, warehouse, wanted and
// available when stock would go negative.
Result<std::vector<AppliedMove>> apply_moves(storage::Connection& c, const Actor& actor, const StockPosting& posting);

// ---- reservations (库存预留) -----------------------------------------------------------------

struct ReservationInput {
  std::string source_type;  // sales_order, production_order, …
  std::int64_t source_id = 0;
  int source_line = 0;
  std::int64_t item_id = 0;
  std::int64_t warehouse_id = 0;
  Qty quantity = 0;  // > 0
};

// Reserves available stock (on-hand − reserved) for a document line, atomically: two orders
// racing for the last units cannot both get them. Errors: conflict "inventory.insufficient_stock".
Result<std::int64_t> reserve(storage::Connection& c, const Actor& actor, const ReservationInput& input);
// Gives back what is still reserved for a document (all its lines), e.g. when it is cancelled.
Result<Qty> release_reservations(storage::Connection& c, const Actor& actor, std::string_view source_type,
                                 std::int64_t source_id);

// ---- lots (批次) ---------------------------------------------------------------------------

struct LotInput {
  std::int64_t item_id = 0;
  std::string number;
  std::optional<storage::Date> produced_on;
  std::optional<storage::Date> expires_on;  // default: produced_on + the item's shelf life
  std::optional<std::int64_t> supplier_id;
};
// The item's lot with that number, created when new. Errors: validation "lot_number".
Result<std::int64_t> lot_for(storage::Connection& c, const Actor& actor, const LotInput& input);

// ---- numbers ---------------------------------------------------------------------------------

// The next number of a document kind for the company and month: "ADJ-202612-0001". Numbers are
// gapless per prefix and month: the sequence row is updated under its lock in the caller's
// transaction, so a rolled-back document gives its number back.
Result<std::string> next_document_number(storage::Connection& c, std::int64_t company, std::string_view prefix,
                                         storage::Date date);

}  // namespace verp::inventory
