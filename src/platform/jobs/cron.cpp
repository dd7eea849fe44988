#include "platform/jobs/cron.hpp"

#include <array>
#include <bit>
#include <cctype>
#include <charconv>
#include <vector>

namespace verp::jobs {

namespace {

using namespace std::chrono;

struct FieldSpec {
  std::string_view name;  // for error details
  unsigned min;
  unsigned max;
  const std::array<std::string_view, 12>* names;  // value min + i is names[i]; nullptr: numbers only
  std::size_t name_count;
};

constexpr std::array<std::string_view, 12> kMonthNames = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kWeekdayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr std::array<FieldSpec, 5> kFields = {
    FieldSpec{"minute", 0, 59, nullptr, 0},
    FieldSpec{"hour", 0, 23, nullptr, 0},
    FieldSpec{"day of month", 1, 31, nullptr, 0},
    FieldSpec{"month", 1, 12, &kMonthNames, 12},
    FieldSpec{"day of week", 0, 7, &kWeekdayNames, 7},
};

struct Macro {
  std::string_view name;
  std::string_view expansion;
};

constexpr std::array<Macro, 7> kMacros = {
    Macro{"@yearly", "0 0 1 1 *"}, Macro{"@annually", "0 0 1 1 *"}, Macro{"@monthly", "0 0 1 * *"},
    Macro{"@weekly", "0 0 * * 0"}, Macro{"@daily", "0 0 * * *"},    Macro{"@midnight", "0 0 * * *"},
    Macro{"@hourly", "0 * * * *"},
};

// How far next_after looks ahead: five years and a leap day.
constexpr days kSearchHorizon{5 * 365 + 2};

Error invalid(std::string_view expression, std::string detail) {
  Error error = make_error(ErrorKind::validation, "jobs.invalid_cron", detail);
  error.with_arg("expression", std::string(expression)).with_arg("detail", std::move(detail));
  return error;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::vector<std::string_view> split_blanks(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_blank(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_blank(text[i])) ++i;
    if (i > start) parts.push_back(text.substr(start, i - start));
  }
  return parts;
}

// A field's parse: its bits, or what is wrong (without the field name).
struct FieldParse {
  std::uint64_t bits = 0;
  std::string problem;
};

// A number (digits only) or, where the field has names, a name.
std::optional<unsigned> parse_value(std::string_view token, const FieldSpec& spec, std::string& problem) {
  if (token.empty()) {
    problem = "a value is missing";
    return std::nullopt;
  }
  if (std::isdigit(static_cast<unsigned char>(token.front()))) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec != std::errc() || end != token.data() + token.size()) {
      problem = "'" + std::string(token) + "' is not a number";
      return std::nullopt;
    }
    if (value < spec.min || value > spec.max) {
      problem = std::string(token) + " is out of range " + std::to_string(spec.min) + "-" + std::to_string(spec.max);
      return std::nullopt;
    }
    return value;
  }
  if (spec.names != nullptr) {
    const std::string name = lower(token);
    for (std::size_t i = 0; i < spec.name_count; ++i) {
      if ((*spec.names)[i] == name) return spec.min + static_cast<unsigned>(i);
    }
  }
  problem = "unknown value '" + std::string(token) + "'";
  return std::nullopt;
}

FieldParse parse_field(std::string_view text, const FieldSpec& spec) {
  FieldParse out;
  for (std::string_view item : split(text, ',')) {
    if (item.empty()) {
      out.problem = "empty list item";
      return out;
    }
    const auto step_parts = split(item, '/');
    if (step_parts.size() > 2) {
      out.problem = "'" + std::string(item) + "' has more than one step";
      return out;
    }
    const std::string_view base = step_parts[0];
    unsigned low = spec.min;
    unsigned high = spec.max;
    if (base == "*") {
      if (spec.max == 7) high = 6;  // day of week: 7 is Sunday again
    } else {
      const auto range = split(base, '-');
      if (range.size() > 2) {
        out.problem = "'" + std::string(base) + "' is not a range a-b";
        return out;
      }
      auto first = parse_value(range[0], spec, out.problem);
      if (!first) return out;
      low = *first;
      if (range.size() == 2) {
        auto last = parse_value(range[1], spec, out.problem);
        if (!last) return out;
        high = *last;
        if (high < low) {
          out.problem = "range '" + std::string(base) + "' goes backwards";
          return out;
        }
      } else if (step_parts.size() == 1) {
        high = low;  // a single value; "a/n" runs to the end of the range
      }
    }
    unsigned step = 1;
    if (step_parts.size() == 2) {
      const std::string_view step_text = step_parts[1];
      const auto [end, ec] = std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
      if (step_text.empty() || ec != std::errc() || end != step_text.data() + step_text.size() || step == 0 ||
          step > spec.max - spec.min + 1) {
        out.problem = "step '" + std::string(step_text) + "' must be a number from 1 to " +
                      std::to_string(spec.max - spec.min + 1);
        return out;
      }
    }
    for (unsigned value = low; value <= high; value += step) out.bits |= std::uint64_t{1} << value;
  }
  if (spec.max == 7 && (out.bits & (std::uint64_t{1} << 7)) != 0) {
    out.bits = (out.bits & ~(std::uint64_t{1} << 7)) | 1;  // 7 → 0: both are Sunday
  }
  return out;
}

