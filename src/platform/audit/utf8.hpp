// UTF-8 checks for the audit log's text. Internal to verp_audit.
#pragma once

#include <string>
#include <string_view>

namespace verp::audit {

// Whether `text` is well-formed UTF-8 without NUL bytes.
bool is_clean_utf8(std::string_view text);

// `text` with every ill-formed byte sequence replaced by U+FFFD (NULs are kept).
std::string to_valid_utf8(std::string_view text);

}  // namespace verp::audit
