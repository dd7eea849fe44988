// Ledger amounts: whole minor units (fen, 分) of the company's currency in an int64.
//
// Every amount the ledger stores, adds or compares is an integer number of cents, so sums are
// exact in SQL on both databases (SQLite keeps decimal columns as text and would add them in
// floating point) and balances can be maintained with `SET debit = debit + $1`. The API speaks
// decimal strings ("1234.50"); these two functions are the only crossing. 10^15 yuan is far
// beyond any company and far below int64's limit, so sums of any number of lines cannot overflow.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/base/result.hpp"

namespace verp::finance {

using Cents = std::int64_t;

inline constexpr Cents kMaxAmount = 1'000'000'000'000'000'00;  // 10^15 in cents

// "1234.5" → 123450. At most two fraction digits, |amount| < 10^15. Errors (validation):
// the Decimal parse errors, "finance.amount_too_precise", "finance.amount_too_large".
Result<Cents> parse_amount(std::string_view text);

// 123450 → "1234.50", -5 → "-0.05".
std::string format_amount(Cents cents);

}  // namespace verp::finance
