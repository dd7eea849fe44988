// The customers area under load, per database (SQLite, then PostgreSQL when
// VERP_BENCH_POSTGRES_URL is set):
//  (a) the customer 360° API for one customer with VERP_BENCH_CRM_DOCUMENTS documents (default
//      10,000: 40 % sales orders of two lines, 20 % delivery notes, 20 % invoices, 10 % quotations
//      of two lines, 10 % receipt vouchers) among other customers' VERP_BENCH_CRM_NOISE orders
//      (default 20,000), through the real route (dispatcher, session, permission, data scope):
//      p50 and p99 of VERP_BENCH_CRM_CALLS calls (default 200), for the whole view, one more page
//      of orders and a page of the timeline;
//  (b) grade recomputation (scores, rules, lifecycle stages and history) over
//      VERP_BENCH_CRM_CUSTOMERS customers (default 1,000,000), a fifth of them with an order:
//      the first run (nearly every customer changes) and a second (nothing changes), customers/s.
// Documents and customers are inserted with set-based SQL for a fast setup, then ANALYZEd as a
// live database would be; only the measured work goes through the application.
#include <cstdlib>

#include "app/http_stack.hpp"
#include "bench_support.hpp"
#include "modules/crm/customers/grading.hpp"
#include "platform/http/message.hpp"
#include "platform/http/url_target.hpp"

namespace {

using namespace verp;
using namespace verp::bench;
using storage::Connection;
using storage::Dialect;
using storage::Timestamp;
using storage::Value;

constexpr const char* kPassword = "correct horse battery staple 2026";

std::int64_t setting(const char* name, std::int64_t otherwise) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? std::atoll(text) : otherwise;
}

// The numbers 1..n as a table `n(i)` (both databases).
std::string series(std::int64_t n) {
  return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(n) + ") ";
}

// A date literal chosen by `selector` mod 4, typed for the dialect.
std::string date_by(Dialect dialect, const std::string& selector) {
  const std::string pick = "CASE " + selector + " % 4 WHEN 0 THEN '2026-03-01' WHEN 1 THEN '2026-01-15' WHEN 2 THEN "
                           "'2025-08-01' ELSE '2024-11-20' END";
  return dialect == Dialect::postgres ? "CAST(" + pick + " AS DATE)" : pick;
}

void run_sql(storage::Database& db, const std::string& what, const std::string& sql, std::vector<Value> params) {
  auto done = db.write([&](Connection& c) -> Result<std::int64_t> { return c.execute(sql, params); });
  if (!done) fail(what.c_str(), done.error());
}

// `count` orders of two lines for each customer the `customers` SELECT names (id column `cid`).
void insert_orders(storage::Database& db, Dialect dialect, const std::string& customers, std::int64_t count,
                   std::int64_t warehouse, std::int64_t unit, std::int64_t item_a, std::int64_t item_b,
                   const std::string& prefix) {
  const Timestamp now = Timestamp::from_system(std::chrono::system_clock::now());
  run_sql(db, "orders",
          series(count) +
              "INSERT INTO sales_orders (company_id, owner_id, version, created_at, updated_at, custom, search_text, code, "
              "customer_id, order_date, delivery_date, warehouse_id, status, revision, amount, tax, total) SELECT 1, 1, 1, "
              "$1, $1, '{}', '', $2 || CAST(c.cid AS TEXT) || '-' || CAST(n.i AS TEXT), c.cid, " +
              date_by(dialect, "(n.i + c.cid)") + ", " + date_by(dialect, "(n.i + c.cid)") +
              ", $3, 'completed', 0, '200.00', '26.00', '226.00' FROM (" + customers + ") c CROSS JOIN n",
          {now, prefix, warehouse});
  for (const auto& [line, item] : {std::pair{1, item_a}, std::pair{2, item_b}}) {
    run_sql(db, "order lines",
            "INSERT INTO sales_order_lines (order_id, line_no, item_id, uom_id, factor, quantity, entered_quantity, "
            "list_price, price, discount, tax_rate, amount, tax) SELECT o.id, $1, $2, $3, '1', 100000, '10', '10', '10', "
            "'0', '0.13', 10000, 1300 FROM sales_orders o WHERE o.code LIKE $4",
            {line, item, unit, prefix + "%"});
  }
}

