#include "modules/notify/preferences.hpp"

#include <boost/json.hpp>

#include "platform/audit/audit_log.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace verp::notify {

using storage::Column;
using storage::ColumnType;
using storage::Connection;
using storage::Value;

std::vector<storage::TableDef> preference_tables() {
  auto user_column = [] {
    return Column{.name = "user_id", .type = ColumnType::int64, .not_null = true,
                  .references = storage::Reference{.table = "users", .on_delete = storage::OnDelete::cascade}};
  };
  return {storage::TableDef{.name = "notification_preferences",
                            .columns = {user_column(), Column{.name = "kind", .type = ColumnType::text, .not_null = true},
                                        Column{.name = "channel", .type = ColumnType::text, .not_null = true},
                                        Column{.name = "enabled", .type = ColumnType::boolean, .not_null = true}},
                            .primary_key = {"user_id", "kind", "channel"}},
          storage::TableDef{.name = "notification_settings",
                            .columns = {user_column(), Column{.name = "locale", .type = ColumnType::text, .not_null = true}},
                            .primary_key = {"user_id"}}};
}

namespace {

struct Choices {
  std::string locale = "zh-CN";
  std::vector<std::tuple<std::string, std::string, bool>> overrides;  // kind, channel, enabled
};

Result<Choices> choices_of(Connection& c, std::int64_t user) {
  Choices choices;
  auto locale = c.query_row("SELECT locale FROM notification_settings WHERE user_id = $1", {user});
  if (!locale) return locale.error();
  if (*locale) choices.locale = (*locale)->text(0).value_or("zh-CN");
  auto rows = c.query("SELECT kind, channel, enabled FROM notification_preferences WHERE user_id = $1", {user});
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    choices.overrides.emplace_back(row.text(0).value_or(""), row.text(1).value_or(""), row.boolean(2).value_or(false));
  }
  return choices;
}

bool enabled(const Choices& choices, const EventType& type, Channel channel) {
  for (const auto& [kind, name, on] : choices.overrides) {
    if (kind == type.kind && name == to_string(channel)) return on;
  }
  return std::find(type.by_default.begin(), type.by_default.end(), channel) != type.by_default.end();
}

}  // namespace

Result<Wanted> wanted_channels(Connection& c, std::int64_t user, std::string_view kind) {
  Wanted wanted;
  const EventType* type = find_event_type(kind);
  auto choices = choices_of(c, user);
  if (!choices) return choices.error();
  wanted.locale = choices->locale;
  if (type == nullptr) return wanted;
  for (Channel channel : kExternalChannels) {
    if (enabled(*choices, *type, channel)) wanted.channels.push_back(channel);
  }
  return wanted;
}

void add_preference_routes(http::Router& router, storage::Database& database, const Clock& clock,
                           const i18n::Catalog& catalog) {
  storage::Database* db = &database;
  const Clock* time = &clock;
  const i18n::Catalog* messages = &catalog;
  auto problem = [messages](const Error& error, const http::Request& request) {
    return http::problem_response(error, request, *messages);
  };

  router.get("/api/v1/notification-preferences", [=](http::Request& request) {
    const std::int64_t user = request.principal->user_id;
    auto answer = db->read([&](Connection& c) -> Result<boost::json::object> {
      auto choices = choices_of(c, user);
      if (!choices) return choices.error();
      auto contact = c.query_row("SELECT email, phone FROM users WHERE id = $1", {user});
      if (!contact) return contact.error();
      boost::json::array types;
      for (const EventType& type : event_types()) {
        boost::json::object channels;
        for (Channel channel : kExternalChannels) channels[to_string(channel)] = enabled(*choices, type, channel);
        types.push_back(boost::json::object{
            {"kind", type.kind}, {"label", type.label.in(request.locale)}, {"channels", std::move(channels)}});
      }
      const bool known = contact->has_value();
      return boost::json::object{
          {"locale", choices->locale},
          {"email", known && !(*contact)->is_null(0) ? boost::json::value((*contact)->text(0).value_or("")) : nullptr},
          {"phone", known && !(*contact)->is_null(1) ? boost::json::value((*contact)->text(1).value_or("")) : nullptr},
          {"types", std::move(types)}};
    });
    if (!answer) return problem(answer.error(), request);
    return http::json_response(200, *answer);
  }, {.access = http::Access::signed_in(),
      .openapi = R"({"summary":"My notification channels per kind and my language","tags":["Notification"]})"});

  router.put("/api/v1/notification-preferences", [=](http::Request& request) {
    http::JsonBody body(request);
    body.allow_only({"locale", "types"});
    const auto locale = body.optional_text("locale", {.max_length = 10});
    if (locale && *locale != "zh-CN" && *locale != "en") body.add_error("locale", "invalid", "notify.bad_locale");
    std::vector<std::tuple<std::string, std::string, bool>> changes;
    if (const auto* types = body.raw("types"); types != nullptr) {
      if (!types->is_object()) {
        body.add_error("types", "invalid", "notify.bad_preferences");
      } else {
        for (const auto& [kind, channels] : types->as_object()) {
          if (find_event_type(kind) == nullptr) {
            body.add_error("types." + std::string(kind), "unknown", "notify.unknown_kind");
            continue;
          }
          if (!channels.is_object()) {
            body.add_error("types." + std::string(kind), "invalid", "notify.bad_preferences");
            continue;
          }
          for (const auto& [channel, on] : channels.as_object()) {
            const bool known = channel == "email" || channel == "sms" || channel == "wechat";
            if (!known || !on.is_bool()) {
              body.add_error("types." + std::string(kind) + "." + std::string(channel), "invalid",
                             "notify.bad_preferences");
              continue;
            }
            changes.emplace_back(std::string(kind), std::string(channel), on.as_bool());
          }
        }
      }
    }
    if (!body.ok()) return problem(body.error(), request);
    const auto& principal = *request.principal;
    auto saved = db->write([&](Connection& c) -> Status {
      if (locale) {
        auto cleared = c.execute("DELETE FROM notification_settings WHERE user_id = $1", {principal.user_id});
        if (!cleared) return cleared.error();
        auto set = c.execute("INSERT INTO notification_settings (user_id, locale) VALUES ($1, $2)",
                             {principal.user_id, *locale});
        if (!set) return set.error();
      }
      boost::json::object change;
      for (const auto& [kind, channel, on] : changes) {
        auto cleared = c.execute("DELETE FROM notification_preferences WHERE user_id = $1 AND kind = $2 AND channel = $3",
                                 {principal.user_id, kind, channel});
        if (!cleared) return cleared.error();
        auto set = c.execute(
            "INSERT INTO notification_preferences (user_id, kind, channel, enabled) VALUES ($1, $2, $3, $4)",
            {principal.user_id, kind, channel, on});
        if (!set) return set.error();
        change[kind + "." + channel] = on;
      }
      if (locale) change["locale"] = *locale;
      auto seq = audit::append(c, audit::Entry{.at = time->now(),
                                               .user_id = principal.user_id,
                                               .user_name = principal.user_name,
                                               .company_id = principal.company_id,
                                               .address = request.remote_address,
                                               .request_id = request.request_id,
                                               .action = "update",
                                               .target_type = "notification_preferences",
                                               .target_id = std::to_string(principal.user_id),
                                               .change = boost::json::serialize(change)});
      if (!seq) return seq.error();
      return {};
    });
    if (!saved) return problem(saved.error(), request);
    return http::Response::no_content();
  }, {.access = http::Access::signed_in(),
      .openapi = R"({"summary":"Choose my notification channels and language","tags":["Notification"]})"});
}

}  // namespace verp::notify
