// The running application's shared parts: the database with its schema up to date, the
// field cipher, the clock and the modules. serve, init, check and the other sub-commands
// start from here.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "app/settings.hpp"
#include "platform/module/module.hpp"
#include "platform/security/field_cipher.hpp"
#include "platform/storage/database.hpp"

namespace verp::app {

// Opens settings.db (creating the SQLite file's folder and the data folder), warning when the
// operator traded durability for speed.
Result<std::unique_ptr<storage::Database>> open_database(const Settings& settings);

// Keys for sensitive fields: VERP_FIELD_KEYS when set, else <data_dir>/keys/field.keys
// (created with a fresh key on first start, mode 0600).
Result<security::FieldCipher> open_field_cipher(const Settings& settings);
std::string field_key_file(const Settings& settings);

struct Application {
  std::unique_ptr<storage::Database> database;
  std::unique_ptr<security::FieldCipher> cipher;  // heap: the context refers to it across moves
  std::vector<std::unique_ptr<Module>> modules;
  std::unique_ptr<entity::Registry> entities;  // heap: the context refers to it across moves
  std::unique_ptr<ModuleContext> context;
  int schema_version = 0;  // of the platform scope
};

// Opens everything and brings the schema of the platform and every module up to date.
// With start_modules, also runs each module's start() (seeding, first admin account).
Result<Application> open_application(const Settings& settings, bool start_modules);

// The same from parts the caller made: tests pass a fresh database, a test cipher and a
// ManualClock (which must outlive the Application), and may add modules of their own after the
// application's (a document type only a test needs).
Result<Application> assemble_application(std::unique_ptr<storage::Database> database,
                                         std::unique_ptr<security::FieldCipher> cipher, const Clock& clock,
                                         std::string data_dir, std::string admin_password, std::string sms_webhook,
                                         bool start_modules, std::vector<std::unique_ptr<Module>> extra_modules = {});

// True when the database URL names PostgreSQL rather than a SQLite file.
bool is_postgres_url(std::string_view url);

}  // namespace verp::app
