// `verp demo`: a small virtual enterprise with realistic Chinese master data, so a newcomer signs
// in to a living system — three member companies (the first one, 'MAIN' 总公司, plus 深圳智造电子
// and 杭州云链贸易) with the administrator in each, currencies, tax rates, payment terms, units,
// about 200 customers, 100 suppliers, 500 items in a category tree, 20 bills of materials,
// warehouses with locations and 30 employees per company.
//
// The data comes from a fixed-seed generator, so every load is the same. Every record goes
// through EntityStore::create as the administrator (validation, history and audit apply), the
// member companies and memberships through one audited transaction.
//
// Loading is idempotent: once done it is marked in system_info ('demo_loaded') and a second
// load does nothing. A load that was interrupted resumes (records whose code exists are kept).
// A database that already holds customers, suppliers or items of its own gets no demo data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/database_setup.hpp"
#include "app/settings.hpp"
#include "platform/base/result.hpp"

namespace verp::app {

struct DemoCount {
  std::string entity;  // "customer", or "company" for member companies
  std::string label;   // "客户"
  std::int64_t created = 0;
};

struct DemoReport {
  enum class Outcome {
    loaded,          // the demo data is now there (`counts` says what this run created)
    already_loaded,  // an earlier run loaded it; nothing done
    not_empty,       // the database holds master data of its own; nothing done
  };
  Outcome outcome = Outcome::loaded;
  std::vector<std::string> companies;  // "SZ 深圳智造电子有限公司", in order
  std::vector<DemoCount> counts;       // in creation order
  std::int64_t total = 0;              // records created by this run
  std::int64_t kept = 0;               // records an interrupted earlier run had made (resumed)
};

// Loads the demo into an application opened with started modules (the administrator exists).
Result<DemoReport> load_demo(Application& app);

// The sub-command: opens the application, loads, prints what it created.
int run_demo(const Settings& settings);

}  // namespace verp::app
