#include "platform/storage/value.hpp"

#include <array>
#include <charconv>
#include <cstdio>

#include "platform/storage/backend.hpp"

namespace verp::storage {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// Reads exactly `width` decimal digits at text[pos]; false when they are not all digits.
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

// Floor division, so that instants before 1970 fall on the right day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

Error invalid_date(std::string_view text) {
  return make_error(ErrorKind::validation, "storage.invalid_date", std::string(text))
      .with_arg("value", std::string(text));
}

Error invalid_timestamp(std::string_view text) {
  return make_error(ErrorKind::validation, "storage.invalid_timestamp", std::string(text))
      .with_arg("value", std::string(text));
}

}  // namespace

bool Date::valid() const {
  if (year < 1 || year > 9999) return false;
  auto ymd = std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  return month >= 1 && month <= 12 && day >= 1 && ymd.ok();
}

Result<Date> Date::parse(std::string_view text) {
  Date date;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_digits(text, 0, 4, date.year) ||
      !read_digits(text, 5, 2, date.month) || !read_digits(text, 8, 2, date.day) || !date.valid()) {
    return invalid_date(text);
  }
  return date;
}

Date Date::from_days(std::int64_t days) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::int64_t Date::to_days() const {
  std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                  std::chrono::day{static_cast<unsigned>(day)}};
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

std::string Date::to_string() const {
  std::array<char, 32> buffer{};
  int n = std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
  return std::string(buffer.data(), static_cast<std::size_t>(n));
}

Timestamp Timestamp::from_system(std::chrono::system_clock::time_point time) {
  return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count()};
}

std::chrono::system_clock::time_point Timestamp::to_system() const {
  return std::chrono::system_clock::time_point{
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::microseconds{micros})};
}

Result<Timestamp> Timestamp::parse(std::string_view text) {
  if (text.size() < 19) return invalid_timestamp(text);
  auto date = Date::parse(text.substr(0, 10));
  if (!date) return invalid_timestamp(text);
  int hour = 0, minute = 0, second = 0;
  if ((text[10] != 'T' && text[10] != ' ') || !read_digits(text, 11, 2, hour) || text[13] != ':' ||
      !read_digits(text, 14, 2, minute) || text[16] != ':' || !read_digits(text, 17, 2, second) || hour > 23 ||
      minute > 59 || second > 59) {
    return invalid_timestamp(text);
  }
  std::size_t pos = 19;
  std::int64_t fraction = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits == 6) return invalid_timestamp(text);  // finer than a microsecond would be lost
      fraction = fraction * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return invalid_timestamp(text);
    for (; digits < 6; ++digits) fraction *= 10;
  }
  std::int64_t offset_seconds = 0;
  if (pos < text.size()) {
    std::string_view zone = text.substr(pos);
    if (zone != "Z") {
      if (zone[0] != '+' && zone[0] != '-') return invalid_timestamp(text);
      int offset_hours = 0, offset_minutes = 0;
      bool ok = read_digits(zone, 1, 2, offset_hours);
      if (ok && zone.size() == 6) {
        ok = zone[3] == ':' && read_digits(zone, 4, 2, offset_minutes);
      } else if (ok && zone.size() == 5) {
        ok = read_digits(zone, 3, 2, offset_minutes);
      } else {
        ok = ok && zone.size() == 3;
      }
      if (!ok || offset_hours > 15 || offset_minutes > 59) return invalid_timestamp(text);
      offset_seconds = std::int64_t{offset_hours * 3600 + offset_minutes * 60} * (zone[0] == '-' ? -1 : 1);
    }
  }
  std::int64_t seconds_of_day = hour * 3600 + minute * 60 + second - offset_seconds;
  return Timestamp{date->to_days() * kMicrosPerDay + seconds_of_day * kMicrosPerSecond + fraction};
}

std::string Timestamp::to_string() const {
  std::int64_t days = floor_div(micros, kMicrosPerDay);
  std::int64_t rest = micros - days * kMicrosPerDay;
  Date date = Date::from_days(days);
  auto seconds = rest / kMicrosPerSecond;
  std::array<char, 48> buffer{};
  int n = std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", date.year, date.month,
                        date.day, static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60),
                        static_cast<int>(seconds % 60), static_cast<int>(rest % kMicrosPerSecond));
  return std::string(buffer.data(), static_cast<std::size_t>(n));
}

Status check_parameter(const Value& value, std::size_t position) {
  if (const auto* text = value.get_if<std::string>(); text != nullptr && text->find('\0') != std::string::npos) {
    return make_error(ErrorKind::validation, "storage.nul_in_text",
                      "parameter $" + std::to_string(position) + ": text contains a NUL byte (store it as a Blob)");
  }
  if (const auto* date = value.get_if<Date>(); date != nullptr && !date->valid()) {
    return invalid_date(date->to_string());
  }
  return {};
}

std::string_view to_string(ValueType type) {
  switch (type) {
    case ValueType::null:
      return "null";
    case ValueType::int64:
      return "int64";
    case ValueType::boolean:
      return "bool";
    case ValueType::text:
      return "text";
    case ValueType::blob:
      return "blob";
    case ValueType::decimal:
      return "decimal";
    case ValueType::date:
      return "date";
    case ValueType::timestamp:
      return "timestamp";
  }
  return "unknown";
}

bool operator==(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  if (const auto* decimal = a.get_if<Decimal>()) return decimal->identical(*b.get_if<Decimal>());
  return a.data_ == b.data_;
}

}  // namespace verp::storage
