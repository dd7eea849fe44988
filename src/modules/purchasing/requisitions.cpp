#include "modules/purchasing/requisitions.hpp"

#include <boost/json.hpp>
#include <set>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/reorder.hpp"
#include "modules/purchasing/order_lines.hpp"

namespace verp::purchasing {

namespace json = boost::json;
using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;
using storage::Connection;

EntitySpec purchase_requisition_entity() {
  return EntitySpec{
      .name = "purchase_requisition",
      .table = "purchase_requisitions",
      .path = "purchase-requisitions",
      .label = {"请购单", "Purchase requisition"},
      .fields = {Field{.name = "item_id", .kind = FieldKind::link, .label = {"物料", "Item"}, .required = true,
                       .link_to = "item"},
                 Field{.name = "quantity", .kind = FieldKind::quantity, .label = {"数量（库存单位）", "Quantity (stock unit)"},
                       .required = true, .minimum = *Decimal::parse("0.0001")},
                 Field{.name = "needed_by", .kind = FieldKind::date, .label = {"需求日期", "Needed by"}, .required = true},
                 Field{.name = "warehouse_id", .kind = FieldKind::link, .label = {"仓库", "Warehouse"}, .required = true,
                       .link_to = "warehouse"},
                 Field{.name = "supplier_id", .kind = FieldKind::link, .label = {"建议供应商", "Suggested supplier"},
                       .link_to = "supplier"},
                 Field{.name = "source", .kind = FieldKind::enumeration, .label = {"来源", "Source"},
                       .options = {{"manual", {"手工", "Manual"}}, {"reorder", {"补货建议", "Reorder rule"}},
                                   {"mrp", {"物料需求计划", "MRP"}}, {"sales", {"销售缺货", "Sales shortfall"}}},
                       .default_value = "manual"},
                 Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                       .options = {{"open", {"待采购", "Open"}}, {"ordered", {"已下单", "Ordered"}},
                                   {"cancelled", {"已取消", "Cancelled"}}},
                       .default_value = "open", .read_only = true},
                 Field{.name = "purchase_order_id", .kind = FieldKind::link, .label = {"采购订单", "Purchase order"},
                       .link_to = "purchase_order", .read_only = true},
                 Field{.name = "notes", .kind = FieldKind::text, .label = {"备注", "Notes"}, .max_length = 500,
                       .in_list = false}},
      .title_field = "",
      .default_sort = "needed_by"};
}

Result<std::optional<LastPurchase>> last_purchase(Connection& c, std::int64_t company, std::int64_t supplier,
                                                  std::int64_t item) {
  auto row = c.query_row(
      "SELECT l.price, l.factor, l.tax_rate FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id "
      "WHERE o.company_id = $1 AND o.supplier_id = $2 AND l.item_id = $3 AND o.status NOT IN ('draft', 'rejected', "
      "'cancelled') ORDER BY o.order_date DESC, o.id DESC LIMIT 1",
      {company, supplier, item});
  if (!row) return row.error();
  if (!*row) return std::optional<LastPurchase>();
  auto per_unit = (*row)->decimal(0).value_or(Decimal()).div((*row)->decimal(1).value_or(Decimal::from_int(1)), 6);
  if (!per_unit) return per_unit.error();
  return std::optional<LastPurchase>(LastPurchase{*per_unit, (*row)->decimal(2).value_or(Decimal())});
}

