#include <algorithm>
#include <filesystem>
#include <thread>

#include "app/commands.hpp"
#include "app/database_setup.hpp"
#include "app/platform_routes.hpp"
#include "platform/base/log.hpp"
#include "platform/http/server.hpp"
#include "platform/http/static_files.hpp"

namespace verp::app {

void configure_logging(const Settings& settings) {
  log::Level level = log::Level::info;
  log::parse_level(settings.log_level, level);
  log::configure(level, settings.log_format == "json" ? log::Format::json : log::Format::text);
}

// Handlers block on the database, so on PostgreSQL one worker per pooled connection lets every
// connection be busy. SQLite serialises writes and reads in microseconds, so more threads than
// cores only add hand-offs (scripts/bench.sh shows the cost).
int worker_threads_for(const Settings& settings, const storage::Database& database) {
  if (settings.worker_threads > 0) return settings.worker_threads;
  if (database.dialect() == storage::Dialect::postgres) return static_cast<int>(settings.db_pool_size);
  return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
}

int run_serve(const Settings& settings) {
  configure_logging(settings);
  auto endpoint = settings.listen_endpoint();
  if (!endpoint) {
    print_error(endpoint.error().detail);
    return 2;
  }
  auto prepared = open_prepared_database(settings);
  if (!prepared) {
    print_error(prepared.error().detail);
    return 1;
  }
  storage::Database& database = *prepared->database;

  const i18n::Catalog& catalog = i18n::Catalog::built_in();
  http::Router router;
  http::Dispatcher* dispatcher_in_use = nullptr;  // the dispatcher sizes its metrics from the finished router
  add_platform_routes(router, database, [&dispatcher_in_use] { return dispatcher_in_use->metrics().render(); });
  http::StaticFiles web_ui(settings.web_root, catalog);
  if (!std::filesystem::is_directory(settings.web_root)) {
    log::warn("serve.no_web_ui", {{"web_root", settings.web_root}});
  }
  router.set_fallback([&web_ui](http::Request& request) { return web_ui.serve(request); }, "/api/");

  http::Dispatcher dispatcher(router, catalog, {.access_log = settings.access_log});
  dispatcher_in_use = &dispatcher;
  add_database_metrics(dispatcher.metrics(), database);

  http::ServerOptions options;
  options.address = endpoint->first;
  options.port = endpoint->second;
  options.io_threads = settings.io_threads;
  options.worker_threads = worker_threads_for(settings, database);
  options.max_body_bytes = settings.max_body_bytes;
  options.max_connections = settings.max_connections;
  options.idle_timeout = std::chrono::milliseconds(settings.idle_timeout_ms);
  options.read_timeout = std::chrono::milliseconds(settings.read_timeout_ms);
  options.shutdown_grace = std::chrono::milliseconds(settings.shutdown_grace_ms);
  http::Server server(options, dispatcher);
  if (Status started = server.start(); !started) {
    print_error(started.error().detail);
    return 1;
  }
  log::info("server.listening", {{"address", endpoint->first},
                                 {"port", std::to_string(server.port())},
                                 {"database", std::string(storage::to_string(database.dialect()))},
                                 {"schema_version", std::to_string(prepared->schema_version)}});
  server.wait_for_signal();
  if (Status closed = database.close(std::chrono::seconds(10)); !closed) {
    log::warn("serve.database_close", {{"detail", closed.error().detail}});
  }
  log::info("serve.stopped");
  log::flush();
  return 0;
}

}  // namespace verp::app
