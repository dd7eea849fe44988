// The ticket board (工单看板): open tickets by status with their SLA clocks, computed at the
// server's time so that every client counts down from the same deadlines.
#include <array>
#include <boost/json.hpp>

#include "modules/crm/service/ticket_sla.hpp"
#include "modules/crm/service/tickets.hpp"

namespace verp::crm::service {

namespace json = boost::json;
using storage::Timestamp;
using storage::Value;

namespace {

constexpr std::array<std::string_view, 4> kColumns{"new", "assigned", "in_progress", "waiting"};

int severity(std::string_view state) { return state == "breached" ? 2 : state == "warning" ? 1 : 0; }

// One deadline's remaining minutes and state, or nulls when there is none or it was met.
std::string clock_of(json::object& card, const entity::Record& record, std::string_view deadline, bool met,
                     std::int64_t remind_before, Timestamp now) {
  const auto* due = record.get(std::string(deadline) + "_due_at").get_if<Timestamp>();
  const std::string key = std::string(deadline) + "_remaining_minutes";
  if (met || due == nullptr) {
    card[key] = nullptr;
    return "ok";
  }
  const std::int64_t left = minutes_until(*due, now);
  card[key] = left;
  if (*due <= now) return "breached";
  return due->micros - remind_before * kMicrosPerMinute <= now.micros ? "warning" : "ok";
}

}  // namespace

Result<json::object> ticket_board(const CrmKit& kit, const security::Principal& principal, const BoardQuery& query,
                                  Timestamp now) {
  const auto& spec = kit.spec("ticket");
  auto fields = kit.store->fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  entity::ListQuery list{.sort_field = "id", .limit = 500};
  list.filters.push_back({.field = "status",
                          .op = entity::FilterOp::in,
                          .values = {Value("new"), Value("assigned"), Value("in_progress"), Value("waiting")}});
  if (query.mine) list.filters.push_back({.field = "owner_id", .values = {Value(principal.user_id)}});
  if (!query.priority.empty()) list.filters.push_back({.field = "priority", .values = {Value(query.priority)}});
  if (!query.kind.empty()) list.filters.push_back({.field = "kind", .values = {Value(query.kind)}});
  auto page = kit.store->list(spec, *fields, principal, list);
  if (!page) return page.error();
  auto titles = kit.store->link_titles(spec, *fields, principal, page->records);
  if (!titles) return titles.error();
  // The policies' reminder windows and the assignees' names, one query each.
  std::map<std::int64_t, std::int64_t> remind_before;
  std::map<std::int64_t, std::string> names;
  auto looked_up = kit.http.database->read([&](storage::Connection& c) -> Status {
    auto policies =
        c.query("SELECT id, remind_before_minutes FROM sla_policies WHERE company_id = $1", {principal.company_id});
    if (!policies) return policies.error();
    for (const auto& row : *policies) remind_before[row.int64(0).value_or(0)] = row.int64(1).value_or(0);
    auto users = c.query(
        "SELECT u.id, u.display_name FROM users u JOIN memberships m ON m.user_id = u.id "
        "WHERE m.company_id = $1",
        {principal.company_id});
    if (!users) return users.error();
    for (const auto& row : *users) names[row.int64(0).value_or(0)] = row.text(1).value_or("");
    return {};
  });
  if (!looked_up) return looked_up.error();
  std::map<std::string, json::array, std::less<>> cards;
  for (const auto& record : page->records) {
    json::object card = kit.store->to_json(spec, *fields, principal, record, &*titles);
    const auto* policy = record.get("sla_policy_id").get_if<std::int64_t>();
    const std::int64_t before = policy != nullptr && remind_before.contains(*policy) ? remind_before[*policy] : 0;
    card["remind_before_minutes"] = before;
    card["owner_name"] =
        record.owner_id && names.contains(*record.owner_id) ? json::value(names[*record.owner_id]) : json::value();
    const std::string response =
        clock_of(card, record, "response", !record.get("first_response_at").is_null(), before, now);
    const std::string resolution = clock_of(card, record, "resolution", false, before, now);
    card["sla_state"] = severity(response) >= severity(resolution) ? response : resolution;
    const auto* status = record.get("status").get_if<std::string>();
    cards[status != nullptr ? *status : "new"].push_back(std::move(card));
  }
  json::array columns;
  for (std::string_view status : kColumns) {
    auto found = cards.find(status);
    columns.push_back(
        json::object{{"status", status}, {"tickets", found != cards.end() ? found->second : json::array()}});
  }
  return json::object{{"now", now.to_string()}, {"columns", std::move(columns)}};
}

}  // namespace verp::crm::service
