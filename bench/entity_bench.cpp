// What the entity framework costs on a realistic master-data table (customers), per database:
//   import     rows/s through EntityStore::import_rows (decode, constraints, batched unique and
//              duplicate checks, multi-row inserts, history), beside a bare multi-row INSERT of
//              the same rows into an equally wide table in the same run (the ratio is the figure)
//   csv        rows/s parsing the same rows as a CSV file
//   list       p50/p99 latency of typical list calls at that size: first page, filters, `q`
//              (a 4-character and a 2-character Chinese term), a deep cursor page
//   export     rows/s for a filtered list to CSV and to XLSX
// Rows: VERP_BENCH_ROWS (default 100000). PostgreSQL when VERP_BENCH_POSTGRES_URL is set.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "app/database_setup.hpp"
#include "platform/entity/codec.hpp"
#include "platform/entity/store.hpp"
#include "platform/exchange/sheet.hpp"
#include "platform/export/table.hpp"
#include "platform/security/field_cipher.hpp"

namespace {

using namespace verp;
using Stopwatch = std::chrono::steady_clock;

double seconds_since(Stopwatch::time_point start) { return std::chrono::duration<double>(Stopwatch::now() - start).count(); }

struct Generated {
  std::vector<std::string> headers{"code", "name", "grade", "credit_limit", "region", "phone", "email", "tags"};
  std::vector<std::vector<std::string>> rows;
};

Generated generate(std::size_t count) {
  static const char* kCities[] = {"深圳", "杭州", "苏州", "成都", "武汉", "青岛", "厦门", "宁波", "合肥", "西安"};
  static const char* kWords[] = {"华强", "恒达", "瑞丰", "鼎盛", "宏远", "金桥", "新锐", "博达", "联创", "天成",
                                 "万通", "正泰", "海瑞", "东方", "卓越", "盛世", "鸿运", "中科", "源创", "星辰"};
  static const char* kTrades[] = {"电子", "精密机械", "贸易", "科技", "物流", "包装", "材料", "电气"};
  static const char* kRegions[] = {"广东省深圳市", "浙江省杭州市", "江苏省苏州市", "四川省成都市", "湖北省武汉市"};
  static const char* kGrades[] = {"A", "B", "C", "D"};
  static const char* kTags[] = {"重点客户", "华东", "华南", "老客户", "VIP"};
  std::mt19937 random(20261204);
  Generated g;
  g.rows.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    char code[32];
    std::snprintf(code, sizeof code, "C%07zu", i + 1);
    std::string name = std::string(kCities[random() % 10]) + kWords[random() % 20] + kWords[random() % 20] +
                       kTrades[random() % 8] + "有限公司" + std::to_string(i);
    char limit[32];
    std::snprintf(limit, sizeof limit, "%u.%02u", static_cast<unsigned>(random() % 1000000), static_cast<unsigned>(random() % 100));
    char phone[16];
    std::snprintf(phone, sizeof phone, "1%u%09u", 3 + static_cast<unsigned>(random() % 7), static_cast<unsigned>(i));
    g.rows.push_back({code, name, kGrades[random() % 4], limit, kRegions[random() % 5], phone,
                      "buyer" + std::to_string(i) + "@example.cn", std::string(kTags[random() % 5])});
  }
  return g;
}

struct Latency {
  double p50_ms = 0, p99_ms = 0;
};

Latency measure(int runs, const std::function<void()>& call) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto start = Stopwatch::now();
    call();
    ms.push_back(seconds_since(start) * 1000.0);
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

