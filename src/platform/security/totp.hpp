// Authenticator-app codes (TOTP, RFC 6238), the QR code that enrols an app, and recovery codes.
//
// The parameters are the ones every authenticator app supports: HMAC-SHA1, 30-second steps
// counted from the Unix epoch, 6 digits. Codes are computed by liboath.
//
// Enrolment: new_totp_secret() → show qr_svg(totp_uri(secret, issuer, account)) and the secret
// itself for manual entry → store the secret only after the user typed one valid code (sealed
// with FieldCipher: it is a shared secret, not a hash) → hand out new_recovery_codes(), storing
// only token_digest(normalize_recovery_code(code)) of each.
//
// Sign-in: verify_totp(secret, code, clock.now()) returns the matched step. A code is valid for
// its whole step and the window around it, so callers MUST prevent replay: store the last
// accepted step per user and refuse a step <= it.
//
// All functions are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"

namespace verp::security {

// 20 random bytes (160 bits, RFC 4226's recommended length), RFC 4648 base32, upper case, no
// padding: 32 characters.
std::string new_totp_secret();

// The otpauth:// URI authenticator apps read from a QR code:
//   otpauth://totp/Issuer:account?secret=..&issuer=..&algorithm=SHA1&digits=6&period=30
// Issuer and account are percent-encoded (UTF-8; everything but A-Z a-z 0-9 - . _ ~), so a
// ':' or '&' in either cannot change the URI's structure.
std::string totp_uri(std::string_view secret_base32, std::string_view issuer, std::string_view account);

// The time step containing `at`: Unix seconds / 30, rounded down.
std::int64_t totp_step(Clock::TimePoint at);

// The 6-digit code for `step`. Fails with ErrorKind::validation ("security.totp_invalid_secret")
// when the secret is not base32 (case, spaces and '=' padding are ignored) or is empty.
Result<std::string> totp_code(std::string_view secret_base32, std::int64_t step);
// The same with `digits` digits (6 to 8); RFC 6238's test vectors use 8.
Result<std::string> totp_code(std::string_view secret_base32, std::int64_t step, int digits);

// The matched step when `code` (exactly 6 ASCII digits) is valid at `at` ± `window` steps, else
// nullopt (also for an invalid secret or a malformed code). When several steps match, the one
// nearest to `at` wins. Callers prevent replay by storing the last accepted step and refusing
// steps <= it.
std::optional<std::int64_t> verify_totp(std::string_view secret_base32, std::string_view code, Clock::TimePoint at,
                                        int window = 1);

// `text` as a QR code (error correction level M, byte mode) drawn as a standalone SVG document:
// black modules as one <path> on a white background, a 4-module quiet zone, viewBox in module
// units (scale it with CSS). Fails with ErrorKind::validation ("security.qr_too_large") when the
// text does not fit in a QR code (about 2300 bytes at level M).
Result<std::string> qr_svg(std::string_view text);

// `count` distinct one-time recovery codes such as "k7qm-2x9d-pr4t": 12 characters from a
// 31-character lower-case alphabet without look-alikes (no 0, o, 1, l, i), grouped by 4
// (about 59 bits each).
std::vector<std::string> new_recovery_codes(int count = 10);

// The canonical form of a typed recovery code: lower case, without spaces and '-', so
// "K7QM 2X9D PR4T" matches "k7qm-2x9d-pr4t". Store and compare token_digest() of this form.
std::string normalize_recovery_code(std::string_view typed);

}  // namespace verp::security
