#include "modules/inventory/stock_ledger.hpp"

#include <algorithm>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/inventory_internal.hpp"

namespace verp::inventory {

using storage::Connection;
using storage::Date;
using storage::Timestamp;
using storage::Value;

namespace {

// What a move needs to know about its item and warehouse, read once per move.
struct MoveFacts {
  bool lot_tracked = false;
  std::optional<Decimal> standard_cost;
  bool allow_negative = false;
};

// Problems are named after the document line a move comes from, as the user entered it.
std::string at(const MoveInput& move, std::size_t index, std::string_view field) {
  const std::size_t line = move.line_no > 0 ? static_cast<std::size_t>(move.line_no - 1) : index;
  return "lines[" + std::to_string(line) + "]." + std::string(field);
}

Result<std::optional<MoveFacts>> facts_of(Connection& c, std::int64_t company, const MoveInput& move, std::size_t index,
                                          std::vector<FieldError>& problems) {
  MoveFacts facts;
  auto item = c.query_row(
      "SELECT item_type, lot_tracked, standard_cost, active FROM items WHERE id = $1 AND company_id = $2 "
      "AND archived_at IS NULL",
      {move.item_id, company});
  if (!item) return item.error();
  if (!*item) {
    problems.push_back({at(move, index, "item_id"), "unknown", "inventory.item_unknown", {}});
    return std::optional<MoveFacts>();
  }
  if ((*item)->text(0).value_or("") == "service") {
    problems.push_back({at(move, index, "item_id"), "not_stocked", "inventory.service_not_stocked", {}});
  }
  facts.lot_tracked = (*item)->boolean(1).value_or(false);
  if (!(*item)->is_null(2)) facts.standard_cost = (*item)->decimal(2).value_or(Decimal());
  auto warehouse = c.query_row(
      "SELECT allow_negative, active FROM warehouses WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
      {move.warehouse_id, company});
  if (!warehouse) return warehouse.error();
  if (!*warehouse || !(*warehouse)->boolean(1).value_or(true)) {
    problems.push_back({at(move, index, "warehouse_id"), "unknown", "inventory.warehouse_unknown", {}});
    return std::optional<MoveFacts>();
  }
  facts.allow_negative = (*warehouse)->boolean(0).value_or(false);
  if (move.location_id) {
    auto location = c.query_row("SELECT 1 FROM locations WHERE id = $1 AND warehouse_id = $2 AND archived_at IS NULL",
                                {*move.location_id, move.warehouse_id});
    if (!location) return location.error();
    if (!*location) problems.push_back({at(move, index, "location_id"), "unknown", "inventory.location_unknown", {}});
  }
  if (move.lot_id) {
    auto lot = c.query_row("SELECT 1 FROM lots WHERE id = $1 AND item_id = $2 AND company_id = $3",
                           {*move.lot_id, move.item_id, company});
    if (!lot) return lot.error();
    if (!*lot) problems.push_back({at(move, index, "lot"), "unknown", "inventory.lot_unknown", {}});
  }
  if (move.quantity == 0) problems.push_back({at(move, index, "quantity"), "zero", "inventory.quantity_zero", {}});
  if (move.quantity > 0 && facts.lot_tracked && !move.lot_id) {
    problems.push_back({at(move, index, "lot"), "required", "inventory.lot_required", {}});
  }
  if (move.quantity < 0 && move.value) problems.push_back({at(move, index, "unit_cost"), "not_allowed", "inventory.cost_on_issue", {}});
  return std::optional<MoveFacts>(facts);
}

Error insufficient(Connection& c, std::int64_t company, const MoveInput& move, Qty wanted) {
  Qty available = 0;
  if (auto row = c.query_row("SELECT on_hand - reserved FROM stock_positions WHERE company_id = $1 AND item_id = $2 "
                             "AND warehouse_id = $3",
                             {company, move.item_id, move.warehouse_id});
      row && *row) {
    available = (*row)->int64(0).value_or(0);
  }
  std::string item;
  if (auto row = c.query_row("SELECT code FROM items WHERE id = $1", {move.item_id}); row && *row) {
    item = (*row)->text(0).value_or("");
  }
  Error error = make_error(ErrorKind::conflict, "inventory.insufficient_stock");
  error.args = {{"item", item}, {"wanted", format_quantity(wanted)}, {"available", format_quantity(available)}};
  error.field = at(move, 0, "quantity");
  return error;
}

// The moving-average value of `quantity` units of the item, taken out of the company's cost
// row under its lock: the share of the value, all of it for the last units.
Result<Cents> take_cost(Connection& c, std::int64_t company, std::int64_t item, Qty quantity,
                        const std::optional<Decimal>& standard_cost) {
  const std::string lock = c.dialect() == storage::Dialect::postgres ? " FOR UPDATE" : "";
  auto row = c.query_row("SELECT quantity, value FROM stock_costs WHERE company_id = $1 AND item_id = $2" + lock,
                         {company, item});
  if (!row) return row.error();
  const Qty held = *row ? (*row)->int64(0).value_or(0) : 0;
  const Cents value = *row ? (*row)->int64(1).value_or(0) : 0;
  Cents taken = 0;
  if (held == quantity) {
    taken = value;
  } else if (held > 0) {
    taken = share_of(value, quantity, held);
  } else {
    auto standard = extend(quantity, standard_cost.value_or(Decimal()));
    if (!standard) return standard.error();
    taken = *standard;
  }
  auto updated = c.execute(
      "INSERT INTO stock_costs (company_id, item_id, quantity, value) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (company_id, item_id) DO UPDATE SET quantity = stock_costs.quantity + excluded.quantity, "
      "value = stock_costs.value + excluded.value",
      {company, item, -quantity, -taken});
  if (!updated) return updated.error();
  return taken;
}

// What an incoming move without a cost comes in at: the current average, else the standard cost.
Result<Cents> incoming_value(Connection& c, std::int64_t company, const MoveInput& move, const MoveFacts& facts) {
  if (move.value) return *move.value;
  auto row = c.query_row("SELECT quantity, value FROM stock_costs WHERE company_id = $1 AND item_id = $2",
                         {company, move.item_id});
  if (!row) return row.error();
  if (*row && (*row)->int64(0).value_or(0) > 0) {
    return share_of((*row)->int64(1).value_or(0), move.quantity, (*row)->int64(0).value_or(0));
  }
  return extend(move.quantity, facts.standard_cost.value_or(Decimal()));
}

// Where an outgoing move takes its stock from: the named level, or the item's levels in the
// warehouse first expiry first (then oldest lot, then location). With negative stock allowed the
// rest comes from the named (or bare) level.
Result<std::vector<LevelPart>> pick_levels(Connection& c, std::int64_t company, const MoveInput& move, Qty wanted,
                                           bool allow_negative) {
  if ((move.location_id && move.lot_id) || move.exact_place) {
    return std::vector<LevelPart>{{move.location_id.value_or(0), move.lot_id.value_or(0), wanted}};
  }
  auto pick = first_expiry_first_out(c, company, move.item_id, move.warehouse_id, move.location_id.value_or(0),
                                     move.lot_id.value_or(0), wanted);
  if (!pick) return pick.error();
  if (pick->short_by > 0) {
    if (!allow_negative) return insufficient(c, company, move, wanted);
    pick->parts.push_back({move.location_id.value_or(0), move.lot_id.value_or(0), pick->short_by});
  }
  return std::move(pick->parts);
}

Status add_to_level(Connection& c, std::int64_t company, const MoveInput& move, const LevelPart& part, Qty delta) {
  auto written = c.execute(
      "INSERT INTO stock_levels (company_id, item_id, warehouse_id, location_id, lot_id, on_hand) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (company_id, item_id, warehouse_id, location_id, lot_id) "
      "DO UPDATE SET on_hand = stock_levels.on_hand + excluded.on_hand",
      {company, move.item_id, move.warehouse_id, part.location, part.lot, delta});
  if (!written) return written.error();
  return {};
}

// Takes a part out of its level; the condition is the check, so two takers cannot both have it.
Status take_from_level(Connection& c, std::int64_t company, const MoveInput& move, const LevelPart& part,
                       bool allow_negative, Qty wanted) {
  if (allow_negative) return add_to_level(c, company, move, part, -part.quantity);
  auto taken = c.execute(
      "UPDATE stock_levels SET on_hand = on_hand - $6 WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3 "
      "AND location_id = $4 AND lot_id = $5 AND on_hand >= $6",
      {company, move.item_id, move.warehouse_id, part.location, part.lot, part.quantity});
  if (!taken) return taken.error();
  if (*taken == 0) return insufficient(c, company, move, wanted);
  return {};
}

// On-hand of the item in the warehouse; an outgoing move keeps it at or above what is reserved
// for others (its own reservation, consumed by the move, excepted).
Status move_position(Connection& c, std::int64_t company, const MoveInput& move, bool allow_negative) {
  if (move.quantity > 0 || allow_negative) {
    auto written = c.execute(
        "INSERT INTO stock_positions (company_id, item_id, warehouse_id, on_hand, reserved) VALUES ($1, $2, $3, $4, 0) "
        "ON CONFLICT (company_id, item_id, warehouse_id) DO UPDATE SET on_hand = stock_positions.on_hand + "
        "excluded.on_hand, reserved = stock_positions.reserved - $5",
        {company, move.item_id, move.warehouse_id, move.quantity, move.consume_reserved});
    if (!written) return written.error();
    return {};
  }
  auto taken = c.execute(
      "UPDATE stock_positions SET on_hand = on_hand + $4, reserved = reserved - $5 WHERE company_id = $1 "
      "AND item_id = $2 AND warehouse_id = $3 AND on_hand + $4 >= reserved - $5",
      {company, move.item_id, move.warehouse_id, move.quantity, move.consume_reserved});
  if (!taken) return taken.error();
  if (*taken == 0) return insufficient(c, company, move, -move.quantity);
  return {};
}

Result<std::int64_t> insert_move(Connection& c, const Actor& actor, const StockPosting& posting, const MoveInput& move,
                                 const LevelPart& part, Qty quantity, Cents value) {
  auto id = c.query_row(
      "INSERT INTO stock_moves (company_id, item_id, warehouse_id, location_id, lot_id, quantity, value, move_type, "
      "reason, document_type, document_id, document_number, line_no, entered_quantity, entered_uom_id, moved_on, "
      "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
      "$18) RETURNING id",
      {actor.principal.company_id, move.item_id, move.warehouse_id,
       part.location != 0 ? Value(part.location) : Value(), part.lot != 0 ? Value(part.lot) : Value(), quantity, value,
       posting.move_type, move.reason.empty() ? Value() : Value(move.reason), posting.document_type,
       posting.document_id, posting.document_number, std::int64_t{move.line_no},
       move.entered_quantity.empty() ? Value() : Value(move.entered_quantity), Value(move.entered_uom_id),
       posting.date, actor.principal.user_id, Timestamp::from_system(actor.clock.now())});
  if (!id) return id.error();
  return (*id)->int64(0).value_or(0);
}

}  // namespace

Result<LevelPick> first_expiry_first_out(Connection& c, std::int64_t company, std::int64_t item,
                                         std::int64_t warehouse, std::int64_t location, std::int64_t lot, Qty wanted) {
  auto rows = c.query(
      "SELECT l.location_id, l.lot_id, l.on_hand, t.lot_number, t.expires_on FROM stock_levels l "
      "LEFT JOIN lots t ON t.id = l.lot_id WHERE l.company_id = $1 AND l.item_id = $2 AND l.warehouse_id = $3 "
      "AND l.on_hand > 0 AND ($4 = 0 OR l.location_id = $4) AND ($5 = 0 OR l.lot_id = $5) "
      "ORDER BY CASE WHEN t.expires_on IS NULL THEN 1 ELSE 0 END, t.expires_on, l.lot_id, l.location_id",
      {company, item, warehouse, location, lot});
  if (!rows) return rows.error();
  LevelPick pick;
  Qty left = wanted;
  for (const auto& row : *rows) {
    if (left == 0) break;
    const Qty on_hand = row.int64(2).value_or(0);
    const Qty take = std::min(left, on_hand);
    pick.parts.push_back({.location = row.int64(0).value_or(0), .lot = row.int64(1).value_or(0), .quantity = take,
                          .on_hand = on_hand, .lot_number = row.text(3).value_or(""),
                          .expires_on = row.is_null(4) ? std::nullopt : std::optional(row.date(4).value_or(Date{}))});
    left -= take;
  }
  pick.short_by = left;
  return pick;
}

Result<std::vector<AppliedMove>> apply_moves(Connection& c, const Actor& actor, const StockPosting& posting) {
  const std::int64_t company = actor.principal.company_id;
  std::vector<FieldError> problems;
  std::vector<MoveFacts> facts;
  for (std::size_t i = 0; i < posting.moves.size(); ++i) {
    auto found = facts_of(c, company, posting.moves[i], i, problems);
    if (!found) return found.error();
    facts.push_back(found->value_or(MoveFacts{}));
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  std::vector<AppliedMove> applied;
  for (std::size_t i = 0; i < posting.moves.size(); ++i) {
    const MoveInput& move = posting.moves[i];
    const MoveFacts& fact = facts[i];
    if (Status positioned = move_position(c, company, move, fact.allow_negative); !positioned) return positioned.error();
    if (move.consume_reserved > 0) {
      if (Status consumed = consume_reservation(c, company, move); !consumed) return consumed.error();
    }
    if (move.quantity > 0) {
      auto value = incoming_value(c, company, move, fact);
      if (!value) return value.error();
      const LevelPart part{move.location_id.value_or(0), move.lot_id.value_or(0), move.quantity};
      if (Status added = add_to_level(c, company, move, part, move.quantity); !added) return added.error();
      auto cost = c.execute(
          "INSERT INTO stock_costs (company_id, item_id, quantity, value) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (company_id, item_id) DO UPDATE SET quantity = stock_costs.quantity + excluded.quantity, "
          "value = stock_costs.value + excluded.value",
          {company, move.item_id, move.quantity, *value});
      if (!cost) return cost.error();
      auto id = insert_move(c, actor, posting, move, part, move.quantity, *value);
      if (!id) return id.error();
      applied.push_back({*id, move.item_id, move.warehouse_id, move.location_id, move.lot_id, move.quantity, *value,
                         move.line_no});
      continue;
    }
    const Qty wanted = -move.quantity;
    auto parts = pick_levels(c, company, move, wanted, fact.allow_negative);
    if (!parts) return parts.error();
    auto value = take_cost(c, company, move.item_id, wanted, fact.standard_cost);
    if (!value) return value.error();
    Cents left = *value;
    for (std::size_t p = 0; p < parts->size(); ++p) {
      const LevelPart& part = (*parts)[p];
      if (Status taken = take_from_level(c, company, move, part, fact.allow_negative, wanted); !taken) {
        return taken.error();
      }
      const Cents part_value = p + 1 == parts->size() ? left : share_of(*value, part.quantity, wanted);
      left -= part_value;
      auto id = insert_move(c, actor, posting, move, part, -part.quantity, -part_value);
      if (!id) return id.error();
      applied.push_back({*id, move.item_id, move.warehouse_id,
                         part.location != 0 ? std::optional(part.location) : std::nullopt,
                         part.lot != 0 ? std::optional(part.lot) : std::nullopt, -part.quantity, -part_value,
                         move.line_no});
    }
  }
  return applied;
}

Result<std::string> next_document_number(Connection& c, std::int64_t company, std::string_view prefix, Date date) {
  char period[8];
  std::snprintf(period, sizeof period, "%04d%02d", date.year, date.month);
  auto row = c.query_row(
      "INSERT INTO document_sequences (company_id, prefix, period, last_number) VALUES ($1, $2, $3, 1) "
      "ON CONFLICT (company_id, prefix, period) DO UPDATE SET last_number = document_sequences.last_number + 1 "
      "RETURNING last_number",
      {company, std::string(prefix), std::string(period)});
  if (!row) return row.error();
  char number[48];
  std::snprintf(number, sizeof number, "%.*s-%s-%04lld", static_cast<int>(prefix.size()), prefix.data(), period,
                static_cast<long long>((*row)->int64(0).value_or(0)));
  return std::string(number);
}

}  // namespace verp::inventory
