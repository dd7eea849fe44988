// The password policy: which new passwords verp accepts (NIST SP 800-63B rev. 4, §3.1.1.2).
//
//   * Length in Unicode code points (UTF-8 decoded; invalid UTF-8 is rejected): at least 15 when
//     the password is the only factor, at least 8 when the account has MFA; at most 256. The
//     whole password is hashed — never truncated.
//   * No composition rules (no "one digit, one symbol"): they make passwords harder to remember
//     without making them harder to guess. Spaces and any Unicode text are welcome, so a
//     passphrase such as "correct horse battery staple 马" is a good password.
//   * Rejected: passwords on the shipped common-password list (common_passwords.txt,
//     case-insensitive); passwords that are the user name, display name or e-mail local part, or
//     contain one of them when it is 4 or more characters long (case-insensitive); one short
//     block repeated ("aaaaaaaa…", "abcabcabc…", "passwordpassword" — any password that is a
//     unit repeated at least twice); simple sequences and keyboard walks ("123456789…",
//     "abcdef…", "qwertyuiop…", "1qaz2wsx…", and short chains of such runs: up to one run of 3+
//     characters per 5 characters of password; spaces between runs do not hide them).
//
// Passwords are not Unicode-normalised: the same text typed in a differently composed form
// (NFC versus NFD) is a different password.
//
// This checks a NEW password (sign-up, change, reset). Sign-in never applies it: an old password
// that no longer passes still verifies, and the user is asked to change it.
//
// Pure and thread-safe (the common-password list is loaded once, on first use).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.hpp"

namespace verp::security {

inline constexpr int kPasswordMinLength = 15;        // password is the only factor
inline constexpr int kPasswordMinLengthWithMfa = 8;  // the account also has a second factor
inline constexpr int kPasswordMaxLength = 256;

// What the policy compares a password against; all fields may be empty.
struct PasswordContext {
  std::string username;
  std::string display_name;
  std::string email;
  bool has_mfa = false;
};

// Empty when acceptable. Otherwise one FieldError per broken rule, in this order: "invalid_utf8"
// (alone: nothing else is checked), "too_short" (args {"min", "15"} or {"min", "8"}),
// "too_long" ({"max", "256"}; alone, content is not checked), "common", "contains_user_name",
// "repetitive", "sequence" (not reported when "repetitive" is). Each has field "password" and
// message_id "security.password.<code>".
std::vector<FieldError> check_password_policy(std::string_view password, const PasswordContext& context);

}  // namespace verp::security
