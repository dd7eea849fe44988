// The shipped list of common and breached-style passwords (common_passwords.txt), compiled into
// the library at build time. Internal to platform/security: the policy is the public interface.
#pragma once

#include <string_view>

namespace verp::security::detail {

// The list as written: lower-case, one password per line, '#' lines are comments.
std::string_view common_passwords_text();

// True when `lower_case_password` (already ASCII-lower-cased) is on the list. The list is
// parsed once, on first use; thread-safe.
bool is_common_password(std::string_view lower_case_password);

}  // namespace verp::security::detail
