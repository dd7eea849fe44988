// A campaign's results (营销效果), computed when they are read:
//   GET /api/v1/campaigns/{id}/results[?format=xlsx|pdf|csv]
//
// Delivered: notify sent the message (outbound_messages.state = 'sent'); failed: it gave up.
//
// Conversion rule: an order counts for a campaign when it is a sales order of the recipient's
// customer that went ahead (status past draft/pending approval, not rejected or cancelled),
// dated from the day the message was sent (China date) to conversion_days after, and the
// message was delivered. An order is attributed to one campaign only — the latest one whose
// delivered message's window holds it (last touch); each message converts at most once, with the
// earliest such order. Computed at read time rather than by the job, because orders are entered,
// approved and cancelled after the campaign: the answer is always today's truth.
//
// ROI = (revenue − cost) / cost, 4 decimals; null when the cost is zero.
#include <array>
#include <boost/json.hpp>
#include <map>

#include "modules/crm/campaigns/campaign_support.hpp"
#include "modules/crm/campaigns/campaigns.hpp"
#include "modules/finance/ledger_internal.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;
using storage::Timestamp;

namespace {

constexpr const char* kCountedOrders = "o.status NOT IN ('draft', 'pending', 'rejected', 'cancelled')";

struct Conversion {
  std::int64_t order_id = 0;
  Decimal amount;
  storage::Date on;
};

// Message id → its conversion, by the rule above.
Result<std::map<std::int64_t, Conversion>> conversions(Connection& c, std::int64_t campaign) {
  auto rows = c.query(
      std::string("SELECT m.id, o.id, o.total, o.order_date FROM campaign_messages m "
                  "JOIN outbound_messages om ON om.id = m.message_id AND om.state = 'sent' "
                  "JOIN sales_orders o ON o.customer_id = m.customer_id AND o.company_id = m.company_id "
                  "AND o.archived_at IS NULL AND ") +
          kCountedOrders +
          " AND o.order_date >= m.sent_on AND o.order_date <= m.convert_until "
          "WHERE m.campaign_id = $1 AND NOT EXISTS (SELECT 1 FROM campaign_messages n "
          "JOIN outbound_messages dn ON dn.id = n.message_id AND dn.state = 'sent' "
          "WHERE n.company_id = m.company_id AND n.customer_id = m.customer_id AND n.id <> m.id "
          "AND (n.sent_at > m.sent_at OR (n.sent_at = m.sent_at AND n.id > m.id)) "
          "AND o.order_date >= n.sent_on AND o.order_date <= n.convert_until) "
          "ORDER BY m.id, o.order_date, o.id",
      {campaign});
  if (!rows) return rows.error();
  std::map<std::int64_t, Conversion> found;
  for (const auto& r : *rows) {
    // The earliest order per message comes first.
    found.try_emplace(r.int64(0).value_or(0), Conversion{.order_id = r.int64(1).value_or(0),
                                                          .amount = r.decimal(2).value_or(Decimal()),
                                                          .on = r.date(3).value_or(storage::Date{})});
  }
  return found;
}

std::string money(const Decimal& value) { return value.rescale(2).value_or(Decimal()).to_string(); }

json::value rate(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return nullptr;
  return json::value(Decimal::from_int(part).div(Decimal::from_int(whole), 4).value_or(Decimal()).to_string());
}

struct Day {
  std::int64_t sent = 0, opened = 0, clicked = 0, converted = 0;
};

exporting::Table results_table(const json::object& r, std::string_view locale) {
  const bool en = locale.starts_with("en");
  auto text = [&](const json::value& v) {
    if (v.is_null()) return std::string("—");
    if (v.is_string()) return std::string(v.as_string());
    return json::serialize(v);
  };
  exporting::Table table{.sheet_name = en ? "Campaign results" : "营销活动效果",
                         .headers = en ? std::vector<std::string>{"Measure", "Value"}
                                       : std::vector<std::string>{"指标", "数值"}};
  const std::vector<std::pair<const char*, std::pair<const char*, const char*>>> rows = {
      {"targeted", {"目标客户", "Targeted"}},          {"excluded_opt_out", {"已退订排除", "Excluded (opted out)"}},
      {"excluded_no_address", {"无联系方式排除", "Excluded (no address)"}}, {"sent", {"已发送", "Sent"}},
      {"delivered", {"已送达", "Delivered"}},          {"failed", {"发送失败", "Failed"}},
      {"opened", {"已打开", "Opened"}},                {"clicked", {"已点击", "Clicked"}},
      {"unsubscribed", {"退订", "Unsubscribed"}},       {"converted", {"转化", "Converted"}},
      {"revenue", {"转化收入", "Revenue"}},             {"cost", {"成本", "Cost"}},
      {"roi", {"投资回报率", "ROI"}}};
  table.rows.push_back({en ? "Campaign" : "营销活动", text(r.at("campaign").at("name"))});
  for (const auto& [key, label] : rows) table.rows.push_back({en ? label.second : label.first, text(r.at(key))});
  table.rows.push_back({});
  table.rows.push_back(en ? std::vector<std::string>{"Day", "Sent", "Opened", "Clicked", "Converted"}
                          : std::vector<std::string>{"日期", "发送", "打开", "点击", "转化"});
  for (const auto& day : r.at("series").as_array()) {
    const auto& d = day.as_object();
    table.rows.push_back({text(d.at("day")), text(d.at("sent")), text(d.at("opened")), text(d.at("clicked")),
                          text(d.at("converted"))});
  }
  return table;
}

}  // namespace

