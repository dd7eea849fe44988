// Several nodes starting at the same moment on one database, as a scaled-out deployment or a
// restart after an upgrade does: the schema, the migrations and the first administrator are
// each made exactly once.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include "platform/storage/database.hpp"
#include "platform/storage/tests/storage_test_support.hpp"
#include "verp_process.hpp"

namespace verp::testing {
namespace {

using storage::testing_support::Backend;

class ConcurrentStart : public ::testing::TestWithParam<Backend> {};

TEST_P(ConcurrentStart, NodesStartingTogetherCreateTheSchemaAndOneAdministratorOnce) {
  auto fresh = storage::testing_support::FreshDatabase::create(GetParam());
  ASSERT_TRUE(fresh);
  const std::string url = GetParam() == Backend::postgres ? fresh->url() : fresh->sqlite_path();
  const std::string data = temp_sqlite_path("nodes");
  std::vector<std::future<Finished>> nodes;
  for (int node = 0; node < 3; ++node) {
    nodes.push_back(std::async(std::launch::async, [&, node] {
      return run_verp({"init", "--db", url, "--data-dir", data + "-" + std::to_string(node)});
    }));
  }
  int created = 0;
  for (auto& node : nodes) {
    Finished result = node.get();
    EXPECT_EQ(result.exit_code, 0) << result.err;
    if (result.out.find("created the administrator account") != std::string::npos) ++created;
  }
  EXPECT_EQ(created, 1) << "exactly one node creates the administrator";
  auto database = storage::Database::open(url);
  ASSERT_TRUE(database.ok());
  auto admins = (*database)->read([](storage::Connection& c) -> Result<std::int64_t> {
    auto row = c.query_row("SELECT count(*) FROM users WHERE user_name = 'admin'", {});
    if (!row) return row.error();
    return (*row)->int64(0);
  });
  ASSERT_TRUE(admins.ok());
  EXPECT_EQ(*admins, 1);
  for (int node = 0; node < 3; ++node) std::filesystem::remove_all(data + "-" + std::to_string(node));
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrentStart, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
