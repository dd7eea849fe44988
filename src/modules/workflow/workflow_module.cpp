#include "modules/workflow/workflow_module.hpp"

#include <boost/json.hpp>

#include "modules/workflow/approval_routes.hpp"
#include "modules/workflow/approvals.hpp"
#include "platform/entity/codec.hpp"
#include "platform/entity/store.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace verp::workflow {
namespace {

using http::Request;
using http::Response;

Result<boost::json::object> object_body(const Request& request) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(request.body.empty() ? std::string_view("{}") : std::string_view(request.body), ec);
  if (ec || !parsed.is_object()) return make_error(ErrorKind::validation, "http.bad_request");
  return std::move(parsed.as_object());
}

class WorkflowModule final : public Module {
 public:
  std::string_view name() const override { return "workflow"; }
  std::vector<entity::EntitySpec> entities() const override {
    return {task_entity(), approval_rule_entity(approvable_), approval_delegation_entity()};
  }
  std::vector<storage::TableDef> tables() const override { return approval_tables(); }

  // Every module has declared its entities by now: learn which documents go through approval.
  Status start(ModuleContext& context) override {
    if (context.entities != nullptr) approvable_->fill_from(*context.entities);
    return {};
  }

  void add_routes(http::Router& router, ModuleContext& context) override {
    add_approval_routes(router, context, approvable_);
    const entity::EntityStore* store = context.entity_store;
    storage::Database* database = &context.database;
    const i18n::Catalog* catalog = &context.catalog;
    const entity::EntitySpec* spec = context.entities != nullptr ? context.entities->find("task") : nullptr;
    if (store == nullptr || spec == nullptr) return;
    auto problem = [catalog](const Error& error, const Request& request) {
      return http::problem_response(error, request, *catalog);
    };

    // Done; a repeating task gets its next occurrence in the same transaction.
    router.post("/api/v1/tasks/{id}/complete", [=](Request& request) {
      auto id = request.id_param("id");
      if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
      auto body = object_body(request);
      if (!body) return problem(body.error(), request);
      http::JsonBody reader(request);
      reader.allow_only({"version"});
      auto version = reader.integer("version", true);
      if (!reader.ok()) return problem(reader.error(), request);
      const entity::Caller caller{request.remote_address, request.request_id};
      auto done = database->write([&](storage::Connection& c) -> Result<boost::json::object> {
        auto task = store->update_in(c, *spec, *request.principal, *id,
                                     boost::json::object{{"version", *version}, {"status", "done"}}, caller);
        if (!task) return task.error();
        boost::json::object answer{{"id", task->id}, {"version", task->version}, {"status", "done"}};
        const auto* every = task->get("repeat_every_days").get_if<std::int64_t>();
        const auto* due = task->get("due_at").get_if<storage::Timestamp>();
        if (every != nullptr && due != nullptr) {
          const storage::Timestamp next_due{due->micros + *every * 24LL * 3600 * 1'000'000};
          boost::json::object next{{"due_at", next_due.to_string()}, {"status", "open"}};
          for (const char* copied : {"title", "description", "remind_minutes_before", "escalate_after_hours",
                                     "repeat_every_days", "entity", "record_id"}) {
            for (const auto& field : spec->fields) {
              if (field.name == copied) next[copied] = entity::encode_json(field, task->get(copied));
            }
          }
          if (task->owner_id) next["owner_id"] = *task->owner_id;
          auto created = store->create_in(c, *spec, *request.principal, next, true, caller);
          if (!created) return created.error();
          answer["next_id"] = created->record->id;
        }
        return answer;
      });
      if (!done) return problem(done.error(), request);
      return http::json_response(200, *done);
    }, {.access = http::Access::permission("task", "update"),
        .openapi = R"json({"summary":"Complete a task (a repeating one gets its next occurrence)","tags":["Task"]})json"});

    // Remind again later: the reminder fires once more at `until`.
    router.post("/api/v1/tasks/{id}/snooze", [=](Request& request) {
      auto id = request.id_param("id");
      if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
      http::JsonBody reader(request);
      reader.allow_only({"version", "until"});
      auto version = reader.integer("version", true);
      const std::string until = reader.text("until", {.required = true, .max_length = 40});
      if (!reader.ok()) return problem(reader.error(), request);
      const entity::Caller caller{request.remote_address, request.request_id};
      auto snoozed = database->write([&](storage::Connection& c) -> Result<entity::Record> {
        auto task = store->update_in(c, *spec, *request.principal, *id,
                                     boost::json::object{{"version", *version}, {"snoozed_until", until}}, caller);
        if (!task) return task.error();
        // The reminder is owed again; reminded_at is the sweep's bookkeeping, not the user's data.
        auto reset = c.execute("UPDATE tasks SET reminded_at = NULL WHERE id = $1", {*id});
        if (!reset) return reset.error();
        return task;
      });
      if (!snoozed) return problem(snoozed.error(), request);
      return http::json_response(200, boost::json::object{{"id", snoozed->id}, {"version", snoozed->version}});
    }, {.access = http::Access::permission("task", "update"),
        .openapi = R"({"summary":"Snooze a task's reminder","tags":["Task"]})"});
  }

 private:
  std::shared_ptr<ApprovableTypes> approvable_ = std::make_shared<ApprovableTypes>();
};

}  // namespace

std::unique_ptr<Module> make_workflow_module() { return std::make_unique<WorkflowModule>(); }

}  // namespace verp::workflow
