// `verp demo` as a newcomer runs it (through `make run`), on SQLite and on PostgreSQL: the first
// run loads the demo enterprise through the entity framework and says what it made, a second
// run leaves it alone, and `verp check` still passes.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <sstream>

#include "platform/storage/database.hpp"
#include "platform/storage/tests/storage_test_support.hpp"
#include "verp_process.hpp"

namespace verp::testing {
namespace {

using storage::testing_support::Backend;

// The count printed on the line "  <entity>   <count>  <label>", or -1 when there is none.
long long printed_count(const std::string& out, const std::string& entity) {
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string name;
    long long count = -1;
    if (words >> name >> count && name == entity) return count;
  }
  return -1;
}

std::int64_t scalar(storage::Database& database, const std::string& sql) {
  auto value = database.read([&](storage::Connection& c) -> Result<std::int64_t> {
    auto row = c.query_row(sql, {});
    if (!row) return row.error();
    return (*row)->int64(0);
  });
  EXPECT_TRUE(value.ok()) << sql;
  return value.ok() ? *value : -1;
}

class DemoTest : public ::testing::TestWithParam<Backend> {};

TEST_P(DemoTest, LoadsOnceThroughTheEntityFrameworkAndCheckPasses) {
  auto fresh = storage::testing_support::FreshDatabase::create(GetParam());
  ASSERT_TRUE(fresh);
  const std::string data = temp_sqlite_path("demo-data");
  const std::vector<std::string> settings{"--db", fresh->url(), "--data-dir", data};
  auto with = [&](std::string command) {
    std::vector<std::string> args{std::move(command)};
    args.insert(args.end(), settings.begin(), settings.end());
    return args;
  };

  auto first = run_verp(with("demo"), {}, std::chrono::seconds(120));
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("loaded the demo enterprise"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("SZ 深圳智造电子有限公司"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("HZ 杭州云链贸易有限公司"), std::string::npos) << first.out;
  EXPECT_EQ(printed_count(first.out, "company"), 2) << first.out;
  EXPECT_EQ(printed_count(first.out, "currency"), 6) << first.out;
  EXPECT_EQ(printed_count(first.out, "customer"), 200) << first.out;
  EXPECT_EQ(printed_count(first.out, "supplier"), 100) << first.out;
  EXPECT_EQ(printed_count(first.out, "employee"), 90) << first.out;
  EXPECT_EQ(printed_count(first.out, "bill_of_materials"), 20) << first.out;
  EXPECT_GE(printed_count(first.out, "item"), 450) << first.out;
  EXPECT_GE(printed_count(first.out, "bom_line"), 60) << first.out;
  EXPECT_GE(printed_count(first.out, "account"), 3 * 70) << "the standard chart in each company: " << first.out;
  EXPECT_EQ(printed_count(first.out, "voucher"), 5) << "a month of the first company's books: " << first.out;
  EXPECT_EQ(printed_count(first.out, "purchase_order"), 6)
      << "its trade in goods: purchase order, receipt, invoice, sales order, delivery, sales invoice, whose vouchers "
         "`verp check` reconciles with stock: "
      << first.out;

  auto again = run_verp(with("demo"));
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("already loaded"), std::string::npos) << again.out;
  EXPECT_EQ(printed_count(again.out, "customer"), -1) << "nothing is created twice: " << again.out;

  auto check = run_verp(with("check"));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find(", 0 failed"), std::string::npos) << check.out;
  std::vector<std::string> only_args = with("check");
  only_args.insert(only_args.end(), {"--only", "ledger"});
  auto ledger_only = run_verp(only_args);
  EXPECT_EQ(ledger_only.exit_code, 0) << ledger_only.out << ledger_only.err;
  EXPECT_NE(ledger_only.out.find("ledger: account balances equal their posted lines"), std::string::npos) << ledger_only.out;
  EXPECT_EQ(ledger_only.out.find("audit log"), std::string::npos) << "only the ledger's checks: " << ledger_only.out;

  auto database = storage::Database::open(fresh->url());
  ASSERT_TRUE(database.ok());
  storage::Database& db = **database;

