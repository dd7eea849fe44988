#include "app/settings.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace verp::app {
namespace {

TEST(Settings, DefaultsServeLocallyOnTheEmbeddedDatabase) {
  auto settings = resolve_settings({}, {}, {});
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->listen, "127.0.0.1:8080");
  EXPECT_EQ(settings->db, "./data/verp.db");
  EXPECT_EQ(settings->sqlite_synchronous, "full");
}

TEST(Settings, FlagsBeatEnvironmentWhichBeatsTheConfigFile) {
  SettingValues file = {{"listen", "127.0.0.1:1111"}, {"db", "file.db"}, {"data_dir", "/srv/file"}};
  SettingValues env = {{"listen", "127.0.0.1:2222"}, {"db", "env.db"}};
  SettingValues flags = {{"listen", "127.0.0.1:3333"}};
  auto settings = resolve_settings(flags, env, file);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->listen, "127.0.0.1:3333");
  EXPECT_EQ(settings->db, "env.db");
  EXPECT_EQ(settings->data_dir, "/srv/file");
}

TEST(Settings, ABadValueNamesTheSettingAndWhereItCameFrom) {
  auto settings = resolve_settings({}, {{"io_threads", "many"}}, {});
  ASSERT_FALSE(settings.ok());
  EXPECT_EQ(settings.error().field, "io_threads");
  EXPECT_NE(settings.error().detail.find("VERP_IO_THREADS"), std::string::npos) << settings.error().detail;
  EXPECT_NE(settings.error().detail.find("many"), std::string::npos);
}

TEST(Settings, RejectsUnknownChoices) {
  EXPECT_FALSE(resolve_settings({{"sqlite_synchronous", "off"}}, {}, {}).ok());
  EXPECT_FALSE(resolve_settings({{"log_level", "loud"}}, {}, {}).ok());
  EXPECT_TRUE(resolve_settings({{"sqlite_synchronous", "normal"}}, {}, {}).ok());
}

TEST(Settings, ThePublicAddressIsAWebAddressWithoutATrailingSlash) {
  auto settings = resolve_settings({}, {{"public_url", "https://erp.example.com/"}}, {});
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->public_url, "https://erp.example.com");
  auto defaults = resolve_settings({}, {}, {});
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->public_url.empty()) << "default: the requester's address";
  EXPECT_FALSE(resolve_settings({{"public_url", "erp.example.com"}}, {}, {}).ok());
  EXPECT_FALSE(resolve_settings({{"public_url", "https://erp.example.com/?x=1"}}, {}, {}).ok());
}

TEST(Settings, SplitsTheListenAddressIncludingIpv6) {
  Settings settings;
  settings.listen = "[::1]:9000";
  auto endpoint = settings.listen_endpoint();
  ASSERT_TRUE(endpoint.ok());
  EXPECT_EQ(endpoint->first, "::1");
  EXPECT_EQ(endpoint->second, 9000);
  settings.listen = "localhost";
  EXPECT_FALSE(settings.listen_endpoint().ok());
  settings.listen = "127.0.0.1:70000";
  EXPECT_FALSE(settings.listen_endpoint().ok());
}

class ConfigFileTest : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    path = std::filesystem::temp_directory_path() / ("verp-config-" + std::to_string(::getpid()) + ".conf");
    std::ofstream(path) << text;
    return path.string();
  }
  void TearDown() override { std::filesystem::remove(path); }
  std::filesystem::path path;
};

TEST_F(ConfigFileTest, ReadsKeyValueLinesWithCommentsAndQuotes) {
  auto values = read_config_file(write("# verp settings\nlisten = \"0.0.0.0:8080\"\n\ndb=/var/lib/verp/verp.db\n"));
  ASSERT_TRUE(values.ok());
  EXPECT_EQ(values->at("listen"), "0.0.0.0:8080");
  EXPECT_EQ(values->at("db"), "/var/lib/verp/verp.db");
}

TEST_F(ConfigFileTest, NamesTheLineOfAnUnknownSetting) {
  auto values = read_config_file(write("listen = 127.0.0.1:1\nlisen = typo\n"));
  ASSERT_FALSE(values.ok());
  EXPECT_NE(values.error().detail.find(":2: unknown setting 'lisen'"), std::string::npos) << values.error().detail;
}

TEST_F(ConfigFileTest, AMissingFileIsAnError) {
  EXPECT_FALSE(read_config_file("/nonexistent/verp.conf").ok());
}

}  // namespace
}  // namespace verp::app
