#include "app/http_stack.hpp"

#include "app/platform_routes.hpp"

#include <filesystem>
#include "platform/entity/openapi.hpp"
#include "platform/entity/routes.hpp"
#include "modules/identity/api.hpp"
#include "modules/inventory/stock_alerts.hpp"
#include "modules/notify/api.hpp"
#include "modules/notify/delivery.hpp"
#include "modules/sales/overdue_reminders.hpp"
#include "modules/workflow/api.hpp"
#include <boost/json/parse.hpp>
#include "platform/base/log.hpp"
#include "platform/jobs/routes.hpp"
#include "platform/events/bridge.hpp"
#include "platform/events/routes.hpp"

namespace verp::app {

std::unique_ptr<HttpStack> build_http_stack(Application& app, const std::string& web_root, bool access_log,
                                            std::chrono::seconds job_stale_after) {
  auto stack = std::make_unique<HttpStack>();
  HttpStack* raw = stack.get();
  // /metrics renders the dispatcher's figures; the dispatcher is made after the router.
  add_platform_routes(stack->router, *app.database, [raw] { return raw->dispatcher->metrics().render(); },
                      entity::openapi_schemas(*app.entities));
  stack->events = std::make_unique<events::Hub>();
  if (auto feed = events::feed(*app.database, *stack->events); feed) {
    stack->events_feed = std::move(*feed);
  } else {
    log::error("events.feed_failed", {{"detail", feed.error().detail}});
  }
  events::add_event_routes(stack->router, *stack->events, *app.entities, i18n::Catalog::built_in());
  stack->jobs = std::make_unique<jobs::JobQueue>(*app.database, app.context->clock, jobs::QueueOptions{.workers = 2, .stale_after = job_stale_after});
  auto entities = std::make_shared<const entity::EntityServices>(
      *app.database, app.context->clock, i18n::Catalog::built_in(), *app.entities, *app.cipher,
      std::filesystem::path(app.context->data_dir) / "attachments", stack->jobs.get());
  stack->entity_services = entities;
  app.context->entity_store = &entities->store;
  for (auto& module : app.modules) module->add_routes(stack->router, *app.context);
  storage::Database* database = app.database.get();
  const entity::PrincipalLoader principal_now = [database](std::int64_t user, std::int64_t company) {
    return identity::principal_of(*database, user, company);
  };
  entity::register_import_job(*stack->jobs, entities, principal_now);
  entity::register_export_job(*stack->jobs, entities, principal_now);
  const files::FileStore* files = &entities->files;
  jobs::add_job_routes(stack->router, *stack->jobs, i18n::Catalog::built_in(),
                       [files](const std::string& sha256) { return files->read(sha256); });
  const Clock* clock = &app.context->clock;
  stack->jobs->on_finished([clock](storage::Connection& c, const jobs::Job& job, jobs::State state) -> Status {
    // Tell the user their job ended, in the language they started it in.
    if (!job.user_id) return {};
    boost::system::error_code ec;
    auto payload = boost::json::parse(job.payload, ec);
    std::string locale = "zh-CN";
    if (!ec && payload.is_object()) {
      if (const auto* l = payload.as_object().if_contains("locale"); l != nullptr && l->is_string()) {
        locale = std::string(l->as_string());
      }
    }
    const char* id = state == jobs::State::succeeded ? "notification.job_succeeded"
                     : state == jobs::State::cancelled ? "notification.job_cancelled"
                                                       : "notification.job_failed";
    const auto& catalog = i18n::Catalog::built_in();
    auto stored = notify::notify(c, *clock,
                                 {.user_id = *job.user_id,
                                  .company_id = job.company_id,
                                  .kind = "job." + std::string(jobs::to_string(state)),
                                  .title = catalog.text(locale, id, {{"title", job.title}}),
                                  .body = job.error.empty() ? std::string() : catalog.text(locale, job.error),
                                  .entity = "job",
                                  .record_id = job.id});
    if (!stored) return stored.error();
    return {};
  });
  entity::add_meta_routes(stack->router, entities);
  entity::add_transfer_routes(stack->router, entities);
  entity::add_entity_routes(stack->router, entities);
  stack->web_ui = std::make_unique<http::StaticFiles>(web_root, i18n::Catalog::built_in());
  stack->router.set_fallback([raw](http::Request& request) { return raw->web_ui->serve(request); }, "/api/");
  stack->dispatcher =
      std::make_unique<http::Dispatcher>(stack->router, i18n::Catalog::built_in(), http::DispatchOptions{access_log});
  for (auto& module : app.modules) module->add_middleware(*stack->dispatcher, *app.context);
  add_database_metrics(stack->dispatcher->metrics(), *app.database);
  add_event_metrics(stack->dispatcher->metrics(), *stack->events);
  // Recurring maintenance: read notifications older than 180 days go, nightly at 03:30 (+08:00).
  storage::Database* db = app.database.get();
  stack->jobs->register_handler("notify.prune", [db, clock](const jobs::Job&, jobs::Progress&) -> Result<std::string> {
    const auto cutoff = storage::Timestamp::from_system(clock->now() - std::chrono::hours(24 * 180));
    auto pruned = db->write([&](storage::Connection& c) {
      return c.execute("DELETE FROM notifications WHERE read_at IS NOT NULL AND read_at < $1", {cutoff});
    });
    if (!pruned) return pruned.error();
    return "{\"deleted\":" + std::to_string(*pruned) + "}";
  });
  stack->jobs->register_handler("workflow.reminders", [db, clock](const jobs::Job&, jobs::Progress&) -> Result<std::string> {
    auto run = workflow::send_due_reminders(*db, *clock);
    if (!run) return run.error();
    return "{\"reminded\":" + std::to_string(run->reminded) + ",\"escalated\":" + std::to_string(run->escalated) + "}";
  });
  stack->jobs->register_handler("inventory.stock_alerts", [db, clock](const jobs::Job&, jobs::Progress&) -> Result<std::string> {
    auto run = inventory::send_stock_alerts(*db, *clock);
    if (!run) return run.error();
    return "{\"lots_expiring\":" + std::to_string(run->lots_expiring) + ",\"below_minimum\":" +
           std::to_string(run->below_minimum) + ",\"above_maximum\":" + std::to_string(run->above_maximum) +
           ",\"cleared\":" + std::to_string(run->cleared) + "}";
  });
  const entity::EntityStore* store = app.context->entity_store;
  stack->jobs->register_handler("notify.deliver", [db, clock, store](const jobs::Job&, jobs::Progress&) -> Result<std::string> {
    auto run = notify::deliver_due(*db, *store, *clock);
    if (!run) return run.error();
    return "{\"sent\":" + std::to_string(run->sent) + ",\"retrying\":" + std::to_string(run->retrying) +
           ",\"failed\":" + std::to_string(run->failed) + "}";
  });
  if (const entity::EntitySpec* tasks = app.entities->find("task"); tasks != nullptr && store != nullptr) {
    stack->jobs->register_handler("sales.overdue_reminders", [db, clock, store, tasks](const jobs::Job&, jobs::Progress&) -> Result<std::string> {
      auto run = sales::send_overdue_reminders(*db, *store, *tasks, *clock);
      if (!run) return run.error();
      return "{\"reminded\":" + std::to_string(run->reminded) + "}";
    });
  }
  std::vector<ScheduledJob> module_jobs;
  for (auto& module : app.modules) {
    for (auto& job : module->scheduled_jobs(*app.context)) {
      stack->jobs->register_handler(job.name, [run = job.run](const jobs::Job&, jobs::Progress&) { return run(); });
      module_jobs.push_back(std::move(job));
    }
  }
  stack->scheduler = std::make_unique<jobs::Scheduler>(*app.database, app.context->clock, *stack->jobs);
  for (const auto& job : module_jobs) {
    if (auto declared = stack->scheduler->upsert({.name = job.name, .cron = job.cron, .kind = job.name}); !declared) {
      log::error("jobs.schedule_failed", {{"detail", declared.error().detail}});
    }
  }
  if (auto declared = stack->scheduler->upsert({.name = "notify.deliver", .cron = "* * * * *", .kind = "notify.deliver"});
      !declared) {
    log::error("jobs.schedule_failed", {{"detail", declared.error().detail}});
  }
  if (auto declared = stack->scheduler->upsert({.name = "workflow.reminders", .cron = "* * * * *", .kind = "workflow.reminders"});
      !declared) {
    log::error("jobs.schedule_failed", {{"detail", declared.error().detail}});
  }
  if (auto declared = stack->scheduler->upsert({.name = "notify.prune", .cron = "30 3 * * *", .kind = "notify.prune"});
      !declared) {
    log::error("jobs.schedule_failed", {{"detail", declared.error().detail}});
  }
  // Expiring lots and reorder situations, told once each, every morning at 07:00 (+08:00).
  if (auto declared = stack->scheduler->upsert({.name = "inventory.stock_alerts", .cron = "0 7 * * *",
                                                .kind = "inventory.stock_alerts"});
      !declared) {
    log::error("jobs.schedule_failed", {{"detail", declared.error().detail}});
  }
  // Sales invoices past due and still open: a task and a notification each, every morning at 08:30 (+08:00).
  if (auto declared = stack->scheduler->upsert({.name = "sales.overdue_reminders", .cron = "30 8 * * *",
                                                .kind = "sales.overdue_reminders"});
      !declared) {
    log::error("jobs.schedule_failed", {{"detail", declared.error().detail}});
  }
  if (Status started = stack->jobs->start(); !started) {
    log::error("jobs.start_failed", {{"detail", started.error().detail}});
  }
  stack->scheduler->start();
  return stack;
}

}  // namespace verp::app
