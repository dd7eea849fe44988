// Explicit, versioned data migrations, recorded in the `schema_version` table.
//
// Each owner of tables (the platform, a module) keeps its own list under its own scope name
// ("platform", "audit", "identity", …), so modules number their migrations independently.
// Schema sync (schema.hpp) adds tables, columns and indexes by itself; a Migration is for
// everything else: back-filling a new column, splitting a table, renaming a status. Each has a
// version (a positive number, strictly increasing through the list, never reused or
// renumbered once released) and a name for people.
//
// run_migrations() applies, in ascending order, every migration whose version is not recorded
// yet, each in its own write transaction together with its `schema_version` row: a migration
// that fails is rolled back, is not recorded, and stops the run (later ones are not tried),
// so the next start retries it. A migration's `apply` may be re-run by the transaction runner
// after a serialization failure, so like any transaction function it touches only the
// database. On PostgreSQL nodes starting together are serialised by an advisory lock, so each
// migration runs once.
//
// `schema_version` (scope TEXT, version BIGINT, name TEXT, applied_at TIMESTAMP; primary key
// (scope, version)) is created by
// run_migrations() when missing.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/storage/connection.hpp"
#include "platform/storage/schema.hpp"

namespace verp::storage {

class Database;

struct Migration {
  int version = 0;
  std::string name;
  std::function<Status(Connection&)> apply;
};

struct AppliedMigration {
  std::string scope;
  int version = 0;
  std::string name;
  Timestamp applied_at;
};

struct MigrationReport {
  std::vector<int> applied;  // versions applied by this run, in order
};

// The definition of the bookkeeping table, for code that lists every table.
TableDef schema_version_table();

// Applies the pending migrations. Errors: "storage.migration_invalid" (validation) when
// versions are not positive and strictly increasing or a migration has no function; otherwise
// the failing migration's own error, with args "version" and "migration" added.
Result<MigrationReport> run_migrations(Database& database, std::string_view scope,
                                       const std::vector<Migration>& migrations);

// The recorded migrations of every scope, ordered by scope and version. Fails ("storage.sql_error") before the first
// run_migrations() has created `schema_version`.
Result<std::vector<AppliedMigration>> applied_migrations(Database& database);

}  // namespace verp::storage
