// What people read about approvals: their inbox and one flow's steps and timeline.
#include <boost/json.hpp>

#include "modules/workflow/approvals.hpp"

namespace verp::workflow {

using storage::Connection;
using storage::Value;

namespace {

boost::json::value id_or_null(const storage::Row& row, std::size_t index) {
  if (row.is_null(index)) return nullptr;
  return row.int64(index).value_or(0);
}

boost::json::value time_or_null(const storage::Row& row, std::size_t index) {
  if (row.is_null(index)) return nullptr;
  auto at = row.timestamp(index);
  return at ? boost::json::value(at->to_string()) : boost::json::value(nullptr);
}

constexpr std::string_view kFlowColumns =
    "f.id, f.document_type, f.document_id, f.title, f.state, f.submitted_by, u.display_name, f.submitted_at, "
    "f.finished_at, f.current_step, (SELECT s.name FROM approval_steps s WHERE s.flow_id = f.id AND s.seq = "
    "f.current_step), f.rule_name";

boost::json::object flow_json(const storage::Row& row) {
  return {{"id", row.int64(0).value_or(0)},
          {"document_type", row.text(1).value_or("")},
          {"document_id", row.int64(2).value_or(0)},
          {"title", row.text(3).value_or("")},
          {"state", row.text(4).value_or("")},
          {"submitted_by", row.int64(5).value_or(0)},
          {"submitted_by_name", row.text(6).value_or("")},
          {"submitted_at", time_or_null(row, 7)},
          {"finished_at", time_or_null(row, 8)},
          {"step_seq", row.int64(9).value_or(0)},
          {"step_name", row.is_null(10) ? std::string() : row.text(10).value_or("")},
          {"rule_name", row.text(11).value_or("")}};
}

}  // namespace

Result<boost::json::object> inbox(Connection& c, const security::Principal& user, std::string_view box,
                                  std::int64_t before, int limit) {
  std::string where;
  if (box == "pending") {
    where = "EXISTS (SELECT 1 FROM approval_assignments a JOIN approval_steps s ON s.id = a.step_id "
            "WHERE a.flow_id = f.id AND a.approver_id = $1 AND a.state = 'pending' AND s.state = 'active') "
            "AND f.state = 'pending'";
  } else if (box == "decided") {
    where = "EXISTS (SELECT 1 FROM approval_assignments a WHERE a.flow_id = f.id AND a.approver_id = $1 "
            "AND a.state IN ('approved', 'rejected'))";
  } else if (box == "submitted") {
    where = "f.submitted_by = $1";
  } else {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields.push_back(FieldError{"box", "invalid", "approval.bad_box", {}});
    return error;
  }
  auto rows = c.query("SELECT " + std::string(kFlowColumns) +
                          " FROM approval_flows f JOIN users u ON u.id = f.submitted_by WHERE " + where +
                          " AND f.company_id = $2 AND f.id < $3 ORDER BY f.id DESC LIMIT $4",
                      {user.user_id, user.company_id, before > 0 ? before : INT64_MAX,
                       static_cast<std::int64_t>(limit + 1)});
  if (!rows) return rows.error();
  boost::json::array items;
  std::int64_t last = 0;
  for (const auto& row : *rows) {
    if (static_cast<int>(items.size()) == limit) break;
    items.push_back(flow_json(row));
    last = row.int64(0).value_or(0);
  }
  const bool more = static_cast<int>(rows->size()) > limit;
  return boost::json::object{{"items", std::move(items)},
                             {"next_cursor", more ? boost::json::value(std::to_string(last)) : nullptr}};
}

Result<boost::json::object> flow_detail(Connection& c, const security::Principal& user, std::int64_t flow_id) {
  // Reviewers of the company's approvals (approval_flow:read) see every flow; others only their own part.
  const std::string involved = user.may("approval_flow", "read")
                                   ? std::string()
                                   : " AND (f.submitted_by = $3 OR EXISTS (SELECT 1 FROM approval_assignments a "
                                     "WHERE a.flow_id = f.id AND a.approver_id = $3))";
  std::vector<Value> params{flow_id, user.company_id};
  if (!involved.empty()) params.emplace_back(user.user_id);
  auto row = c.query_row("SELECT " + std::string(kFlowColumns) +
                             " FROM approval_flows f JOIN users u ON u.id = f.submitted_by WHERE f.id = $1 "
                             "AND f.company_id = $2" + involved,
                         params);
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  boost::json::object flow = flow_json(**row);

  auto steps = c.query("SELECT id, seq, name, mode, state, decided_at FROM approval_steps WHERE flow_id = $1 ORDER BY seq",
                       {flow_id});
  if (!steps) return steps.error();
  auto people = c.query(
      "SELECT a.step_id, a.approver_id, u.display_name, a.state, a.on_behalf_of, b.display_name, a.comment, a.acted_at "
      "FROM approval_assignments a JOIN users u ON u.id = a.approver_id LEFT JOIN users b ON b.id = a.on_behalf_of "
      "WHERE a.flow_id = $1 ORDER BY a.id",
      {flow_id});
  if (!people) return people.error();
  boost::json::array step_list;
  for (const auto& step : *steps) {
    boost::json::array approvers;
    for (const auto& person : *people) {
      if (person.int64(0).value_or(0) != step.int64(0).value_or(0)) continue;
      approvers.push_back(boost::json::object{{"user_id", person.int64(1).value_or(0)},
                                              {"name", person.text(2).value_or("")},
                                              {"state", person.text(3).value_or("")},
                                              {"on_behalf_of", id_or_null(person, 4)},
                                              {"on_behalf_of_name", person.is_null(5) ? "" : person.text(5).value_or("")},
                                              {"comment", person.text(6).value_or("")},
                                              {"acted_at", time_or_null(person, 7)}});
    }
    step_list.push_back(boost::json::object{{"seq", step.int64(1).value_or(0)},
                                            {"name", step.text(2).value_or("")},
                                            {"mode", step.text(3).value_or("")},
                                            {"state", step.text(4).value_or("")},
                                            {"decided_at", time_or_null(step, 5)},
                                            {"approvers", std::move(approvers)}});
  }
  flow["steps"] = std::move(step_list);

  auto actions = c.query(
      "SELECT a.at, a.action, a.actor_id, u.display_name, a.on_behalf_of, b.display_name, a.step_seq, a.comment "
      "FROM approval_actions a JOIN users u ON u.id = a.actor_id LEFT JOIN users b ON b.id = a.on_behalf_of "
      "WHERE a.flow_id = $1 ORDER BY a.id",
      {flow_id});
  if (!actions) return actions.error();
  boost::json::array timeline;
  for (const auto& action : *actions) {
    timeline.push_back(boost::json::object{{"at", time_or_null(action, 0)},
                                           {"action", action.text(1).value_or("")},
                                           {"actor_id", action.int64(2).value_or(0)},
                                           {"actor_name", action.text(3).value_or("")},
                                           {"on_behalf_of", id_or_null(action, 4)},
                                           {"on_behalf_of_name", action.is_null(5) ? "" : action.text(5).value_or("")},
                                           {"step_seq", id_or_null(action, 6)},
                                           {"comment", action.text(7).value_or("")}});
  }
  flow["actions"] = std::move(timeline);
  return flow;
}

}  // namespace verp::workflow