int run(const std::string& backend, std::unique_ptr<storage::Database> database, const std::filesystem::path& folder,
        const Generated& data) {
  auto cipher = std::make_unique<security::FieldCipher>(security::FieldCipher::random_for_test());
  auto assembled = app::assemble_application(std::move(database), std::move(cipher), SystemClock::instance(),
                                             folder.string(), "correct horse battery staple 2026", "", true);
  if (!assembled) {
    std::fprintf(stderr, "%s: %s\n", backend.c_str(), assembled.error().detail.c_str());
    return 1;
  }
  app::Application app = std::move(assembled.value());
  files::FileStore files(folder / "attachments");
  entity::EntityStore store(*app.database, SystemClock::instance(), *app.cipher, *app.entities, files);
  const entity::EntitySpec& spec = *app.entities->find("customer");
  security::Principal admin{.user_id = 1, .user_name = "admin", .company_id = 1, .company_ids = {1},
                            .grants = {{"*", "*", security::DataScope::all_companies}}};
  auto fields = store.fields_for(spec, 1);
  if (!fields) return 1;

  // Import.
  std::vector<entity::ImportRow> rows;
  rows.reserve(data.rows.size());
  std::vector<const entity::Field*> columns;
  for (const auto& header : data.headers) columns.push_back(spec.field(header));
  for (std::size_t r = 0; r < data.rows.size(); ++r) {
    entity::ImportRow row{.row_number = static_cast<std::int64_t>(r + 2)};
    for (std::size_t c = 0; c < columns.size(); ++c) row.cells.emplace_back(columns[c], data.rows[r][c]);
    rows.push_back(std::move(row));
  }
  auto start = Stopwatch::now();
  auto report = store.import_rows(spec, admin, rows, entity::ImportMode::all_or_nothing, true, {"127.0.0.1", "bench"});
  const double import_seconds = seconds_since(start);
  if (!report || report->created != static_cast<std::int64_t>(rows.size())) {
    std::fprintf(stderr, "%s: import failed: %s\n", backend.c_str(),
                 report ? (report->problems.empty() ? "?" : report->problems[0].error.field.c_str())
                        : report.error().detail.c_str());
    return 1;
  }

  // The same rows inserted bare (no decoding, checks, history or audit) into a table of the same
  // width, 200 to a statement: the floor any import has to pay.
  auto bare = app.database->write([&](storage::Connection& c) -> Status {
    if (Status made = c.execute_script(
            "CREATE TABLE bench_bare (id INTEGER PRIMARY KEY, company_id INTEGER, code TEXT, name TEXT, grade TEXT, "
            "credit_limit TEXT, region TEXT, phone TEXT, email TEXT, tags TEXT, search_text TEXT)");
        !made) {
      return made;
    }
    return {};
  });
  if (!bare) return 1;
  start = Stopwatch::now();
  auto inserted = app.database->write([&](storage::Connection& c) -> Status {
    for (std::size_t i = 0; i < data.rows.size(); i += 200) {
      std::string sql = "INSERT INTO bench_bare (id, company_id, code, name, grade, credit_limit, region, phone, email, "
                        "tags, search_text) VALUES ";
      std::vector<storage::Value> params;
      for (std::size_t r = i; r < std::min(data.rows.size(), i + 200); ++r) {
        const std::size_t n = params.size();
        sql += (r == i ? "(" : ", (");
        for (int k = 1; k <= 11; ++k) sql += (k > 1 ? ", $" : "$") + std::to_string(n + k);
        sql += ")";
        params.emplace_back(static_cast<std::int64_t>(r + 1));
        params.emplace_back(std::int64_t{1});
        for (const auto& cell : data.rows[r]) params.emplace_back(cell);
        params.emplace_back(data.rows[r][1]);
      }
      auto done = c.execute(sql, params);
      if (!done) return done.error();
    }
    return {};
  });
  const double bare_seconds = seconds_since(start);
  if (!inserted) {
    std::fprintf(stderr, "%s: bare insert failed: %s\n", backend.c_str(), inserted.error().detail.c_str());
    return 1;
  }

  const double n = static_cast<double>(rows.size());
  std::printf("%-9s import   %8.0f rows/s  (bare multi-row INSERT %8.0f rows/s; import costs %.1fx the bare insert)\n",
              backend.c_str(), n / import_seconds, n / bare_seconds, import_seconds / bare_seconds);

  // Lists.
  auto list = [&](std::vector<std::pair<std::string, std::string>> params) {
    auto query = store.parse_list_query(spec, *fields, admin, params);
    if (!query) std::abort();
    auto page = store.list(spec, *fields, admin, *query);
    if (!page) std::abort();
    return page->next_cursor;
  };
  const std::string deep_cursor = [&] {
    std::string cursor;
    for (int i = 0; i < 20; ++i) cursor = list({{"sort", "name"}, {"limit", "50"}, {"cursor", cursor}});
    return cursor;
  }();
  struct Case {
    const char* name;
    std::vector<std::pair<std::string, std::string>> params;
  };
  const std::vector<Case> cases{
      {"first page (50, by code)", {{"limit", "50"}}},
      {"grade=A & credit_limit>=900000", {{"grade", "A"}, {"credit_limit.gte", "900000"}, {"limit", "50"}}},
      {"q=华强电子 (4 chars)", {{"q", "华强电子"}, {"limit", "50"}}},
      {"q=瑞丰 (2 chars)", {{"q", "瑞丰"}, {"limit", "50"}}},
      {"q=深圳 & region like 深圳", {{"q", "深圳"}, {"region.like", "深圳"}, {"limit", "50"}}},
      {"sort=name, page 21 (cursor)", {{"sort", "name"}, {"limit", "50"}, {"cursor", deep_cursor}}},
  };
  for (const auto& c : cases) {
    list(c.params);  // warm
    auto latency = measure(50, [&] { list(c.params); });
    std::printf("%-9s list     %-34s p50 %7.2f ms  p99 %7.2f ms\n", backend.c_str(), c.name, latency.p50_ms,
                latency.p99_ms);
  }
  // The same first page as one hand-written SQL statement reading the same columns, side by side:
  // what the framework adds (query building, scope, decoding, custom fields).
  const std::string raw_sql = "SELECT * FROM customers WHERE company_id = $1 AND archived_at IS NULL "
                              "ORDER BY code, id LIMIT 51";
  auto raw = measure(50, [&] {
    auto rows = app.database->read([&](storage::Connection& c) { return c.query(raw_sql, {std::int64_t{1}}); });
    if (!rows) std::abort();
  });
  auto framework = measure(50, [&] { list({{"limit", "50"}}); });
  std::printf("%-9s list     first page vs hand-written SQL      p50 %7.2f ms vs %5.2f ms (%.1fx)\n", backend.c_str(),
              framework.p50_ms, raw.p50_ms, framework.p50_ms / std::max(raw.p50_ms, 1e-6));

  // Export: every row matching a filter, laid out as CSV and as XLSX.
  for (const char* format : {"csv", "xlsx"}) {
    start = Stopwatch::now();
    auto query = store.parse_list_query(spec, *fields, admin, {});
    query->limit = entity::kExportLimit;
    auto page = store.list(spec, *fields, admin, *query);
    exporting::Table table;
    for (const auto& f : *fields) table.headers.push_back(f.label.zh);
    for (const auto& record : page->records) {
      std::vector<std::string> cells;
      for (const auto& f : *fields) cells.push_back(entity::encode_cell(f, record.get(f.name)));
      table.rows.push_back(std::move(cells));
    }
    std::size_t bytes = 0;
    if (std::string_view(format) == "csv") {
      bytes = exporting::to_csv(table).size();
    } else {
      auto xlsx = exporting::to_xlsx(table);
      bytes = xlsx ? xlsx->size() : 0;
    }
    const double export_seconds = seconds_since(start);
    std::printf("%-9s export   %-4s %8.0f rows/s  (%zu rows, %.1f MB)\n", backend.c_str(), format,
                static_cast<double>(page->records.size()) / export_seconds, page->records.size(),
                static_cast<double>(bytes) / 1e6);
  }
  return 0;
}

}  // namespace

