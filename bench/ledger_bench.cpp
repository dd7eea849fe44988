// The general ledger, per database:
//   post     vouchers of five lines per second through the ledger's own functions — entered,
//            reviewed by a second accountant and posted (three transactions each, audit entries
//            and balance upkeep included), with 1 and 2 threads
//   reports  trial balance, balance sheet, income statement (all from the maintained balances)
//            and one account's month of ledger lines (from the journal), timed over a journal of
//            VERP_BENCH_LEDGER_LINES lines (default 1,000,000) loaded in bulk over 36 periods,
//            beside the `verp check` proof that re-adds every line
// PostgreSQL when VERP_BENCH_POSTGRES_URL is set.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "app/database_setup.hpp"
#include "modules/finance/finance_module.hpp"
#include "modules/finance/ledger.hpp"
#include "modules/finance/ledger_reports.hpp"
#include "modules/finance/statements.hpp"
#include "platform/entity/store.hpp"
#include "platform/security/field_cipher.hpp"

namespace {

using namespace verp;
using Stopwatch = std::chrono::steady_clock;
using storage::Connection;
using storage::Value;

double seconds_since(Stopwatch::time_point start) { return std::chrono::duration<double>(Stopwatch::now() - start).count(); }

[[noreturn]] void fail(const char* what, const Error& error) {
  std::fprintf(stderr, "%s: %s %s\n", what, error.message_id.c_str(), error.detail.c_str());
  std::exit(1);
}

// The five accounts a benchmark voucher touches, none keeping a dimension.
constexpr const char* kCodes[] = {"1001", "1012", "6603", "1002", "2241"};

std::map<std::string, std::int64_t> account_ids(storage::Database& database) {
  std::map<std::string, std::int64_t> ids;
  auto rows = database.read([](Connection& c) { return c.query("SELECT code, id FROM accounts WHERE company_id = 1"); });
  if (!rows) fail("accounts", rows.error());
  for (const auto& row : *rows) ids[row.text(0).value_or("")] = row.int64(1).value_or(0);
  return ids;
}

finance::VoucherInput five_lines(const std::map<std::string, std::int64_t>& ids, storage::Date date, int n) {
  const finance::Cents a = 10000 + n % 997, b = 2000 + n % 89, e = 300 + n % 13;
  finance::VoucherInput input{.date = date};
  input.lines = {{.summary = "备用金", .account_id = ids.at("1001"), .debit = a},
                 {.summary = "存出保证金", .account_id = ids.at("1012"), .debit = b},
                 {.summary = "手续费", .account_id = ids.at("6603"), .debit = e},
                 {.summary = "银行付款", .account_id = ids.at("1002"), .credit = a + b},
                 {.summary = "其他应付", .account_id = ids.at("2241"), .credit = e}};
  return input;
}

double post_vouchers(storage::Database& database, const std::map<std::string, std::int64_t>& ids, int threads,
                     int each, std::int64_t reviewer) {
  security::Principal preparer{.user_id = 1, .user_name = "admin", .company_id = 1, .company_ids = {1}};
  security::Principal checker{.user_id = reviewer, .user_name = "reviewer", .company_id = 1, .company_ids = {1}};
  std::atomic<int> failures{0};
  const auto start = Stopwatch::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      const finance::Actor enter{preparer, {"127.0.0.1", "bench"}, SystemClock::instance()};
      const finance::Actor check{checker, {"127.0.0.1", "bench"}, SystemClock::instance()};
      for (int i = 0; i < each; ++i) {
        auto made = database.write([&](Connection& c) {
          return finance::create_voucher(c, enter, five_lines(ids, storage::Date{2026, 3, 1 + (i % 28)}, t * each + i));
        });
        if (!made) {
          ++failures;
          continue;
        }
        for (auto action : {finance::VoucherAction::review, finance::VoucherAction::post}) {
          auto acted = database.write([&](Connection& c) { return finance::act_on_voucher(c, check, made->id, action); });
          if (!acted) ++failures;
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  if (failures > 0) std::fprintf(stderr, "  %d failures\n", failures.load());
  return threads * each / seconds_since(start);
}

// Loads `lines` posted journal lines (five per voucher) over the 36 periods of 2024–2026 with
// multi-row INSERTs, then the balances they add up to: the shape posting leaves, made fast.
void load_journal(storage::Database& database, const std::map<std::string, std::int64_t>& ids, std::int64_t lines) {
  auto periods = database.read([](Connection& c) {
    return c.query("SELECT id, starts_on FROM fiscal_periods WHERE company_id = 1 ORDER BY starts_on");
  });
  if (!periods) fail("periods", periods.error());
  std::vector<std::pair<std::int64_t, storage::Date>> months;
  for (const auto& row : *periods) months.emplace_back(row.int64(0).value_or(0), row.date(1).value_or(storage::Date{}));
  const std::int64_t vouchers = lines / 5;
  auto first = database.read([](Connection& c) { return c.query_row("SELECT COALESCE(MAX(id), 0) FROM vouchers"); });
  if (!first) fail("max id", first.error());
  const std::int64_t base = (*first)->int64(0).value_or(0) + 1;
  std::map<std::pair<std::int64_t, std::int64_t>, std::pair<finance::Cents, finance::Cents>> balances;
  constexpr std::int64_t kBatch = 20000;  // vouchers per transaction
  for (std::int64_t from = 0; from < vouchers; from += kBatch) {
    auto loaded = database.write([&](Connection& c) -> Status {
      const std::int64_t to = std::min(vouchers, from + kBatch);
      for (std::int64_t chunk = from; chunk < to; chunk += 100) {
        std::string header = "INSERT INTO vouchers (id, company_id, period_id, word, number, voucher_date, state, "
                             "attachments, summary, debit_total, credit_total, preparer_id, prepared_at, version) VALUES ";
        std::string detail = "INSERT INTO voucher_lines (voucher_id, company_id, period_id, seq, summary, account_id, "
                             "debit, credit) VALUES ";
        std::vector<Value> header_params, detail_params;
        for (std::int64_t v = chunk; v < std::min(to, chunk + 100); ++v) {
          const auto& month = months[static_cast<std::size_t>(v % static_cast<std::int64_t>(months.size()))];
          const int n = static_cast<int>(v);
          const auto input = five_lines(ids, storage::Date{month.second.year, month.second.month, 1 + n % 28}, n);
          const std::size_t h = header_params.size();
          header += (v == chunk ? "(" : ", (");
          for (int k = 1; k <= 13; ++k) header += "$" + std::to_string(h + k) + ", ";
          header += "1)";
          const finance::Cents total = input.lines[0].debit + input.lines[1].debit + input.lines[2].debit;
          header_params.insert(header_params.end(),
                               {base + v, 1, month.first, "general", 100000 + v / 36, input.date, "posted", 0, "备用金",
                                total, total, 1, storage::Timestamp::from_system(std::chrono::system_clock::now())});
          int seq = 0;
          for (const auto& line : input.lines) {
            const std::size_t d = detail_params.size();
            detail += (d == 0 ? "(" : ", (");
            for (int k = 1; k <= 8; ++k) detail += "$" + std::to_string(d + k) + (k < 8 ? ", " : ")");
            detail_params.insert(detail_params.end(), {base + v, 1, month.first, ++seq, line.summary, line.account_id,
                                                       line.debit, line.credit});
            auto& sums = balances[{line.account_id, month.first}];
            sums.first += line.debit;
            sums.second += line.credit;
          }
        }
        if (auto done = c.execute(header, header_params); !done) return done.error();
        if (auto done = c.execute(detail, detail_params); !done) return done.error();
      }
      return {};
    });
    if (!loaded) fail("load", loaded.error());
  }
  auto kept = database.write([&](Connection& c) -> Status {
    for (const auto& [key, sums] : balances) {
      auto added = c.execute(
          "INSERT INTO account_balances (company_id, account_id, period_id, debit, credit) VALUES (1, $1, $2, $3, $4) "
          "ON CONFLICT (account_id, period_id) DO UPDATE SET debit = account_balances.debit + excluded.debit, "
          "credit = account_balances.credit + excluded.credit",
          {key.first, key.second, sums.first, sums.second});
      if (!added) return added.error();
    }
    return {};
  });
  if (!kept) fail("balances", kept.error());
  if (database.dialect() == storage::Dialect::postgres) {
    (void)database.write([](Connection& c) { return c.execute_script("ANALYZE vouchers; ANALYZE voucher_lines"); });
  }
}

double median_ms(int runs, const std::function<void()>& call) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Stopwatch::now();
    call();
    ms.push_back(seconds_since(start) * 1000.0);
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

int run(const std::string& backend, std::unique_ptr<storage::Database> database, const std::filesystem::path& folder,
        std::int64_t journal_lines) {
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
  auto seeded = db.write([&](Connection& c) -> Status {
    auto chart = finance::seed_standard_chart(c, store, admin, {"127.0.0.1", "bench"});
    if (!chart) return chart.error();
    for (int year : {2024, 2025, 2026}) {
      if (auto opened = finance::open_fiscal_year(c, actor, year); !opened) return opened.error();
    }
    const auto now = storage::Timestamp::from_system(std::chrono::system_clock::now());
    auto reviewer = c.execute(
        "INSERT INTO users (user_name, display_name, password_hash, must_change_password, is_active, totp_enabled, "
        "sms_mfa_enabled, created_at, updated_at, password_changed_at, version) "
        "VALUES ('reviewer', '复核', 'x', false, true, false, false, $1, $1, $1, 1)",
        {now});
    if (!reviewer) return reviewer.error();
    return {};
  });
  if (!seeded) fail("seed", seeded.error());
  auto reviewer = db.read([](Connection& c) { return c.query_row("SELECT id FROM users WHERE user_name = 'reviewer'"); });
  if (!reviewer) fail("reviewer", reviewer.error());
  const std::int64_t reviewer_id = (*reviewer)->int64(0).value_or(0);
  const auto ids = account_ids(db);

  const double one = post_vouchers(db, ids, 1, 1000, reviewer_id);
  const double two = post_vouchers(db, ids, 2, 500, reviewer_id);
  std::printf("%-9s post      enter + review + post, 5 lines: %7.0f vouchers/s (1 thread), %7.0f (2 threads, %.2fx)\n",
              backend.c_str(), one, two, two / one);

  const auto load_start = Stopwatch::now();
  load_journal(db, ids, journal_lines);
  std::printf("%-9s load      %lld journal lines in %.1f s\n", backend.c_str(), static_cast<long long>(journal_lines),
              seconds_since(load_start));

  auto period = [&](const char* code) {
    auto found = db.read([&](Connection& c) { return finance::period_by_code(c, 1, code); });
    if (!found || !*found) std::exit(1);
    return **found;
  };
  const finance::PeriodRange year{period("2026-01"), period("2026-12")};
  const finance::PeriodRange march{period("2026-03"), period("2026-03")};
  const double trial = median_ms(7, [&] {
    if (!db.read([&](Connection& c) { return finance::trial_balance(c, 1, year, "zh-CN"); })) std::exit(1);
  });
  const double sheet = median_ms(7, [&] {
    if (!db.read([&](Connection& c) { return finance::balance_sheet(c, 1, year.to, "zh-CN"); })) std::exit(1);
  });
  const double income = median_ms(7, [&] {
    if (!db.read([&](Connection& c) { return finance::income_statement(c, 1, march, "zh-CN"); })) std::exit(1);
  });
  const double ledger = median_ms(5, [&] {
    finance::LedgerQuery query{.account_id = ids.at("6603"), .range = march};
    if (!db.read([&](Connection& c) { return finance::account_ledger(c, 1, query, "zh-CN"); })) std::exit(1);
  });
  double proof = 0;
  for (const auto& check : finance::ledger_checks()) {
    const auto start = Stopwatch::now();
    auto problems = check.run(db);
    proof += seconds_since(start) * 1000.0;
    if (!problems || !problems->empty()) {
      std::fprintf(stderr, "check failed: %s\n", check.name.c_str());
      return 1;
    }
  }
  std::printf("%-9s reports   over %lld lines: trial balance (year) %.1f ms, balance sheet %.1f ms, "
              "income statement %.1f ms, ledger of 6603 for March (%lld lines) %.1f ms; verp check %.0f ms (%.0fx the trial balance)\n",
              backend.c_str(), static_cast<long long>(journal_lines), trial, sheet, income,
              static_cast<long long>(journal_lines / 5 / 36), ledger, proof, proof / trial);
  return 0;
}

}  // namespace

int main() {
  std::int64_t lines = 1'000'000;
  if (const char* wanted = std::getenv("VERP_BENCH_LEDGER_LINES"); wanted != nullptr) lines = std::atoll(wanted);
  const auto folder = std::filesystem::temp_directory_path() / ("verp-ledger-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  int status = 0;
  {
    auto database = storage::Database::open((folder / "ledger.db").string());
    if (!database) return 1;
    status = run("sqlite", std::move(*database), folder / "sqlite", lines);
  }
  if (const char* url = std::getenv("VERP_BENCH_POSTGRES_URL"); status == 0 && url != nullptr && *url != '\0') {
    // A schema of its own, dropped afterwards.
    const std::string base(url);
    auto admin = storage::Database::open(base);
    if (!admin) return 1;
    auto made = (*admin)->write([](storage::Connection& c) {
      return c.execute_script("DROP SCHEMA IF EXISTS verp_ledger_bench CASCADE; CREATE SCHEMA verp_ledger_bench");
    });
    if (!made) return 1;
    auto database = storage::Database::open(base + (base.find('?') == std::string::npos ? "?" : "&") +
                                            "options=-csearch_path%3Dverp_ledger_bench");
    if (!database) return 1;
    status = run("postgres", std::move(*database), folder / "postgres", lines);
    (void)(*admin)->write([](storage::Connection& c) { return c.execute_script("DROP SCHEMA verp_ledger_bench CASCADE"); });
  }
  std::filesystem::remove_all(folder);
  return status;
}
