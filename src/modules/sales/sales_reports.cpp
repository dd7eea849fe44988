#include "modules/sales/sales_reports.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cassert>
#include <map>
#include <set>

#include "modules/finance/amount.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/open_items.hpp"
#include "modules/finance/report_tables.hpp"
#include "modules/sales/order_lines.hpp"

namespace verp::sales {

namespace json = boost::json;
using finance::format_amount;
using storage::Connection;
using storage::Date;
using storage::Row;
using storage::Value;

namespace {

// Orders past confirmation: what the company has agreed to sell. A cancelled order never shipped
// anything (after a partial shipment the rest is cancelled and the order stays shipped).
constexpr std::string_view kConfirmed = " AND o.status NOT IN ('draft', 'pending', 'rejected', 'cancelled')";

// Reports read the orders as `o`; their scope as SQL, appending its parameters (the company first).
std::string scoped(const OrderScope& scope, std::vector<Value>& params) {
  params.emplace_back(scope.company);
  std::string sql = "o.company_id = $" + std::to_string(params.size()) + " AND o.archived_at IS NULL";
  if (!scope.owner) return sql;
  params.emplace_back(*scope.owner);
  sql += " AND (o.owner_id = $" + std::to_string(params.size());
  if (scope.department) {
    params.emplace_back(*scope.department);
    sql += " OR o.department_id = $" + std::to_string(params.size());
  }
  return sql + ")";
}

// " AND <column> >= $n" and " AND <column> <= $m" for the bounds the range has.
std::string within(const ReportRange& range, std::string_view column, std::vector<Value>& params) {
  std::string sql;
  for (const auto& [bound, op] : {std::pair{range.from, " >= $"}, std::pair{range.to, " <= $"}}) {
    if (!bound) continue;
    params.emplace_back(*bound);
    sql += " AND " + std::string(column) + op + std::to_string(params.size());
  }
  return sql;
}

// part / whole as a percentage with one decimal ("" when there is no whole).
std::string percent_of(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return {};
  auto value = Decimal::from_int(part).mul(Decimal::from_int(100), 0);
  if (!value) return {};
  auto share = value->div(Decimal::from_int(whole), 1);
  return share ? share->to_string() : std::string();
}

struct Grouping {
  std::string key;    // SQL: the group's key as text
  std::string label;  // SQL: an aggregate naming the group
  const char* zh;
  const char* en;
};

Result<Grouping> sales_grouping(std::string_view group) {
  if (group == "customer") return Grouping{"CAST(o.customer_id AS TEXT)", "MAX(cu.name)", "客户", "Customer"};
  if (group == "item") return Grouping{"CAST(l.item_id AS TEXT)", "MAX(i.code || ' ' || i.name)", "物料", "Item"};
  if (group == "salesperson") {
    return Grouping{"COALESCE(CAST(o.salesperson_id AS TEXT), '')", "COALESCE(MAX(e.name), '')", "销售员", "Salesperson"};
  }
  if (group == "region") return Grouping{"COALESCE(cu.region, '')", "COALESCE(MAX(cu.region), '')", "地区", "Region"};
  if (group == "month") {
    return Grouping{"SUBSTR(CAST(o.order_date AS TEXT), 1, 7)", "MIN(SUBSTR(CAST(o.order_date AS TEXT), 1, 7))", "月份",
                    "Month"};
  }
  return finance::field_error("group", "invalid", "sales.report_group_invalid");
}

}  // namespace

OrderScope order_scope_of(const security::Principal& principal) {
  OrderScope scope{.company = principal.company_id};
  const auto reach = principal.scope_for("sales_order", "read");
  if (reach && *reach >= security::DataScope::company) return scope;
  // No grant at all reaches nothing (no user -1 owns an order): the routes ask for the grant first.
  scope.owner = reach ? principal.user_id : -1;
  if (reach == security::DataScope::department) scope.department = principal.department_id;
  return scope;
}

Result<json::object> sales_report(Connection& c, const OrderScope& scope, std::string_view group,
                                  const ReportRange& range) {
  auto grouping = sales_grouping(group);
  if (!grouping) return grouping.error();
  std::vector<Value> params;
  const std::string where = scoped(scope, params) + std::string(kConfirmed) + within(range, "o.order_date", params);
  auto rows = c.query(
      "SELECT " + grouping->key + ", " + grouping->label + ", COUNT(DISTINCT o.id), SUM(l.amount), SUM(l.tax), "
      "SUM(l.shipped_value - l.returned_value), SUM(l.invoiced_amount) FROM sales_order_lines l JOIN sales_orders o "
      "ON o.id = l.order_id JOIN customers cu ON cu.id = o.customer_id JOIN items i ON i.id = l.item_id "
      "LEFT JOIN employees e ON e.id = o.salesperson_id WHERE " + where + " GROUP BY " + grouping->key +
          " ORDER BY SUM(l.amount) DESC, " + grouping->key,
      params);
  if (!rows) return rows.error();
  json::array listed;
  Cents amount = 0, tax = 0, cost = 0, invoiced = 0;
  for (const Row& row : *rows) {
    amount += row.int64(3).value_or(0);
    tax += row.int64(4).value_or(0);
    cost += row.int64(5).value_or(0);
    invoiced += row.int64(6).value_or(0);
    listed.push_back(json::object{{"key", row.text(0).value_or("")},
                                  {"name", row.text(1).value_or("")},
                                  {"orders", row.int64(2).value_or(0)},
                                  {"amount", format_amount(row.int64(3).value_or(0))},
                                  {"tax", format_amount(row.int64(4).value_or(0))},
                                  {"cost_of_sales", format_amount(row.int64(5).value_or(0))},
                                  {"invoiced", format_amount(row.int64(6).value_or(0))}});
  }
  json::object report = finance::described_report(
      "销售汇总", "Sales",
      {{"name", grouping->zh, grouping->en},
       {"orders", "订单数", "Orders"},
       {"amount", "订货金额（不含税）", "Ordered excl. tax"},
       {"tax", "税额", "Tax"},
       {"cost_of_sales", "销售成本", "Cost of sales"},
       {"invoiced", "已开票金额", "Invoiced"}},
      std::move(listed));
  report["group"] = std::string(group);
  report["totals"] = json::object{{"amount", format_amount(amount)},
                                  {"tax", format_amount(tax)},
                                  {"cost_of_sales", format_amount(cost)},
                                  {"invoiced", format_amount(invoiced)}};
  return report;
}

Result<json::object> backlog_report(Connection& c, const OrderScope& scope, Date today) {
  std::vector<Value> params;
  const std::string where = scoped(scope, params);
  // Lines without a promised date last on both databases (their NULL ordering differs).
  auto rows = c.query(
      "SELECT o.id, o.code, cu.name, l.line_no, i.code, i.name, u.name, l.factor, l.quantity, l.shipped, l.cancelled, "
      "l.amount, COALESCE(l.delivery_date, o.delivery_date), o.status FROM sales_order_lines l JOIN sales_orders o ON "
      "o.id = l.order_id JOIN customers cu ON cu.id = o.customer_id JOIN items i ON i.id = l.item_id LEFT JOIN "
      "units_of_measure u ON u.id = l.uom_id WHERE " + where +
          " AND o.status IN ('ordered', 'preparing', 'partly_shipped', 'on_hold') "
          "AND l.quantity - l.cancelled - l.shipped > 0 ORDER BY CASE WHEN COALESCE(l.delivery_date, o.delivery_date) "
          "IS NULL THEN 1 ELSE 0 END, COALESCE(l.delivery_date, o.delivery_date), o.id, l.line_no",
      params);
  if (!rows) return rows.error();
  json::array listed;
  Cents open_value = 0;
  for (const Row& row : *rows) {
    const Decimal factor = row.decimal(7).value_or(Decimal::from_int(1));
    const Qty ordered = row.int64(8).value_or(0);
    const Qty open = ordered - row.int64(9).value_or(0) - row.int64(10).value_or(0);
    const Cents value = inventory::share_of(row.int64(11).value_or(0), open, ordered);
    open_value += value;
    json::object line{{"order_id", row.int64(0).value_or(0)},
                      {"order", row.text(1).value_or("")},
                      {"customer", row.text(2).value_or("")},
                      {"line_no", row.int64(3).value_or(0)},
                      {"item_code", row.text(4).value_or("")},
                      {"item_name", row.text(5).value_or("")},
                      {"unit", row.text(6).value_or("")},
                      {"ordered", in_line_unit(ordered, factor)},
                      {"shipped", in_line_unit(row.int64(9).value_or(0), factor)},
                      {"open", in_line_unit(open, factor)},
                      {"open_value", format_amount(value)},
                      {"status", row.text(13).value_or("")},
                      {"delivery_date", nullptr},
                      {"days_late", 0}};
    if (auto promised = row.date(12); promised) {
      line["delivery_date"] = promised->to_string();
      line["days_late"] = std::max<std::int64_t>(0, today.to_days() - promised->to_days());
    }
    listed.push_back(std::move(line));
  }
  json::object report = finance::described_report("未发货订单", "Sales backlog",
                                                  {{"order", "订单号", "Order"},
                                                   {"customer", "客户", "Customer"},
                                                   {"item_code", "物料编码", "Item"},
                                                   {"item_name", "物料名称", "Name"},
                                                   {"unit", "单位", "Unit"},
                                                   {"ordered", "订购", "Ordered"},
                                                   {"shipped", "已发", "Shipped"},
                                                   {"open", "未发", "Open"},
                                                   {"open_value", "未发金额", "Open value"},
                                                   {"delivery_date", "交货日期", "Delivery date"},
                                                   {"days_late", "逾期天数", "Days late"}},
                                                  std::move(listed));
  report["as_of"] = today.to_string();
  report["open_value"] = format_amount(open_value);
  return report;
}

Result<json::object> on_time_delivery_report(Connection& c, const OrderScope& scope, const ReportRange& range) {
  std::vector<Value> params;
  const std::string where = scoped(scope, params) + within(range, "d.shipped_on", params);
  auto rows = c.query(
      "SELECT cu.id, cu.name, d.shipped_on, COALESCE(l.delivery_date, o.delivery_date) FROM sales_delivery_lines dl "
      "JOIN sales_deliveries d ON d.id = dl.delivery_id JOIN sales_orders o ON o.id = dl.order_id JOIN "
      "sales_order_lines l ON l.order_id = dl.order_id AND l.line_no = dl.line_no JOIN customers cu ON "
      "cu.id = d.customer_id WHERE " + where + " AND d.company_id = o.company_id AND d.kind = 'delivery' "
          "AND d.state = 'shipped' ORDER BY cu.name, cu.id",
      params);
  if (!rows) return rows.error();
  struct Tally {
    std::string name;
    std::int64_t lines = 0, on_time = 0, late = 0, late_days = 0;
  };
  std::map<std::int64_t, Tally> per_customer;
  std::vector<std::int64_t> order_seen;  // customers in the rows' order (by name)
  for (const Row& row : *rows) {
    const std::int64_t id = row.int64(0).value_or(0);
    auto [found, fresh] = per_customer.try_emplace(id);
    if (fresh) order_seen.push_back(id);
    Tally& tally = found->second;
    tally.name = row.text(1).value_or("");
    ++tally.lines;
    const auto shipped = row.date(2);
    const auto promised = row.date(3);
    const std::int64_t late = shipped && promised ? shipped->to_days() - promised->to_days() : 0;
    if (late <= 0) {
      ++tally.on_time;
    } else {
      ++tally.late;
      tally.late_days += late;
    }
  }
  json::array listed;
  std::int64_t lines = 0, on_time = 0;
  for (std::int64_t id : order_seen) {
    const Tally& tally = per_customer.at(id);
    lines += tally.lines;
    on_time += tally.on_time;
    auto average = tally.late == 0 ? Result<Decimal>(Decimal::from_int(0))
                                   : Decimal::from_int(tally.late_days).div(Decimal::from_int(tally.late), 1);
    listed.push_back(json::object{{"customer_id", id},
                                  {"customer", tally.name},
                                  {"lines", tally.lines},
                                  {"on_time", tally.on_time},
                                  {"late", tally.late},
                                  {"on_time_rate", percent_of(tally.on_time, tally.lines)},
                                  {"average_days_late", average ? average->to_string() : ""}});
  }
  json::object report = finance::described_report("准时交货率", "On-time delivery",
                                                  {{"customer", "客户", "Customer"},
                                                   {"lines", "发货行数", "Lines shipped"},
                                                   {"on_time", "准时", "On time"},
                                                   {"late", "延迟", "Late"},
                                                   {"on_time_rate", "准时率%", "On-time %"},
                                                   {"average_days_late", "平均延迟天数", "Average days late"}},
                                                  std::move(listed));
  report["totals"] = json::object{{"lines", lines}, {"on_time", on_time}, {"on_time_rate", percent_of(on_time, lines)}};
  return report;
}

Result<json::object> margin_report(Connection& c, const OrderScope& scope, std::string_view group,
                                   const ReportRange& range) {
  std::string key;
  std::string label;
  if (group == "order") {
    key = "CAST(o.id AS TEXT)";
    label = "MAX(o.code)";
  } else if (group == "customer") {
    key = "CAST(o.customer_id AS TEXT)";
    label = "MAX(cu.name)";
  } else {
    return finance::field_error("group", "invalid", "sales.margin_group_invalid");
  }
  std::vector<Value> params;
  const std::string where = scoped(scope, params) + std::string(kConfirmed) + within(range, "o.order_date", params);
  auto rows = c.query(
      "SELECT " + key + ", " + label + ", MAX(cu.name), SUM(l.invoiced_amount), SUM(l.shipped_value - l.returned_value) "
      "FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id JOIN customers cu ON cu.id = o.customer_id "
      "WHERE " + where + " GROUP BY " + key +
          " HAVING SUM(l.invoiced_amount) <> 0 OR SUM(l.shipped_value - l.returned_value) <> 0 "
          "ORDER BY SUM(l.invoiced_amount) DESC, " + key,
      params);
  if (!rows) return rows.error();
  json::array listed;
  Cents revenue = 0, cost = 0;
  for (const Row& row : *rows) {
    const Cents sold = row.int64(3).value_or(0);
    const Cents spent = row.int64(4).value_or(0);
    revenue += sold;
    cost += spent;
    listed.push_back(json::object{{"key", row.text(0).value_or("")},
                                  {"name", row.text(1).value_or("")},
                                  {"customer", row.text(2).value_or("")},
                                  {"revenue", format_amount(sold)},
                                  {"cost", format_amount(spent)},
                                  {"margin", format_amount(sold - spent)},
                                  {"margin_rate", percent_of(sold - spent, sold)}});
  }
  const bool by_order = group == "order";
  json::object report = by_order ? finance::described_report("毛利分析（按订单）", "Gross margin by order",
                                                             {{"name", "订单号", "Order"},
                                                              {"customer", "客户", "Customer"},
                                                              {"revenue", "收入", "Revenue"},
                                                              {"cost", "成本", "Cost"},
                                                              {"margin", "毛利", "Gross margin"},
                                                              {"margin_rate", "毛利率%", "Margin %"}},
                                                             std::move(listed))
                                 : finance::described_report("毛利分析（按客户）", "Gross margin by customer",
                                                             {{"name", "客户", "Customer"},
                                                              {"revenue", "收入", "Revenue"},
                                                              {"cost", "成本", "Cost"},
                                                              {"margin", "毛利", "Gross margin"},
                                                              {"margin_rate", "毛利率%", "Margin %"}},
                                                             std::move(listed));
  report["group"] = std::string(group);
  report["totals"] = json::object{{"revenue", format_amount(revenue)},
                                  {"cost", format_amount(cost)},
                                  {"margin", format_amount(revenue - cost)},
                                  {"margin_rate", percent_of(revenue - cost, revenue)}};
  return report;
}

Result<json::object> receivables_aging_report(Connection& c, const OrderScope& scope, Date as_of) {
  static const std::vector<int> kBuckets{30, 60, 90, 180};
  // The buckets' columns, then what finance adds up per customer.
  static constexpr std::array<const char*, 8> kKeys{"days_0_30",   "days_31_60",  "days_61_90", "days_91_180",
                                                    "over_180",    "outstanding", "advance",    "net"};
  auto account = c.query_row("SELECT id FROM accounts WHERE company_id = $1 AND code = '1122'", {scope.company});
  if (!account) return account.error();
  json::array listed;
  std::array<Cents, kKeys.size()> totals{};
  if (*account) {
    auto aged = finance::aging(c, scope.company, (*account)->int64(0).value_or(0), as_of, kBuckets, "zh-CN");
    if (!aged) return aged.error();
    std::optional<std::set<std::int64_t>> visible;
    if (scope.owner) {
      std::vector<Value> params;
      const std::string where = scoped(scope, params);  // before the call: arguments have no order
      auto customers = c.query("SELECT DISTINCT o.customer_id FROM sales_orders o WHERE " + where, params);
      if (!customers) return customers.error();
      visible.emplace();
      for (const Row& row : *customers) visible->insert(row.int64(0).value_or(0));
    }
    for (const auto& value : aged->at("partners").as_array()) {
      const json::object& partner = value.as_object();
      if (visible && !visible->contains(partner.at("partner_id").as_int64())) continue;
      std::vector<json::string> amounts;
      for (const auto& amount : partner.at("buckets").as_array()) amounts.push_back(amount.as_string());
      for (const char* sum : {"outstanding", "advance", "net"}) amounts.push_back(partner.at(sum).as_string());
      assert(amounts.size() == kKeys.size() && "finance::aging answers one amount per bucket and the over bucket");
      json::object row{{"customer_id", partner.at("partner_id")}, {"customer", partner.at("partner_name")}};
      for (std::size_t i = 0; i < kKeys.size(); ++i) {
        totals[i] += finance::parse_amount(amounts[i]).value_or(0);
        row[kKeys[i]] = amounts[i];
      }
      listed.push_back(std::move(row));
    }
  }
  json::object report = finance::described_report("应收账龄", "Receivables by age",
                                                  {{"customer", "客户", "Customer"},
                                                   {"days_0_30", "0-30天", "0-30 days"},
                                                   {"days_31_60", "31-60天", "31-60 days"},
                                                   {"days_61_90", "61-90天", "61-90 days"},
                                                   {"days_91_180", "91-180天", "91-180 days"},
                                                   {"over_180", "180天以上", "Over 180 days"},
                                                   {"outstanding", "应收余额", "Outstanding"},
                                                   {"advance", "预收", "Advances"},
                                                   {"net", "净额", "Net"}},
                                                  std::move(listed));
  report["as_of"] = as_of.to_string();
  json::object total;
  for (std::size_t i = 0; i < kKeys.size(); ++i) total[kKeys[i]] = format_amount(totals[i]);
  report["totals"] = std::move(total);
  return report;
}

}  // namespace verp::sales
