// FieldCipher: sealing sensitive fields, keys files, and rotation as `verp keys rotate` does it.
#include "platform/security/field_cipher.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "platform/security/tokens.hpp"

namespace verp::security {
namespace {

namespace fs = std::filesystem;

// A directory of its own per test, removed afterwards.
class FieldCipherFiles : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(directory_); }
  void TearDown() override { fs::remove_all(directory_); }
  fs::path key_file() const { return directory_ / "field_keys"; }

  FieldCipher load(bool create) {
    auto cipher = FieldCipher::from_key_file(key_file(), create);
    EXPECT_TRUE(cipher.ok()) << (cipher.ok() ? "" : cipher.error().message_id + " " + cipher.error().detail);
    return cipher.ok() ? *cipher : FieldCipher::random_for_test();
  }

  void write_key_file(std::string_view text) { std::ofstream(key_file()) << text; }

  fs::path directory_ = fs::temp_directory_path() / ("verp_field_cipher_" + random_token(9));
};

std::string sealed(const FieldCipher& cipher, std::string_view plaintext) {
  auto result = cipher.seal(plaintext);
  EXPECT_TRUE(result.ok());
  return result.ok() ? *result : std::string();
}

std::string opened(const FieldCipher& cipher, std::string_view value) {
  auto result = cipher.open(value);
  return result.ok() ? *result : "error " + result.error().message_id;
}

// Two valid keys in standard base64: 32 zero bytes and 32 bytes of 0x01.
constexpr std::string_view kZeroKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
constexpr std::string_view kOnesKey = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

TEST(FieldCipher, SealedValuesOpenToTheOriginalText) {
  const FieldCipher cipher = FieldCipher::random_for_test();
  for (std::string_view plaintext : {"6222 0210 0112 3456 789", "310101199001011234", "", "中国工商银行 上海分行"}) {
    const std::string value = sealed(cipher, plaintext);
    EXPECT_TRUE(value.starts_with("enc:v1:1:")) << value;
    EXPECT_TRUE(cipher.is_sealed(value));
    EXPECT_EQ(opened(cipher, value), plaintext);
  }
  EXPECT_FALSE(cipher.is_sealed("6222 0210 0112 3456 789"));
}

TEST(FieldCipher, TheSameTextSealsDifferentlyEachTime) {
  const FieldCipher cipher = FieldCipher::random_for_test();
  EXPECT_NE(sealed(cipher, "310101199001011234"), sealed(cipher, "310101199001011234"));
}

TEST(FieldCipher, TamperedOrForeignValuesFailToOpen) {
  const FieldCipher cipher = FieldCipher::random_for_test();
  const std::string value = sealed(cipher, "6222 0210 0112 3456 789");
  std::string tampered = value;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(opened(cipher, tampered), "error security.decrypt_failed");
  EXPECT_EQ(cipher.open(tampered).error().kind, ErrorKind::internal);
  EXPECT_EQ(opened(cipher, value.substr(0, 20)), "error security.decrypt_failed");
  EXPECT_EQ(opened(cipher, "enc:v1:9:" + value.substr(9)), "error security.decrypt_failed");  // unknown key
  EXPECT_EQ(opened(cipher, "enc:v1:x:" + value.substr(9)), "error security.decrypt_failed");
  EXPECT_EQ(opened(cipher, "6222 0210 0112 3456 789"), "error security.decrypt_failed");      // never sealed
  EXPECT_EQ(opened(FieldCipher::random_for_test(), value), "error security.decrypt_failed");  // other key 1
}

TEST_F(FieldCipherFiles, AMissingKeysFileIsCreatedOwnerOnlyAndReloads) {
  const FieldCipher created = load(true);
  EXPECT_EQ(created.current_key_id(), 1);
  ASSERT_TRUE(fs::exists(key_file()));
  EXPECT_EQ(fs::status(key_file()).permissions(), fs::perms::owner_read | fs::perms::owner_write);

  const std::string value = sealed(created, "310101199001011234");
  const FieldCipher reloaded = load(false);
  EXPECT_EQ(opened(reloaded, value), "310101199001011234");
  EXPECT_EQ(load(true).current_key_id(), 1) << "an existing file is never replaced";
}

