// Order to cash, per database: cycles per second of an order of 5 lines → confirmation through
// the approval engine (within the credit limit: approved at once, stock reserved) → delivery note →
// shipping it (stock out at moving average, the cost voucher) → the sales invoice from the
// delivery with its voucher → the receipt voucher; one transaction per step as the API runs them,
// with the median and 99th percentile of each step. Bounded: kCycles cycles on each database.
// PostgreSQL when VERP_BENCH_POSTGRES_URL is set.
#include "bench_support.hpp"
#include "modules/inventory/stock_documents.hpp"
#include "modules/sales/sales.hpp"

namespace {

using namespace verp;
using namespace verp::bench;
using storage::Connection;
using storage::Date;

constexpr int kItems = 5;
constexpr int kCycles = 200;

int run(const std::string& backend, std::unique_ptr<storage::Database> database, const std::filesystem::path& folder) {
  auto company = trading_company(std::move(database), folder, kItems);
  storage::Database& db = *company->app.database;
  const entity::EntityStore& store = company->store;
  const security::Principal& admin = company->admin;
  const finance::Actor& actor = company->actor;
  std::int64_t customer = 0;
  // Enough stock for every cycle: each ships 2 of every item.
  auto seeded = db.write([&](Connection& c) -> Status {
    customer = made(c, store, admin, "customer", {{"code", "C-1"}, {"name", "华南电子"}});
    inventory::StockDocumentInput receipt{.kind = "receipt", .date = Date{2026, 3, 1}, .warehouse_id = company->warehouse};
    for (std::int64_t item : company->items) {
      receipt.lines.push_back({.item_id = item, .quantity = std::to_string(2 * kCycles), .unit_cost = "6.5"});
    }
    if (auto posted = inventory::post_stock_document(c, actor, receipt); !posted) return posted.error();
    return {};
  });
  if (!seeded) fail("seed", seeded.error());

  workflow::ApprovableTypes types;
  types.fill_from(*company->app.entities);
  const workflow::ApprovalServices approvals{store, types, SystemClock::instance()};
  const sales::Orders orders{store, *company->app.entities->find("sales_order")};
  CycleTimer timer({"order", "confirm", "delivery", "ship", "invoice", "receipt"});
  const auto start = Stopwatch::now();
  for (int i = 0; i < kCycles; ++i) {
    auto timed = [&](std::size_t step, auto body) { return timer.time(db, step, body); };
    sales::OrderInput order{.header = {{"customer_id", customer},
                                       {"order_date", "2026-03-04"},
                                       {"delivery_date", "2026-03-10"},
                                       {"warehouse_id", company->warehouse}}};
    for (std::int64_t item : company->items) {
      order.lines.push_back({.item_id = item, .quantity = "2", .price = "9.90", .tax_rate = "0.13"});
    }
    const std::int64_t id = timed(0, [&](Connection& c) { return sales::create_order(c, orders, actor, order); });
    timed(1, [&](Connection& c) { return submitted(c, approvals, admin, "sales_order", id); });
    sales::DeliveryInput delivery{.date = Date{2026, 3, 5}};
    for (int line = 1; line <= kItems; ++line) delivery.lines.push_back({.order_id = id, .line_no = line, .quantity = "2"});
    const std::int64_t note = timed(2, [&](Connection& c) { return sales::create_delivery(c, orders, actor, delivery); });
    timed(3, [&](Connection& c) -> Result<int> {
      if (Status shipped = sales::ship_delivery(c, orders, actor, note, {.date = Date{2026, 3, 5}}); !shipped) {
        return shipped.error();
      }
      return 0;
    });
    sales::SalesInvoiceInput invoice{.customer_id = customer, .date = Date{2026, 3, 6}, .delivery_ids = {note}};
    timed(4, [&](Connection& c) { return sales::invoice_sales(c, orders, actor, invoice); });
    timed(5, [&](Connection& c) -> Result<int> {
      // 5 lines × 2 × 9.90 and 13 % VAT.
      auto paid = sales::receive_payment(c, actor, {.customer_id = customer, .date = Date{2026, 3, 20}, .amount = "111.87"});
      if (!paid) return paid.error();
      return 0;
    });
  }
  const double cycles = kCycles / seconds_since(start);
  std::printf("%-9s o2c       order of %d lines → confirm → delivery → ship → invoice → receipt: %6.1f cycles/s (%d cycles)\n",
              backend.c_str(), kItems, cycles, kCycles);
  timer.print(backend, "o2c");
  return 0;
}

}  // namespace

int main() { return on_both_databases("sales_bench", run); }
