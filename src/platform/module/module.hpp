// Module: what a business module (or a platform service with tables and routes, such as
// identity) tells the application about itself. The app keeps one list of modules
// (src/app/modules.cpp); adding a module is its folder plus one line there.
//
// Start-up order, for every module in list order at each step:
//   entities()    → the entity registry
//   tables()      → schema sync (both dialects), then the entities' tables, then
//                   tables_after_entities()
//   migrations()  → run under the module's name as scope
//   start()       → seed data, load caches; may fail the start
//   add_routes()  → before the dispatcher exists
//   add_middleware() → after; middleware runs in module order, outermost first
// checks() feed `verp check`; scheduled_jobs() the scheduler. All hooks run on the main thread
// before the server accepts connections; what they register must be thread-safe afterwards.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/entity/entity_spec.hpp"
#include "platform/http/dispatcher.hpp"
#include "platform/http/router.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/storage/database.hpp"
#include "platform/storage/migrations.hpp"
#include "platform/storage/schema.hpp"

namespace verp {

namespace security {
class FieldCipher;
}
namespace entity {
class EntityStore;
}

// What modules share at run time. Owned by the app; outlives every module's use of it.
struct ModuleContext {
  storage::Database& database;
  const Clock& clock;
  const i18n::Catalog& catalog;
  const security::FieldCipher& cipher;  // sensitive fields at rest
  std::string data_dir;
  std::string admin_password;  // VERP_ADMIN_PASSWORD, for the first start
  std::string sms_webhook;     // VERP_SMS_WEBHOOK; empty: SMS codes are not offered
  const entity::Registry* entities = nullptr;  // every module's entities (set before start())
  const entity::EntityStore* entity_store = nullptr;  // the generic store (set before add_routes())
  std::string public_url;  // VERP_PUBLIC_URL, for links sent to customers; empty: the requester's address
};

// A recurring job a module runs: the app registers `run` as the job kind `name` and schedules it
// by `cron` (China time). `run` answers a JSON summary for the job's result; it runs on a job
// worker thread, outside any transaction, and must be safe to run on several nodes at once.
struct ScheduledJob {
  std::string name;  // "crm.sla"; also the job's kind
  std::string cron;  // "*/5 * * * *"
  std::function<Result<std::string>()> run;
};

// One invariant `verp check` proves; returns the problems found (empty: holds).
struct Check {
  std::string name;
  std::function<Result<std::vector<std::string>>(storage::Database&)> run;
};

// A column whose values are sealed with the field cipher; `verp keys rotate` re-seals them.
struct SealedColumn {
  std::string table;
  std::string column;  // the table's key column is "id"
};

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string_view name() const = 0;  // also the scope of its migrations
  virtual std::vector<storage::TableDef> tables() const { return {}; }
  // Tables whose foreign keys reach entity tables (a voucher line's account, customer, item):
  // synced after every entity's table.
  virtual std::vector<storage::TableDef> tables_after_entities() const { return {}; }
  // Entities declared by this module (platform/entity): the app registers them before schema
  // sync, creates their tables after every module's own tables, and serves their generic routes
  // after the module's own routes (so a module's specific route wins).
  virtual std::vector<entity::EntitySpec> entities() const { return {}; }
  virtual std::vector<storage::Migration> migrations() const { return {}; }
  virtual Status start(ModuleContext&) { return {}; }
  virtual void add_routes(http::Router&, ModuleContext&) {}
  virtual void add_middleware(http::Dispatcher&, ModuleContext&) {}
  virtual std::vector<Check> checks() const { return {}; }
  // Recurring work; called once the routes are added (the context's entity store is set).
  virtual std::vector<ScheduledJob> scheduled_jobs(ModuleContext&) const { return {}; }
  virtual std::vector<SealedColumn> sealed_columns() const { return {}; }
};

}  // namespace verp