int run(const std::string& backend, std::unique_ptr<storage::Database> database, const std::filesystem::path& folder) {
  const std::int64_t documents = setting("VERP_BENCH_CRM_DOCUMENTS", 10'000);
  const std::int64_t noise = setting("VERP_BENCH_CRM_NOISE", 20'000);
  const std::int64_t calls = setting("VERP_BENCH_CRM_CALLS", 200);
  const std::int64_t customers = setting("VERP_BENCH_CRM_CUSTOMERS", 1'000'000);
  auto company = trading_company(std::move(database), folder, 2);
  storage::Database& db = *company->app.database;
  const Dialect dialect = db.dialect();
  std::int64_t customer = 0, unit = 0, period = 0;
  auto seeded = db.write([&](Connection& c) -> Status {
    customer = made(c, company->store, company->admin, "customer", {{"code", "C-360"}, {"name", "华南电子"}});
    for (int i = 0; i < 100; ++i) {
      made(c, company->store, company->admin, "customer",
           {{"code", "C-N" + std::to_string(i)}, {"name", "客户" + std::to_string(i)}});
    }
    auto row = c.query_row("SELECT uom_id FROM items WHERE id = $1", {company->items[0]});
    if (!row) return row.error();
    unit = (*row)->int64(0).value_or(0);
    auto first = c.query_row("SELECT id FROM fiscal_periods WHERE company_id = 1 ORDER BY starts_on LIMIT 1");
    if (!first) return first.error();
    period = (*first)->int64(0).value_or(0);
    return {};
  });
  if (!seeded) fail("seed", seeded.error());

  // ---- (a) the 360° view ----------------------------------------------------------------------
  auto setup_begun = Stopwatch::now();
  const std::string one = "SELECT " + std::to_string(customer) + " AS cid";
  insert_orders(db, dialect, one, documents * 4 / 10, company->warehouse, unit, company->items[0], company->items[1], "SO-B-");
  insert_orders(db, dialect,
                "SELECT id AS cid FROM customers WHERE company_id = 1 AND code LIKE 'C-N%'", noise / 100,
                company->warehouse, unit, company->items[0], company->items[1], "SO-N-");
  const Timestamp now = Timestamp::from_system(std::chrono::system_clock::now());
  run_sql(db, "deliveries",
          series(documents / 5) +
              "INSERT INTO sales_deliveries (company_id, kind, number, customer_id, warehouse_id, state, document_date, "
              "shipped_on, value, created_by, created_at) SELECT 1, 'delivery', 'DN-B-' || CAST(i AS TEXT), $1, $2, "
              "'shipped', " + date_by(dialect, "i") + ", " + date_by(dialect, "i") + ", 15000, 1, $3 FROM n",
          {customer, company->warehouse, now});
  run_sql(db, "invoices",
          series(documents / 5) +
              "INSERT INTO finance_invoices (company_id, kind, partner_id, number, invoice_date, due_date, amount, tax, "
              "total, state, created_by, created_at, version) SELECT 1, 'receivable', $1, 'SI-B-' || CAST(i AS TEXT), " +
              date_by(dialect, "i") + ", " + date_by(dialect, "i") + ", 20000, 2600, 22600, 'posted', 1, $2, 1 FROM n",
          {customer, now});
  run_sql(db, "quotations",
          series(documents / 10) +
              "INSERT INTO quotations (company_id, owner_id, version, created_at, updated_at, custom, search_text, code, "
              "customer_id, quote_date, valid_until, status, revision, amount, tax, total) SELECT 1, 1, 1, $1, $1, '{}', "
              "'', 'QT-B-' || CAST(i AS TEXT), $2, " + date_by(dialect, "i") + ", " + date_by(dialect, "i") +
              ", 'sent', 0, '200.00', '26.00', '226.00' FROM n",
          {now, customer});
  for (int line = 1; line <= 2; ++line) {
    run_sql(db, "quotation lines",
            "INSERT INTO quotation_lines (quotation_id, revision, line_no, item_id, uom_id, factor, quantity, "
            "entered_quantity, list_price, price, discount, tax_rate, amount, tax) SELECT q.id, 0, $1, $2, $3, '1', "
            "100000, '10', '10', '10', '0', '0.13', 10000, 1300 FROM quotations q WHERE q.code LIKE 'QT-B-%'",
            {line, company->items[static_cast<std::size_t>(line - 1)], unit});
  }
  run_sql(db, "receipts",
          series(documents / 10) +
              "INSERT INTO vouchers (company_id, period_id, word, number, voucher_date, state, attachments, summary, "
              "debit_total, credit_total, preparer_id, prepared_at, source_type, source_id, version) SELECT 1, $1, '收', "
              "100000 + i, '2026-01-15', 'posted', 0, '收款 华南电子', 22600, 22600, 1, $2, 'customer_receipt', $3, 1 FROM n",
          {period, now, customer});
  auto analysed_360 = db.write([](Connection& c) -> Status { return c.execute_script("ANALYZE"); });
  if (!analysed_360) fail("analyze", analysed_360.error());
  std::printf("%-9s 360° setup: %lld documents for one customer, %lld other orders in %.1f s\n", backend.c_str(),
              static_cast<long long>(documents), static_cast<long long>(noise), seconds_since(setup_begun));

  auto stack = app::build_http_stack(company->app, "", false);
  auto call = [&](const std::string& method, const std::string& target, const std::string& body,
                  const std::string& cookie) {
    http::Request request;
    request.method = method;
    request.target = target;
    request.body = body;
    request.remote_address = "127.0.0.1";
    (void)http::parse_target(request);
    if (!cookie.empty()) request.headers.add("Cookie", "verp_session=" + cookie);
    return stack->dispatcher->dispatch(request);
  };
  auto login = call("POST", "/api/v1/auth/login", R"({"user_name":"admin","password":")" + std::string(kPassword) + "\"}", "");
  const std::string set_cookie(login.headers.get("Set-Cookie"));
  const std::string cookie = set_cookie.substr(13, set_cookie.find(';') - 13);
  const std::string view = "/api/v1/customers/" + std::to_string(customer) + "/360";
  auto first = call("GET", view, "", cookie);
  if (first.status != 200) {
    std::fprintf(stderr, "360: %d %s\n", first.status, first.body.c_str());
    return 1;
  }
  const auto parsed = boost::json::parse(first.body);
  const auto next = parsed.at("sections").at("orders").at("next_before").as_int64();
  std::vector<double> whole, page, timeline;
  for (std::int64_t i = 0; i < calls; ++i) {
    auto begun = Stopwatch::now();
    auto answer = call("GET", view, "", cookie);
    whole.push_back(seconds_since(begun) * 1000.0);
    begun = Stopwatch::now();
    auto more = call("GET", view + "?section=orders&before=" + std::to_string(next), "", cookie);
    page.push_back(seconds_since(begun) * 1000.0);
    begun = Stopwatch::now();
    auto entries = call("GET", view + "?section=timeline&limit=20", "", cookie);
    timeline.push_back(seconds_since(begun) * 1000.0);
    if (answer.status != 200 || more.status != 200 || entries.status != 200) {
      std::fprintf(stderr, "360 call failed: %d %s / %d %s\n", answer.status, answer.body.substr(0, 300).c_str(),
                   more.status, more.body.substr(0, 300).c_str());
      return 1;
    }
  }
  const auto w = percentiles(whole), p = percentiles(page), l = percentiles(timeline);
  std::printf("%-9s 360° view (%lld documents, %lld calls): p50 %.2f ms p99 %.2f ms; next page of orders p50 %.2f ms "
              "p99 %.2f ms; timeline page p50 %.2f ms p99 %.2f ms; orders total %s\n",
              backend.c_str(), static_cast<long long>(documents), static_cast<long long>(calls), w.p50, w.p99, p.p50,
              p.p99, l.p50, l.p99, boost::json::serialize(parsed.at("sections").at("orders").at("totals")).c_str());

  // ---- (b) grade recomputation ----------------------------------------------------------------
  // Without the server's job workers, which would only wait for connections meanwhile.
  stack.reset();
  setup_begun = Stopwatch::now();
  run_sql(db, "customers",
          series(customers) +
              "INSERT INTO customers (company_id, owner_id, version, created_at, updated_at, custom, search_text, code, "
              "name, status, grade, grade_locked, lifecycle_stage, credit_limit) SELECT 1, 1, 1, $1, $1, '{}', '', "
              "'G-' || CAST(i AS TEXT), '批量客户' || CAST(i AS TEXT), 'active', 'C', $2, 'prospect', '0.00' FROM n",
          {now, false});
  insert_orders(db, dialect, "SELECT id AS cid FROM customers WHERE company_id = 1 AND code LIKE 'G-%' AND id % 5 = 0", 1,
                company->warehouse, unit, company->items[0], company->items[1], "SO-G-");
  auto rules = db.write([&](Connection& c) -> Status {
    for (const auto& [grade, minimum, priority] :
         {std::tuple{"A", "300", 1}, std::tuple{"B", "150", 2}, std::tuple{"C", "0", 3}}) {
      made(c, company->store, company->admin, "grade_rule",
           {{"grade", grade}, {"method", "revenue_band"}, {"min_revenue", minimum}, {"priority", priority}});
    }
    return {};
  });
  if (!rules) fail("rules", rules.error());
  // Statistics, as a live database has them (autovacuum's analyze): rows inserted a moment ago are
  // unknown to PostgreSQL's planner, which would otherwise take 10,000 customers for one.
  auto analysed = db.write([](Connection& c) -> Status { return c.execute_script("ANALYZE"); });
  if (!analysed) fail("analyze", analysed.error());
  std::printf("%-9s grading setup: %lld customers, %lld with an order, in %.1f s\n", backend.c_str(),
              static_cast<long long>(customers), static_cast<long long>(customers / 5), seconds_since(setup_begun));
  const storage::Date today{2026, 4, 20};
  for (const char* label : {"first run", "second run"}) {
    const auto begun = Stopwatch::now();
    auto graded = crm::recompute_grades(db, 1, today, Timestamp::from_system(std::chrono::system_clock::now()), 1);
    if (!graded) fail("recompute", graded.error());
    const double seconds = seconds_since(begun);
    std::printf("%-9s grade recomputation, %s: %lld customers in %.1f s (%.0f customers/s, %lld batches), "
                "%lld grade and %lld stage changes\n",
                backend.c_str(), label, static_cast<long long>(graded->customers), seconds,
                static_cast<double>(graded->customers) / seconds, static_cast<long long>(graded->batches),
                static_cast<long long>(graded->grade_changes), static_cast<long long>(graded->stage_changes));
  }
  return 0;
}

}  // namespace

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as soon as it is known
  return on_both_databases("crm_customers_bench", run);
}
