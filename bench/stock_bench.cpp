// Inventory and purchasing, per database:
//   moves     stock moves per second through the stock ledger's own function — receipts at a
//             cost, then issues at the moving average (each its own transaction, balances, cost
//             row and level upkeep included), with 1 and 2 threads
//   documents stock documents per second (a 5-line receipt: number, moves, its draft voucher,
//             audit, live event), for the cost of everything around the moves
//   p2p       procure-to-pay cycles per second: an order of 5 lines → approval → receipt of all
//             of it → three-way-matched supplier invoice with its voucher → payment voucher, one
//             transaction per step as the API runs them, with the median and 99th percentile of
//             each step
// PostgreSQL when VERP_BENCH_POSTGRES_URL is set.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "app/database_setup.hpp"
#include "modules/finance/finance_module.hpp"
#include "modules/inventory/stock_documents.hpp"
#include "modules/purchasing/purchasing.hpp"
#include "modules/workflow/approvals.hpp"
#include "platform/entity/store.hpp"
#include "platform/security/field_cipher.hpp"

namespace {

using namespace verp;
using Stopwatch = std::chrono::steady_clock;
using storage::Connection;

double seconds_since(Stopwatch::time_point start) { return std::chrono::duration<double>(Stopwatch::now() - start).count(); }

[[noreturn]] void fail(const char* what, const Error& error) {
  std::fprintf(stderr, "%s: %s %s\n", what, error.message_id.c_str(), error.detail.c_str());
  for (const auto& field : error.fields) std::fprintf(stderr, "  %s %s\n", field.field.c_str(), field.code.c_str());
  std::exit(1);
}

constexpr int kItems = 5;

struct World {
  std::int64_t supplier = 0, warehouse = 0;
  std::vector<std::int64_t> items;
};

std::int64_t made(Connection& c, const entity::EntityStore& store, const security::Principal& admin,
                  std::string_view entity, boost::json::object body) {
  auto created = store.create_in(c, *store.registry().find(entity), admin, body, true, {"127.0.0.1", "bench"});
  if (!created) fail(std::string(entity).c_str(), created.error());
  return created->record->id;
}

// Moves per second: `threads` threads each receiving then issuing `each` units, one transaction each.
double moves_per_second(storage::Database& db, const finance::Actor& actor, const World& world, int threads, int each) {
  std::atomic<int> failures{0};
  const auto start = Stopwatch::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < each; ++i) {
        // Each issue takes one of the two units the receipt before it brought in.
        const std::int64_t item = world.items[static_cast<std::size_t>((t + i / 2) % kItems)];
        const bool in = i % 2 == 0;
        inventory::StockPosting posting{.document_type = "bench", .document_id = i, .document_number = "B",
                                        .date = storage::Date{2026, 3, 2}, .move_type = in ? "receipt" : "issue"};
        posting.moves.push_back({.item_id = item, .warehouse_id = world.warehouse,
                                 .quantity = in ? 2 * inventory::kOne : -inventory::kOne,
                                 .value = in ? std::optional<finance::Cents>(2000 + i % 7) : std::nullopt, .line_no = 1});
        if (!db.write([&](Connection& c) { return inventory::apply_moves(c, actor, posting); })) ++failures;
      }
    });
  }
  for (auto& worker : workers) worker.join();
  if (failures > 0) std::fprintf(stderr, "%d moves failed\n", failures.load());
  return threads * each / seconds_since(start);
}

double documents_per_second(storage::Database& db, const finance::Actor& actor, const World& world, int count) {
  const auto start = Stopwatch::now();
  for (int i = 0; i < count; ++i) {
    inventory::StockDocumentInput input{.kind = "receipt", .date = storage::Date{2026, 3, 3}, .warehouse_id = world.warehouse};
    for (std::int64_t item : world.items) input.lines.push_back({.item_id = item, .quantity = "3", .unit_cost = "12.5"});
    if (auto posted = db.write([&](Connection& c) { return inventory::post_stock_document(c, actor, input); }); !posted) {
      fail("document", posted.error());
    }
  }
  return count / seconds_since(start);
}