// The lowest set bit of `mask` at or above `from`, or -1.
int next_bit(std::uint64_t mask, unsigned from) {
  if (from >= 64) return -1;
  const std::uint64_t rest = mask & (~std::uint64_t{0} << from);
  return rest == 0 ? -1 : std::countr_zero(rest);
}

}  // namespace

Result<CronExpression> CronExpression::parse(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) return invalid(trimmed, "the expression is empty");
  std::string_view fields_text = trimmed;
  if (trimmed.front() == '@') {
    const std::string name = lower(trimmed);
    fields_text = {};
    for (const Macro& macro : kMacros) {
      if (macro.name == name) fields_text = macro.expansion;
    }
    if (fields_text.empty()) return invalid(trimmed, "unknown macro '" + std::string(trimmed) + "'");
  }
  const auto fields = split_blanks(fields_text);
  if (fields.size() != kFields.size()) {
    return invalid(trimmed, "expected 5 fields (minute hour day-of-month month day-of-week), found " +
                                std::to_string(fields.size()));
  }
  CronExpression cron;
  cron.text_ = std::string(trimmed);
  std::array<std::uint64_t, 5> bits{};
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    FieldParse parsed = parse_field(fields[i], kFields[i]);
    if (!parsed.problem.empty()) return invalid(trimmed, std::string(kFields[i].name) + ": " + parsed.problem);
    bits[i] = parsed.bits;
  }
  cron.minutes_ = bits[0];
  cron.hours_ = static_cast<std::uint32_t>(bits[1]);
  cron.days_ = static_cast<std::uint32_t>(bits[2]);
  cron.months_ = static_cast<std::uint32_t>(bits[3]);
  cron.weekdays_ = static_cast<std::uint32_t>(bits[4]);
  cron.days_star_ = fields[2].front() == '*';
  cron.weekdays_star_ = fields[4].front() == '*';
  return cron;
}

bool CronExpression::day_matches(unsigned day_of_month, unsigned weekday) const {
  const bool dom = (days_ >> day_of_month & 1U) != 0;
  const bool dow = (weekdays_ >> weekday & 1U) != 0;
  if (days_star_ || weekdays_star_) return dom && dow;
  return dom || dow;
}

std::optional<CronExpression::TimePoint> CronExpression::next_after(TimePoint after, int utc_offset_minutes) const {
  const minutes offset{utc_offset_minutes};
  // Local wall-clock time, as minutes on a sys_time scale; the first candidate is the next minute.
  const sys_time<minutes> start = floor<minutes>(after) + offset + minutes{1};
  sys_days day = floor<days>(start);
  int minute_of_day = static_cast<int>((start - day).count());
  const sys_days horizon = day + kSearchHorizon;
  const unsigned first_month = static_cast<unsigned>(next_bit(months_, 1));
  const int first_minute = next_bit(minutes_, 0);

  while (day <= horizon) {
    const year_month_day date{day};
    const unsigned month_number = static_cast<unsigned>(date.month());
    if ((months_ >> month_number & 1U) == 0) {
      // Jump to the first day of the next allowed month.
      const int next_month = next_bit(months_, month_number + 1);
      day = next_month > 0 ? sys_days{date.year() / month{static_cast<unsigned>(next_month)} / 1}
                           : sys_days{(date.year() + years{1}) / month{first_month} / 1};
      minute_of_day = 0;
      continue;
    }
    if (!day_matches(static_cast<unsigned>(date.day()), weekday{day}.c_encoding())) {
      day += days{1};
      minute_of_day = 0;
      continue;
    }
    const int hour = minute_of_day / 60;
    if ((hours_ >> hour & 1U) != 0) {
      const int minute = next_bit(minutes_, static_cast<unsigned>(minute_of_day % 60));
      if (minute >= 0) return TimePoint{day + hours{hour} + minutes{minute} - offset};
    }
    const int next_hour = next_bit(hours_, static_cast<unsigned>(hour + 1));
    if (next_hour >= 0 && first_minute >= 0) return TimePoint{day + hours{next_hour} + minutes{first_minute} - offset};
    day += days{1};
    minute_of_day = 0;
  }
  return std::nullopt;
}

}  // namespace verp::jobs
