#include "platform/security/common_passwords.hpp"

#include <string>
#include <unordered_set>

namespace verp::security::detail {

namespace {

std::unordered_set<std::string> parse_list(std::string_view text) {
  std::unordered_set<std::string> passwords;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    passwords.emplace(line);
  }
  return passwords;
}

}  // namespace

bool is_common_password(std::string_view lower_case_password) {
  // A function-local static: built once, thread-safe, read-only afterwards.
  static const std::unordered_set<std::string> passwords = parse_list(common_passwords_text());
  return passwords.contains(std::string(lower_case_password));
}

}  // namespace verp::security::detail
