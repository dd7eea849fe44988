// What the business-cycle benchmarks (stock_bench, sales_bench) share: timing, failing loudly,
// making master data through the entity store, percentiles, and running one benchmark on SQLite
// and then, when VERP_BENCH_POSTGRES_URL is set, on PostgreSQL in a throw-away schema.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "app/database_setup.hpp"
#include "modules/finance/finance_module.hpp"
#include "modules/finance/ledger.hpp"
#include "modules/workflow/approvals.hpp"
#include "platform/entity/store.hpp"
#include "platform/security/field_cipher.hpp"
#include "platform/storage/database.hpp"

namespace verp::bench {

using Stopwatch = std::chrono::steady_clock;

inline double seconds_since(Stopwatch::time_point start) {
  return std::chrono::duration<double>(Stopwatch::now() - start).count();
}

[[noreturn]] inline void fail(const char* what, const Error& error) {
  std::fprintf(stderr, "%s: %s %s\n", what, error.message_id.c_str(), error.detail.c_str());
  for (const auto& field : error.fields) std::fprintf(stderr, "  %s %s\n", field.field.c_str(), field.code.c_str());
  std::exit(1);
}

inline std::int64_t made(storage::Connection& c, const entity::EntityStore& store, const security::Principal& admin,
                         std::string_view entity, boost::json::object body) {
  auto created = store.create_in(c, *store.registry().find(entity), admin, body, true, {"127.0.0.1", "bench"});
  if (!created) fail(std::string(entity).c_str(), created.error());
  return created->record->id;
}

struct Percentiles {
  double p50 = 0, p99 = 0;
};
inline Percentiles percentiles(std::vector<double> ms) {
  if (ms.empty()) return {};
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

// A document submitted to the approval engine (approved at once when no rule applies): the
// approve or confirm step of a cycle.
inline Result<int> submitted(storage::Connection& c, const workflow::ApprovalServices& approvals,
                             const security::Principal& admin, std::string_view document_type, std::int64_t id) {
  auto flow = workflow::submit(c, approvals, admin, document_type, id, "", {"127.0.0.1", "bench"});
  if (!flow) return flow.error();
  return 0;
}

// The steps of a business cycle, each one transaction, timed run by run.
class CycleTimer {
 public:
  explicit CycleTimer(std::vector<std::string> names) : names_(std::move(names)), runs_(names_.size()) {}

  // Runs `body` in a write transaction as step `step`; a failure ends the benchmark.
  template <class Body>
  auto time(storage::Database& db, std::size_t step, Body body) {
    const auto begun = Stopwatch::now();
    auto result = db.write(body);
    if (!result) fail(names_[step].c_str(), result.error());
    runs_[step].push_back(seconds_since(begun) * 1000.0);
    return *result;
  }

  // "<backend> <label> steps  order p50 … ms p99 … ms; …"
  void print(const std::string& backend, const char* label) const {
    std::printf("%-9s %s steps", backend.c_str(), label);
    for (std::size_t s = 0; s < names_.size(); ++s) {
      const auto p = percentiles(runs_[s]);
      std::printf("  %s p50 %.2f ms p99 %.2f ms%s", names_[s].c_str(), p.p50, p.p99, s + 1 < names_.size() ? ";" : "\n");
    }
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::vector<double>> runs_;
};

// An assembled application (the system clock) whose company 1 trades: the standard chart, fiscal
// year 2026, a warehouse 深圳总仓 and merchandise items M-0… in pieces. Benchmarks act as its
// administrator. Held by pointer: the store and the actor refer to the members before them.
class TradingCompany {
 public:
  TradingCompany(app::Application assembled, const std::filesystem::path& folder)
      : app(std::move(assembled)),
        files(folder / "attachments"),
        store(*app.database, SystemClock::instance(), *app.cipher, *app.entities, files) {}

  app::Application app;
  files::FileStore files;
  entity::EntityStore store;
  security::Principal admin{.user_id = 1, .user_name = "admin", .company_id = 1, .company_ids = {1},
                            .grants = {{"*", "*", security::DataScope::all_companies}}};
  finance::Actor actor{admin, {"127.0.0.1", "bench"}, SystemClock::instance()};
  std::int64_t warehouse = 0;
  std::vector<std::int64_t> items;
};

inline std::unique_ptr<TradingCompany> trading_company(std::unique_ptr<storage::Database> database,
                                                       const std::filesystem::path& folder, int item_count) {
  auto cipher = std::make_unique<security::FieldCipher>(security::FieldCipher::random_for_test());
  auto assembled = app::assemble_application(std::move(database), std::move(cipher), SystemClock::instance(),
                                             folder.string(), "correct horse battery staple 2026", "", true);
  if (!assembled) fail("assemble", assembled.error());
  auto company = std::make_unique<TradingCompany>(std::move(assembled.value()), folder);
  TradingCompany& t = *company;
  auto seeded = t.app.database->write([&](storage::Connection& c) -> Status {
    if (auto chart = finance::seed_standard_chart(c, t.store, t.admin, {"127.0.0.1", "bench"}); !chart) {
      return chart.error();
    }
    if (auto opened = finance::open_fiscal_year(c, t.actor, 2026); !opened) return opened.error();
    const auto unit = made(c, t.store, t.admin, "unit_of_measure", {{"code", "PCS"}, {"name", "个"}});
    t.warehouse = made(c, t.store, t.admin, "warehouse", {{"code", "SZ"}, {"name", "深圳总仓"}});
    for (int i = 0; i < item_count; ++i) {
      t.items.push_back(made(c, t.store, t.admin, "item",
                             {{"code", "M-" + std::to_string(i)}, {"name", "物料" + std::to_string(i)},
                              {"uom_id", unit}, {"item_type", "merchandise"}}));
    }
    return {};
  });
  if (!seeded) fail("seed", seeded.error());
  return company;
}

// Runs `run(backend, database, folder)` on a fresh SQLite file, then on PostgreSQL in the schema
// `name` (dropped before and after) when VERP_BENCH_POSTGRES_URL is set; answers the exit status.
using BenchRun = std::function<int(const std::string&, std::unique_ptr<storage::Database>, const std::filesystem::path&)>;
inline int on_both_databases(const std::string& name, const BenchRun& run) {
  const auto folder = std::filesystem::temp_directory_path() / ("verp-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  int status = 0;
  {
    auto database = storage::Database::open((folder / "bench.db").string());
    if (!database) return 1;
    status = run("sqlite", std::move(*database), folder / "sqlite");
  }
  if (const char* url = std::getenv("VERP_BENCH_POSTGRES_URL"); status == 0 && url != nullptr && *url != '\0') {
    const std::string base(url);
    const std::string schema = "verp_" + name;
    auto admin = storage::Database::open(base);
    if (!admin) return 1;
    auto made_schema = (*admin)->write([&](storage::Connection& c) {
      return c.execute_script("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
    });
    if (!made_schema) return 1;
    auto database = storage::Database::open(base + (base.find('?') == std::string::npos ? "?" : "&") +
                                            "options=-csearch_path%3D" + schema);
    if (!database) return 1;
    status = run("postgres", std::move(*database), folder / "postgres");
    (void)(*admin)->write([&](storage::Connection& c) { return c.execute_script("DROP SCHEMA " + schema + " CASCADE"); });
  }
  std::filesystem::remove_all(folder);
  return status;
}

}  // namespace verp::bench
