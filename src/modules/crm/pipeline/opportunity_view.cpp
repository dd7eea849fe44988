// The opportunity as people read it: the detail page and the kanban board (pipeline.hpp).
#include <boost/json.hpp>

#include "modules/crm/pipeline/pipeline_internal.hpp"
#include "modules/inventory/inventory_internal.hpp"

namespace verp::crm {

namespace json = boost::json;
using storage::Connection;
using inventory::text_or_null;
using storage::Row;

namespace {

json::value id_or_null(const Row& row, std::size_t i) {
  return row.is_null(i) ? json::value() : json::value(row.int64(i).value_or(0));
}
std::string money(const Decimal& value) { return value.rescale(2).value_or(Decimal()).to_string(); }

// The columns both views show of an opportunity, from o (opportunities), s (its stage), cu (its
// customer) and u (its owner).
constexpr const char* kCardColumns =
    "o.id, o.code, o.name, o.customer_id, cu.name, o.amount, o.expected_close_date, o.owner_id, "
    "COALESCE(u.display_name, u.user_name), o.stage_id, o.status, o.version, o.source ";
constexpr const char* kCardJoins =
    "FROM opportunities o JOIN customers cu ON cu.id = o.customer_id LEFT JOIN users u ON u.id = o.owner_id ";

json::object card(const Row& row) {
  return json::object{{"id", row.int64(0).value_or(0)},
                      {"code", text_or_null(row, 1)},
                      {"name", row.text(2).value_or("")},
                      {"customer_id", row.int64(3).value_or(0)},
                      {"customer", row.text(4).value_or("")},
                      {"amount", money(row.decimal(5).value_or(Decimal()))},
                      {"expected_close_date", text_or_null(row, 6)},
                      {"owner_id", id_or_null(row, 7)},
                      {"owner", text_or_null(row, 8)},
                      {"stage_id", row.int64(9).value_or(0)},
                      {"status", row.text(10).value_or("")},
                      {"version", row.int64(11).value_or(0)},
                      {"source", text_or_null(row, 12)}};
}

}  // namespace

Result<json::object> opportunity_view(Connection& c, std::int64_t company, std::int64_t id) {
  auto row = c.query_row(std::string("SELECT ") + kCardColumns +
                             ", s.name, s.probability, o.closed_on, o.close_reason, o.competitors, o.lead_id, l.code, "
                             "o.quotation_id, q.code, q.status, o.sales_order_id, so.code, so.status, o.notes, "
                             "o.contact_id, ct.name " +
                             kCardJoins +
                             "JOIN opportunity_stages s ON s.id = o.stage_id LEFT JOIN leads l ON l.id = o.lead_id "
                             "LEFT JOIN quotations q ON q.id = o.quotation_id "
                             "LEFT JOIN sales_orders so ON so.id = o.sales_order_id "
                             "LEFT JOIN contacts ct ON ct.id = o.contact_id "
                             "WHERE o.id = $1 AND o.company_id = $2 AND o.archived_at IS NULL",
                         {id, company});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const Row& r = **row;
  json::object view = card(r);
  const Decimal probability = r.decimal(14).value_or(Decimal());
  view["stage"] = r.text(13).value_or("");
  view["probability"] = probability.to_string();
  view["weighted_amount"] = money(r.decimal(5).value_or(Decimal()).mul(probability, 2).value_or(Decimal()));
  view["closed_on"] = text_or_null(r, 15);
  view["close_reason"] = text_or_null(r, 16);
  view["competitors"] = text_or_null(r, 17);
  view["lead_id"] = id_or_null(r, 18);
  view["lead"] = text_or_null(r, 19);
  view["quotation_id"] = id_or_null(r, 20);
  view["quotation"] = text_or_null(r, 21);
  view["quotation_status"] = text_or_null(r, 22);
  view["sales_order_id"] = id_or_null(r, 23);
  view["sales_order"] = text_or_null(r, 24);
  view["sales_order_status"] = text_or_null(r, 25);
  view["notes"] = text_or_null(r, 26);
  view["contact_id"] = id_or_null(r, 27);
  view["contact"] = text_or_null(r, 28);

  auto moves = c.query(
      "SELECT m.from_stage_id, f.name, m.to_stage_id, t.name, m.moved_at, COALESCE(u.display_name, u.user_name) "
      "FROM opportunity_stage_moves m LEFT JOIN opportunity_stages f ON f.id = m.from_stage_id "
      "JOIN opportunity_stages t ON t.id = m.to_stage_id LEFT JOIN users u ON u.id = m.moved_by "
      "WHERE m.opportunity_id = $1 ORDER BY m.id",
      {id});
  if (!moves) return moves.error();
  json::array history;
  for (const Row& move : *moves) {
    history.push_back(json::object{{"from_stage_id", id_or_null(move, 0)},
                                   {"from_stage", text_or_null(move, 1)},
                                   {"to_stage_id", move.int64(2).value_or(0)},
                                   {"to_stage", move.text(3).value_or("")},
                                   {"at", move.timestamp(4).value_or(storage::Timestamp{}).to_string()},
                                   {"by", text_or_null(move, 5)}});
  }
  view["stage_history"] = std::move(history);

  auto follow_ups = c.query(
      "SELECT f.id, f.kind, f.occurred_at, f.content, f.reaction, f.next_follow_up_at, f.next_action, "
      "COALESCE(u.display_name, u.user_name) FROM follow_ups f LEFT JOIN users u ON u.id = f.owner_id "
      "WHERE f.opportunity_id = $1 AND f.archived_at IS NULL ORDER BY f.occurred_at DESC, f.id DESC",
      {id});
  if (!follow_ups) return follow_ups.error();
  json::array done;
  for (const Row& f : *follow_ups) {
    done.push_back(json::object{
        {"id", f.int64(0).value_or(0)},
        {"kind", f.text(1).value_or("")},
        {"occurred_at", f.timestamp(2).value_or(storage::Timestamp{}).to_string()},
        {"content", f.text(3).value_or("")},
        {"reaction", text_or_null(f, 4)},
        {"next_follow_up_at",
         f.is_null(5) ? json::value() : json::value(f.timestamp(5).value_or(storage::Timestamp{}).to_string())},
        {"next_action", text_or_null(f, 6)},
        {"owner", text_or_null(f, 7)}});
  }
  view["follow_ups"] = std::move(done);
  return view;
}

Result<json::object> pipeline_board(Connection& c, const CrmKit& kit, const security::Principal& who) {
  auto stages = company_stages(c, kit, who);
  if (!stages) return stages.error();
  const ScopeSql scope = scope_sql(who, "opportunity", "o", 2);
  std::vector<storage::Value> params{who.company_id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  auto rows = c.query(std::string("SELECT ") + kCardColumns + kCardJoins +
                          "WHERE o.company_id = $1 AND o.status = 'open' AND o.archived_at IS NULL" +
                          (scope.condition.empty() ? "" : " AND " + scope.condition) +
                          " ORDER BY o.expected_close_date, o.id",
                      params);
  if (!rows) return rows.error();
  json::array columns;
  Decimal total_weighted;
  for (const Stage& stage : *stages) {
    if (stage.outcome != "open") continue;
    json::array cards;
    Decimal amount, weighted;
    for (const Row& row : *rows) {
      if (row.int64(9).value_or(0) != stage.id) continue;
      const Decimal value = row.decimal(5).value_or(Decimal());
      amount = amount.add(value).value_or(amount);
      weighted = weighted.add(value.mul(stage.probability, 2).value_or(Decimal())).value_or(weighted);
      cards.push_back(card(row));
    }
    total_weighted = total_weighted.add(weighted).value_or(total_weighted);
    columns.push_back(json::object{{"stage_id", stage.id},
                                   {"name", stage.name},
                                   {"probability", stage.probability.to_string()},
                                   {"count", static_cast<std::int64_t>(cards.size())},
                                   {"amount", money(amount)},
                                   {"weighted_amount", money(weighted)},
                                   {"opportunities", std::move(cards)}});
  }
  json::array closing;
  for (const Stage& stage : *stages) {
    if (stage.outcome != "open") {
      closing.push_back(json::object{{"stage_id", stage.id}, {"name", stage.name}, {"outcome", stage.outcome}});
    }
  }
  return json::object{{"stages", std::move(columns)}, {"closing_stages", std::move(closing)},
                      {"weighted_total", money(total_weighted)}};
}

}  // namespace verp::crm
