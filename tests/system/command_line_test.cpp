// `verp` as an operator types it: sub-commands, help, settings precedence and error lines.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "verp_process.hpp"

namespace verp::testing {
namespace {

namespace fs = std::filesystem;

int line_count(const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

TEST(CommandLine, PrintsItsVersion) {
  auto result = run_verp({"version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_TRUE(result.out.starts_with("verp 0.")) << result.out;
}

TEST(CommandLine, HelpListsEverySubCommand) {
  auto result = run_verp({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* command : {"serve", "init", "check", "version"}) {
    EXPECT_NE(result.out.find(command), std::string::npos) << command;
  }
  EXPECT_NE(result.out.find("VERP_DB"), std::string::npos) << "help names the environment variables";
  EXPECT_EQ(run_verp({"serve", "--help"}).exit_code, 0);
  EXPECT_EQ(run_verp({"check", "--help"}).exit_code, 0);
}

TEST(CommandLine, UsageErrorsAreOneClearLineAndExitTwo) {
  for (const auto& args : std::vector<std::vector<std::string>>{{}, {"serve", "--no-such-flag"}, {"frobnicate"}}) {
    auto result = run_verp(args);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_TRUE(result.err.starts_with("verp: error: ")) << result.err;
    EXPECT_EQ(line_count(result.err), 1) << result.err;
  }
}

TEST(CommandLine, ABadEnvironmentValueNamesTheVariable) {
  auto result = run_verp({"init"}, {{"VERP_IO_THREADS", "many"}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("VERP_IO_THREADS"), std::string::npos) << result.err;
  EXPECT_EQ(line_count(result.err), 1) << result.err;
}

TEST(CommandLine, AnUnreachableDatabaseIsOneLineAndExitOne) {
  auto result = run_verp({"init", "--db", "postgresql://verp@127.0.0.1:1/verp?connect_timeout=2"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("verp: error: ")) << result.err;
  EXPECT_EQ(line_count(result.err), 1) << result.err;
}

TEST(CommandLine, FlagsBeatEnvironmentWhichBeatsTheConfigFile) {
  const fs::path folder = fs::path(temp_sqlite_path("precedence")).replace_extension();
  fs::create_directories(folder);
  const fs::path config = folder / "verp.conf";
  std::ofstream(config) << "# chosen by the config file\ndb = " << (folder / "from-file.db").string() << "\n";

  EXPECT_EQ(run_verp({"init", "--config", config.string()}).exit_code, 0);
  EXPECT_TRUE(fs::exists(folder / "from-file.db"));

  EXPECT_EQ(run_verp({"init"}, {{"VERP_CONFIG", config.string()}, {"VERP_DB", (folder / "from-env.db").string()}})
                .exit_code,
            0);
  EXPECT_TRUE(fs::exists(folder / "from-env.db"));

  EXPECT_EQ(run_verp({"init", "--db", (folder / "from-flag.db").string()},
                     {{"VERP_CONFIG", config.string()}, {"VERP_DB", (folder / "from-env2.db").string()}})
                .exit_code,
            0);
  EXPECT_TRUE(fs::exists(folder / "from-flag.db"));
  EXPECT_FALSE(fs::exists(folder / "from-env2.db"));
  fs::remove_all(folder);
}

TEST(CommandLine, InitIsRepeatableAndCheckPassesOnAFreshDatabase) {
  const std::string db = temp_sqlite_path("init");
  auto first = run_verp({"init", "--db", db});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("schema version"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("created the administrator account 'admin'"), std::string::npos) << first.out;
  auto again = run_verp({"init", "--db", db});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out.find("administrator account"), std::string::npos) << "the admin is created once";
  EXPECT_NE(again.out.find("schema version 1"), std::string::npos);
  auto check = run_verp({"check", "--db", db});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("ok"), std::string::npos) << check.out;
  fs::remove(db);
}

TEST(CommandLine, TheAccessReviewListsEveryAccountWithItsPermissions) {
  const std::string db = temp_sqlite_path("review");
  const std::string data = db + ".data";
  ASSERT_EQ(run_verp({"init", "--db", db, "--data-dir", data}).exit_code, 0);
  auto csv = run_verp({"access-review", "--db", db, "--data-dir", data, "--locale", "en"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("Company,User name"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("MAIN,admin"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("*:*@all_companies"), std::string::npos);
  const std::string file = db + ".xlsx";
  auto xlsx = run_verp({"access-review", "--db", db, "--data-dir", data, "--format", "xlsx", "--output", file});
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
  std::ifstream in(file, std::ios::binary);
  char magic[2] = {};
  in.read(magic, 2);
  EXPECT_EQ(std::string(magic, 2), "PK");
  auto changes = run_verp({"access-review", "--db", db, "--data-dir", data, "--changes-since", "2000-01-01"});
  EXPECT_EQ(changes.exit_code, 0) << changes.err;
  EXPECT_EQ(run_verp({"access-review", "--db", db, "--changes-since", "yesterday"}).exit_code, 2);
  fs::remove(db);
  fs::remove(file);
  fs::remove_all(data);
}

TEST(CommandLine, CheckFailsOnACorruptDatabaseFile) {
  const std::string db = temp_sqlite_path("corrupt");
  ASSERT_EQ(run_verp({"init", "--db", db}).exit_code, 0);
  {
    std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096);  // page 2 onwards: the tables' b-tree pages, headers included
    const std::string garbage(8192, '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto check = run_verp({"check", "--db", db});
  EXPECT_NE(check.exit_code, 0) << check.out;
  fs::remove(db);
}

}  // namespace
}  // namespace verp::testing
