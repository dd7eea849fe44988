// Transactional notifications (Connection::notify + Database::listen) on both backends: heard
// only after a commit, never after a rollback, and on PostgreSQL by every Database (node) on the
// same schema but not by one on another schema.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "platform/storage/tests/storage_test_support.hpp"

namespace verp::storage {
namespace {

// Collects the payloads a listener hears, and waits for them.
class Inbox {
 public:
  // `linger`: how long each delivery takes, to widen any window between commit and delivery.
  NotificationHandler handler(std::chrono::microseconds linger = {}) {
    return [this, linger](std::string_view payload) {
      std::this_thread::sleep_for(linger);
      std::lock_guard lock(mutex_);
      payloads_.emplace_back(payload);
      arrived_.notify_all();
    };
  }
  // The payloads once at least `count` arrived, or what arrived within `wait`.
  std::vector<std::string> wait_for(std::size_t count, std::chrono::milliseconds wait = std::chrono::seconds(5)) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, wait, [&] { return payloads_.size() >= count; });
    return payloads_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<std::string> payloads_;
};

using NotificationTest = testing_support::StorageTest;

Status notify_and(Database& db, std::string payload, bool commit) {
  return db.write([&](Connection& c) -> Status {
    if (Status sent = c.notify("verp_test", payload); !sent) return sent;
    if (!commit) return make_error(ErrorKind::validation, "test.rollback");
    return {};
  });
}

TEST_P(NotificationTest, ANotificationIsHeardOnlyAfterItsTransactionCommits) {
  Inbox inbox;
  auto listener = db().listen("verp_test", inbox.handler());
  VERP_ASSERT_OK(listener);
  EXPECT_FALSE(notify_and(db(), "rolled back", false).ok());
  VERP_ASSERT_OK(notify_and(db(), "committed", true));
  auto heard = inbox.wait_for(1);
  // Give a wrongly delivered rollback the time to arrive too.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  heard = inbox.wait_for(1);
  EXPECT_EQ(heard, std::vector<std::string>{"committed"});
}

TEST_P(NotificationTest, ANotificationInsideARolledBackSavepointIsDiscarded) {
  Inbox inbox;
  auto listener = db().listen("verp_test", inbox.handler());
  VERP_ASSERT_OK(listener);
  VERP_ASSERT_OK(db().write([&](Connection& c) -> Status {
    (void)c.savepoint([](Connection& inner) -> Status {
      if (Status sent = inner.notify("verp_test", "inner"); !sent) return sent;
      return make_error(ErrorKind::validation, "test.rollback");
    });
    return c.notify("verp_test", "outer");
  }));
  auto heard = inbox.wait_for(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  heard = inbox.wait_for(1);
  EXPECT_EQ(heard, std::vector<std::string>{"outer"});
}

TEST_P(NotificationTest, NotificationsOfOneTransactionArriveInOrderAndOnlyOnTheirChannel) {
  Inbox inbox, other;
  auto listener = db().listen("verp_test", inbox.handler());
  auto other_listener = db().listen("verp_other", other.handler());
  VERP_ASSERT_OK(listener);
  VERP_ASSERT_OK(other_listener);
  VERP_ASSERT_OK(db().write([&](Connection& c) -> Status {
    for (const char* payload : {"1", "2", "3"}) {
      if (Status sent = c.notify("verp_test", payload); !sent) return sent;
    }
    return {};
  }));
  EXPECT_EQ(inbox.wait_for(3), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_TRUE(other.wait_for(1, std::chrono::milliseconds(100)).empty());
}

TEST_P(NotificationTest, ConcurrentWritersNotificationsArriveInCommitOrder) {
  create_table(TableDef{.name = "counter",
                        .columns = {{.name = "id", .type = ColumnType::int64, .not_null = true},
                                    {.name = "n", .type = ColumnType::int64, .not_null = true}},
                        .primary_key = {"id"},
                        .indexes = {}});
  VERP_ASSERT_OK(exec("INSERT INTO counter (id, n) VALUES (1, 0)"));
  Inbox inbox;
  auto listener = db().listen("verp_test", inbox.handler(std::chrono::microseconds(300)));
  VERP_ASSERT_OK(listener);
  // Each transaction announces the counter value it committed; heard in order, they ascend.
  constexpr int kWriters = 4, kEach = 25;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        Status done = db().write([&](Connection& c) -> Status {
          auto row = c.query_row("UPDATE counter SET n = n + 1 WHERE id = 1 RETURNING n");
          if (!row) return row.error();
          return c.notify("verp_test", std::to_string((*row)->int64(0).value_or(0)));
        });
        EXPECT_TRUE(done.ok()) << testing_support::describe(done);
      }
    });
  }
  for (auto& writer : writers) writer.join();
  auto heard = inbox.wait_for(kWriters * kEach);
  ASSERT_EQ(heard.size(), static_cast<std::size_t>(kWriters * kEach));
  for (std::size_t i = 0; i < heard.size(); ++i) EXPECT_EQ(heard[i], std::to_string(i + 1));
}