int main() {
  const char* rows_env = std::getenv("VERP_BENCH_ROWS");
  const std::size_t count = rows_env != nullptr ? std::strtoul(rows_env, nullptr, 10) : 100000;
  const Generated data = generate(count);

  exporting::Table csv_table{.sheet_name = "", .headers = data.headers, .rows = data.rows};
  const std::string csv = exporting::to_csv(csv_table);
  auto start = Stopwatch::now();
  auto sheet = exchange::read_csv(csv);
  const double parse_seconds = seconds_since(start);
  if (!sheet) return 1;
  std::printf("csv       parse    %8.0f rows/s  (%zu rows, %.1f MB)\n", static_cast<double>(count) / parse_seconds,
              sheet->rows.size(), static_cast<double>(csv.size()) / 1e6);

  const auto folder = std::filesystem::temp_directory_path() / ("verp-entity-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  int failed = 0;
  {
    auto database = storage::Database::open((folder / "bench.db").string());
    if (!database) return 1;
    failed += run("sqlite", std::move(database.value()), folder / "sqlite", data);
  }
  if (const char* url = std::getenv("VERP_BENCH_POSTGRES_URL"); url != nullptr && *url != '\0') {
    // A schema of its own, dropped afterwards.
    const std::string base(url);
    auto admin = storage::Database::open(base);
    if (!admin) return 1;
    auto made = (*admin)->write([](storage::Connection& c) {
      return c.execute_script("DROP SCHEMA IF EXISTS verp_entity_bench CASCADE; CREATE SCHEMA verp_entity_bench");
    });
    if (!made) return 1;
    auto database = storage::Database::open(base + (base.find('?') == std::string::npos ? "?" : "&") +
                                            "options=-csearch_path%3Dverp_entity_bench");
    if (!database) return 1;
    failed += run("postgres", std::move(database.value()), folder / "postgres", data);
    if (std::getenv("VERP_BENCH_KEEP") == nullptr) {  // kept for EXPLAIN when asked
      (void)(*admin)->write([](storage::Connection& c) { return c.execute_script("DROP SCHEMA verp_entity_bench CASCADE"); });
    }
  }
  std::filesystem::remove_all(folder);
  return failed;
}