Result<std::int64_t> order_from_requisitions(Connection& c, const Orders& orders, const EntitySpec& requisitions,
                                             const Actor& actor, const RequisitionsToOrder& input) {
  const std::int64_t company = actor.principal.company_id;
  std::vector<FieldError> problems;
  if (input.requisition_ids.empty()) problems.push_back({"requisition_ids", "required", "field.required", {}});
  OrderInput order;
  std::set<std::int64_t> warehouses;
  for (std::size_t i = 0; i < input.requisition_ids.size(); ++i) {
    auto row = c.query_row(
        "SELECT r.item_id, r.quantity, r.needed_by, r.warehouse_id, r.status, i.standard_cost FROM "
        "purchase_requisitions r JOIN items i ON i.id = r.item_id WHERE r.id = $1 AND r.company_id = $2 "
        "AND r.archived_at IS NULL",
        {input.requisition_ids[i], company});
    if (!row) return row.error();
    const std::string at = "requisition_ids[" + std::to_string(i) + "]";
    if (!*row) {
      problems.push_back({at, "unknown", "purchasing.requisition_unknown", {}});
      continue;
    }
    if ((*row)->text(4).value_or("") != "open") {
      problems.push_back({at, "not_open", "purchasing.requisition_not_open", {}});
      continue;
    }
    const std::int64_t item = (*row)->int64(0).value_or(0);
    warehouses.insert((*row)->int64(3).value_or(0));
    auto last = last_purchase(c, company, input.supplier_id, item);
    if (!last) return last.error();
    const Decimal standard = (*row)->is_null(5) ? Decimal() : (*row)->decimal(5).value_or(Decimal());
    const Decimal unit_price = *last ? (*last)->price : standard;
    auto rounded = unit_price.rescale(std::min(unit_price.scale(), 6));
    order.lines.push_back(OrderLineInput{.item_id = item,
                                         .quantity = (*row)->decimal(1).value_or(Decimal()).to_string(),
                                         .price = rounded ? rounded->to_string() : "0",
                                         .tax_rate = *last ? (*last)->tax_rate.to_string() : std::string(),
                                         .expected_date = (*row)->date(2) ? std::optional(*(*row)->date(2)) : std::nullopt});
  }
  if (!input.warehouse_id && warehouses.size() > 1) {
    problems.push_back({"warehouse_id", "required", "purchasing.requisitions_many_warehouses", {}});
  }
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  order.header = json::object{{"supplier_id", input.supplier_id},
                              {"order_date", input.order_date.to_string()},
                              {"warehouse_id", input.warehouse_id.value_or(*warehouses.begin())}};
  auto created = create_order(c, orders, actor, order);
  if (!created) return created.error();
  for (std::int64_t requisition : input.requisition_ids) {
    auto marked = orders.store.transition_in(c, requisitions, actor.principal, requisition,
                                             {{"status", "ordered"}, {"purchase_order_id", *created}}, "order",
                                             actor.caller);
    if (!marked) return marked.error();
  }
  return *created;
}

Result<ReorderRequisitions> requisitions_from_reorder(Connection& c, const entity::EntityStore& store,
                                                      const EntitySpec& requisitions, const Actor& actor,
                                                      std::optional<std::int64_t> default_warehouse, storage::Date today) {
  const std::int64_t company = actor.principal.company_id;
  auto suggestions = inventory::reorder_suggestions(c, company);
  if (!suggestions) return suggestions.error();
  ReorderRequisitions outcome;
  for (const inventory::ReorderLine& line : *suggestions) {
    if (line.suggested <= 0 || (line.status != "below_minimum" && line.status != "below_safety")) continue;
    const std::optional<std::int64_t> warehouse = line.warehouse_id ? line.warehouse_id : default_warehouse;
    if (!warehouse) {
      ++outcome.without_warehouse;
      continue;
    }
    auto open = c.query_row(
        "SELECT 1 FROM purchase_requisitions WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3 "
        "AND status = 'open' AND archived_at IS NULL",
        {company, line.item_id, *warehouse});
    if (!open) return open.error();
    if (*open) {
      ++outcome.already_requested;
      continue;
    }
    auto lead = c.query_row("SELECT lead_time_days FROM items WHERE id = $1", {line.item_id});
    if (!lead) return lead.error();
    const std::int64_t days = *lead && !(*lead)->is_null(0) ? (*lead)->int64(0).value_or(0) : 0;
    auto created = store.create_in(
        c, requisitions, actor.principal,
        json::object{{"item_id", line.item_id},
                     {"quantity", inventory::to_decimal(line.suggested).to_string()},
                     {"needed_by", storage::Date::from_days(today.to_days() + days).to_string()},
                     {"warehouse_id", *warehouse},
                     {"source", "reorder"},
                     {"notes", "补货建议：可用 " + inventory::format_quantity(line.available) + "，最低 " +
                                   inventory::format_quantity(line.minimum)}},
        true, actor.caller);
    if (!created) return created.error();
    outcome.created.push_back(created->record->id);
  }
  return outcome;
}

}  // namespace verp::purchasing
