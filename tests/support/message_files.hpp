// Checks a library's message files against its sources: every id with a given prefix that the
// sources use has text, and both languages have the same ids with the same {placeholders}.
// Header-only so that any test binary can use it (i18n's own tests parse the files as JSON;
// these checks read them with patterns, which is enough for flat objects of strings).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace verp::testing {

inline std::string slurp_file(const std::filesystem::path& path) {
  std::ostringstream text;
  text << std::ifstream(path, std::ios::binary).rdbuf();
  return text.str();
}

// id → the {placeholders} of its text, for ids starting with `prefix.` in `folder`'s file.
inline std::map<std::string, std::set<std::string>> message_placeholders(const std::filesystem::path& folder,
                                                                         const std::string& prefix,
                                                                         const std::string& locale) {
  const std::string json = slurp_file(folder / ("messages." + locale + ".json"));
  EXPECT_FALSE(json.empty()) << locale;
  std::map<std::string, std::set<std::string>> out;
  const std::regex entry("\"(" + prefix + R"re(\.[a-z0-9_]+)"\s*:\s*"((?:[^"\\]|\\.)*)")re");
  static const std::regex kPlaceholder(R"(\{([a-z_]+)\})");
  for (std::sregex_iterator it(json.begin(), json.end(), entry), end; it != end; ++it) {
    std::string text = (*it)[2].str();
    std::set<std::string>& names = out[(*it)[1].str()];
    for (std::sregex_iterator p(text.begin(), text.end(), kPlaceholder); p != end; ++p) names.insert((*p)[1].str());
  }
  return out;
}

// Both checks; returns how many uses of `prefix.` ids the .cpp files of `folder` hold. Names
// that look like ids but are not messages (an audit action, a job's name) go in `not_messages`.
inline int check_message_files(const std::filesystem::path& folder, const std::string& prefix,
                               const std::set<std::string>& not_messages = {}) {
  const auto english = message_placeholders(folder, prefix, "en");
  EXPECT_FALSE(english.empty());
  EXPECT_EQ(english, message_placeholders(folder, prefix, "zh-CN")) << "the same ids and placeholders in both";
  const std::regex id("\"(" + prefix + R"re(\.[a-z0-9_]+)")re");
  int found = 0;
  for (const auto& file : std::filesystem::directory_iterator(folder)) {
    if (file.path().extension() != ".cpp") continue;
    const std::string source = slurp_file(file.path());
    for (std::sregex_iterator it(source.begin(), source.end(), id), end; it != end; ++it) {
      if (not_messages.contains((*it)[1].str())) continue;
      ++found;
      EXPECT_TRUE(english.contains((*it)[1].str())) << (*it)[1].str() << " in " << file.path().filename();
    }
  }
  return found;
}

}  // namespace verp::testing
