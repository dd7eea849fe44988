// Segment evaluation over many customers, per database: the count and the first page of members
// (50, keyset) of three typical filters, as POST /api/v1/segments/preview and the campaign job
// run them (Segments::count, Segments::members: one SQL query each, the caller's data scope
// included). The customers are bulk-inserted with one set-based INSERT … SELECT per 100,000 rows
// (a recursive CTE on SQLite, generate_series on PostgreSQL), in big transactions, with varied
// grade, region, industry, scale, opt-out and tags. Each filter runs kRuns times; the median
// (p50) and the slowest are printed.
//
//   VERP_BENCH_CUSTOMERS  how many customers (default 1,000,000)
//   VERP_BENCH_POSTGRES_URL  also on PostgreSQL (as sales_bench)
#include <boost/json/parse.hpp>

#include "bench_support.hpp"
#include "modules/crm/campaigns/campaigns.hpp"

namespace {

using namespace verp;
using namespace verp::bench;
using storage::Connection;

constexpr int kRuns = 7;
constexpr std::int64_t kChunk = 100'000;

std::int64_t customer_count() {
  const char* text = std::getenv("VERP_BENCH_CUSTOMERS");
  const long long n = text != nullptr ? std::atoll(text) : 0;
  return n > 0 ? n : 1'000'000;
}

// Customers first..last of company 1, in one statement. Grades A/B/C 1:3:6, ten regions (two in
// Guangdong), six industries, four sizes, one in 20 opted out, tags on one in 7 (展会) and one
// in 11 (经销商).
Status insert_customers(Connection& c, std::int64_t first, std::int64_t last, storage::Timestamp now) {
  const bool pg = c.dialect() == storage::Dialect::postgres;
  const std::string numbers = pg ? "generate_series($1::bigint, $2::bigint) AS n(i)" : "n";
  const std::string with = pg ? "" : "WITH RECURSIVE n(i) AS (SELECT $1 UNION ALL SELECT i + 1 FROM n WHERE i < $2) ";
  const std::string text = pg ? "::text" : "";
  const std::string tags = "CASE WHEN i % 77 = 0 THEN '[\"展会\",\"经销商\"]' WHEN i % 7 = 0 THEN '[\"展会\"]' "
                           "WHEN i % 11 = 0 THEN '[\"经销商\"]' ELSE '[]' END" +
                           std::string(pg ? "::jsonb" : "");
  const std::string sql =
      with +
      "INSERT INTO customers (company_id, version, created_at, updated_at, custom, search_text, code, name, status, "
      "grade, grade_locked, lifecycle_stage, industry, scale, region, email, opt_out, tags) "
      "SELECT 1, 1, $3, $3, '{}'" + std::string(pg ? "::jsonb" : "") + ", 'bc-' || i" + text + ", 'BC-' || i" + text +
      ", '客户' || i" + text +
      ", 'active', CASE WHEN i % 10 = 0 THEN 'A' WHEN i % 10 < 4 THEN 'B' ELSE 'C' END, " + (pg ? "false" : "0") +
      ", 'active', CASE i % 6 WHEN 0 THEN 'manufacturing' WHEN 1 THEN 'wholesale_retail' WHEN 2 THEN 'it' "
      "WHEN 3 THEN 'construction' WHEN 4 THEN 'logistics' ELSE 'other' END, "
      "CASE i % 4 WHEN 0 THEN 'micro' WHEN 1 THEN 'small' WHEN 2 THEN 'medium' ELSE 'large' END, "
      "CASE i % 10 WHEN 0 THEN '广东省深圳市' WHEN 1 THEN '广东省广州市' WHEN 2 THEN '浙江省杭州市' WHEN 3 THEN "
      "'江苏省苏州市' WHEN 4 THEN '北京市' WHEN 5 THEN '上海市' WHEN 6 THEN '四川省成都市' WHEN 7 THEN '湖北省武汉市' "
      "WHEN 8 THEN '山东省青岛市' ELSE '福建省厦门市' END, 'c' || i" + text + " || '@example.cn', " +
      (pg ? "(i % 20 = 0)" : "(i % 20 = 0)") + ", " + tags + " FROM " + numbers;
  auto done = c.execute(sql, {first, last, now});
  if (!done) return done.error();
  return {};
}

// Checks that the industry and scale values used exist in the declaration, so the bench
// measures filters real users can save.
void check_options(const entity::EntitySpec& customer) {
  for (const auto& [field, value] : {std::pair{"industry", "manufacturing"}, std::pair{"scale", "large"}}) {
    const entity::Field* f = customer.field(field);
    bool found = false;
    for (const auto& option : f != nullptr ? f->options : std::vector<entity::EnumOption>{}) found = found || option.value == value;
    if (!found) std::fprintf(stderr, "note: %s has no option %s\n", field, value);
  }
}

int run(const std::string& backend, std::unique_ptr<storage::Database> database, const std::filesystem::path& folder) {
  auto company = trading_company(std::move(database), folder, 0);
  storage::Database& db = *company->app.database;
  const entity::EntitySpec& customer = *company->app.entities->find("customer");
  check_options(customer);
  const std::int64_t total = customer_count();

  const auto loading = Stopwatch::now();
  const auto now = storage::Timestamp::from_system(SystemClock::instance().now());
  for (std::int64_t first = 1; first <= total; first += kChunk) {
    auto inserted = db.write([&](Connection& c) -> Status {
      return insert_customers(c, first, std::min(total, first + kChunk - 1), now);
    });
    if (!inserted) fail("insert", inserted.error());
  }
  if (backend == "postgres") (void)db.write([](Connection& c) { return c.execute_script("ANALYZE customers"); });
  std::printf("%-9s segments  %lld customers inserted in %.1f s\n", backend.c_str(), static_cast<long long>(total),
              seconds_since(loading));

  // A marketer of company 1 (the marketing role template: customers and segments, company scope).
  const security::Principal marketer{.user_id = 1, .user_name = "marketer", .company_id = 1, .company_ids = {1},
                                     .grants = {{"customer", "read", security::DataScope::company},
                                                {"segment", "read", security::DataScope::company}}};
  const crm::Segments segments(customer);
  const std::vector<std::pair<const char*, const char*>> filters = {
      {"A in Guangdong", R"({"all":[{"field":"grade","op":"eq","value":"A"},{"field":"region","op":"contains","value":"广东"}]})"},
      {"tag 展会, not opted out", R"({"all":[{"field":"tags","op":"contains","value":"展会"},{"field":"opt_out","op":"eq","value":false}]})"},
      {"A/B manufacturing or large", R"({"all":[{"field":"grade","op":"in","value":["A","B"]},{"any":[{"field":"industry","op":"eq","value":"manufacturing"},{"field":"scale","op":"eq","value":"large"}]}]})"},
  };
  for (const auto& [label, text] : filters) {
    std::vector<double> count_ms, page_ms;
    std::int64_t count = 0;
    std::size_t page = 0;
    for (int i = 0; i < kRuns; ++i) {
      auto timed = db.read([&](Connection& c) -> Status {
        auto fields = segments.fields(c, marketer);
        if (!fields) return fields.error();
        auto filter = crm::parse_segment_filter(boost::json::parse(text), *fields);
        if (!filter) return filter.error();
        auto begun = Stopwatch::now();
        auto counted = segments.count(c, marketer, *filter);
        if (!counted) return counted.error();
        count_ms.push_back(seconds_since(begun) * 1000.0);
        begun = Stopwatch::now();
        auto members = segments.members(c, marketer, *filter, 0, 50);
        if (!members) return members.error();
        page_ms.push_back(seconds_since(begun) * 1000.0);
        count = *counted;
        page = members->size();
        return {};
      });
      if (!timed) fail(label, timed.error());
    }
    const auto c = percentiles(count_ms), p = percentiles(page_ms);
    std::printf("%-9s segments  %-28s %8lld members  count p50 %8.1f ms (max %8.1f)  first 50 p50 %6.1f ms (max %6.1f)  [%zu rows]\n",
                backend.c_str(), label, static_cast<long long>(count), c.p50, *std::max_element(count_ms.begin(), count_ms.end()),
                p.p50, *std::max_element(page_ms.begin(), page_ms.end()), page);
  }
  return 0;
}

}  // namespace

int main() { return on_both_databases("crm_segments_bench", run); }
