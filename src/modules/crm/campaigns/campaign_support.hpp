// Small helpers the campaigns area's files share.
#pragma once

#include <string>
#include <string_view>

#include "platform/entity/entity_spec.hpp"
#include "platform/storage/result_set.hpp"

namespace verp::crm {

// A text column, "" when null.
inline std::string text_at(const storage::Row& row, std::size_t i) {
  return row.is_null(i) ? std::string() : row.text(i).value_or("");
}

// A record's text field, "" when null.
inline std::string text_of(const entity::Record& record, std::string_view field) {
  const auto* text = record.get(field).get_if<std::string>();
  return text != nullptr ? *text : std::string();
}

// The calendar day in China (UTC+8), which is what order dates are.
inline storage::Date china_date(storage::Timestamp at) {
  const std::int64_t seconds = at.micros / 1'000'000 + 8 * 3600;
  return storage::Date::from_days(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400);
}

}  // namespace verp::crm
