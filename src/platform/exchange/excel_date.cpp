#include "platform/exchange/excel_date.hpp"

namespace verp::exchange {
namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::int64_t kMaxSerialDigits = 7;  // 2958465 is 9999-12-31

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2 ? 1 : 0), m, d};
}

// A non-negative decimal number split at its point: "4.5292E4" → "45292", "".
struct Decimal {
  std::string whole;     // without leading zeros
  std::string fraction;  // without trailing zeros
};

std::optional<Decimal> parse_decimal(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '+') ++i;
  std::string digits;
  std::int64_t point = -1;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      if (digits.size() > 64) return std::nullopt;  // no date needs so many
      digits += c;
    } else if (c == '.' && point < 0) {
      point = static_cast<std::int64_t>(digits.size());
    } else {
      break;
    }
  }
  if (digits.empty()) return std::nullopt;
  if (point < 0) point = static_cast<std::int64_t>(digits.size());
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    std::int64_t exponent = 0;
    std::size_t start = i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 400) return std::nullopt;
    }
    if (i == start) return std::nullopt;
    point += negative ? -exponent : exponent;
  }
  if (i != text.size()) return std::nullopt;

  Decimal decimal;
  auto length = static_cast<std::int64_t>(digits.size());
  if (point <= 0) {
    // Below 1e-25 of a day the fraction cannot show in seconds; keep the string short.
    if (-point < 25) decimal.fraction = std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (point >= length) {
    if (point > 64) return std::nullopt;
    decimal.whole = digits + std::string(static_cast<std::size_t>(point - length), '0');
  } else {
    decimal.whole = digits.substr(0, static_cast<std::size_t>(point));
    decimal.fraction = digits.substr(static_cast<std::size_t>(point));
  }
  decimal.whole.erase(0, decimal.whole.find_first_not_of('0'));
  decimal.fraction.erase(decimal.fraction.find_last_not_of('0') + 1);
  return decimal;
}

// round(fraction of a day × 86400), half up, exactly: the decimal digits are multiplied as a
// long number, so a stored 0.354166666666666 is 30600 s and not 30599.99999 that a double
// might round the wrong way.
std::int64_t fraction_to_seconds(std::string_view fraction) {
  std::int64_t carry = 0;
  int first_digit = 0;  // the first digit after the point of the product
  for (std::size_t i = fraction.size(); i-- > 0;) {
    std::int64_t value = (fraction[i] - '0') * kSecondsPerDay + carry;
    if (i == 0) first_digit = static_cast<int>(value % 10);
    carry = value / 10;
  }
  return carry + (first_digit >= 5 ? 1 : 0);
}

// `value` as `width` decimal digits, zero-padded; by hand because snprintf showed in profiles.
void append_digits(std::string& out, std::int64_t value, int width) {
  char digits[8];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<std::size_t>(width));
}

void append_time(std::string& out, std::int64_t seconds) {
  append_digits(out, seconds / 3600, 2);
  out += ':';
  append_digits(out, seconds / 60 % 60, 2);
  out += ':';
  append_digits(out, seconds % 60, 2);
}

bool is_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

NumberKind builtin_format_kind(std::uint32_t id) {
  if ((id >= 14 && id <= 17) || id == 22) return NumberKind::date;
  if (id >= 18 && id <= 21) return NumberKind::time;
  // East Asian built-ins: 27-31, 36, 50-54, 57, 58 are dates; 32-35, 55, 56 are times.
  if ((id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58) return NumberKind::date;
  if ((id >= 32 && id <= 35) || id == 55 || id == 56) return NumberKind::time;
  return NumberKind::number;
}

NumberKind format_code_kind(std::string_view code) {
  bool date = false;   // y or d: a date for sure
  bool month = false;  // m alone: months (mmm yyyy), but minutes next to h or s
  bool clock = false;  // h or s
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = lower(code[i]);
    if (c == ';') break;  // only the first section (positive numbers) matters
    if (c == '"') {
      std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal text, padding or fill
    } else if (c == '[') {
      std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      std::string_view inside = code.substr(i + 1, close - i - 1);
      // [h], [mm], [ss]: elapsed time, a duration rather than a time of day.
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) return NumberKind::number;
      i = close;  // [Red], [$-804], [DBNum1], [>100]
    } else if (c == 'y' || c == 'd') {
      date = true;
    } else if (c == 'm') {
      month = true;
    } else if (c == 'h' || c == 's') {
      clock = true;
    }
  }
  if (date || (month && !clock)) return NumberKind::date;
  if (clock) return NumberKind::time;
  return NumberKind::number;
}

std::optional<std::string> serial_to_iso(std::string_view serial, NumberKind kind, bool date1904) {
  if (kind == NumberKind::number) return std::nullopt;
  std::optional<Decimal> decimal = parse_decimal(serial);
  if (!decimal || decimal->whole.size() > static_cast<std::size_t>(kMaxSerialDigits)) return std::nullopt;
  std::int64_t days = 0;
  for (char c : decimal->whole) days = days * 10 + (c - '0');
  std::int64_t seconds = fraction_to_seconds(decimal->fraction);
  if (seconds == kSecondsPerDay) {
    ++days;
    seconds = 0;
  }
  std::string text;
  if (kind == NumberKind::time && days == 0) {
    append_time(text, seconds);
    return text;
  }

  std::int64_t epoch;
  if (date1904) {
    epoch = days_from_civil(1904, 1, 1);
  } else {
    epoch = days < 61 ? days_from_civil(1899, 12, 31) : days_from_civil(1899, 12, 30);
  }
  Civil civil = civil_from_days(epoch + days);
  if (civil.year > 9999) return std::nullopt;
  append_digits(text, civil.year, 4);
  text += '-';
  append_digits(text, civil.month, 2);
  text += '-';
  append_digits(text, civil.day, 2);
  if (seconds == 0 && kind == NumberKind::date) return text;
  text += ' ';
  append_time(text, seconds);
  return text;
}

std::string iso_cell_text(std::string_view stored) {
  // YYYY-MM-DD, then optionally THH:MM[:SS[.fff]] and a zone we do not convert.
  std::string_view date = stored.substr(0, 10);
  if (date.size() != 10 || !is_digits(date.substr(0, 4)) || date[4] != '-' || !is_digits(date.substr(5, 2)) ||
      date[7] != '-' || !is_digits(date.substr(8, 2))) {
    return std::string(stored);
  }
  if (stored.size() == 10) return std::string(date);
  std::string_view time = stored.substr(10);
  if (time.size() < 6 || time[0] != 'T' || !is_digits(time.substr(1, 2)) || time[3] != ':' ||
      !is_digits(time.substr(4, 2))) {
    return std::string(stored);
  }
  std::string seconds = "00";
  if (time.size() >= 9 && time[6] == ':' && is_digits(time.substr(7, 2))) seconds = std::string(time.substr(7, 2));
  // What may follow: fractions of a second and a zone ("Z", "+08:00"), which are dropped.
  if (time.substr(6).find_first_not_of("0123456789.:+-Z") != std::string_view::npos) return std::string(stored);
  std::string clock = std::string(time.substr(1, 5)) + ":" + seconds;
  if (clock == "00:00:00") return std::string(date);
  return std::string(date) + " " + clock;
}

}  // namespace verp::exchange
