#include "app/database_setup.hpp"

#include <filesystem>
#include <system_error>

#include "app/platform_schema.hpp"
#include "platform/base/log.hpp"
#include "platform/storage/migrations.hpp"
#include "platform/storage/schema.hpp"

namespace verp::app {

bool is_postgres_url(std::string_view url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

namespace {

// "sqlite:PATH", "sqlite://PATH" or a plain path → PATH.
std::filesystem::path sqlite_file(std::string_view url) {
  if (url.starts_with("sqlite://")) url.remove_prefix(9);
  else if (url.starts_with("sqlite:")) url.remove_prefix(7);
  return std::filesystem::path(std::string(url));
}

Status make_folder(const std::filesystem::path& folder, const char* what) {
  if (folder.empty()) return {};
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    return make_error(ErrorKind::unavailable, "storage.connect_failed",
                      std::string("cannot create the ") + what + " folder " + folder.string() + ": " + ec.message());
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<storage::Database>> open_database(const Settings& settings) {
  if (Status made = make_folder(settings.data_dir, "data"); !made) return made.error();
  storage::DatabaseOptions options;
  options.pool_size = settings.db_pool_size;
  if (!is_postgres_url(settings.db)) {
    const auto file = sqlite_file(settings.db);
    if (file != ":memory:") {
      if (Status made = make_folder(file.parent_path(), "database"); !made) return made.error();
    }
    if (settings.sqlite_synchronous == "normal") {
      options.sqlite_synchronous = storage::SqliteSync::normal;
      log::warn("storage.sqlite_synchronous_normal",
                {{"detail", "synchronous=NORMAL: the last commits may be lost on power failure"}});
    }
  }
  auto database = storage::Database::open(settings.db, options);
  if (!database) {
    Error error = database.error();
    if (error.detail.empty()) error.detail = "cannot open the database";
    error.detail = "database " + settings.db + ": " + error.detail;
    return error;
  }
  return database;
}

Result<int> prepare_schema(storage::Database& database) {
  auto synced = storage::sync_schema(database, platform_tables());
  if (!synced) return synced.error();
  const auto migrations = platform_migrations();
  auto migrated = storage::run_migrations(database, "platform", migrations);
  if (!migrated) return migrated.error();
  return migrations.empty() ? 0 : migrations.back().version;
}

Result<PreparedDatabase> open_prepared_database(const Settings& settings) {
  auto database = open_database(settings);
  if (!database) return database.error();
  auto version = prepare_schema(**database);
  if (!version) {
    Error error = version.error();
    error.detail = "schema: " + error.detail;
    return error;
  }
  return PreparedDatabase{std::move(database.value()), *version};
}

}  // namespace verp::app
