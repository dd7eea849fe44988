#include "app/http_stack.hpp"

#include "app/platform_routes.hpp"

#include <filesystem>
#include "platform/entity/openapi.hpp"
#include "platform/entity/routes.hpp"
#include "modules/identity/api.hpp"
#include "platform/base/log.hpp"
#include "platform/jobs/routes.hpp"

namespace verp::app {

std::unique_ptr<HttpStack> build_http_stack(Application& app, const std::string& web_root, bool access_log) {
  auto stack = std::make_unique<HttpStack>();
  HttpStack* raw = stack.get();
  // /metrics renders the dispatcher's figures; the dispatcher is made after the router.
  add_platform_routes(stack->router, *app.database, [raw] { return raw->dispatcher->metrics().render(); },
                      entity::openapi_schemas(*app.entities));
  for (auto& module : app.modules) module->add_routes(stack->router, *app.context);
  stack->jobs = std::make_unique<jobs::JobQueue>(*app.database, app.context->clock, jobs::QueueOptions{.workers = 2});
  auto entities = std::make_shared<const entity::EntityServices>(
      *app.database, app.context->clock, i18n::Catalog::built_in(), *app.entities, *app.cipher,
      std::filesystem::path(app.context->data_dir) / "attachments", stack->jobs.get());
  storage::Database* database = app.database.get();
  entity::register_import_job(*stack->jobs, entities, [database](std::int64_t user, std::int64_t company) {
    return identity::principal_of(*database, user, company);
  });
  jobs::add_job_routes(stack->router, *stack->jobs, i18n::Catalog::built_in());
  entity::add_meta_routes(stack->router, entities);
  entity::add_transfer_routes(stack->router, entities);
  entity::add_entity_routes(stack->router, entities);
  stack->web_ui = std::make_unique<http::StaticFiles>(web_root, i18n::Catalog::built_in());
  stack->router.set_fallback([raw](http::Request& request) { return raw->web_ui->serve(request); }, "/api/");
  stack->dispatcher =
      std::make_unique<http::Dispatcher>(stack->router, i18n::Catalog::built_in(), http::DispatchOptions{access_log});
  for (auto& module : app.modules) module->add_middleware(*stack->dispatcher, *app.context);
  add_database_metrics(stack->dispatcher->metrics(), *app.database);
  if (Status started = stack->jobs->start(); !started) {
    log::error("jobs.start_failed", {{"detail", started.error().detail}});
  }
  return stack;
}

}  // namespace verp::app
