// Byte-level text helpers the readers share. Internal to verp_exchange; pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace verp::exchange {

// True when `bytes` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF). ASCII runs are checked eight bytes at a time.
bool is_valid_utf8(std::string_view bytes);

// Appends the UTF-8 form of `code_point`, which must be a Unicode scalar value.
void append_utf8(std::string& out, std::uint32_t code_point);

// `text` without leading and trailing white space: ASCII space, tab, CR, LF, VT, FF and the
// UTF-8 forms of U+00A0 (no-break space), U+3000 (ideographic space) and U+FEFF (a stray BOM).
std::string_view trim(std::string_view text);

// `text` cut to at most `max_bytes` without splitting a UTF-8 sequence, with "…" appended when
// cut: for quoting the uploader's own text (part names, element names) in an error detail.
std::string cut_for_detail(std::string_view text, std::size_t max_bytes);

// The spreadsheet's name of a 0-based column: 0 → "A", 25 → "Z", 26 → "AA".
std::string column_name(std::size_t column);

}  // namespace verp::exchange
