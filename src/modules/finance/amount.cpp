#include "modules/finance/amount.hpp"

#include <cstdlib>

#include "platform/values/decimal.hpp"

namespace verp::finance {

Result<Cents> parse_amount(std::string_view text) {
  auto parsed = Decimal::parse(text);
  if (!parsed) return parsed.error();
  if (parsed->scale() > 2) return make_error(ErrorKind::validation, "finance.amount_too_precise");
  auto cents = parsed->rescale(2);
  if (!cents) return cents.error();
  const Int128 units = cents->units();
  if (units >= kMaxAmount || units <= -kMaxAmount) return make_error(ErrorKind::validation, "finance.amount_too_large");
  return static_cast<Cents>(units);
}

std::string format_amount(Cents cents) {
  const bool negative = cents < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

}  // namespace verp::finance
