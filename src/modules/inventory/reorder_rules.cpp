// Reorder rules and what they suggest (reorder.hpp).
#include <algorithm>
#include <boost/json.hpp>
#include <tuple>

#include "modules/finance/amount.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/reorder.hpp"

namespace verp::inventory {

namespace json = boost::json;
using entity::Field;
using entity::FieldKind;
using storage::Connection;
using storage::Row;

namespace {

// Maximum ≥ minimum, and one rule per item and warehouse (the generic checks keep each ≥ 0).
Status check_reorder_rule(entity::RuleContext& context) {
  const entity::Record& record = context.record;
  const auto* minimum = record.get("min_quantity").get_if<Decimal>();
  const auto* maximum = record.get("max_quantity").get_if<Decimal>();
  if (minimum != nullptr && maximum != nullptr && *maximum < *minimum) {
    context.reject("max_quantity", "below_minimum", "inventory.reorder_max_below_min");
  }
  const auto* item = record.get("item_id").get_if<std::int64_t>();
  const auto* warehouse = record.get("warehouse_id").get_if<std::int64_t>();
  if (item == nullptr || warehouse == nullptr) return {};
  auto twin = context.connection.query_row(
      "SELECT 1 FROM reorder_rules WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3 AND id <> $4 "
      "AND archived_at IS NULL",
      {record.company_id.value_or(context.principal.company_id), *item, *warehouse, record.id});
  if (!twin) return twin.error();
  if (*twin) context.reject("warehouse_id", "not_unique", "inventory.reorder_rule_exists");
  return {};
}

Field quantity(std::string name, entity::LocalText label, entity::LocalText help = {}, bool required = false) {
  return Field{.name = std::move(name), .kind = FieldKind::quantity, .label = std::move(label), .help = std::move(help),
               .required = required, .minimum = Decimal::from_int(0),
               .default_value = required ? std::optional<std::string>("0") : std::nullopt};
}

std::optional<Qty> quantity_of(const Row& row, std::size_t index) {
  if (row.is_null(index)) return std::nullopt;
  auto decimal = row.decimal(index);
  if (!decimal) return std::nullopt;
  auto parsed = parse_quantity(decimal->to_string());
  return parsed ? std::optional<Qty>(*parsed) : std::nullopt;
}

void judge(ReorderLine& line) {
  line.available = line.on_hand - line.reserved;
  if (line.safety > 0 && line.available < line.safety) {
    line.status = "below_safety";
  } else if (line.available < line.minimum) {
    line.status = "below_minimum";
  } else if (line.maximum && line.available > *line.maximum) {
    line.status = "above_maximum";
  } else {
    line.status = "ok";
  }
  if (line.status != "below_safety" && line.status != "below_minimum") return;
  const Qty to_minimum = line.minimum - line.available;
  const Qty wanted = line.maximum            ? *line.maximum - line.available
                     : line.reorder_quantity ? std::max(*line.reorder_quantity, to_minimum)
                                             : to_minimum;
  line.suggested = std::max<Qty>(wanted, 0);
}

json::value quantity_or_null(const std::optional<Qty>& quantity) {
  return quantity ? json::value(format_quantity(*quantity)) : json::value();
}

json::object line_json(const ReorderLine& line) {
  json::object row{{"item_id", line.item_id},
                   {"item_code", line.item_code},
                   {"item_name", line.item_name},
                   {"unit", line.unit},
                   {"on_hand", format_quantity(line.on_hand)},
                   {"reserved", format_quantity(line.reserved)},
                   {"available", format_quantity(line.available)},
                   {"min_quantity", format_quantity(line.minimum)},
                   {"safety_stock", format_quantity(line.safety)},
                   {"max_quantity", quantity_or_null(line.maximum)},
                   {"reorder_quantity", quantity_or_null(line.reorder_quantity)},
                   {"status", line.status},
                   {"suggested", format_quantity(line.suggested)}};
  row["rule_id"] = line.rule_id ? json::value(*line.rule_id) : json::value();
  row["warehouse_id"] = line.warehouse_id ? json::value(*line.warehouse_id) : json::value();
  row["warehouse_code"] = line.warehouse_id ? json::value(line.warehouse_code) : json::value();
  row["warehouse"] = line.warehouse_id ? json::value(line.warehouse) : json::value();
  return row;
}

}  // namespace

entity::EntitySpec reorder_rule_entity() {
  return entity::EntitySpec{
      .name = "reorder_rule",
      .table = "reorder_rules",
      .path = "reorder-rules",
      .label = {"补货规则", "Reorder rule"},
      .fields = {Field{.name = "item_id", .kind = FieldKind::link, .label = {"物料", "Item"}, .required = true,
                       .link_to = "item"},
                 Field{.name = "warehouse_id", .kind = FieldKind::link, .label = {"仓库", "Warehouse"}, .required = true,
                       .link_to = "warehouse"},
                 quantity("min_quantity", {"最低库存", "Minimum"},
                          {"可用量低于此数时提示补货", "Reorder when available stock falls below this"}, true),
                 quantity("max_quantity", {"最高库存", "Maximum"},
                          {"补货补到此数；超过时提示积压", "Reorder up to this; above it is overstock"}),
                 quantity("safety_stock", {"安全库存", "Safety stock"},
                          {"低于此数为紧急缺货", "Below this the shortage is urgent"}, true),
                 quantity("reorder_quantity", {"再订货量", "Reorder quantity"},
                          {"未设最高库存时每次建议的采购量", "What to order each time when there is no maximum"}),
                 Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"},
                       .default_value = "true"}},
      .title_field = "",
      .default_sort = "item_id",
      .validate = check_reorder_rule};
}

