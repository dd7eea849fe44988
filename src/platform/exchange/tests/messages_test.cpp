// Every message id the readers can return has English and Chinese text, with the same
// placeholders in both.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace verp::exchange {
namespace {

const std::filesystem::path kDirectory = VERP_EXCHANGE_DIR;

std::string slurp(const std::filesystem::path& path) {
  std::ostringstream text;
  text << std::ifstream(path, std::ios::binary).rdbuf();
  return text.str();
}

// id → the set of {placeholders} of its text. The files are flat objects of strings, so a
// pattern reads them well enough for this check; i18n's own tests parse them as JSON.
std::map<std::string, std::set<std::string>> messages(const std::string& locale) {
  std::string json = slurp(kDirectory / ("messages." + locale + ".json"));
  EXPECT_FALSE(json.empty()) << locale;
  std::map<std::string, std::set<std::string>> out;
  static const std::regex kEntry(R"re("(exchange\.[a-z0-9_]+)"\s*:\s*"((?:[^"\\]|\\.)*)")re");
  static const std::regex kPlaceholder(R"(\{([a-z_]+)\})");
  for (std::sregex_iterator it(json.begin(), json.end(), kEntry), end; it != end; ++it) {
    std::string text = (*it)[2].str();
    std::set<std::string>& names = out[(*it)[1].str()];
    for (std::sregex_iterator p(text.begin(), text.end(), kPlaceholder); p != end; ++p) names.insert((*p)[1].str());
  }
  return out;
}

TEST(Messages, BothLanguagesHaveTheSameIdsAndPlaceholders) {
  auto english = messages("en");
  auto chinese = messages("zh-CN");
  EXPECT_FALSE(english.empty());
  EXPECT_EQ(english, chinese);
}

TEST(Messages, EveryIdTheSourcesUseHasText) {
  auto english = messages("en");
  static const std::regex kId(R"re("(exchange\.[a-z0-9_]+)")re");
  int found = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kDirectory)) {
    if (entry.path().extension() != ".cpp") continue;
    std::string source = slurp(entry.path());
    for (std::sregex_iterator it(source.begin(), source.end(), kId), end; it != end; ++it) {
      ++found;
      EXPECT_TRUE(english.contains((*it)[1].str())) << (*it)[1].str() << " in " << entry.path().filename();
    }
  }
  EXPECT_GT(found, 15);
}

}  // namespace
}  // namespace verp::exchange
