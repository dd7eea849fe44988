#include "modules/crm/customers/customer_lists.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "modules/crm/customers/data_scope.hpp"
#include "modules/finance/amount.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/report_tables.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::format_amount;
using storage::Connection;
using storage::Row;
using storage::Timestamp;
using storage::Value;

namespace {

json::value date_or_null(const Row& row, std::size_t i) {
  auto day = row.date(i);
  return day ? json::value(day->to_string()) : json::value();
}

constexpr std::string_view kListColumns =
    "SELECT c.id, c.code, c.name, c.grade, c.lifecycle_stage, s.last_order_on, s.recency_days, s.orders_12m, "
    "s.revenue_12m, s.rfm, s.r_score + s.f_score + s.m_score, s.clv, s.churn_risk FROM customer_scores s JOIN "
    "customers c ON c.id = s.customer_id WHERE s.company_id = $1 AND c.company_id = $1 AND c.archived_at IS NULL";

json::object list_row(const Row& row) {
  return json::object{{"customer_id", row.int64(0).value_or(0)},
                      {"code", row.text(1).value_or("")},
                      {"name", row.text(2).value_or("")},
                      {"grade", row.text(3).value_or("")},
                      {"lifecycle_stage", row.text(4).value_or("")},
                      {"last_order_on", date_or_null(row, 5)},
                      {"recency_days", row.is_null(6) ? json::value() : json::value(row.int64(6).value_or(0))},
                      {"orders_12m", row.int64(7).value_or(0)},
                      {"revenue_12m", format_amount(row.int64(8).value_or(0))},
                      {"rfm", row.text(9).value_or("")},
                      {"rfm_total", row.int64(10).value_or(0)},
                      {"clv", format_amount(row.int64(11).value_or(0))},
                      {"churn_risk", row.text(12).value_or("")}};
}

}  // namespace

Result<json::value> scores_of(Connection& c, std::int64_t customer) {
  auto row = c.query_row(
      "SELECT first_order_on, last_order_on, orders_total, revenue_total, orders_12m, revenue_12m, recency_days, "
      "r_score, f_score, m_score, rfm, clv, churn_risk, rule_grade, lifecycle_stage, computed_at FROM customer_scores "
      "WHERE customer_id = $1",
      {customer});
  if (!row) return row.error();
  if (!*row) return json::value();
  const Row& r = **row;
  return json::value(json::object{{"first_order_on", date_or_null(r, 0)},
                      {"last_order_on", date_or_null(r, 1)},
                      {"orders_total", r.int64(2).value_or(0)},
                      {"revenue_total", format_amount(r.int64(3).value_or(0))},
                      {"orders_12m", r.int64(4).value_or(0)},
                      {"revenue_12m", format_amount(r.int64(5).value_or(0))},
                      {"recency_days", r.is_null(6) ? json::value() : json::value(r.int64(6).value_or(0))},
                      {"r", r.int64(7).value_or(0)},
                      {"f", r.int64(8).value_or(0)},
                      {"m", r.int64(9).value_or(0)},
                      {"rfm", r.text(10).value_or("")},
                      {"clv", format_amount(r.int64(11).value_or(0))},
                      {"churn_risk", r.text(12).value_or("")},
                      {"rule_grade", r.is_null(13) ? json::value() : json::value(r.text(13).value_or(""))},
                      {"lifecycle_stage", r.text(14).value_or("")},
                      {"computed_at", r.timestamp(15) ? json::value(r.timestamp(15)->to_string()) : json::value()}});
}

