#include "platform/security/password_policy.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "platform/security/common_passwords.hpp"

namespace verp::security {

namespace {

// Code points of well-formed UTF-8, or nullopt: overlong forms, surrogates, values above
// U+10FFFF and truncated sequences are all invalid (RFC 3629).
std::optional<std::u32string> decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int extra = 0;
    char32_t cp = 0;
    unsigned char min_next = 0x80;
    unsigned char max_next = 0xBF;
    if (lead < 0x80) {
      cp = lead;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
      cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      cp = lead & 0x0F;
      if (lead == 0xE0) min_next = 0xA0;  // overlong
      if (lead == 0xED) max_next = 0x9F;  // UTF-16 surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      cp = lead & 0x07;
      if (lead == 0xF0) min_next = 0x90;  // overlong
      if (lead == 0xF4) max_next = 0x8F;  // above U+10FFFF
    } else {
      return std::nullopt;
    }
    if (static_cast<std::size_t>(extra) >= text.size() - i) return std::nullopt;  // truncated
    for (int k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      const unsigned char low = k == 1 ? min_next : 0x80;
      const unsigned char high = k == 1 ? max_next : 0xBF;
      if (next < low || next > high) return std::nullopt;
      cp = (cp << 6) | (next & 0x3F);
    }
    out.push_back(cp);
    i += 1 + static_cast<std::size_t>(extra);
  }
  return out;
}

char32_t ascii_lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::size_t code_point_count(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

FieldError password_error(std::string code, std::vector<MessageArg> args = {}) {
  FieldError error;
  error.field = "password";
  error.message_id = "security.password." + code;
  error.code = std::move(code);
  error.args = std::move(args);
  return error;
}

bool mentions_user(std::string_view lower_password, const PasswordContext& context) {
  std::vector<std::string> names = {ascii_lower(context.username), ascii_lower(context.display_name)};
  std::string spaceless = names[1];
  std::erase(spaceless, ' ');
  names.push_back(std::move(spaceless));  // "Zhang Wei" is typed as "zhangwei" too
  const std::string_view email = context.email;
  names.push_back(ascii_lower(email.substr(0, std::min(email.rfind('@'), email.size()))));
  return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
    if (name.empty()) return false;
    if (lower_password == name) return true;
    return code_point_count(name) >= 4 && lower_password.find(name) != std::string_view::npos;
  });
}

// A unit repeated at least twice, the last copy possibly cut short: "aaaa", "abcabcab".
bool is_repetitive(const std::u32string& lower) {
  const std::size_t n = lower.size();
  for (std::size_t unit = 1; unit <= n / 2; ++unit) {
    bool repeats = true;
    for (std::size_t i = unit; i < n && repeats; ++i) repeats = lower[i] == lower[i - unit];
    if (repeats) return true;
  }
  return false;
}

// Runs people type without thinking: ordered digits and letters (wrapping), keyboard rows,
// columns and zig-zags, the numeric keypad. Each is also walked backwards.
constexpr std::array<std::string_view, 16> kWalks = {
    "01234567890123456789",
    "abcdefghijklmnopqrstuvwxyzabc",
    "`1234567890-=",
    "~!@#$%^&*()_+",
    "qwertyuiop[]\\",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/",
    "!qaz@wsx#edc$rfv%tgb^yhn&ujm*ik<(ol>)p:?",
    "zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0",
    "qazwsxedcrfvtgbyhnujmikolp",
    "1q2w3e4r5t6y7u8i9o0p",
    "q1w2e3r4t5y6u7i8o9p0",
    "7894561230",
    "1472583690",
};
constexpr std::size_t kMinRun = 3;

bool is_walk_run(std::string_view run) {
  return std::any_of(kWalks.begin(), kWalks.end(), [&](std::string_view walk) {
    if (walk.find(run) != std::string_view::npos) return true;
    const std::string backwards(run.rbegin(), run.rend());
    return walk.find(backwards) != std::string_view::npos;
  });
}

// True when the password splits into at most one walk run (3+ characters) per 5 characters.
bool is_sequence(std::string_view lower) {
  const std::size_t n = lower.size();
  if (n < kMinRun) return false;
  // longest[i]: length of the longest walk run starting at i. A prefix of a run is a run, so
  // every length from kMinRun to longest[i] is one.
  std::vector<std::size_t> longest(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t length = kMinRun;
    while (i + length <= n && is_walk_run(lower.substr(i, length))) ++length;
    longest[i] = length - 1 >= kMinRun ? length - 1 : 0;
  }
  constexpr std::size_t kNone = SIZE_MAX;
  std::vector<std::size_t> fewest(n + 1, kNone);  // fewest runs covering lower[i..n)
  fewest[n] = 0;
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t length = kMinRun; length <= longest[i]; ++length) {
      if (fewest[i + length] != kNone) fewest[i] = std::min(fewest[i], fewest[i + length] + 1);
    }
  }
  return fewest[0] != kNone && fewest[0] <= (n + 4) / 5;
}

}  // namespace

std::vector<FieldError> check_password_policy(std::string_view password, const PasswordContext& context) {
  std::vector<FieldError> errors;
  const std::optional<std::u32string> decoded = decode_utf8(password);
  if (!decoded) {
    errors.push_back(password_error("invalid_utf8"));
    return errors;
  }
  const int min_length = context.has_mfa ? kPasswordMinLengthWithMfa : kPasswordMinLength;
  const std::size_t length = decoded->size();
  if (length < static_cast<std::size_t>(min_length)) {
    errors.push_back(password_error("too_short", {{"min", std::to_string(min_length)}}));
  }
  if (length > static_cast<std::size_t>(kPasswordMaxLength)) {
    // Unacceptable anyway; and the content checks below need not run on unbounded input.
    errors.push_back(password_error("too_long", {{"max", std::to_string(kPasswordMaxLength)}}));
    return errors;
  }

  const std::string lower = ascii_lower(password);
  std::u32string lower_points = *decoded;
  std::transform(lower_points.begin(), lower_points.end(), lower_points.begin(),
                 [](char32_t c) { return ascii_lower(c); });

  if (detail::is_common_password(lower)) errors.push_back(password_error("common"));
  if (mentions_user(lower, context)) errors.push_back(password_error("contains_user_name"));
  std::string without_spaces = lower;  // "asdf jkl; qwer" is still a keyboard walk
  std::erase(without_spaces, ' ');
  if (is_repetitive(lower_points)) {
    errors.push_back(password_error("repetitive"));
  } else if (is_sequence(without_spaces)) {
    errors.push_back(password_error("sequence"));
  }
  return errors;
}

}  // namespace verp::security
