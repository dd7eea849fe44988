// `verp check`: proves the database's invariants. Each module adds its own checks (stock =
// sum of moves, debits = credits…) as it arrives; the platform checks the schema and the
// storage engine's own consistency.
#include <cstdio>
#include <functional>
#include <set>

#include "app/commands.hpp"
#include "app/database_setup.hpp"
#include "app/platform_schema.hpp"
#include "platform/entity/store.hpp"
#include "platform/module/module.hpp"
#include "platform/storage/migrations.hpp"

namespace verp::app {
namespace {

Result<std::vector<std::string>> schema_is_current(storage::Database& database) {
  auto applied = storage::applied_migrations(database);
  if (!applied) return applied.error();
  std::set<int> done;
  for (const auto& migration : *applied) {
    if (migration.scope == "platform") done.insert(migration.version);
  }
  std::vector<std::string> problems;
  for (const auto& migration : platform_migrations()) {
    if (!done.contains(migration.version)) {
      problems.push_back("migration " + std::to_string(migration.version) + " (" + migration.name +
                         ") is not applied: run `verp init`");
    }
  }
  return problems;
}

// SQLite verifies every page, index and constraint; PostgreSQL guards its own pages, so there
// a round trip proves the server answers.
Result<std::vector<std::string>> storage_is_consistent(storage::Database& database) {
  if (database.dialect() == storage::Dialect::postgres) {
    if (Status ping = database.ping(); !ping) return ping.error();
    return std::vector<std::string>{};
  }
  return database.read([](storage::Connection& connection) -> Result<std::vector<std::string>> {
    std::vector<std::string> problems;
    auto integrity = connection.query("PRAGMA integrity_check");
    if (!integrity) return integrity.error();
    for (const auto& row : *integrity) {
      auto text = row.text(0);
      if (text && *text != "ok") problems.push_back("integrity: " + *text);
    }
    auto keys = connection.query("PRAGMA foreign_key_check");
    if (!keys) return keys.error();
    for (const auto& row : *keys) {
      auto table = row.text(0);
      problems.push_back("foreign key violated in table " + (table ? *table : std::string("?")));
    }
    return problems;
  });
}

std::vector<Check> checks(const std::vector<std::unique_ptr<Module>>& modules, const entity::Registry& entities) {
  std::vector<Check> all = {
      {"schema is current", schema_is_current},
      {"storage is consistent", storage_is_consistent},
      {"entity history holds every current version",
       [&entities](storage::Database& database) { return entity::check_history(database, entities); }},
  };
  for (const auto& module : modules) {
    for (auto& check : module->checks()) all.push_back(std::move(check));
  }
  return all;
}

}  // namespace

int run_checks(const Settings& settings, std::string_view only) {
  auto app = open_application(settings, /*start_modules=*/false);
  if (!app) {
    print_error(app.error().detail);
    return 1;
  }
  int failures = 0;
  std::size_t ran = 0;
  for (const Check& check : checks(app->modules, *app->entities)) {
    if (!only.empty() && check.name.find(only) == std::string::npos) continue;
    ++ran;
    auto problems = check.run(*app->database);
    if (!problems) {
      std::printf("FAIL  %s: %s\n", check.name.c_str(),
                  problems.error().detail.empty() ? problems.error().message_id.c_str()
                                                  : problems.error().detail.c_str());
      ++failures;
    } else if (!problems->empty()) {
      for (const auto& problem : *problems) std::printf("FAIL  %s: %s\n", check.name.c_str(), problem.c_str());
      ++failures;
    } else {
      std::printf("ok    %s\n", check.name.c_str());
    }
  }
  std::printf("verp check: %zu checks, %d failed\n", ran, failures);
  return failures == 0 ? 0 : 1;
}

int run_check(const Settings& settings, const std::string& only) { return run_checks(settings, only); }

int run_audit_verify(const Settings& settings) { return run_checks(settings, "audit log"); }

}  // namespace verp::app
