// Tokens: random, URL-safe, stored as digests, compared in constant time.
#include "platform/security/tokens.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace verp::security {
namespace {

bool is_base64url(std::string_view text) {
  return text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
         std::string_view::npos;
}

TEST(Tokens, RandomTokensAreDistinctUrlSafeAndOfTheDocumentedLength) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string token = random_token();
    EXPECT_EQ(token.size(), 43u);
    EXPECT_TRUE(is_base64url(token)) << token;
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(random_token(16).size(), 22u);
  EXPECT_EQ(random_token(3).size(), 4u);
  EXPECT_EQ(random_token(0), "");
}

TEST(Tokens, TheDigestIsTheStableLowerCaseHexSha256) {
  EXPECT_EQ(token_digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(token_digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const std::string token = random_token();
  EXPECT_EQ(token_digest(token), token_digest(token));
  EXPECT_NE(token_digest(token), token_digest(random_token()));
}

TEST(Tokens, ConstantTimeEqualComparesBytesAndLengths) {
  EXPECT_TRUE(constant_time_equal("123456", "123456"));
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_FALSE(constant_time_equal("123456", "123457"));
  EXPECT_FALSE(constant_time_equal("123456", "12345"));
  EXPECT_FALSE(constant_time_equal("", "x"));
}

TEST(Tokens, RandomDigitsAreDecimalAndUseEveryDigit) {
  const std::string code = random_digits(6);
  EXPECT_EQ(code.size(), 6u);
  EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos) << code;
  EXPECT_EQ(random_digits(0), "");
  EXPECT_EQ(random_digits(-3), "");
  // 10 000 digits: each value should appear about 1000 times; 800 is 6.7 standard deviations off.
  int counts[10] = {};
  for (const char digit : random_digits(10000)) ++counts[digit - '0'];
  for (int digit = 0; digit < 10; ++digit) EXPECT_GT(counts[digit], 800) << digit;
}

}  // namespace
}  // namespace verp::security
