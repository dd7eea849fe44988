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
#include <atomic>
#include <thread>

#include "bench_support.hpp"
#include "modules/inventory/stock_documents.hpp"
#include "modules/purchasing/purchasing.hpp"

namespace {

using namespace verp;
using namespace verp::bench;
using storage::Connection;

constexpr int kItems = 5;

struct World {
  std::int64_t supplier = 0, warehouse = 0;
  std::vector<std::int64_t> items;
};

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

int run(const std::string& backend, std::unique_ptr<storage::Database> database, const std::filesystem::path& folder) {
  auto company = trading_company(std::move(database), folder, kItems);
  storage::Database& db = *company->app.database;
  const entity::EntityStore& store = company->store;
  const security::Principal& admin = company->admin;
  const finance::Actor& actor = company->actor;
  World world{.warehouse = company->warehouse, .items = company->items};
  auto seeded = db.write([&](Connection& c) -> Status {
    world.supplier = made(c, store, admin, "supplier", {{"code", "S-1"}, {"name", "东莞五金"}});
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
  types.fill_from(*company->app.entities);
  const workflow::ApprovalServices approvals{store, types, SystemClock::instance()};
  const purchasing::Orders orders{store, *company->app.entities->find("purchase_order")};
  constexpr int kCycles = 200;
  CycleTimer timer({"order", "approve", "receive", "invoice", "pay"});
  const auto start = Stopwatch::now();
  for (int i = 0; i < kCycles; ++i) {
    auto timed = [&](std::size_t step, auto body) { return timer.time(db, step, body); };
    purchasing::OrderInput order{.header = {{"supplier_id", world.supplier},
                                            {"order_date", "2026-03-04"},
                                            {"warehouse_id", world.warehouse}}};
    for (std::int64_t item : world.items) {
      order.lines.push_back({.item_id = item, .quantity = "10", .price = "9.90", .tax_rate = "0.13"});
    }
    const std::int64_t id = timed(0, [&](Connection& c) { return purchasing::create_order(c, orders, actor, order); });
    timed(1, [&](Connection& c) { return submitted(c, approvals, admin, "purchase_order", id); });
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
  timer.print(backend, "p2p");
  return 0;
}

}  // namespace

int main() { return on_both_databases("stock_bench", run); }
