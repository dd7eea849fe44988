#include "modules/notify/notify_module.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "modules/notify/api.hpp"
#include "modules/notify/delivery.hpp"
#include "modules/notify/delivery_routes.hpp"
#include "modules/notify/preferences.hpp"
#include "platform/base/utf8.hpp"
#include "platform/events/bridge.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace verp::notify {

using storage::Column;
using storage::ColumnType;
using storage::Connection;
using storage::Timestamp;
using storage::Value;

Result<std::int64_t> notify(Connection& connection, const Clock& clock, const Notification& n) {
  auto too_long = [](const std::string& text, std::size_t max) { return utf8_length(text).value_or(max + 1) > max; };
  if (n.user_id <= 0 || n.kind.empty() || n.title.empty() || too_long(n.title, 200) || too_long(n.body, 2000) ||
      too_long(n.kind, 100)) {
    return make_error(ErrorKind::validation, "notification.invalid");
  }
  auto row = connection.query_row(
      "INSERT INTO notifications (user_id, company_id, kind, title, body, entity, record_id, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {n.user_id, Value(n.company_id), n.kind, n.title, n.body, n.entity, Value(n.record_id),
       Timestamp::from_system(clock.now())});
  if (!row) return row.error();
  auto id = (*row)->int64(0);
  if (!id) return id.error();
  // Live delivery to the recipient's open streams, at commit (platform/events).
  boost::json::object data{{"id", *id}, {"kind", n.kind}, {"title", n.title}};
  if (!n.entity.empty()) data["entity"] = n.entity;
  if (n.record_id) data["record_id"] = *n.record_id;
  if (Status published = events::publish(connection, {.kind = events::Kind::notification,
                                                      .company_id = n.company_id,
                                                      .user_id = n.user_id,
                                                      .data = boost::json::serialize(data)});
      !published) {
    return published.error();
  }
  if (Status queued = queue_deliveries(connection, clock, *id, n); !queued) return queued.error();
  return *id;
}

namespace {

std::vector<storage::TableDef> notification_tables() {
  return {storage::TableDef{
      .name = "notifications",
      .columns = {Column{.name = "id", .type = ColumnType::int64, .identity = true},
                  Column{.name = "user_id", .type = ColumnType::int64, .not_null = true,
                         .references = storage::Reference{.table = "users", .on_delete = storage::OnDelete::cascade}},
                  Column{.name = "company_id", .type = ColumnType::int64},
                  Column{.name = "kind", .type = ColumnType::text, .not_null = true},
                  Column{.name = "title", .type = ColumnType::text, .not_null = true},
                  Column{.name = "body", .type = ColumnType::text, .not_null = true},
                  Column{.name = "entity", .type = ColumnType::text, .not_null = true},
                  Column{.name = "record_id", .type = ColumnType::int64},
                  Column{.name = "created_at", .type = ColumnType::timestamp, .not_null = true},
                  Column{.name = "read_at", .type = ColumnType::timestamp}},
      .primary_key = {},
      .indexes = {storage::Index{.name = "notifications_user_idx", .columns = {"user_id", "company_id", "id"}}}}};
}

boost::json::object notification_json(const storage::Row& row) {
  return {{"id", row.int64(0).value_or(0)},
          {"kind", row.text(1).value_or("")},
          {"title", row.text(2).value_or("")},
          {"body", row.text(3).value_or("")},
          {"entity", row.text(4).value_or("")},
          {"record_id", row.is_null(5) ? boost::json::value(nullptr) : boost::json::value(row.int64(5).value_or(0))},
          {"created_at", row.timestamp(6).value_or(Timestamp{}).to_string()},
          {"read", !row.is_null(7)}};
}

class NotifyModule final : public Module {
 public:
  std::string_view name() const override { return "notify"; }
  std::vector<storage::TableDef> tables() const override {
    auto tables = notification_tables();
    for (auto& table : delivery_tables()) tables.push_back(std::move(table));
    for (auto& table : preference_tables()) tables.push_back(std::move(table));
    return tables;
  }
  std::vector<entity::EntitySpec> entities() const override {
    return {notification_channel_entity(), notification_template_entity()};
  }

