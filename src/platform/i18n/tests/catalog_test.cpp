#include "platform/i18n/catalog.hpp"

#include <gtest/gtest.h>

namespace verp::i18n {
namespace {

TEST(Locale, ChineseIsTheDefault) {
  EXPECT_EQ(negotiate_locale(""), "zh-CN");
  EXPECT_EQ(negotiate_locale("fr-FR,de;q=0.8"), "zh-CN");
}

TEST(Locale, PicksTheSupportedLanguageWithTheHighestQuality) {
  EXPECT_EQ(negotiate_locale("en-US"), "en");
  EXPECT_EQ(negotiate_locale("zh-CN,zh;q=0.9,en;q=0.8"), "zh-CN");
  EXPECT_EQ(negotiate_locale("zh;q=0.3, en-GB;q=0.7"), "en");
  EXPECT_EQ(negotiate_locale("fr, en;q=0.1"), "en");
  EXPECT_EQ(negotiate_locale("en;q=0, zh-TW"), "zh-CN");
}

TEST(Catalog, SubstitutesNamedArguments) {
  Catalog catalog;
  ASSERT_TRUE(catalog.load("en", R"({"stock.short": "Only {available} of {item} left"})").ok());
  EXPECT_EQ(catalog.text("en", "stock.short", {{"item", "M6 screw"}, {"available", "3"}}), "Only 3 of M6 screw left");
}

TEST(Catalog, FallsBackToEnglishThenToTheId) {
  Catalog catalog;
  ASSERT_TRUE(catalog.load("en", R"({"a": "English only"})").ok());
  ASSERT_TRUE(catalog.load("zh-CN", R"({"b": "中文"})").ok());
  EXPECT_EQ(catalog.text("zh-CN", "a"), "English only");
  EXPECT_EQ(catalog.text("zh-CN", "b"), "中文");
  EXPECT_EQ(catalog.text("zh-CN", "missing.id"), "missing.id");
}

TEST(Catalog, RejectsMalformedMessageFiles) {
  Catalog catalog;
  EXPECT_FALSE(catalog.load("en", "[1,2]").ok());
  EXPECT_FALSE(catalog.load("en", R"({"a": 3})").ok());
  EXPECT_FALSE(catalog.load("en", "{not json").ok());
}

TEST(Catalog, ShippedMessagesExistInBothLanguages) {
  const Catalog& catalog = Catalog::built_in();
  EXPECT_TRUE(catalog.has("zh-CN", "http.not_found"));
  EXPECT_TRUE(catalog.has("en", "http.not_found"));
  EXPECT_EQ(catalog.missing_in("zh-CN", "en"), std::vector<std::string>{});
  EXPECT_EQ(catalog.missing_in("en", "zh-CN"), std::vector<std::string>{});
}

}  // namespace
}  // namespace verp::i18n
