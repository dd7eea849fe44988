// Test vocabulary for the audit log: a fresh database of each backend with the audit tables and
// triggers in place, entry builders, and raw SQL that plays the tamperer.
#pragma once

#include <cstdint>
#include <string>

#include "platform/audit/audit_log.hpp"
#include "platform/storage/tests/storage_test_support.hpp"

namespace verp::audit::testing_support {

using storage::testing_support::Backend;

// A plausible entry: "sales01" updates customer <n> at 2024-03-01T09:00:00Z plus n seconds.
Entry customer_update(int n);

class AuditTest : public storage::testing_support::StorageTest {
 protected:
  void SetUp() override;

  // Appends in its own write transaction; returns the seq (or -1 after a gtest failure).
  std::int64_t append_one(const Entry& entry);
  // Appends customer_update(1..count) in one write transaction each.
  void append_many(int count);
  // Appends customer_update(1..count) in a single write transaction (for large logs).
  void append_many_in_one_transaction(int count);

  // The whole log, oldest first.
  std::vector<Record> all_records();
  // verify() on db(); asserts it ran.
  VerifyReport verified();

  // The tamperer: removes the append-only triggers with raw SQL, then runs `sql`.
  void drop_guards();
  void tamper(const std::string& sql, std::initializer_list<storage::Value> params = {});
};

}  // namespace verp::audit::testing_support
