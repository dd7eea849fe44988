// Column shapes the finance tables are made of, so each table reads as its business columns.
#pragma once

#include <string>

#include "platform/storage/schema.hpp"

namespace verp::finance::columns {

inline storage::Column key() { return {.name = "id", .type = storage::ColumnType::int64, .identity = true}; }
inline storage::Column number(std::string name, bool required = true) {
  return {.name = std::move(name), .type = storage::ColumnType::int64, .not_null = required};
}
// An amount in cents (amount.hpp), zero unless written.
inline storage::Column cents(std::string name) {
  return {.name = std::move(name), .type = storage::ColumnType::int64, .not_null = true,
          .default_value = storage::Value(std::int64_t{0})};
}
inline storage::Column words(std::string name, bool required = true) {
  return {.name = std::move(name), .type = storage::ColumnType::text, .not_null = required};
}
inline storage::Column day(std::string name, bool required = true) {
  return {.name = std::move(name), .type = storage::ColumnType::date, .not_null = required};
}
inline storage::Column moment(std::string name, bool required = false) {
  return {.name = std::move(name), .type = storage::ColumnType::timestamp, .not_null = required};
}
inline storage::Column flag(std::string name) {
  return {.name = std::move(name), .type = storage::ColumnType::boolean, .not_null = true,
          .default_value = storage::Value(false)};
}
inline storage::Column refers(std::string name, std::string table, bool required = true) {
  return {.name = std::move(name), .type = storage::ColumnType::int64, .not_null = required,
          .references = storage::Reference{.table = std::move(table)}};
}

}  // namespace verp::finance::columns
