// Opening the configured database and bringing its schema up to date: what serve, init and
// check share.
#pragma once

#include <memory>

#include "app/settings.hpp"
#include "platform/storage/database.hpp"

namespace verp::app {

// Opens settings.db (creating the SQLite file's folder and the data folder), warning when the
// operator traded durability for speed.
Result<std::unique_ptr<storage::Database>> open_database(const Settings& settings);

// Creates missing tables, columns and indexes and applies pending migrations. Returns the
// schema version reached.
Result<int> prepare_schema(storage::Database& database);

struct PreparedDatabase {
  std::unique_ptr<storage::Database> database;
  int schema_version = 0;
};

// open_database + prepare_schema, with errors worded for the operator.
Result<PreparedDatabase> open_prepared_database(const Settings& settings);

// True when the database URL names PostgreSQL rather than a SQLite file.
bool is_postgres_url(std::string_view url);

}  // namespace verp::app
