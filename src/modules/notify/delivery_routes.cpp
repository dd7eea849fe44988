// Deliveries for administrators: what went out, what is waiting and what failed, in their
// company, and sending a failed one again.
//   GET  /api/v1/notification-deliveries?state=pending|sent|failed&before=&limit=
//   POST /api/v1/notification-deliveries/{id}/retry
#include <boost/json.hpp>

#include "modules/notify/delivery_routes.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace verp::notify {

using storage::Connection;
using storage::Timestamp;
using storage::Value;

namespace {

boost::json::value time_or_null(const storage::Row& row, std::size_t index) {
  if (row.is_null(index)) return nullptr;
  return boost::json::value(row.timestamp(index).value_or(Timestamp{}).to_string());
}

}  // namespace

void add_delivery_routes(http::Router& router, storage::Database& database, const Clock& clock,
                         const i18n::Catalog& catalog) {
  storage::Database* db = &database;
  const Clock* time = &clock;
  const i18n::Catalog* messages = &catalog;
  auto problem = [messages](const Error& error, const http::Request& request) {
    return http::problem_response(error, request, *messages);
  };

  router.get("/api/v1/notification-deliveries", [=](http::Request& request) {
    const std::string* state = request.query_param("state");
    if (state != nullptr && *state != "pending" && *state != "sent" && *state != "failed" && *state != "sending") {
      Error error = make_error(ErrorKind::validation, "error.validation");
      error.fields.push_back(FieldError{"state", "invalid", "notify.bad_state", {}});
      return problem(error, request);
    }
    const int limit = static_cast<int>(std::clamp<std::int64_t>(request.integer_query("limit").value_or(50), 1, 200));
    const std::int64_t before = request.integer_query("before").value_or(INT64_MAX);
    auto answer = db->read([&](Connection& c) -> Result<boost::json::object> {
      std::vector<Value> params{request.principal->company_id, before};
      std::string sql =
          "SELECT d.id, d.kind, d.channel, d.recipient, d.subject, d.state, d.attempts, d.next_attempt_at, "
          "d.last_error, d.created_at, d.sent_at, d.user_id, u.display_name FROM notification_deliveries d "
          "JOIN users u ON u.id = d.user_id WHERE d.company_id = $1 AND d.id < $2";
      if (state != nullptr) {
        params.emplace_back(*state);
        sql += " AND d.state = $3";
      }
      sql += " ORDER BY d.id DESC LIMIT " + std::to_string(limit + 1);
      auto rows = c.query(sql, params);
      if (!rows) return rows.error();
      boost::json::array items;
      for (const auto& r : *rows) {
        if (static_cast<int>(items.size()) == limit) break;
        items.push_back(boost::json::object{{"id", r.int64(0).value_or(0)},
                                            {"kind", r.text(1).value_or("")},
                                            {"channel", r.text(2).value_or("")},
                                            {"recipient", r.text(3).value_or("")},
                                            {"subject", r.text(4).value_or("")},
                                            {"state", r.text(5).value_or("")},
                                            {"attempts", r.int64(6).value_or(0)},
                                            {"next_attempt_at", time_or_null(r, 7)},
                                            {"last_error", r.text(8).value_or("")},
                                            {"created_at", time_or_null(r, 9)},
                                            {"sent_at", time_or_null(r, 10)},
                                            {"user_id", r.int64(11).value_or(0)},
                                            {"user_name", r.text(12).value_or("")}});
      }
      const bool more = static_cast<int>(rows->size()) > limit;
      boost::json::value next = nullptr;
      if (more && !items.empty()) next = items.back().at("id");
      return boost::json::object{{"items", std::move(items)}, {"next_before", next}};
    });
    if (!answer) return problem(answer.error(), request);
    return http::json_response(200, *answer);
  }, {.access = http::Access::permission("notification_delivery", "read"),
      .openapi = R"({"summary":"E-mail, SMS and WeChat deliveries of the company","tags":["Notification"]})"});

  router.post("/api/v1/notification-deliveries/{id}/retry", [=](http::Request& request) {
    auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    const auto& principal = *request.principal;
    auto retried = db->write([&](Connection& c) -> Status {
      auto row = c.query_row("SELECT state FROM notification_deliveries WHERE id = $1 AND company_id = $2",
                             {*id, principal.company_id});
      if (!row) return row.error();
      if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
      if ((*row)->text(0).value_or("") != "failed") {
        return make_error(ErrorKind::invalid_transition, "notify.retry_only_failed");
      }
      // One more round of attempts from now, as if it had just been queued.
      auto again = c.execute("UPDATE notification_deliveries SET state = 'pending', attempts = 0, "
                             "next_attempt_at = $1 WHERE id = $2",
                             {Timestamp::from_system(time->now()), *id});
      if (!again) return again.error();
      auto seq = audit::append(c, audit::Entry{.at = time->now(),
                                               .user_id = principal.user_id,
                                               .user_name = principal.user_name,
                                               .company_id = principal.company_id,
                                               .address = request.remote_address,
                                               .request_id = request.request_id,
                                               .action = "retry",
                                               .target_type = "notification_delivery",
                                               .target_id = std::to_string(*id)});
      if (!seq) return seq.error();
      return {};
    });
    if (!retried) return problem(retried.error(), request);
    return http::json_response(200, boost::json::object{{"id", *id}, {"state", "pending"}});
  }, {.access = http::Access::permission("notification_delivery", "update"),
      .openapi = R"({"summary":"Send a failed delivery again","tags":["Notification"]})"});
}

}  // namespace verp::notify