Result<std::vector<ReorderLine>> reorder_suggestions(Connection& c, std::int64_t company) {
  // The active rules, then the items judged by their own levels because no active rule names them.
  auto rows = c.query(
      "SELECT r.id, r.item_id, i.code, i.name, u.name, r.warehouse_id, w.code, w.name, r.min_quantity, "
      "r.max_quantity, r.safety_stock, r.reorder_quantity, COALESCE(p.on_hand, 0), COALESCE(p.reserved, 0) "
      "FROM reorder_rules r JOIN items i ON i.id = r.item_id JOIN warehouses w ON w.id = r.warehouse_id "
      "LEFT JOIN units_of_measure u ON u.id = i.uom_id LEFT JOIN stock_positions p ON p.company_id = r.company_id "
      "AND p.item_id = r.item_id AND p.warehouse_id = r.warehouse_id WHERE r.company_id = $1 AND "
      "r.archived_at IS NULL AND r.active AND i.archived_at IS NULL "
      "UNION ALL SELECT NULL, i.id, i.code, i.name, u.name, NULL, NULL, NULL, i.min_stock, i.max_stock, "
      "i.safety_stock, NULL, COALESCE(SUM(p.on_hand), 0), COALESCE(SUM(p.reserved), 0) FROM items i "
      "LEFT JOIN units_of_measure u ON u.id = i.uom_id LEFT JOIN stock_positions p ON p.company_id = i.company_id "
      "AND p.item_id = i.id WHERE i.company_id = $1 AND i.archived_at IS NULL AND i.active AND "
      "i.item_type <> 'service' AND (i.min_stock IS NOT NULL OR i.max_stock IS NOT NULL OR "
      "i.safety_stock IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM reorder_rules r WHERE r.company_id = i.company_id "
      "AND r.item_id = i.id AND r.archived_at IS NULL AND r.active) "
      "GROUP BY i.id, i.code, i.name, u.name, i.min_stock, i.max_stock, i.safety_stock",
      {company});
  if (!rows) return rows.error();
  std::vector<ReorderLine> lines;
  for (const Row& row : *rows) {
    ReorderLine line{.item_id = row.int64(1).value_or(0),
                     .item_code = row.text(2).value_or(""),
                     .item_name = row.text(3).value_or(""),
                     .unit = row.text(4).value_or(""),
                     .warehouse_code = row.text(6).value_or(""),
                     .warehouse = row.text(7).value_or(""),
                     .on_hand = row.int64(12).value_or(0),
                     .reserved = row.int64(13).value_or(0),
                     .minimum = quantity_of(row, 8).value_or(0),
                     .safety = quantity_of(row, 10).value_or(0),
                     .maximum = quantity_of(row, 9),
                     .reorder_quantity = quantity_of(row, 11)};
    if (!row.is_null(0)) line.rule_id = row.int64(0).value_or(0);
    if (!row.is_null(5)) line.warehouse_id = row.int64(5).value_or(0);
    judge(line);
    lines.push_back(std::move(line));
  }
  // Item code, then the item's own company-wide line before its warehouses' rules.
  std::sort(lines.begin(), lines.end(), [](const ReorderLine& a, const ReorderLine& b) {
    return std::tie(a.item_code, a.item_id, a.warehouse_code, a.warehouse_id) <
           std::tie(b.item_code, b.item_id, b.warehouse_code, b.warehouse_id);
  });
  return lines;
}

Result<json::object> reorder_report(Connection& c, std::int64_t company, std::string_view status,
                                    std::optional<std::int64_t> warehouse, std::optional<std::int64_t> item) {
  static constexpr std::string_view kStatuses[] = {"below_safety", "below_minimum", "above_maximum", "ok"};
  const bool known = status.empty() || status == "below" ||
                     std::find(std::begin(kStatuses), std::end(kStatuses), status) != std::end(kStatuses);
  if (!known) return finance::field_error("status", "invalid", "inventory.reorder_status_invalid");
  auto lines = reorder_suggestions(c, company);
  if (!lines) return lines.error();
  json::array rows;
  json::object counts;
  for (std::string_view name : kStatuses) counts[name] = 0;
  for (const ReorderLine& line : *lines) {
    if (warehouse && line.warehouse_id != warehouse) continue;
    if (item && line.item_id != *item) continue;
    counts[line.status] = counts[line.status].as_int64() + 1;
    const bool below = line.status == "below_safety" || line.status == "below_minimum";
    if (!status.empty() && line.status != status && !(status == "below" && below)) continue;
    rows.push_back(line_json(line));
  }
  return json::object{{"rows", std::move(rows)}, {"counts", std::move(counts)}};
}

}  // namespace verp::inventory
