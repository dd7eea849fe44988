#include "platform/storage/result_set.hpp"

#include <charconv>

namespace verp::storage {
namespace {

Error type_mismatch(std::size_t index, std::string_view wanted, std::string_view got) {
  return make_error(
      ErrorKind::internal, "storage.type_mismatch",
      "column " + std::to_string(index) + ": cannot read " + std::string(got) + " as " + std::string(wanted));
}

std::string_view kind_name(Cell::Kind kind) {
  switch (kind) {
    case Cell::Kind::null:
      return "NULL";
    case Cell::Kind::integer:
      return "integer";
    case Cell::Kind::text:
      return "text";
    case Cell::Kind::blob:
      return "blob";
  }
  return "unknown";
}

}  // namespace

std::optional<std::size_t> Row::find_column(std::string_view name) const {
  for (std::size_t i = 0; i < columns_->size(); ++i) {
    if ((*columns_)[i] == name) return i;
  }
  return std::nullopt;
}

bool Row::is_null(std::string_view name) const {
  auto index = find_column(name);
  return !index || is_null(*index);
}

Error Row::no_such_column(std::string_view name) {
  return make_error(ErrorKind::internal, "storage.no_such_column", "no column named " + std::string(name));
}

const Cell* Row::cell(std::size_t index, Error& error) const {
  if (index >= cells_.size()) {
    error = make_error(ErrorKind::internal, "storage.no_such_column",
                       "column " + std::to_string(index) + " of " + std::to_string(cells_.size()));
    return nullptr;
  }
  const Cell& c = cells_[index];
  if (c.kind == Cell::Kind::null) {
    std::string name = index < columns_->size() ? (*columns_)[index] : std::to_string(index);
    error = make_error(ErrorKind::internal, "storage.unexpected_null", "column " + name + " is NULL");
    return nullptr;
  }
  return &c;
}

Result<std::int64_t> Row::int64(std::size_t index) const {
  Error error;
  const Cell* c = cell(index, error);
  if (c == nullptr) return error;
  if (c->kind == Cell::Kind::integer) return c->integer;
  if (c->kind == Cell::Kind::text) {
    std::int64_t value = 0;
    const char* first = c->bytes.data();
    const char* last = first + c->bytes.size();
    auto [end, ec] = std::from_chars(first, last, value);
    if (ec == std::errc() && end == last && first != last) return value;
  }
  return type_mismatch(index, "int64", kind_name(c->kind));
}

Result<bool> Row::boolean(std::size_t index) const {
  Error error;
  const Cell* c = cell(index, error);
  if (c == nullptr) return error;
  if (c->kind == Cell::Kind::integer && (c->integer == 0 || c->integer == 1)) return c->integer == 1;
  if (c->kind == Cell::Kind::text) {
    const std::string& t = c->bytes;
    if (t == "t" || t == "true" || t == "1") return true;
    if (t == "f" || t == "false" || t == "0") return false;
  }
  return type_mismatch(index, "bool", kind_name(c->kind));
}

Result<std::string> Row::text(std::size_t index) const {
  Error error;
  const Cell* c = cell(index, error);
  if (c == nullptr) return error;
  if (c->kind == Cell::Kind::text) return c->bytes;
  if (c->kind == Cell::Kind::integer) return std::to_string(c->integer);
  return type_mismatch(index, "text", kind_name(c->kind));
}

Result<Blob> Row::blob(std::size_t index) const {
  Error error;
  const Cell* c = cell(index, error);
  if (c == nullptr) return error;
  if (c->kind == Cell::Kind::blob || c->kind == Cell::Kind::text) return Blob{c->bytes};
  return type_mismatch(index, "blob", kind_name(c->kind));
}

Result<Decimal> Row::decimal(std::size_t index) const {
  Error error;
  const Cell* c = cell(index, error);
  if (c == nullptr) return error;
  if (c->kind == Cell::Kind::integer) return Decimal::from_int(c->integer);
  if (c->kind == Cell::Kind::text) {
    auto parsed = Decimal::parse(c->bytes);
    if (parsed) return parsed;
    return type_mismatch(index, "decimal", "text '" + c->bytes + "'");
  }
  return type_mismatch(index, "decimal", kind_name(c->kind));
}

Result<Date> Row::date(std::size_t index) const {
  Error error;
  const Cell* c = cell(index, error);
  if (c == nullptr) return error;
  if (c->kind == Cell::Kind::text) {
    auto parsed = Date::parse(c->bytes);
    if (parsed) return parsed;
    return type_mismatch(index, "date", "text '" + c->bytes + "'");
  }
  return type_mismatch(index, "date", kind_name(c->kind));
}

Result<Timestamp> Row::timestamp(std::size_t index) const {
  Error error;
  const Cell* c = cell(index, error);
  if (c == nullptr) return error;
  if (c->kind == Cell::Kind::integer) return Timestamp{c->integer};  // microseconds written by other tools
  if (c->kind == Cell::Kind::text) {
    auto parsed = Timestamp::parse(c->bytes);
    if (parsed) return parsed;
    return type_mismatch(index, "timestamp", "text '" + c->bytes + "'");
  }
  return type_mismatch(index, "timestamp", kind_name(c->kind));
}

Value Row::raw(std::size_t index) const {
  if (index >= cells_.size()) return Value();
  const Cell& c = cells_[index];
  switch (c.kind) {
    case Cell::Kind::null:
      return Value();
    case Cell::Kind::integer:
      return Value(c.integer);
    case Cell::Kind::text:
      return Value(c.bytes);
    case Cell::Kind::blob:
      return Value(Blob{c.bytes});
  }
  return Value();
}

}  // namespace verp::storage