TEST_F(FieldCipherFiles, AMissingKeysFileIsAnErrorUnlessCreationIsAsked) {
  auto cipher = FieldCipher::from_key_file(key_file(), false);
  ASSERT_FALSE(cipher.ok());
  EXPECT_EQ(cipher.error().message_id, "security.key_file_unreadable");
  EXPECT_FALSE(fs::exists(key_file()));
}

TEST_F(FieldCipherFiles, RotationSealsWithTheNewKeyAndOldValuesStillOpen) {
  FieldCipher cipher = load(true);
  const std::string old_value = sealed(cipher, "6222 0210 0112 3456 789");
  ASSERT_TRUE(cipher.rotate(key_file()).ok());

  EXPECT_EQ(cipher.current_key_id(), 2);
  EXPECT_EQ(opened(cipher, old_value), "6222 0210 0112 3456 789");
  EXPECT_FALSE(cipher.sealed_with_current_key(old_value));
  const std::string new_value = sealed(cipher, "6222 0210 0112 3456 789");
  EXPECT_TRUE(new_value.starts_with("enc:v1:2:")) << new_value;
  EXPECT_TRUE(cipher.sealed_with_current_key(new_value));

  const FieldCipher reloaded = load(false);
  EXPECT_EQ(reloaded.current_key_id(), 2);
  EXPECT_EQ(opened(reloaded, old_value), "6222 0210 0112 3456 789");
  EXPECT_EQ(opened(reloaded, new_value), "6222 0210 0112 3456 789");
  EXPECT_EQ(fs::status(key_file()).permissions(), fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(FieldCipherFiles, KeysFilesAllowCommentsAndReportTheBadLine) {
  write_key_file("# keys\n\n1 " + std::string(kZeroKey) + "\n  2\t" + std::string(kOnesKey) + "  \n");
  EXPECT_EQ(load(false).current_key_id(), 2);

  write_key_file("1 " + std::string(kZeroKey) + "\n1 " + std::string(kOnesKey) + "\n");
  auto duplicate = FieldCipher::from_key_file(key_file(), false);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().message_id, "security.key_file_invalid");
  ASSERT_EQ(duplicate.error().args.size(), 1u);
  EXPECT_EQ(duplicate.error().args[0].value, "2");

  write_key_file("# nothing here\n");
  EXPECT_EQ(FieldCipher::from_key_file(key_file(), false).error().message_id, "security.no_keys");
  write_key_file("1 c2hvcnQ=\n");  // "short": not 32 bytes
  EXPECT_EQ(FieldCipher::from_key_file(key_file(), false).error().message_id, "security.key_file_invalid");
}

TEST(FieldCipher, KeysComeFromAnEnvironmentSpecToo) {
  auto cipher = FieldCipher::from_spec("1:" + std::string(kZeroKey) + ", 2:" + std::string(kOnesKey));
  ASSERT_TRUE(cipher.ok());
  EXPECT_EQ(cipher->current_key_id(), 2);
  EXPECT_EQ(opened(*cipher, sealed(*cipher, "secret")), "secret");

  for (std::string_view bad : {"", "1", "1:", "0:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                               "x:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "1:c2hvcnQ="}) {
    EXPECT_FALSE(FieldCipher::from_spec(bad).ok()) << bad;
  }
}

TEST_F(FieldCipherFiles, LookupDigestsAreStableAcrossRotationAndKeyed) {
  FieldCipher cipher = load(true);
  const std::string before = cipher.lookup_digest("310101199001011234");
  EXPECT_EQ(before.size(), 64u);
  EXPECT_EQ(before, cipher.lookup_digest("310101199001011234"));
  EXPECT_NE(before, cipher.lookup_digest("310101199001011235"));
  ASSERT_TRUE(cipher.rotate(key_file()).ok());
  EXPECT_EQ(cipher.lookup_digest("310101199001011234"), before);
  EXPECT_NE(FieldCipher::random_for_test().lookup_digest("310101199001011234"), before);
}

}  // namespace
}  // namespace verp::security