struct Percentiles {
  double p50 = 0, p99 = 0;
};
Percentiles percentiles(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

int run(const std::string& backend, std::unique_ptr<storage::Database> database, const std::filesystem::path& folder) {
  auto cipher = std::make_unique<security::FieldCipher>(security::FieldCipher::random_for_test());
  auto assembled = app::assemble_application(std::move(database), std::move(cipher), SystemClock::instance(),
                                             folder.string(), "correct horse battery staple 2026", "", true);
  if (!assembled) fail("assemble", assembled.error());
  app::Application app = std::move(assembled.value());
  storage::Database& db = *app.database;
  files::FileStore files(folder / "attachments");
  entity::EntityStore store(db, SystemClock::instance(), *app.cipher, *app.entities, files);
  security::Principal admin{.user_id = 1, .user_name = "admin", .company_id = 1, .company_ids = {1},
                            .grants = {{"*", "*", security::DataScope::all_companies}}};
  const finance::Actor actor{admin, {"127.0.0.1", "bench"}, SystemClock::instance()};
  World world;
  auto seeded = db.write([&](Connection& c) -> Status {
    if (auto chart = finance::seed_standard_chart(c, store, admin, {"127.0.0.1", "bench"}); !chart) return chart.error();
    if (auto opened = finance::open_fiscal_year(c, actor, 2026); !opened) return opened.error();
    const auto unit = made(c, store, admin, "unit_of_measure", {{"code", "PCS"}, {"name", "个"}});
    world.supplier = made(c, store, admin, "supplier", {{"code", "S-1"}, {"name", "东莞五金"}});
    world.warehouse = made(c, store, admin, "warehouse", {{"code", "SZ"}, {"name", "深圳总仓"}});
    for (int i = 0; i < kItems; ++i) {
      world.items.push_back(made(c, store, admin, "item",
                                 {{"code", "M-" + std::to_string(i)}, {"name", "物料" + std::to_string(i)},
                                  {"uom_id", unit}, {"item_type", "merchandise"}}));
    }
    return {};
  });
  if (!seeded) fail("seed", seeded.error());

  const double one = moves_per_second(db, actor, world, 1, 2000);
  const double two = moves_per_second(db, actor, world, 2, 1000);
  std::printf("%-9s moves     receipt/issue, moving average kept: %7.0f moves/s (1 thread), %7.0f (2 threads, %.2fx)\n",
              backend.c_str(), one, two, two / one);
  const double documents = documents_per_second(db, actor, world, 300);
  std::printf("%-9s documents 5-line receipt with its voucher: %7.0f documents/s (%.0f moves/s, %.2fx the bare moves)\n",
              backend.c_str(), documents, documents * kItems, documents * kItems / one);

  workflow::ApprovableTypes types;
  types.fill_from(*app.entities);
  const workflow::ApprovalServices approvals{store, types, SystemClock::instance()};
  const purchasing::Orders orders{store, *app.entities->find("purchase_order")};
  constexpr int kCycles = 200;
  std::vector<double> steps[5];
  const auto start = Stopwatch::now();
  for (int i = 0; i < kCycles; ++i) {
    auto timed = [&](int step, auto body) {
      const auto begun = Stopwatch::now();
      auto result = db.write(body);
      if (!result) fail("p2p", result.error());
      steps[step].push_back(seconds_since(begun) * 1000.0);
      return *result;
    };
    purchasing::OrderInput order{.header = {{"supplier_id", world.supplier},
                                            {"order_date", "2026-03-04"},
                                            {"warehouse_id", world.warehouse}}};
    for (std::int64_t item : world.items) {
      order.lines.push_back({.item_id = item, .quantity = "10", .price = "9.90", .tax_rate = "0.13"});
    }
    const std::int64_t id = timed(0, [&](Connection& c) { return purchasing::create_order(c, orders, actor, order); });
    timed(1, [&](Connection& c) -> Result<int> {
      auto flow = workflow::submit(c, approvals, admin, "purchase_order", id, "", {"127.0.0.1", "bench"});
      if (!flow) return flow.error();
      return 0;
    });
    purchasing::ReceiptInput receipt{.date = storage::Date{2026, 3, 5}};
    for (int line = 1; line <= kItems; ++line) receipt.lines.push_back({.line_no = line, .quantity = "10"});
    timed(2, [&](Connection& c) { return purchasing::receive_goods(c, orders, actor, id, receipt); });
    purchasing::SupplierInvoiceInput invoice{.number = "INV-" + std::to_string(i), .date = storage::Date{2026, 3, 6}};
    for (int line = 1; line <= kItems; ++line) invoice.lines.push_back({.line_no = line, .quantity = "10"});
    timed(3, [&](Connection& c) { return purchasing::invoice_order(c, orders, actor, id, invoice); });
    timed(4, [&](Connection& c) -> Result<int> {
      auto paid = purchasing::pay_supplier(
          c, actor, {.supplier_id = world.supplier, .date = storage::Date{2026, 3, 20}, .amount = "559.35"});
      if (!paid) return paid.error();
      return 0;
    });
  }
  const double cycles = kCycles / seconds_since(start);
  std::printf("%-9s p2p       order of %d lines → approve → receive → invoice → pay: %6.1f cycles/s\n", backend.c_str(),
              kItems, cycles);
  const char* names[] = {"order", "approve", "receive", "invoice", "pay"};
  std::printf("%-9s p2p steps", backend.c_str());
  for (int s = 0; s < 5; ++s) {
    const auto p = percentiles(steps[s]);
    std::printf("  %s p50 %.2f ms p99 %.2f ms%s", names[s], p.p50, p.p99, s < 4 ? ";" : "\n");
  }
  return 0;
}

}  // namespace

int main() {
  const auto folder = std::filesystem::temp_directory_path() / ("verp-stock-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  int status = 0;
  {
    auto database = storage::Database::open((folder / "stock.db").string());
    if (!database) return 1;
    status = run("sqlite", std::move(*database), folder / "sqlite");
  }
  if (const char* url = std::getenv("VERP_BENCH_POSTGRES_URL"); status == 0 && url != nullptr && *url != '\0') {
    const std::string base(url);
    auto admin = storage::Database::open(base);
    if (!admin) return 1;
    auto made_schema = (*admin)->write([](storage::Connection& c) {
      return c.execute_script("DROP SCHEMA IF EXISTS verp_stock_bench CASCADE; CREATE SCHEMA verp_stock_bench");
    });
    if (!made_schema) return 1;
    auto database = storage::Database::open(base + (base.find('?') == std::string::npos ? "?" : "&") +
                                            "options=-csearch_path%3Dverp_stock_bench");
    if (!database) return 1;
    status = run("postgres", std::move(*database), folder / "postgres");
    (void)(*admin)->write([](storage::Connection& c) { return c.execute_script("DROP SCHEMA verp_stock_bench CASCADE"); });
  }
  std::filesystem::remove_all(folder);
  return status;
}