Result<json::object> grade_history(Connection& c, std::int64_t company, std::int64_t customer) {
  // The entity history keeps each save's whole record: a grade differing from the one before it
  // (the previous save's, or a rule's set since) was set by whoever saved. Reading it there, rather
  // than copying every manual change into customer_grade_changes from a hook on the customer form,
  // also catches imports, bulk edits and restored versions, and leaves one record of each change.
  struct Event {
    Timestamp at;
    bool rule = false;
    std::string from_grade, to_grade, from_stage, to_stage, by;
  };
  std::vector<Event> events;
  auto rules = c.query(
      "SELECT g.changed_at, g.from_grade, g.to_grade, g.from_stage, g.to_stage, u.display_name FROM "
      "customer_grade_changes g LEFT JOIN users u ON u.id = g.changed_by WHERE g.customer_id = $1 AND g.company_id = $2 "
      "ORDER BY g.id",
      {customer, company});
  if (!rules) return rules.error();
  for (const Row& row : *rules) {
    events.push_back({.at = row.timestamp(0).value_or(Timestamp{}), .rule = true, .from_grade = row.text(1).value_or(""),
                      .to_grade = row.text(2).value_or(""), .from_stage = row.text(3).value_or(""),
                      .to_stage = row.text(4).value_or(""), .by = row.text(5).value_or("")});
  }
  auto versions = c.query(
      "SELECT v.changed_at, v.data, u.display_name FROM entity_versions v LEFT JOIN users u ON u.id = v.changed_by "
      "WHERE v.entity = 'customer' AND v.record_id = $1 AND v.company_id = $2 ORDER BY v.version",
      {customer, company});
  if (!versions) return versions.error();
  for (const Row& row : *versions) {
    boost::system::error_code failed;
    const json::value data = json::parse(row.text(1).value_or("{}"), failed);
    std::string grade;
    if (!failed && data.is_object()) {
      if (const auto* value = data.as_object().if_contains("grade"); value && value->is_string()) {
        grade = std::string(value->as_string());
      }
    }
    events.push_back({.at = row.timestamp(0).value_or(Timestamp{}), .to_grade = std::move(grade),
                      .by = row.text(2).value_or("")});
  }
  // In time order, a rule's change before a save at the same instant.
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.at < b.at || (a.at == b.at && a.rule && !b.rule);
  });
  json::array listed;
  std::optional<std::string> grade;  // as the record had it
  for (const Event& event : events) {
    if (event.rule) {
      grade = event.to_grade;
      listed.push_back(json::object{{"at", event.at.to_string()}, {"from_grade", event.from_grade},
                                    {"to_grade", event.to_grade}, {"from_stage", event.from_stage},
                                    {"to_stage", event.to_stage}, {"reason", "rule"}, {"by", event.by}});
      continue;
    }
    if (grade && *grade != event.to_grade) {
      listed.push_back(json::object{{"at", event.at.to_string()}, {"from_grade", *grade}, {"to_grade", event.to_grade},
                                    {"from_stage", nullptr}, {"to_stage", nullptr}, {"reason", "manual"},
                                    {"by", event.by}});
    }
    grade = event.to_grade;
  }
  std::reverse(listed.begin(), listed.end());
  return json::object{{"items", std::move(listed)}};
}

Result<json::object> high_value_report(Connection& c, const security::Principal& principal, std::string_view sort,
                                       std::int64_t limit) {
  std::string order;
  if (sort == "clv") order = " ORDER BY s.clv DESC, s.customer_id";
  else if (sort == "rfm") order = " ORDER BY s.r_score + s.f_score + s.m_score DESC, s.clv DESC, s.customer_id";
  else return finance::field_error("sort", "invalid", "crm.high_value_sort_invalid");
  std::vector<Value> params{principal.company_id};
  const std::string scope = scope_sql(principal, "customer", "c", params);
  auto rows = c.query(std::string(kListColumns) + " AND s.orders_total > 0" + scope + order + " LIMIT " +
                          std::to_string(std::clamp<std::int64_t>(limit, 1, 1000)),
                      params);
  if (!rows) return rows.error();
  json::array listed;
  for (const Row& row : *rows) listed.push_back(list_row(row));
  json::object report = finance::described_report(
      "高价值客户", "High-value customers",
      {{"code", "客户编码", "Code"}, {"name", "客户名称", "Customer"}, {"grade", "等级", "Grade"},
       {"lifecycle_stage", "生命周期", "Stage"}, {"clv", "客户终身价值", "Lifetime value"}, {"rfm", "RFM", "RFM"},
       {"rfm_total", "RFM 总分", "RFM total"}, {"revenue_12m", "近12个月销售额", "Revenue, 12 months"},
       {"orders_12m", "近12个月订单数", "Orders, 12 months"}, {"last_order_on", "最近下单", "Last order"}},
      std::move(listed));
  report["sort"] = std::string(sort);
  return report;
}

Result<json::object> churn_risk_report(Connection& c, const security::Principal& principal, std::int64_t limit) {
  std::vector<Value> params{principal.company_id};
  const std::string scope = scope_sql(principal, "customer", "c", params);
  auto rows = c.query(std::string(kListColumns) +
                          " AND s.churn_risk = 'high' AND s.lifecycle_stage IN ('new', 'active', 'at_risk', 'won_back')" +
                          scope + " ORDER BY s.revenue_12m DESC, s.customer_id LIMIT " +
                          std::to_string(std::clamp<std::int64_t>(limit, 1, 1000)),
                      params);
  if (!rows) return rows.error();
  json::array listed;
  finance::Cents at_stake = 0;
  for (const Row& row : *rows) {
    at_stake += row.int64(8).value_or(0);
    listed.push_back(list_row(row));
  }
  json::object report = finance::described_report(
      "流失预警", "Churn risk",
      {{"code", "客户编码", "Code"}, {"name", "客户名称", "Customer"}, {"grade", "等级", "Grade"},
       {"lifecycle_stage", "生命周期", "Stage"}, {"last_order_on", "最近下单", "Last order"},
       {"recency_days", "未下单天数", "Days since"}, {"revenue_12m", "涉及金额（近12个月）", "Revenue at stake, 12 months"},
       {"orders_12m", "近12个月订单数", "Orders, 12 months"}, {"clv", "客户终身价值", "Lifetime value"}},
      std::move(listed));
  report["revenue_at_stake"] = format_amount(at_stake);
  return report;
}

}  // namespace verp::crm