TEST_P(NotificationTest, ADroppedListenerHearsNothingMore) {
  Inbox inbox;
  auto listener = db().listen("verp_test", inbox.handler());
  VERP_ASSERT_OK(listener);
  listener->reset();
  VERP_ASSERT_OK(notify_and(db(), "late", true));
  EXPECT_TRUE(inbox.wait_for(1, std::chrono::milliseconds(200)).empty());
}

TEST_P(NotificationTest, OversizedPayloadsAndOddChannelNamesAreRefusedOnBothBackends) {
  Status too_large = db().write([&](Connection& c) { return c.notify("verp_test", std::string(8000, 'x')); });
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.error().message_id, "storage.notification_too_large");
  Status odd = db().write([&](Connection& c) { return c.notify("Robert'); DROP", "x"); });
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().message_id, "storage.bad_channel");
  EXPECT_FALSE(db().listen("no spaces", [](std::string_view) {}).ok());
}

TEST_P(NotificationTest, OnPostgresAnotherNodeOnTheSameSchemaHearsTheCommit) {
  if (!is_postgres()) GTEST_SKIP() << "SQLite is single-node: notifications stay in the process";
  auto node_b = open_another();
  Inbox inbox;
  auto listener = node_b->listen("verp_test", inbox.handler());
  VERP_ASSERT_OK(listener);
  VERP_ASSERT_OK(notify_and(db(), "from node A", true));
  EXPECT_EQ(inbox.wait_for(1), std::vector<std::string>{"from node A"});
  listener->reset();
}

TEST_P(NotificationTest, OnPostgresABrokenListenSessionComesBackAndSaysEventsMayHaveBeenMissed) {
  if (!is_postgres()) GTEST_SKIP() << "SQLite has no session to lose";
  Inbox inbox;
  std::atomic<int> gaps{0};
  auto listener = db().listen("verp_test", inbox.handler(), [&] { ++gaps; });
  VERP_ASSERT_OK(listener);
  // Cut this test's LISTEN session only (its last statement names this schema's channel).
  auto cut = db().write([&](Connection& c) {
    return c.query_row(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE application_name = 'verp-listener' AND query = 'LISTEN \"verp_test@' || current_schema() || '\"'");
  });
  VERP_ASSERT_OK(cut);
  ASSERT_EQ((**cut).int64(0).value_or(0), 1);
  for (int i = 0; i < 200 && gaps == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_EQ(gaps.load(), 1);
  VERP_ASSERT_OK(notify_and(db(), "after the gap", true));
  EXPECT_EQ(inbox.wait_for(1), std::vector<std::string>{"after the gap"});
  listener->reset();
}

TEST_P(NotificationTest, OnPostgresADatabaseInAnotherSchemaHearsNothing) {
  if (!is_postgres()) GTEST_SKIP() << "schemas are a PostgreSQL matter";
  auto other_schema = testing_support::FreshDatabase::create(testing_support::Backend::postgres);
  ASSERT_NE(other_schema, nullptr);
  auto other = Database::open(other_schema->url());
  VERP_ASSERT_OK(other);
  Inbox inbox;
  auto listener = (*other)->listen("verp_test", inbox.handler());
  VERP_ASSERT_OK(listener);
  VERP_ASSERT_OK(notify_and(db(), "private", true));
  EXPECT_TRUE(inbox.wait_for(1, std::chrono::milliseconds(300)).empty());
  listener->reset();
}

VERP_STORAGE_BACKENDS(NotificationTest);

}  // namespace
}  // namespace verp::storage