  void add_routes(http::Router& router, ModuleContext& context) override {
    storage::Database& db = context.database;
    const Clock& clock = context.clock;
    const i18n::Catalog& catalog = context.catalog;
    add_preference_routes(router, db, clock, catalog);
    add_delivery_routes(router, db, clock, catalog);

    router.get("/api/v1/notifications", [&db, &catalog](http::Request& request) {
      const auto& p = *request.principal;
      const std::string* unread = request.query_param("unread");
      const int limit = static_cast<int>(std::clamp<std::int64_t>(request.integer_query("limit").value_or(50), 1, 200));
      auto before = request.integer_query("before");
      auto page = db.read([&](Connection& c) -> Result<boost::json::object> {
        std::string sql = "SELECT id, kind, title, body, entity, record_id, created_at, read_at FROM notifications "
                          "WHERE user_id = $1 AND company_id = $2";
        std::vector<Value> params{p.user_id, p.company_id};
        if (unread != nullptr && *unread == "true") sql += " AND read_at IS NULL";
        if (before) {
          params.emplace_back(*before);
          sql += " AND id < $" + std::to_string(params.size());
        }
        sql += " ORDER BY id DESC LIMIT " + std::to_string(limit + 1);
        auto rows = c.query(sql, params);
        if (!rows) return rows.error();
        auto unread_count = c.query_row(
            "SELECT count(*) FROM notifications WHERE user_id = $1 AND company_id = $2 AND read_at IS NULL",
            {p.user_id, p.company_id});
        if (!unread_count) return unread_count.error();
        boost::json::array items;
        std::int64_t last = 0;
        bool more = false;
        for (const auto& row : *rows) {
          if (static_cast<int>(items.size()) == limit) {
            more = true;
            break;
          }
          last = row.int64(0).value_or(0);
          items.push_back(notification_json(row));
        }
        return boost::json::object{{"items", std::move(items)},
                                   {"unread_count", (**unread_count).int64(0).value_or(0)},
                                   {"next_before", more ? boost::json::value(last) : boost::json::value(nullptr)}};
      });
      if (!page) return http::problem_response(page.error(), request, catalog);
      return http::json_response(200, *page);
    }, {.access = http::Access::signed_in(),
        .openapi = R"({"summary":"My notifications, newest first","tags":["Notifications"]})"});

    router.post("/api/v1/notifications/read-all", [&db, &clock, &catalog](http::Request& request) {
      const auto& p = *request.principal;
      auto done = db.write([&](Connection& c) {
        return c.execute("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND company_id = $3 AND read_at IS NULL",
                         {Timestamp::from_system(clock.now()), p.user_id, p.company_id});
      });
      if (!done) return http::problem_response(done.error(), request, catalog);
      return http::json_response(200, boost::json::object{{"marked", *done}});
    }, {.access = http::Access::signed_in(),
        .openapi = R"({"summary":"Mark all my notifications read","tags":["Notifications"]})"});

    router.post("/api/v1/notifications/{id}/read", [&db, &clock, &catalog](http::Request& request) {
      const auto& p = *request.principal;
      auto id = request.id_param("id");
      if (!id) return http::problem_response(make_error(ErrorKind::not_found, "error.not_found"), request, catalog);
      auto done = db.write([&](Connection& c) {
        return c.execute(
            "UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3 AND company_id = $4",
            {Timestamp::from_system(clock.now()), *id, p.user_id, p.company_id});
      });
      if (!done) return http::problem_response(done.error(), request, catalog);
      if (*done == 0) return http::problem_response(make_error(ErrorKind::not_found, "error.not_found"), request, catalog);
      return http::Response::no_content();
    }, {.access = http::Access::signed_in(), .openapi = R"({"summary":"Mark a notification read","tags":["Notifications"]})"});
  }
};

}  // namespace

std::unique_ptr<Module> make_notify_module() { return std::make_unique<NotifyModule>(); }

}  // namespace verp::notify
