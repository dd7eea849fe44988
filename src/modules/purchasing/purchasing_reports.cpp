#include "modules/purchasing/purchasing_reports.hpp"

#include <boost/json.hpp>
#include <map>

#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/report_tables.hpp"

namespace verp::purchasing {

namespace json = boost::json;
using storage::Connection;
using storage::Date;
using storage::Value;

namespace {

// " AND <column> >= $n AND <column> <= $m" for the range, appending its parameters.
std::string range_sql(const ReportRange& range, std::string_view column, std::vector<Value>& params) {
  std::string sql;
  if (range.from) {
    params.emplace_back(*range.from);
    sql += " AND " + std::string(column) + " >= $" + std::to_string(params.size());
  }
  if (range.to) {
    params.emplace_back(*range.to);
    sql += " AND " + std::string(column) + " <= $" + std::to_string(params.size());
  }
  return sql;
}

std::string quantity_in_unit(Qty quantity, const Decimal& factor) {
  auto value = inventory::to_decimal(quantity).div(factor, inventory::kQuantityScale);
  return value ? inventory::format_quantity(static_cast<Qty>(value->units())) : std::string();
}

}  // namespace

Result<json::object> open_orders_report(Connection& c, std::int64_t company, Date today) {
  auto rows = c.query(
      "SELECT o.id, o.code, s.name, l.line_no, i.code, i.name, u.name, l.factor, l.quantity, l.received - l.returned, "
      "COALESCE(l.expected_date, o.expected_date), l.amount FROM purchase_order_lines l JOIN purchase_orders o ON "
      "o.id = l.order_id JOIN suppliers s ON s.id = o.supplier_id JOIN items i ON i.id = l.item_id "
      "LEFT JOIN units_of_measure u ON u.id = l.uom_id WHERE o.company_id = $1 AND o.archived_at IS NULL "
      "AND o.status IN ('approved', 'partly_received') AND l.received - l.returned < l.quantity "
      "ORDER BY COALESCE(l.expected_date, o.expected_date), o.id, l.line_no",
      {company});
  if (!rows) return rows.error();
  json::array listed;
  Cents open_value = 0;
  for (const auto& row : *rows) {
    const Decimal factor = row.decimal(7).value_or(Decimal::from_int(1));
    const Qty ordered = row.int64(8).value_or(0);
    const Qty received = row.int64(9).value_or(0);
    const Cents value = inventory::share_of(row.int64(11).value_or(0), ordered - received, ordered);
    open_value += value;
    json::object line{{"order_id", row.int64(0).value_or(0)},
                      {"order", row.text(1).value_or("")},
                      {"supplier", row.text(2).value_or("")},
                      {"line_no", row.int64(3).value_or(0)},
                      {"item_code", row.text(4).value_or("")},
                      {"item_name", row.text(5).value_or("")},
                      {"unit", row.text(6).value_or("")},
                      {"ordered", quantity_in_unit(ordered, factor)},
                      {"received", quantity_in_unit(received, factor)},
                      {"open", quantity_in_unit(ordered - received, factor)},
                      {"open_value", finance::format_amount(value)}};
    if (auto expected = row.date(10); expected) {
      line["expected_date"] = expected->to_string();
      line["days_late"] = std::max<std::int64_t>(0, today.to_days() - expected->to_days());
    } else {
      line["expected_date"] = nullptr;
      line["days_late"] = 0;
    }
    listed.push_back(std::move(line));
  }
  json::object report = finance::described_report("未完成采购订单", "Open purchase orders",
                                                  {{"order", "订单号", "Order"},
                                                   {"supplier", "供应商", "Supplier"},
                                                   {"item_code", "物料编码", "Item"},
                                                   {"item_name", "物料名称", "Name"},
                                                   {"unit", "单位", "Unit"},
                                                   {"ordered", "订购", "Ordered"},
                                                   {"received", "已收", "Received"},
                                                   {"open", "未交", "Open"},
                                                   {"open_value", "未交金额", "Open value"},
                                                   {"expected_date", "交货日期", "Expected"},
                                                   {"days_late", "逾期天数", "Days late"}},
                                                  std::move(listed));
  report["as_of"] = today.to_string();
  report["open_value"] = finance::format_amount(open_value);
  return report;
}

Result<json::object> delivery_performance_report(Connection& c, std::int64_t company, const ReportRange& range) {
  std::vector<Value> params{company};
  const std::string dates = range_sql(range, "r.document_date", params);
  auto rows = c.query(
      "SELECT s.id, s.name, r.document_date, COALESCE(l.expected_date, o.expected_date), x.quantity, x.rejected "
      "FROM goods_receipt_lines x JOIN goods_receipts r ON r.id = x.receipt_id JOIN purchase_orders o ON "
      "o.id = r.order_id JOIN purchase_order_lines l ON l.order_id = o.id AND l.line_no = x.line_no "
      "JOIN suppliers s ON s.id = r.supplier_id WHERE r.company_id = $1 AND r.kind = 'receipt'" + dates +
          " ORDER BY s.name, s.id",
      params);
  if (!rows) return rows.error();
  struct Tally {
    std::string name;
    std::int64_t lines = 0, on_time = 0, late_days = 0, late = 0;
    Qty arrived = 0, rejected = 0;
  };
  std::map<std::int64_t, Tally> per_supplier;
  for (const auto& row : *rows) {
    Tally& tally = per_supplier[row.int64(0).value_or(0)];
    tally.name = row.text(1).value_or("");
    ++tally.lines;
    const auto received = row.date(2);
    const auto expected = row.date(3);
    const std::int64_t late = received && expected ? received->to_days() - expected->to_days() : 0;
    if (late <= 0) {
      ++tally.on_time;
    } else {
      ++tally.late;
      tally.late_days += late;
    }
    tally.arrived += row.int64(4).value_or(0);
    tally.rejected += row.int64(5).value_or(0);
  }
  auto percent = [](std::int64_t part, std::int64_t whole) {
    if (whole == 0) return std::string("0.0");
    auto value = Decimal::from_int(part * 100).div(Decimal::from_int(whole), 1);
    return value ? value->to_string() : std::string();
  };
  json::array listed;
  for (const auto& [id, tally] : per_supplier) {
    auto average = tally.late == 0 ? Result<Decimal>(Decimal::from_int(0))
                                   : Decimal::from_int(tally.late_days).div(Decimal::from_int(tally.late), 1);
    listed.push_back(json::object{{"supplier_id", id},
                                  {"supplier", tally.name},
                                  {"lines", tally.lines},
                                  {"on_time", tally.on_time},
                                  {"on_time_rate", percent(tally.on_time, tally.lines)},
                                  {"average_days_late", average ? average->to_string() : ""},
                                  {"rejected_rate", percent(tally.rejected, tally.arrived)}});
  }
  return finance::described_report("供应商交货表现", "Supplier delivery performance",
                                   {{"supplier", "供应商", "Supplier"},
                                    {"lines", "收货行数", "Lines received"},
                                    {"on_time", "准时", "On time"},
                                    {"on_time_rate", "准时率%", "On-time %"},
                                    {"average_days_late", "平均延迟天数", "Average days late"},
                                    {"rejected_rate", "拒收率%", "Rejected %"}},
                                   std::move(listed));
}

Result<json::object> price_history_report(Connection& c, std::int64_t company, std::int64_t item) {
  auto rows = c.query(
      "SELECT o.order_date, o.code, s.name, l.price, l.factor, l.quantity FROM purchase_order_lines l JOIN "
      "purchase_orders o ON o.id = l.order_id JOIN suppliers s ON s.id = o.supplier_id WHERE o.company_id = $1 "
      "AND l.item_id = $2 AND o.status NOT IN ('draft', 'rejected', 'cancelled') AND o.archived_at IS NULL "
      "ORDER BY o.order_date, o.id",
      {company, item});
  if (!rows) return rows.error();
  json::array listed;
  for (const auto& row : *rows) {
    auto per_unit = row.decimal(3).value_or(Decimal()).div(row.decimal(4).value_or(Decimal::from_int(1)), 4);
    listed.push_back(json::object{{"date", row.date(0) ? row.date(0)->to_string() : ""},
                                  {"order", row.text(1).value_or("")},
                                  {"supplier", row.text(2).value_or("")},
                                  {"unit_price", per_unit ? per_unit->to_string() : ""},
                                  {"quantity", inventory::format_quantity(row.int64(5).value_or(0))}});
  }
  json::object report = finance::described_report("采购价格历史", "Purchase price history",
                                                  {{"date", "日期", "Date"},
                                                   {"order", "订单号", "Order"},
                                                   {"supplier", "供应商", "Supplier"},
                                                   {"unit_price", "单价（库存单位）", "Price per stock unit"},
                                                   {"quantity", "数量", "Quantity"}},
                                                  std::move(listed));
  report["item_id"] = item;
  return report;
}

Result<json::object> purchases_report(Connection& c, std::int64_t company, std::string_view group,
                                      const ReportRange& range) {
  std::string key;
  std::string label;
  if (group == "supplier") {
    key = "CAST(o.supplier_id AS TEXT)";
    label = "MAX(s.name)";
  } else if (group == "item") {
    key = "CAST(l.item_id AS TEXT)";
    label = "MAX(i.code || ' ' || i.name)";
  } else if (group == "month") {
    key = "SUBSTR(CAST(o.order_date AS TEXT), 1, 7)";
    label = "MIN(SUBSTR(CAST(o.order_date AS TEXT), 1, 7))";
  } else {
    return finance::field_error("group", "invalid", "purchasing.report_group_invalid");
  }
  std::vector<Value> params{company};
  const std::string dates = range_sql(range, "o.order_date", params);
  auto rows = c.query(
      "SELECT " + key + ", " + label + ", COUNT(DISTINCT o.id), SUM(l.amount), SUM(l.tax), SUM(l.received_value) "
      "FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id JOIN suppliers s ON "
      "s.id = o.supplier_id JOIN items i ON i.id = l.item_id WHERE o.company_id = $1 AND o.archived_at IS NULL "
      "AND o.status NOT IN ('draft', 'pending', 'rejected', 'cancelled')" + dates + " GROUP BY " + key +
          " ORDER BY SUM(l.amount) DESC",
      params);
  if (!rows) return rows.error();
  json::array listed;
  Cents amount = 0, tax = 0, received = 0;
  for (const auto& row : *rows) {
    amount += row.int64(3).value_or(0);
    tax += row.int64(4).value_or(0);
    received += row.int64(5).value_or(0);
    listed.push_back(json::object{{"key", row.text(0).value_or("")},
                                  {"name", row.text(1).value_or("")},
                                  {"orders", row.int64(2).value_or(0)},
                                  {"amount", finance::format_amount(row.int64(3).value_or(0))},
                                  {"tax", finance::format_amount(row.int64(4).value_or(0))},
                                  {"received_value", finance::format_amount(row.int64(5).value_or(0))}});
  }
  json::object report = finance::described_report("采购汇总", "Purchases",
                                                  {{"name",
                                                    group == "month"  ? "月份"
                                                    : group == "item" ? "物料"
                                                                      : "供应商",
                                                    group == "month"  ? "Month"
                                                    : group == "item" ? "Item"
                                                                      : "Supplier"},
                                                   {"orders", "订单数", "Orders"},
                                                   {"amount", "金额（不含税）", "Amount excl. tax"},
                                                   {"tax", "税额", "Tax"},
                                                   {"received_value", "已收货金额", "Received value"}},
                                                  std::move(listed));
  report["group"] = std::string(group);
  report["totals"] = json::object{{"amount", finance::format_amount(amount)},
                                  {"tax", finance::format_amount(tax)},
                                  {"received_value", finance::format_amount(received)}};
  return report;
}

}  // namespace verp::purchasing
