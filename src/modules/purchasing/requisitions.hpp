// Purchase requisitions (请购单): one item wanted by a date in a warehouse, entered by hand, made
// from the reorder suggestions, or (later) by MRP. Buyers turn open requisitions into draft
// orders: one line per requisition, priced at the supplier's last price for the item (and its tax
// rate), else the item's standard cost (and default tax rate).
#pragma once

#include "modules/purchasing/purchasing.hpp"

namespace verp::purchasing {

entity::EntitySpec purchase_requisition_entity();

struct RequisitionsToOrder {
  std::vector<std::int64_t> requisition_ids;
  std::int64_t supplier_id = 0;
  storage::Date order_date;
  std::optional<std::int64_t> warehouse_id;  // default: the requisitions' (all must agree)
};

// Errors: validation naming "requisition_ids" (unknown, not open, of several warehouses without
// a warehouse given), "supplier_id"; the order's own errors.
Result<std::int64_t> order_from_requisitions(storage::Connection& c, const Orders& orders,
                                             const entity::EntitySpec& requisitions, const Actor& actor,
                                             const RequisitionsToOrder& input);

// 补货建议转请购: a requisition (source "reorder") for every reorder suggestion below its minimum
// or safety stock with a quantity to order, unless an open requisition of that item and warehouse
// already exists. Company-wide suggestions (the item's own levels) go to `default_warehouse`, or
// are skipped without one. Needed by today plus the item's lead time.
struct ReorderRequisitions {
  std::vector<std::int64_t> created;
  std::int64_t already_requested = 0;
  std::int64_t without_warehouse = 0;
};
Result<ReorderRequisitions> requisitions_from_reorder(storage::Connection& c, const entity::EntityStore& store,
                                                      const entity::EntitySpec& requisitions, const Actor& actor,
                                                      std::optional<std::int64_t> default_warehouse, storage::Date today);

// What a supplier last charged for an item: the price per stock unit and the tax rate.
struct LastPurchase {
  Decimal price;
  Decimal tax_rate;
};
Result<std::optional<LastPurchase>> last_purchase(storage::Connection& c, std::int64_t company, std::int64_t supplier,
                                                  std::int64_t item);

}  // namespace verp::purchasing
