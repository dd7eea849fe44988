// Password hashing: what a stored hash promises. Each hash costs tens of milliseconds (more
// under sanitizers), so the tests share hashes where the story allows.
#include "platform/security/password.hpp"

#include <gtest/gtest.h>

#include <string>

namespace verp::security {
namespace {

std::string hash_of(std::string_view password) {
  auto hashed = hash_password(password);
  EXPECT_TRUE(hashed.ok());
  return hashed.ok() ? *hashed : std::string();
}

// Weak-parameter hashes of "old secret", as an older verp (or another system) might have stored.
constexpr std::string_view kCheapArgon2id =
    "$argon2id$v=19$m=8,t=1,p=1$mTVvY0a4EDf9p5iQdWjTDQ$oSrSqzedqsGriOuntbtKbcvvAtUfE0KbUE/ejFRaXk8";
constexpr std::string_view kCheapArgon2i =
    "$argon2i$v=19$m=8,t=3,p=1$G/LsTWUG8qcIHDD8R5e/Xg$71uXpaFKbPCSoC2Aq+d2mj/Hge3/TpNPX+vLisKtMkQ";

TEST(Password, AHashVerifiesItsPasswordAndNoOther) {
  const std::string hash = hash_of("plum river kite 2024");
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << hash;
  EXPECT_TRUE(verify_password(hash, "plum river kite 2024"));
  EXPECT_FALSE(verify_password(hash, "plum river kite 2025"));
  EXPECT_FALSE(verify_password(hash, "Plum river kite 2024"));
  EXPECT_FALSE(verify_password(hash, ""));
  EXPECT_FALSE(password_needs_rehash(hash));
}

TEST(Password, HashingTheSamePasswordTwiceGivesDifferentHashesBecauseOfTheSalt) {
  const std::string first = hash_of("same words every time");
  const std::string second = hash_of("same words every time");
  EXPECT_NE(first, second);
}

TEST(Password, LongNonAsciiPasswordsAreHashedWholeNotTruncated) {
  // 100 code points, Chinese and ASCII mixed; bcrypt would have kept only the first 72 bytes.
  std::string hundred;
  for (int i = 0; i < 33; ++i) hundred += "山水a";  // 99 code points
  hundred += "海";                                  // the 100th
  const std::string hash = hash_of(hundred);
  EXPECT_TRUE(verify_password(hash, hundred));
  std::string changed_last = hundred.substr(0, hundred.size() - std::string("海").size()) + "河";
  EXPECT_FALSE(verify_password(hash, changed_last));

  const std::string sixty_four = std::string(61, 'q') + "密码字";  // 64 code points
  const std::string hash64 = hash_of(sixty_four);
  EXPECT_TRUE(verify_password(hash64, sixty_four));
  EXPECT_FALSE(verify_password(hash64, sixty_four.substr(0, sixty_four.size() - 3)));
}

TEST(Password, OlderHashesStillVerifyButAskToBeRehashed) {
  EXPECT_TRUE(verify_password(kCheapArgon2id, "old secret"));
  EXPECT_TRUE(verify_password(kCheapArgon2i, "old secret"));
  EXPECT_FALSE(verify_password(kCheapArgon2id, "old secreT"));
  EXPECT_TRUE(password_needs_rehash(kCheapArgon2id));
  EXPECT_TRUE(password_needs_rehash(kCheapArgon2i));
}

TEST(Password, AnythingThatIsNotAHashNeverVerifies) {
  using namespace std::literals;
  for (std::string_view stored :
       {""sv, "plain text"sv, "$argon2id$"sv, "$2b$12$abcdefghijklmnopqrstuv"sv, "\0$argon2id$"sv}) {
    EXPECT_FALSE(verify_password(stored, "plain text")) << stored;
    EXPECT_TRUE(password_needs_rehash(stored)) << stored;
  }
  EXPECT_FALSE(verify_password(std::string(500, 'x'), "x"));
}

TEST(Password, DummyVerificationForUnknownUsersRunsAndRunsAgain) {
  verify_password_against_dummy("whatever was typed");
  verify_password_against_dummy("");
}

}  // namespace
}  // namespace verp::security
