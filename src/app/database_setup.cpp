#include "app/database_setup.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "app/modules.hpp"
#include "app/platform_schema.hpp"
#include "platform/base/log.hpp"
#include "platform/entity/store.hpp"
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

namespace {

Result<std::unique_ptr<entity::Registry>> register_entities(const std::vector<std::unique_ptr<Module>>& modules) {
  auto registry = std::make_unique<entity::Registry>();
  for (const auto& module : modules) {
    for (auto& spec : module->entities()) {
      if (Status added = registry->add(std::move(spec)); !added) return added.error();
    }
  }
  return registry;
}

Result<int> prepare_schema(storage::Database& database, const std::vector<std::unique_ptr<Module>>& modules,
                           const entity::Registry& entities) {
  std::vector<storage::TableDef> tables = platform_tables();
  for (const auto& module : modules) {
    auto owned = module->tables();
    tables.insert(tables.end(), owned.begin(), owned.end());
  }
  for (auto& table : entity::framework_tables()) tables.push_back(std::move(table));
  for (auto& table : entities.tables()) tables.push_back(std::move(table));
  for (const auto& module : modules) {
    auto owned = module->tables_after_entities();
    tables.insert(tables.end(), owned.begin(), owned.end());
  }
  auto synced = storage::sync_schema(database, tables);
  if (!synced) return synced.error();
  const auto migrations = platform_migrations();
  auto migrated = storage::run_migrations(database, "platform", migrations);
  if (!migrated) return migrated.error();
  for (const auto& module : modules) {
    auto applied = storage::run_migrations(database, module->name(), module->migrations());
    if (!applied) return applied.error();
  }
  if (Status indexed = entity::ensure_search_indexes(database, entities); !indexed) return indexed.error();
  return migrations.empty() ? 0 : migrations.back().version;
}

}  // namespace

std::string field_key_file(const Settings& settings) {
  return (std::filesystem::path(settings.data_dir) / "keys" / "field.keys").string();
}

Result<security::FieldCipher> open_field_cipher(const Settings& settings) {
  if (const char* spec = std::getenv("VERP_FIELD_KEYS"); spec != nullptr && *spec != '\0') {
    return security::FieldCipher::from_spec(spec);
  }
  const std::filesystem::path file = field_key_file(settings);
  if (Status made = make_folder(file.parent_path(), "keys"); !made) return made.error();
  return security::FieldCipher::from_key_file(file, true);
}

Result<Application> assemble_application(std::unique_ptr<storage::Database> database,
                                         std::unique_ptr<security::FieldCipher> cipher, const Clock& clock,
                                         std::string data_dir, std::string admin_password, std::string sms_webhook,
                                         bool start_modules, std::vector<std::unique_ptr<Module>> extra_modules) {
  Application app;
  app.database = std::move(database);
  app.cipher = std::move(cipher);
  app.modules = all_modules();
  for (auto& module : extra_modules) app.modules.push_back(std::move(module));
  auto entities = register_entities(app.modules);
  if (!entities) {
    Error error = entities.error();
    error.detail = "entities: " + error.detail;
    return error;
  }
  app.entities = std::move(*entities);
  auto version = prepare_schema(*app.database, app.modules, *app.entities);
  if (!version) {
    Error error = version.error();
    error.detail = "schema: " + (error.detail.empty() ? error.message_id : error.detail);
    return error;
  }
  app.schema_version = *version;
  app.context = std::make_unique<ModuleContext>(ModuleContext{*app.database, clock, i18n::Catalog::built_in(),
                                                              *app.cipher, std::move(data_dir),
                                                              std::move(admin_password), std::move(sms_webhook),
                                                              app.entities.get()});
  if (start_modules) {
    for (auto& module : app.modules) {
      if (Status started = module->start(*app.context); !started) {
        Error error = started.error();
        error.detail = std::string(module->name()) + ": " + (error.detail.empty() ? error.message_id : error.detail);
        return error;
      }
    }
  }
  return app;
}

Result<Application> open_application(const Settings& settings, bool start_modules) {
  auto database = open_database(settings);
  if (!database) return database.error();
  auto cipher = open_field_cipher(settings);
  if (!cipher) {
    Error error = cipher.error();
    error.detail = "field encryption keys: " + (error.detail.empty() ? error.message_id : error.detail);
    return error;
  }
  auto app = assemble_application(std::move(database.value()),
                                  std::make_unique<security::FieldCipher>(std::move(cipher.value())),
                                  SystemClock::instance(), settings.data_dir, settings.admin_password,
                                  settings.sms_webhook, start_modules);
  if (app) app->context->public_url = settings.public_url;  // read when routes are added, after this
  return app;
}

}  // namespace verp::app
