#include "platform/storage/migrations.hpp"

#include <chrono>

#include "platform/storage/database.hpp"
#include "platform/storage/errors.hpp"

namespace verp::storage {
namespace {

// Serialises migration runs between nodes sharing one PostgreSQL database ("verp" + 2).
constexpr const char* kMigrationLockSql = "SELECT pg_advisory_xact_lock(508851433474)";

Status check_order(const std::vector<Migration>& migrations) {
  int previous = 0;
  for (const Migration& migration : migrations) {
    if (migration.version <= previous || !migration.apply) {
      return storage_error(ErrorKind::validation, kMigrationInvalid,
                           "migration " + std::to_string(migration.version) + " (" + migration.name +
                               "): versions must be positive and strictly increasing, each with a function")
          .with_arg("version", std::to_string(migration.version));
    }
    previous = migration.version;
  }
  return {};
}

Result<bool> is_recorded(Connection& connection, std::string_view scope, int version) {
  auto row = connection.query_row("SELECT 1 FROM schema_version WHERE scope = $1 AND version = $2",
                                  {std::string(scope), version});
  if (!row) return std::move(row).error();
  return row->has_value();
}

}  // namespace

TableDef schema_version_table() {
  return TableDef{
      .name = "schema_version",
      .columns = {{.name = "scope", .type = ColumnType::text, .not_null = true},
                  {.name = "version", .type = ColumnType::int64, .not_null = true},
                  {.name = "name", .type = ColumnType::text, .not_null = true},
                  {.name = "applied_at", .type = ColumnType::timestamp, .not_null = true}},
      .primary_key = {"scope", "version"},
      .indexes = {},
  };
}

Result<MigrationReport> run_migrations(Database& database, std::string_view scope,
                                       const std::vector<Migration>& migrations) {
  if (auto ordered = check_order(migrations); !ordered) return ordered.error();
  if (auto synced = sync_schema(database, {schema_version_table()}); !synced) return std::move(synced).error();

  MigrationReport report;
  for (const Migration& migration : migrations) {
    auto applied = database.write([&](Connection& connection) -> Result<bool> {
      if (connection.dialect() == Dialect::postgres) {
        if (auto locked = connection.execute_script(kMigrationLockSql); !locked) return locked.error();
      }
      // Checked under the lock, inside the transaction: another node may just have applied it.
      auto recorded = is_recorded(connection, scope, migration.version);
      if (!recorded) return std::move(recorded).error();
      if (*recorded) return false;
      if (auto done = migration.apply(connection); !done) return done.error();
      auto inserted = connection.execute(
          "INSERT INTO schema_version (scope, version, name, applied_at) VALUES ($1, $2, $3, $4)",
          {std::string(scope), migration.version, migration.name,
           Timestamp::from_system(std::chrono::system_clock::now())});
      if (!inserted) return std::move(inserted).error();
      return true;
    });
    if (!applied) {
      Error error = std::move(applied).error();
      error.with_arg("scope", std::string(scope))
          .with_arg("version", std::to_string(migration.version))
          .with_arg("migration", migration.name);
      return error;
    }
    if (*applied) report.applied.push_back(migration.version);
  }
  return report;
}

Result<std::vector<AppliedMigration>> applied_migrations(Database& database) {
  return database.read([](Connection& connection) -> Result<std::vector<AppliedMigration>> {
    auto rows =
        connection.query("SELECT scope, version, name, applied_at FROM schema_version ORDER BY scope, version", {});
    if (!rows) return std::move(rows).error();
    std::vector<AppliedMigration> out;
    for (const Row& row : *rows) {
      auto scope = row.text(0);
      auto version = row.int64(1);
      auto name = row.text(2);
      auto at = row.timestamp(3);
      if (!scope) return std::move(scope).error();
      if (!version) return std::move(version).error();
      if (!name) return std::move(name).error();
      if (!at) return std::move(at).error();
      out.push_back({*scope, static_cast<int>(*version), *name, *at});
    }
    return out;
  });
}

}  // namespace verp::storage
