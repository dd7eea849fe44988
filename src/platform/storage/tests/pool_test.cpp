// Connections on both backends: bounded pools, timeouts, health checks, ping, stats, close;
// and opening databases from URLs.
#include <libpq-fe.h>

#include <atomic>
#include <future>
#include <latch>
#include <thread>

#include "platform/storage/tests/storage_test_support.hpp"

namespace verp::storage {
namespace {

using testing_support::describe;

class PoolTest : public testing_support::StorageTest {
 protected:
  // Starts `count` read transactions that stay open until `release` is set.
  std::vector<std::thread> hold_reads(int count, std::latch& inside, std::shared_future<void> release) {
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
      threads.emplace_back([this, &inside, release] {
        VERP_EXPECT_OK(db().read([&](Connection&) -> Status {
          inside.count_down();
          release.wait();
          return {};
        }));
      });
    }
    return threads;
  }
};

TEST_P(PoolTest, WaitingLongerThanTheAcquireTimeoutIsUnavailable) {
  DatabaseOptions options;
  options.pool_size = 2;
  options.sqlite_readers = 2;
  options.acquire_timeout = std::chrono::milliseconds(100);
  reopen(options);

  std::latch inside(2);
  std::promise<void> release;
  auto threads = hold_reads(2, inside, release.get_future().share());
  inside.wait();

  auto started = std::chrono::steady_clock::now();
  Status third = db().read([](Connection&) -> Status { return {}; });
  auto waited = std::chrono::steady_clock::now() - started;
  release.set_value();
  for (auto& thread : threads) thread.join();

  ASSERT_FALSE(third.ok());
  EXPECT_EQ(ErrorKind::unavailable, third.error().kind);
  EXPECT_EQ(std::string(kPoolTimeout), third.error().message_id);
  EXPECT_GE(waited, std::chrono::milliseconds(90));
  PoolStats stats = db().stats();
  EXPECT_EQ(1u, stats.timeouts);
  EXPECT_GE(stats.waits, 1u);
  EXPECT_EQ(0u, stats.in_use);
  VERP_EXPECT_OK(db().read([](Connection&) -> Status { return {}; }));  // free again
}

TEST_P(PoolTest, SqliteWritersQueueOnOneConnectionWhilePostgresWritesInParallel) {
  DatabaseOptions options;
  options.acquire_timeout = std::chrono::milliseconds(100);
  reopen(options);
  std::latch inside(1);
  std::promise<void> release;
  std::thread holder([&, done = release.get_future().share()] {
    VERP_EXPECT_OK(db().write([&](Connection&) -> Status {
      inside.count_down();
      done.wait();
      return {};
    }));
  });
  inside.wait();
  Status second = db().write([](Connection&) -> Status { return {}; });
  Status reader = db().read([](Connection&) -> Status { return {}; });  // readers never wait for the writer
  release.set_value();
  holder.join();
  VERP_EXPECT_OK(reader);
  if (is_postgres()) {
    VERP_EXPECT_OK(second);
  } else {
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(std::string(kPoolTimeout), second.error().message_id);
  }
}

TEST_P(PoolTest, PingAndStatisticsDescribeThePool) {
  VERP_ASSERT_OK(db().ping());
  for (int i = 0; i < 3; ++i) VERP_ASSERT_OK(db().write([](Connection&) -> Status { return {}; }));
  PoolStats stats = db().stats();
  EXPECT_GE(stats.acquisitions, 4u);
  EXPECT_EQ(3u, stats.transactions);
  EXPECT_EQ(0u, stats.in_use);
  EXPECT_GE(stats.open, 1u);
  EXPECT_EQ(is_postgres() ? db().options().pool_size : 1 + db().options().sqlite_readers, stats.max_size);
  EXPECT_EQ(is_postgres() ? Dialect::postgres : Dialect::sqlite, db().dialect());
}

TEST_P(PoolTest, CloseWaitsForRunningTransactionsThenRefusesNewOnes) {
  std::latch inside(1);
  std::atomic<bool> finished{false};
  std::thread worker([&] {
    VERP_EXPECT_OK(db().write([&](Connection& c) -> Status {
      inside.count_down();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      finished = true;
      return c.execute_script("SELECT 1");
    }));
  });
  inside.wait();
  VERP_EXPECT_OK(db().close());
  EXPECT_TRUE(finished.load());
  worker.join();
  Status after = db().write([](Connection&) -> Status { return {}; });
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(std::string(kClosed), after.error().message_id);
  EXPECT_EQ(ErrorKind::unavailable, db().ping().error().kind);
  EXPECT_EQ(0u, db().stats().open);
}

TEST_P(PoolTest, BrokenConnectionsAreReplacedAndTheirTransactionRetried) {
  DatabaseOptions options;
  options.pool_size = 1;
  options.sqlite_readers = 1;
  options.health_check_after = std::chrono::milliseconds(0);  // ping before every reuse
  reopen(options);
  VERP_ASSERT_OK(db().write([](Connection&) -> Status { return {}; }));
  if (!is_postgres()) {
    VERP_EXPECT_OK(db().write([](Connection&) -> Status { return {}; }));
    EXPECT_EQ(0u, db().stats().discarded);
    return;
  }
  // Kill the pooled session from outside (found by its pid: other tests run in parallel);
  // the health check notices before the next transaction and reconnects.
  auto pid = db().read([](Connection& c) -> Result<std::int64_t> {
    auto row = c.query_row("SELECT pg_backend_pid()");
    if (!row) return std::move(row).error();
    return (*row)->int64(0);
  });
  ASSERT_TRUE(pid.ok()) << describe(pid);
  auto terminate = [this](std::int64_t backend) {
    PGconn* admin = PQconnectdb(fresh().url().c_str());
    std::string sql = "SELECT pg_terminate_backend(" + std::to_string(backend) + ")";
    PGresult* result = PQexec(admin, sql.c_str());
    EXPECT_EQ(PGRES_TUPLES_OK, PQresultStatus(result)) << PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(admin);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let the session die
  };
  terminate(*pid);
  VERP_EXPECT_OK(db().write([](Connection& c) { return c.execute_script("SELECT 1"); }));
  EXPECT_EQ(1u, db().stats().discarded);

  // A session killed in the middle of a transaction: the runner retries on a new one.
  int runs = 0;
  Status status = db().write([&](Connection& c) -> Status {
    if (++runs == 1) {
      auto row = c.query_row("SELECT pg_backend_pid()");
      if (!row) return row.error();
      terminate(*(*row)->int64(0));
    }
    return c.execute_script("SELECT 1");
  });
  VERP_EXPECT_OK(status);
  EXPECT_EQ(2, runs);
}

VERP_STORAGE_BACKENDS(PoolTest);

TEST(DatabaseOpenTest, UnknownOrEmptyUrlsAreRefused) {
  for (const char* url : {"", "mysql://root@localhost/verp", "sqlite:", "sqlite://"}) {
    auto opened = Database::open(url);
    ASSERT_FALSE(opened.ok()) << url;
    EXPECT_EQ(ErrorKind::validation, opened.error().kind) << url;
    EXPECT_EQ(std::string(kBadUrl), opened.error().message_id) << url;
  }
}

TEST(DatabaseOpenTest, AnUnreachablePostgresIsUnavailable) {
  DatabaseOptions options;
  options.connect_timeout = std::chrono::seconds(2);
  auto opened = Database::open("postgresql://nobody@127.0.0.1:1/nothing", options);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(ErrorKind::unavailable, opened.error().kind);
  EXPECT_EQ(std::string(kConnectFailed), opened.error().message_id);
}

TEST(DatabaseOpenTest, SqliteUrlsAndPathsOpenTheSameWay) {
  auto folder = testing_support::FreshDatabase::create(testing_support::Backend::sqlite);
  ASSERT_TRUE(folder);
  std::string path = folder->sqlite_path();
  for (const std::string& url : {path, "sqlite:" + path, "sqlite://" + path}) {
    auto opened = Database::open(url);
    ASSERT_TRUE(opened.ok()) << url << ": " << describe(opened);
    EXPECT_EQ(Dialect::sqlite, (*opened)->dialect());
    VERP_EXPECT_OK((*opened)->ping());
  }
  auto missing_folder = Database::open(path + ".d/nested/x.db");
  ASSERT_FALSE(missing_folder.ok());
  EXPECT_EQ(ErrorKind::unavailable, missing_folder.error().kind);
}

TEST(DatabaseOpenTest, InMemorySqliteWorksWithReadsOnTheWriter) {
  auto opened = Database::open(":memory:");
  ASSERT_TRUE(opened.ok()) << describe(opened);
  Database& db = **opened;
  VERP_ASSERT_OK(db.write([](Connection& c) { return c.execute_script("CREATE TABLE t (x INTEGER)"); }));
  VERP_ASSERT_OK(db.write([](Connection& c) { return c.execute("INSERT INTO t VALUES ($1)", {4}); }));
  auto count = db.read([](Connection& c) -> Result<std::int64_t> {
    auto row = c.query_row("SELECT count(*) FROM t");
    if (!row) return std::move(row).error();
    return (*row)->int64(0);
  });
  ASSERT_TRUE(count.ok()) << describe(count);
  EXPECT_EQ(1, *count);
}

}  // namespace
}  // namespace verp::storage
