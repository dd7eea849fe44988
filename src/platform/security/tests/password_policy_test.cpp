// The password policy as a user meets it: what is refused, why, and what good passwords pass.
#include "platform/security/password_policy.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/i18n/catalog.hpp"

namespace verp::security {
namespace {

const PasswordContext kAlone{.username = "zhangwei88", .display_name = "Zhang Wei", .email = "li.na@example.com"};
const PasswordContext kWithMfa{
    .username = "zhangwei88", .display_name = "Zhang Wei", .email = "li.na@example.com", .has_mfa = true};

// The codes of the broken rules, e.g. "too_short common"; "" when the password is accepted.
std::string refusals(std::string_view password, const PasswordContext& context = kAlone) {
  std::string codes;
  for (const FieldError& error : check_password_policy(password, context)) {
    if (!codes.empty()) codes += ' ';
    codes += error.code;
  }
  return codes;
}

// Different text of exactly `length` code points that is no pattern: "0 1 2 3 4 5 ...".
std::string plain_text_of_length(std::size_t length) {
  std::string text;
  for (int i = 0; text.size() < length; ++i) text += std::to_string(i) + ' ';
  text.resize(length);
  return text;
}

TEST(PasswordPolicy, FourteenCharactersAreTooShortWhenThePasswordIsTheOnlyFactor) {
  const auto errors = check_password_policy("plum river kit", kAlone);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "password");
  EXPECT_EQ(errors[0].code, "too_short");
  EXPECT_EQ(errors[0].message_id, "security.password.too_short");
  ASSERT_EQ(errors[0].args.size(), 1u);
  EXPECT_EQ(errors[0].args[0].name, "min");
  EXPECT_EQ(errors[0].args[0].value, "15");
  EXPECT_EQ(refusals("plum river kite"), "");
}

TEST(PasswordPolicy, WithMfaEightCharactersAreEnough) {
  EXPECT_EQ(refusals("plum river kit", kWithMfa), "");
  EXPECT_EQ(refusals("plumkite", kWithMfa), "");
  const auto errors = check_password_policy("plumkit", kWithMfa);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "too_short");
  EXPECT_EQ(errors[0].args[0].value, "8");
}

TEST(PasswordPolicy, LengthIsCountedInCodePointsNotBytes) {
  EXPECT_EQ(refusals("我的猫喜欢在阳光下睡觉和吃鱼呀"), "");         // 15 characters, 45 bytes
  EXPECT_EQ(refusals("我的猫喜欢在阳光下睡觉和吃鱼"), "too_short");  // 14 characters, 42 bytes
}

TEST(PasswordPolicy, UpTo256CharactersAreAllowedAndNothingIsCutOff) {
  EXPECT_EQ(refusals(plain_text_of_length(64)), "");
  EXPECT_EQ(refusals(plain_text_of_length(256)), "");
  EXPECT_EQ(refusals(plain_text_of_length(257)), "too_long");
  const auto errors = check_password_policy(plain_text_of_length(1000), kAlone);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].args[0].name, "max");
  EXPECT_EQ(errors[0].args[0].value, "256");
}

TEST(PasswordPolicy, InvalidUtf8IsRejectedAndNothingElseIsReported) {
  for (std::string_view bad :
       {"plum river kite \xff", "overlong slash \xc0\xaf here", "surrogate \xed\xa0\x80 inside",
        "cut short at the end \xe4\xb8", "beyond unicode \xf4\x90\x80\x80 here", "\x80 a lone continuation byte"}) {
    EXPECT_EQ(refusals(bad), "invalid_utf8") << bad;
  }
}

TEST(PasswordPolicy, CommonPasswordsAreRejectedWhateverTheirCase) {
  EXPECT_EQ(refusals("P@ssw0rd123", kWithMfa), "common");
  EXPECT_EQ(refusals("WoAiNi1314520", kWithMfa), "common");
  EXPECT_EQ(refusals("Correct Horse Battery Staple"), "common");
  EXPECT_EQ(refusals("GoodGoodStudyDayDayUp"), "common");
  EXPECT_EQ(refusals("iloveyousomuch", kWithMfa), "common");
}

TEST(PasswordPolicy, PasswordsContainingTheUserNameNameOrEmailAreRejected) {
  EXPECT_EQ(refusals("my ZHANGWEI88 secret garden"), "contains_user_name");
  EXPECT_EQ(refusals("tea with zhangwei every day"), "contains_user_name");    // the display name, typed
  EXPECT_EQ(refusals("hello li.na how are you today"), "contains_user_name");  // the e-mail local part
  // Names shorter than four characters only count when they are the whole password.
  const PasswordContext bo{.username = "bo", .has_mfa = true};
  EXPECT_EQ(refusals("bob is on a boat trip", bo), "");
}

TEST(PasswordPolicy, RepeatedCharactersAndRepeatedBlocksAreRejected) {
  EXPECT_EQ(refusals("aaaaaaaaaaaaaaaa"), "repetitive");
  EXPECT_EQ(refusals("plum kite plum kite "), "repetitive");
  EXPECT_EQ(refusals("                "), "repetitive");
  EXPECT_EQ(refusals("是是是是是是是是是是是是是是是"), "repetitive");
}

TEST(PasswordPolicy, SimpleSequencesAndKeyboardWalksAreRejected) {
  EXPECT_EQ(refusals("123456789012345"), "sequence");
  EXPECT_EQ(refusals("ABCDEFGHIJKLMNOP"), "sequence");
  EXPECT_EQ(refusals("zyxwvutsrqponmlk"), "sequence");
  EXPECT_EQ(refusals("qwertyuiopasdfgh"), "sequence");
  EXPECT_EQ(refusals("qwerty123456asdf"), "sequence");
  EXPECT_EQ(refusals("1q2w3e4r", kWithMfa), "common sequence");
  EXPECT_EQ(refusals("9876543210zxcvbnm"), "sequence");
  EXPECT_EQ(refusals("asdf jkl; qwer uiop"), "sequence");  // spaces do not hide the walk
}

TEST(PasswordPolicy, PassphrasesWithoutCompositionRulesAreAccepted) {
  EXPECT_EQ(refusals("correct horse battery staple 马"), "");
  EXPECT_EQ(refusals("all lowercase words no digits"), "");
  EXPECT_EQ(refusals("山高月小 水落石出"), "too_short");
  EXPECT_EQ(refusals("山高月小，水落石出。清风徐来，水波不兴。"), "");
  EXPECT_EQ(refusals("abc123 went to the market"), "");  // a short run inside real text is fine
}

TEST(PasswordPolicy, EveryRefusalHasEnglishAndChineseText) {
  const auto& catalog = i18n::Catalog::built_in();
  for (std::string_view code :
       {"too_short", "too_long", "invalid_utf8", "common", "contains_user_name", "repetitive", "sequence"}) {
    const std::string id = "security.password." + std::string(code);
    EXPECT_TRUE(catalog.has("en", id)) << id;
    EXPECT_TRUE(catalog.has("zh-CN", id)) << id;
  }
  for (std::string_view id : {"security.decrypt_failed", "security.hash_failed", "security.key_file_invalid",
                              "security.totp_invalid_secret", "security.qr_too_large"}) {
    EXPECT_TRUE(catalog.has("en", id)) << id;
    EXPECT_TRUE(catalog.has("zh-CN", id)) << id;
  }
}

}  // namespace
}  // namespace verp::security
