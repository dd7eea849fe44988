#include "platform/audit/tests/audit_test_support.hpp"

#include <chrono>

namespace verp::audit::testing_support {

using storage::testing_support::describe;

Entry customer_update(int n) {
  // 2024-03-01T09:00:00Z
  Clock::TimePoint start{std::chrono::seconds(1709283600)};
  return Entry{
      .at = start + std::chrono::seconds(n),
      .user_id = 7,
      .user_name = "sales01",
      .company_id = 1,
      .address = "10.0.0.8",
      .request_id = "req-" + std::to_string(n),
      .action = "update",
      .target_type = "customer",
      .target_id = std::to_string(n),
      .change = change_json({{.field = "name", .before = "华东机电", .after = "华东机电 " + std::to_string(n)}})};
}

void AuditTest::SetUp() {
  StorageTest::SetUp();
  if (HasFatalFailure()) return;
  auto synced = storage::sync_schema(db(), tables());
  ASSERT_TRUE(synced.ok()) << describe(synced);
  auto migrated = storage::run_migrations(db(), kMigrationScope, migrations());
  ASSERT_TRUE(migrated.ok()) << describe(migrated);
}

std::int64_t AuditTest::append_one(const Entry& entry) {
  auto seq = db().write([&](storage::Connection& c) { return append(c, entry); });
  EXPECT_TRUE(seq.ok()) << describe(seq);
  return seq.ok() ? *seq : -1;
}

void AuditTest::append_many(int count) {
  for (int n = 1; n <= count; ++n) append_one(customer_update(n));
}

void AuditTest::append_many_in_one_transaction(int count) {
  auto done = db().write([&](storage::Connection& c) -> Status {
    for (int n = 1; n <= count; ++n) {
      if (auto seq = append(c, customer_update(n)); !seq) return seq.error();
    }
    return {};
  });
  EXPECT_TRUE(done.ok()) << describe(done);
}

std::vector<Record> AuditTest::all_records() {
  std::vector<Record> records;
  auto read = db().read([&](storage::Connection& c) -> Status {
    records.clear();
    Query q{.limit = 1000};
    for (;;) {
      auto page = query(c, q);
      if (!page) return page.error();
      records.insert(records.begin(), page->records.rbegin(), page->records.rend());
      if (!page->next_cursor) return {};
      q.before_seq = page->next_cursor;
    }
  });
  EXPECT_TRUE(read.ok()) << describe(read);
  return records;
}

VerifyReport AuditTest::verified() {
  auto report = verify(db());
  EXPECT_TRUE(report.ok()) << describe(report);
  return report.ok() ? *report : VerifyReport{};
}

void AuditTest::drop_guards() {
  const char* sql = is_postgres() ? "DROP TRIGGER audit_log_append_only ON audit_log;"
                                    "DROP TRIGGER audit_log_no_truncate ON audit_log;"
                                    "DROP TRIGGER audit_head_forward_only ON audit_head;"
                                  : "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
                                    "DROP TRIGGER audit_head_forward_only;";
  auto dropped = db().write([&](storage::Connection& c) { return c.execute_script(sql); });
  ASSERT_TRUE(dropped.ok()) << describe(dropped);
}

void AuditTest::tamper(const std::string& sql, std::initializer_list<storage::Value> params) {
  auto changed = exec(sql, params);
  ASSERT_TRUE(changed.ok()) << sql << ": " << describe(changed);
}

}  // namespace verp::audit::testing_support
