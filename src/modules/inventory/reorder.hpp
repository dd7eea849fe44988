// Reorder rules (补货规则): minimum, maximum and safety stock per item and warehouse, and what
// they say about the stock available now. Purchasing turns the suggestions into requisitions
// (reorder_suggestions() is the contract it calls); the daily stock alerts tell the warehouse
// about new shortages and overstock (stock_alerts.hpp).
//
// Which levels apply: an active `reorder_rule` for the item and warehouse; for an item without
// any active rule, the item's own minimum, maximum and safety stock (items.min_stock…), counted
// company-wide over every warehouse.
//
// Status of a line, from available = on hand − reserved:
//   below_safety   available < safety stock (checked first; a safety stock of 0 never applies)
//   below_minimum  available < minimum
//   above_maximum  a maximum is set and available > maximum (overstock)
//   ok             otherwise
// Suggested order quantity, for below_safety and below_minimum only (0 otherwise): up to the
// maximum (maximum − available) when one is set; else the reorder quantity, but at least what
// brings available back to the minimum; else minimum − available. Never negative.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/inventory/quantity.hpp"
#include "platform/entity/entity_spec.hpp"

namespace verp::inventory {

// The entity (generic CRUD at /api/v1/reorder-rules, resource "reorder_rule"): item, warehouse,
// min_quantity, max_quantity, safety_stock, reorder_quantity, active. Rules checked on save:
// maximum ≥ minimum ≥ 0 (and every quantity ≥ 0); one rule per item × warehouse.
entity::EntitySpec reorder_rule_entity();

struct ReorderLine {
  std::optional<std::int64_t> rule_id;  // nullopt: the item's own levels, company-wide
  std::int64_t item_id = 0;
  std::string item_code, item_name, unit;
  std::optional<std::int64_t> warehouse_id;  // nullopt: every warehouse
  std::string warehouse_code, warehouse;
  Qty on_hand = 0, reserved = 0, available = 0;
  Qty minimum = 0, safety = 0;
  std::optional<Qty> maximum, reorder_quantity;
  std::string status;  // below_safety, below_minimum, above_maximum, ok
  Qty suggested = 0;
};

// Every rule of the company and every item with its own levels, in item code then warehouse
// code order. Reads only; call it in any transaction of the company's.
Result<std::vector<ReorderLine>> reorder_suggestions(storage::Connection& c, std::int64_t company);

// GET /api/v1/stock/reorder: {"rows":[line as JSON],"counts":{status: n}}, the rows narrowed to
// a status ("below" means below_safety or below_minimum), a warehouse or an item when given.
// Errors: validation "status" (inventory.reorder_status_invalid).
Result<boost::json::object> reorder_report(storage::Connection& c, std::int64_t company, std::string_view status,
                                           std::optional<std::int64_t> warehouse, std::optional<std::int64_t> item);

}  // namespace verp::inventory