Result<json::object> campaign_results(Connection& c, std::int64_t company, std::int64_t campaign, std::string_view) {
  auto head = c.query_row(
      "SELECT id, name, status, channel, cost, conversion_days, sent_at, scheduled_at FROM campaigns WHERE id = $1 AND "
      "company_id = $2",
      {campaign, company});
  if (!head) return head.error();
  if (!*head) return make_error(ErrorKind::not_found, "error.not_found");
  const storage::Row& h = **head;
  const Decimal cost = h.is_null(4) ? Decimal() : h.decimal(4).value_or(Decimal());
  auto at_or_null = [&](std::size_t i) -> json::value {
    return h.is_null(i) ? json::value() : json::value(h.timestamp(i).value_or(Timestamp{}).to_string());
  };

  auto counts = c.query_row(
      "SELECT COUNT(*), "
      "SUM(CASE WHEN m.outcome = 'opted_out' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN m.outcome = 'no_address' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN m.outcome = 'queued' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN om.state = 'sent' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN om.state = 'failed' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN m.opened_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN m.clicked_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN m.unsubscribed_at IS NOT NULL THEN 1 ELSE 0 END) "
      "FROM campaign_messages m LEFT JOIN outbound_messages om ON om.id = m.message_id WHERE m.campaign_id = $1",
      {campaign});
  if (!counts) return counts.error();
  std::array<std::int64_t, 9> n{};
  for (std::size_t i = 0; i < n.size(); ++i) n[i] = *counts && !(*counts)->is_null(i) ? (*counts)->int64(i).value_or(0) : 0;
  const auto [targeted, opted_out, no_address, sent, delivered, failed, opened, clicked, unsubscribed] = n;

  auto converted = conversions(c, campaign);
  if (!converted) return converted.error();
  Decimal revenue;
  std::map<storage::Date, Day> days;
  for (const auto& [message, conversion] : *converted) {
    revenue = revenue.add(conversion.amount).value_or(revenue);
    ++days[conversion.on].converted;
  }

  auto sent_days = c.query("SELECT sent_on, COUNT(*) FROM campaign_messages WHERE campaign_id = $1 AND outcome = "
                           "'queued' GROUP BY sent_on",
                           {campaign});
  if (!sent_days) return sent_days.error();
  for (const auto& r : *sent_days) days[r.date(0).value_or(storage::Date{})].sent += r.int64(1).value_or(0);
  auto activity = c.query("SELECT opened_at, clicked_at FROM campaign_messages WHERE campaign_id = $1 AND opened_at IS "
                          "NOT NULL",
                          {campaign});
  if (!activity) return activity.error();
  for (const auto& r : *activity) {
    ++days[china_date(r.timestamp(0).value_or(Timestamp{}))].opened;
    if (!r.is_null(1)) ++days[china_date(r.timestamp(1).value_or(Timestamp{}))].clicked;
  }
  json::array series;
  for (const auto& [day, d] : days) {
    series.push_back(json::object{{"day", day.to_string()},
                                  {"sent", d.sent},
                                  {"opened", d.opened},
                                  {"clicked", d.clicked},
                                  {"converted", d.converted}});
  }

  // The sending's progress (null before it starts): members done of those counted at the claim.
  auto run = c.query_row("SELECT targeted, done, finished_at FROM campaign_runs WHERE campaign_id = $1", {campaign});
  if (!run) return run.error();
  json::value progress = nullptr;
  if (*run) {
    const storage::Row& p = **run;
    progress = json::object{{"targeted", p.int64(0).value_or(0)},
                            {"done", p.int64(1).value_or(0)},
                            {"finished_at", p.is_null(2) ? json::value() : json::value(p.timestamp(2).value_or(Timestamp{}).to_string())}};
  }

  json::value roi = nullptr;
  if (!cost.is_zero()) {
    auto gain = revenue.sub(cost);
    if (gain) roi = json::value(gain->div(cost, 4).value_or(Decimal()).to_string());
  }
  const auto conversions_count = static_cast<std::int64_t>(converted->size());
  return json::object{
      {"campaign", json::object{{"id", h.int64(0).value_or(0)},
                                {"name", h.text(1).value_or("")},
                                {"status", h.text(2).value_or("")},
                                {"channel", h.text(3).value_or("")},
                                {"conversion_days", h.int64(5).value_or(0)},
                                {"sent_at", at_or_null(6)},
                                {"scheduled_at", at_or_null(7)}}},
      {"targeted", targeted},
      {"excluded_opt_out", opted_out},
      {"excluded_no_address", no_address},
      {"sent", sent},
      {"delivered", delivered},
      {"failed", failed},
      {"opened", opened},
      {"clicked", clicked},
      {"unsubscribed", unsubscribed},
      {"converted", conversions_count},
      {"revenue", money(revenue)},
      {"cost", money(cost)},
      {"roi", roi},
      {"rates", json::object{{"delivered", rate(delivered, sent)},
                             {"opened", rate(opened, delivered)},
                             {"clicked", rate(clicked, delivered)},
                             {"converted", rate(conversions_count, delivered)},
                             {"unsubscribed", rate(unsubscribed, delivered)}}},
      {"series", std::move(series)},
      {"progress", std::move(progress)}};
}

void add_campaign_result_routes(http::Router& router, const CrmKit& kit) {
  const finance::LedgerHttp http = kit.http;
  const entity::EntityStore* store = kit.store;
  const entity::EntitySpec* spec = &kit.spec("campaign");
  router.get("/api/v1/campaigns/{id}/results", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto results = http.database->read([&](Connection& c) -> Result<json::object> {
      // Within the caller's data scope for campaigns: 404 outside it.
      auto visible = store->get_in(c, *spec, *request.principal, id, "read");
      if (!visible) return visible.error();
      return campaign_results(c, request.principal->company_id, id, request.locale);
    });
    return http.answer_report(request, "campaign_results", results,
                              [](std::string_view, const json::object& report, std::string_view locale) {
                                return results_table(report, locale);
                              },
                              "campaign.export");
  }, {.access = Access::permission("campaign", "read"),
      .openapi = openapi("A campaign's results: reach, deliveries, opens, clicks, conversions, revenue and ROI "
                         "(?format=csv|xlsx|pdf)",
                         "Campaign")});
}

}  // namespace verp::crm
