// Authenticator codes, enrolment QR codes and recovery codes.
#include "platform/security/totp.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <regex>
#include <set>
#include <string>

namespace verp::security {
namespace {

using std::chrono::seconds;

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII text "12345678901234567890".
constexpr std::string_view kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

Clock::TimePoint at_unix(std::int64_t unix_seconds) { return Clock::TimePoint(seconds(unix_seconds)); }

std::string code_at(std::string_view secret, std::int64_t step) {
  auto code = totp_code(secret, step);
  EXPECT_TRUE(code.ok());
  return code.ok() ? *code : std::string();
}

TEST(Totp, MatchesTheRfc6238AppendixBVectorsForSha1) {
  struct Vector {
    std::int64_t unix_seconds;
    std::string_view code;
  };
  for (const Vector& vector : {Vector{59, "94287082"}, Vector{1111111109, "07081804"}, Vector{1111111111, "14050471"},
                               Vector{1234567890, "89005924"}, Vector{2000000000, "69279037"}}) {
    const std::int64_t step = totp_step(at_unix(vector.unix_seconds));
    auto eight = totp_code(kRfcSecret, step, 8);
    ASSERT_TRUE(eight.ok());
    EXPECT_EQ(*eight, vector.code) << vector.unix_seconds;
    EXPECT_EQ(code_at(kRfcSecret, step), vector.code.substr(2)) << vector.unix_seconds;
  }
}

TEST(Totp, AStepIsThirtySecondsOfUnixTime) {
  EXPECT_EQ(totp_step(at_unix(0)), 0);
  EXPECT_EQ(totp_step(at_unix(29)), 0);
  EXPECT_EQ(totp_step(at_unix(30)), 1);
  EXPECT_EQ(totp_step(at_unix(59)), 1);
  EXPECT_EQ(totp_step(at_unix(1111111109)), 37037036);
  EXPECT_EQ(totp_step(at_unix(1111111109) + std::chrono::milliseconds(999)), 37037036);
}

TEST(Totp, CodesOneStepEitherSideAreAcceptedAndTwoStepsAreNot) {
  // The RFC secret keeps the test deterministic: at this instant no two of the five codes
  // around it coincide (for a random secret a pair does, one time in a million).
  const Clock::TimePoint now = at_unix(1'700'000'015);
  const std::int64_t step = totp_step(now);
  std::set<std::string> distinct;
  for (std::int64_t s = step - 2; s <= step + 2; ++s) distinct.insert(code_at(kRfcSecret, s));
  ASSERT_EQ(distinct.size(), 5u);

  EXPECT_EQ(verify_totp(kRfcSecret, code_at(kRfcSecret, step), now), step);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(kRfcSecret, step - 1), now), step - 1);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(kRfcSecret, step + 1), now), step + 1);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(kRfcSecret, step - 2), now), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(kRfcSecret, step + 2), now), std::nullopt);
  // The window is the caller's choice.
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(kRfcSecret, step - 1), now, 0), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(kRfcSecret, step - 2), now, 2), step - 2);
}

TEST(Totp, TheMatchedStepLetsTheCallerRefuseAReplayedCode) {
  const std::string secret = new_totp_secret();
  const Clock::TimePoint now = at_unix(1'700'000'000);
  std::int64_t last_accepted = 0;
  auto accept = [&](std::string_view code, Clock::TimePoint at) {
    const auto step = verify_totp(secret, code, at);
    if (!step || *step <= last_accepted) return false;
    last_accepted = *step;
    return true;
  };
  const std::string code = code_at(secret, totp_step(now));
  EXPECT_TRUE(accept(code, now));
  EXPECT_FALSE(accept(code, now + seconds(10)));  // the same code again, still inside its step
}

TEST(Totp, MalformedCodesAndSecretsNeverVerify) {
  const Clock::TimePoint now = at_unix(59);
  for (std::string_view code : {"", "28708", "2870822", "28708a", " 287082", "２８７０８２"}) {
    EXPECT_EQ(verify_totp(kRfcSecret, code, now), std::nullopt) << code;
  }
  EXPECT_EQ(verify_totp("not base32 at all!", "287082", now), std::nullopt);
  auto bad = totp_code("1!", 1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::validation);
  EXPECT_EQ(bad.error().message_id, "security.totp_invalid_secret");
  EXPECT_FALSE(totp_code("", 1).ok());
}

TEST(Totp, NewSecretsAre160BitsOfBase32) {
  const std::string secret = new_totp_secret();
  EXPECT_TRUE(std::regex_match(secret, std::regex("[A-Z2-7]{32}"))) << secret;
  EXPECT_NE(secret, new_totp_secret());
  // Apps show secrets in lower case and groups; they mean the same key.
  std::string typed;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) typed += ' ';
    typed += static_cast<char>(std::tolower(static_cast<unsigned char>(secret[i])));
  }
  EXPECT_EQ(code_at(typed, 1234), code_at(secret, 1234));
}

TEST(Totp, TheEnrolmentUriIsPercentEncoded) {
  EXPECT_EQ(totp_uri("JBSWY3DPEHPK3PXP", "Acme Co: 华东", "li.na@example.com"),
            "otpauth://totp/Acme%20Co%3A%20%E5%8D%8E%E4%B8%9C:li.na%40example.com?secret=JBSWY3DPEHPK3PXP"
            "&issuer=Acme%20Co%3A%20%E5%8D%8E%E4%B8%9C&algorithm=SHA1&digits=6&period=30");
}

TEST(QrSvg, DrawsAStandaloneSvgWithAViewBoxAndQuietZone) {
  auto svg = qr_svg(totp_uri(new_totp_secret(), "verp", "zhangwei88"));
  ASSERT_TRUE(svg.ok());
  EXPECT_TRUE(svg->starts_with("<?xml")) << *svg;
  EXPECT_NE(svg->find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(*svg, match, std::regex("viewBox=\"0 0 (\\d+) (\\d+)\"")));
  EXPECT_EQ(match[1], match[2]);
  const int size = std::stoi(match[1]);
  EXPECT_EQ((size - 8 - 17) % 4, 0) << "a QR symbol is 17 + 4*version modules plus a 4-module quiet zone";
  EXPECT_NE(svg->find("<path"), std::string::npos);
  EXPECT_NE(svg->find("M4 4h7v1h-7z"), std::string::npos) << "the top-left finder pattern's first row";
  EXPECT_TRUE(svg->ends_with("</svg>\n"));
}

TEST(QrSvg, TextTooLongForAQrCodeIsAValidationError) {
  auto svg = qr_svg(std::string(5000, 'x'));
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.error().kind, ErrorKind::validation);
  EXPECT_EQ(svg.error().message_id, "security.qr_too_large");
}

TEST(RecoveryCodes, TenDistinctCodesOfThreeGroupsWithoutLookAlikes) {
  const std::vector<std::string> codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
  const std::regex shape("[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}");
  for (const std::string& code : codes) EXPECT_TRUE(std::regex_match(code, shape)) << code;
  EXPECT_EQ(new_recovery_codes(3).size(), 3u);
}

TEST(RecoveryCodes, TypedCodesAreNormalisedBeforeComparison) {
  EXPECT_EQ(normalize_recovery_code("K7QM 2X9D-PR4T"), "k7qm2x9dpr4t");
  EXPECT_EQ(normalize_recovery_code("k7qm-2x9d-pr4t"), normalize_recovery_code("k7qm2x9dpr4t"));
}

}  // namespace
}  // namespace verp::security