  // The accountant's month-end figures from the command line: the trial balance of this month.
  auto first_company = db.read([](storage::Connection& c) -> Result<std::string> {
    auto row = c.query_row("SELECT code FROM companies ORDER BY id LIMIT 1", {});
    if (!row) return row.error();
    return (*row)->text(0);
  });
  ASSERT_TRUE(first_company.ok());
  const auto today = storage::Date::from_days(
      std::chrono::duration_cast<std::chrono::days>(std::chrono::system_clock::now().time_since_epoch()).count());
  char month[16];
  std::snprintf(month, sizeof month, "%04d-%02d", today.year, today.month);
  std::vector<std::string> ledger_args{"ledger", "trial-balance", "--company", *first_company, "--from", month,
                                       "--to", month, "--locale", "en"};
  ledger_args.insert(ledger_args.end(), settings.begin(), settings.end());
  auto trial = run_verp(ledger_args);
  ASSERT_EQ(trial.exit_code, 0) << trial.out << trial.err;
  // Bank: 5,000,000 in, 226,000 paid, 100,000 collected, 150 fees.
  EXPECT_NE(trial.out.find("1002,Cash in bank,1,0.00,0.00,5100000.00,226150.00,4873850.00,0.00"), std::string::npos)
      << trial.out;
  EXPECT_NE(trial.out.find(",Total,,"), std::string::npos) << trial.out;
  std::vector<std::string> unknown{"ledger", "balance-sheet", "--company", "NOPE", "--at", month};
  unknown.insert(unknown.end(), settings.begin(), settings.end());
  auto refused = run_verp(unknown);
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("NOPE"), std::string::npos) << refused.err;
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM companies"), 3);
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id "
                   "WHERE u.user_name = 'admin'"),
            3)
      << "the administrator is a member of every member company";
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM user_roles r JOIN roles o ON o.id = r.role_id "
                   "WHERE o.code = 'administrator' AND o.company_id = r.company_id"),
            3);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM customers"), 200);
  EXPECT_EQ(scalar(db, "SELECT count(DISTINCT company_id) FROM customers"), 3);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM customers WHERE code = 'C-MAIN-0001'"), 1);
  // Every record has its first version and its audit record, as if made through the API.
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM entity_versions WHERE entity = 'item' AND version = 1"),
            scalar(db, "SELECT count(*) FROM items"));
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM audit_log WHERE target_type = 'customer' AND action = 'create'"), 200);
  // Planning figures are consistent (SQLite keeps decimals as text: its verp_decimal collation
  // compares them by value), barcodes unique, BOMs use components of their own company.
  const std::string by_value = db.dialect() == storage::Dialect::sqlite ? " COLLATE verp_decimal" : "";
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM items WHERE max_stock" + by_value + " < min_stock OR max_stock" + by_value +
                           " < safety_stock"),
            0);
  EXPECT_EQ(scalar(db, "SELECT count(*) - count(DISTINCT barcode) FROM items"), 0);
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM bom_lines l JOIN bills_of_materials b ON b.id = l.bom_id "
                   "JOIN items c ON c.id = l.component_id WHERE c.company_id <> b.company_id OR "
                   "c.id = b.item_id"),
            0);
  // Semi-finished BOMs use raw materials only, so no BOM can reach its own product.
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM bom_lines l JOIN bills_of_materials b ON b.id = l.bom_id "
                   "JOIN items p ON p.id = b.item_id JOIN items c ON c.id = l.component_id "
                   "WHERE p.item_type = 'semi_finished' AND c.item_type <> 'raw_material'"),
            0);

  // Rotating the field keys re-seals the entities' sensitive fields too (bank accounts).
  const auto sealed = scalar(db, "SELECT count(*) FROM customers WHERE bank_account IS NOT NULL");
  ASSERT_GT(sealed, 0);
  std::vector<std::string> rotate{"keys", "rotate"};
  rotate.insert(rotate.end(), settings.begin(), settings.end());
  auto rotated = run_verp(rotate);
  ASSERT_EQ(rotated.exit_code, 0) << rotated.out << rotated.err;
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM customers WHERE bank_account LIKE 'enc:v1:2:%'"), sealed)
      << "every bank account is now sealed with key 2";
  std::filesystem::remove_all(data);
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
