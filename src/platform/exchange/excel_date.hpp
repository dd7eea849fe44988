// Excel keeps dates and times as numbers (days since an epoch, the time as a fraction of a
// day) and only the cell's number format says a number is a date. These helpers decide that
// from the format and turn the stored number text into ISO text without a floating-point
// round trip. Internal to verp_exchange; pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verp::exchange {

enum class NumberKind : std::uint8_t {
  number,  // shown as a number (or text): the stored text is kept
  date,    // a calendar date, perhaps with a time of day
  time,    // a time of day only
};

// The kind of a built-in number format, which a workbook cites by id without defining it:
// 14-22 everywhere (18-21 are times), and the East Asian ids 27-36 and 50-58 that Chinese
// Excel uses for 2024年1月5日 and 上午/下午 formats (ECMA-376 Part 1, §18.8.30).
NumberKind builtin_format_kind(std::uint32_t id);

// The kind of a custom format code such as "yyyy/m/d", "h:mm" or "#,##0.00". Only the first
// section counts; quoted text, escaped characters and [...] are skipped. Elapsed-time formats
// ("[h]:mm") are durations, not times of day, so they stay numbers.
NumberKind format_code_kind(std::string_view code);

// The number `serial` (as stored: "45292", "45292.75", "1.1574074074074073E-5") as ISO text:
// a date → "YYYY-MM-DD", or "YYYY-MM-DD HH:MM:SS" when the time, rounded to the second, is
// not midnight; a time below one day → "HH:MM:SS". nullopt when it is not a decimal number,
// is negative or lies after 9999-12-31: the caller keeps the text as stored.
//
// The 1900 date system repeats Lotus 1-2-3's mistake: serial 60 is 29 February 1900, a day
// that did not exist. Serials before it count from 31 December 1899, serials after it from
// 30 December 1899, so both sides give the dates Excel shows; 60 itself becomes 1900-03-01.
std::optional<std::string> serial_to_iso(std::string_view serial, NumberKind kind, bool date1904);

// A cell of type "d" (ISO 8601 in the file) in the same forms: "2024-01-05T00:00:00Z" →
// "2024-01-05", "2024-01-05T08:30:00" → "2024-01-05 08:30:00"; other text is kept as it is.
std::string iso_cell_text(std::string_view stored);

}  // namespace verp::exchange
