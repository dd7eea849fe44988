#include <algorithm>
#include <filesystem>
#include <thread>

#include "app/commands.hpp"
#include "app/database_setup.hpp"
#include "app/http_stack.hpp"
#include "platform/base/log.hpp"
#include "platform/http/server.hpp"

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
  auto app = open_application(settings, /*start_modules=*/true);
  if (!app) {
    print_error(app.error().detail);
    return 1;
  }
  storage::Database& database = *app->database;

  if (!std::filesystem::is_directory(settings.web_root)) {
    log::warn("serve.no_web_ui", {{"web_root", settings.web_root}});
  }
  auto stack = build_http_stack(*app, settings.web_root, settings.access_log,
                                std::chrono::seconds(settings.job_stale_after_s));

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
  http::Server server(options, *stack->dispatcher);
  if (Status started = server.start(); !started) {
    print_error(started.error().detail);
    return 1;
  }
  log::info("server.listening", {{"address", endpoint->first},
                                 {"port", std::to_string(server.port())},
                                 {"database", std::string(storage::to_string(database.dialect()))},
                                 {"schema_version", std::to_string(app->schema_version)}});
  server.wait_for_signal();
  if (Status closed = database.close(std::chrono::seconds(10)); !closed) {
    log::warn("serve.database_close", {{"detail", closed.error().detail}});
  }
  log::info("serve.stopped");
  log::flush();
  return 0;
}

}  // namespace verp::app
