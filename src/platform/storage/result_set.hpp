// Rows returned by a statement, fully materialised: a ResultSet owns its data and outlives
// the connection and transaction that produced it.
//
// Columns are read through typed getters that convert from what the database returned:
// SQLite hands back INTEGER/TEXT/BLOB/NULL and PostgreSQL text, so `decimal(i)` parses the
// text "1234.50" exactly and `timestamp(i)` parses either dialect's ISO form. A getter fails
// (ErrorKind::internal) when the cell is NULL ("storage.unexpected_null"; use the optional form),
// when it cannot be converted ("storage.type_mismatch"), or when there is no such column
// ("storage.no_such_column"). Rows are immutable values; share them freely between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/storage/value.hpp"

namespace verp::storage {

// One cell as the backend delivered it.
struct Cell {
  enum class Kind { null, integer, text, blob };
  Kind kind = Kind::null;
  std::int64_t integer = 0;
  std::string bytes;  // text or blob contents
};

using ColumnNames = std::vector<std::string>;

class Row {
 public:
  Row(std::shared_ptr<const ColumnNames> columns, std::vector<Cell> cells)
      : columns_(std::move(columns)), cells_(std::move(cells)) {}

  std::size_t size() const { return cells_.size(); }
  const std::string& column_name(std::size_t index) const { return (*columns_)[index]; }
  // Index of the column with this name (the first one), or nullopt.
  std::optional<std::size_t> find_column(std::string_view name) const;

  // A column is named by its index (0-based) or by its name.
  bool is_null(std::size_t index) const { return index >= cells_.size() || cells_[index].kind == Cell::Kind::null; }
  bool is_null(std::string_view name) const;

  Result<std::int64_t> int64(std::size_t index) const;
  Result<bool> boolean(std::size_t index) const;  // 0/1, t/f, true/false
  Result<std::string> text(std::size_t index) const;
  Result<Blob> blob(std::size_t index) const;
  Result<Decimal> decimal(std::size_t index) const;
  Result<Date> date(std::size_t index) const;
  Result<Timestamp> timestamp(std::size_t index) const;

  // get<T>(column) for T in {int64_t, bool, std::string, Blob, Decimal, Date, Timestamp}, or
  // std::optional of one of them, which turns NULL into nullopt instead of an error.
  template <typename T>
  Result<T> get(std::size_t index) const;
  template <typename T>
  Result<T> get(std::string_view name) const {
    auto index = find_column(name);
    if (!index) return no_such_column(name);
    return get<T>(*index);
  }

  // The cell as a loosely typed Value (int64, text, blob or null): for generic code such as
  // exports. Typed getters are the normal way to read.
  Value raw(std::size_t index) const;

 private:
  template <typename T>
  struct IsOptional : std::false_type {};
  template <typename T>
  struct IsOptional<std::optional<T>> : std::true_type {};

  template <typename T>
  Result<T> get_plain(std::size_t index) const;
  const Cell* cell(std::size_t index, Error& error) const;
  static Error no_such_column(std::string_view name);

  std::shared_ptr<const ColumnNames> columns_;
  std::vector<Cell> cells_;
};

class ResultSet {
 public:
  ResultSet() : columns_(std::make_shared<ColumnNames>()) {}
  ResultSet(std::shared_ptr<const ColumnNames> columns, std::vector<Row> rows, std::int64_t affected_rows)
      : columns_(std::move(columns)), rows_(std::move(rows)), affected_rows_(affected_rows) {}

  const ColumnNames& columns() const { return *columns_; }
  const std::vector<Row>& rows() const { return rows_; }
  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  const Row& operator[](std::size_t index) const { return rows_[index]; }
  std::vector<Row>::const_iterator begin() const { return rows_.begin(); }
  std::vector<Row>::const_iterator end() const { return rows_.end(); }

  // Rows inserted, updated or deleted by the statement (0 for a plain SELECT).
  std::int64_t affected_rows() const { return affected_rows_; }

 private:
  std::shared_ptr<const ColumnNames> columns_;
  std::vector<Row> rows_;
  std::int64_t affected_rows_ = 0;
};

template <typename T>
Result<T> Row::get(std::size_t index) const {
  if constexpr (IsOptional<T>::value) {
    using Inner = typename T::value_type;
    if (index < cells_.size() && cells_[index].kind == Cell::Kind::null) return T{};
    auto inner = get_plain<Inner>(index);
    if (!inner) return std::move(inner).error();
    return T{std::move(inner).value()};
  } else {
    return get_plain<T>(index);
  }
}

template <typename T>
Result<T> Row::get_plain(std::size_t index) const {
  if constexpr (std::is_same_v<T, std::int64_t>) {
    return int64(index);
  } else if constexpr (std::is_same_v<T, bool>) {
    return boolean(index);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return text(index);
  } else if constexpr (std::is_same_v<T, Blob>) {
    return blob(index);
  } else if constexpr (std::is_same_v<T, Decimal>) {
    return decimal(index);
  } else if constexpr (std::is_same_v<T, Date>) {
    return date(index);
  } else {
    static_assert(std::is_same_v<T, Timestamp>, "Row::get<T>: unsupported column type");
    return timestamp(index);
  }
}

}  // namespace verp::storage
