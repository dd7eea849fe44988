#include "platform/exchange/sheet_builder.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "platform/exchange/text.hpp"

namespace verp::exchange {

Error limit_error(std::string id, std::size_t limit) {
  return make_error(ErrorKind::too_large, std::move(id)).with_arg("limit", std::to_string(limit));
}

Error row_error(ErrorKind kind, std::string id, std::int64_t row) {
  return make_error(kind, std::move(id)).with_arg("row", std::to_string(row));
}

Error cell_error(ErrorKind kind, std::string id, std::int64_t row, std::size_t column) {
  Error error = row_error(kind, std::move(id), row);
  error.with_arg("column", column_name(column));
  return error;
}

bool is_ole2(std::string_view bytes) { return bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"); }

namespace {

bool all_empty(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& cell) { return cell.empty(); });
}

}  // namespace

SheetBuilder::SheetBuilder(const ReadLimits& limits, std::string encoding) : limits_(limits) {
  sheet_.encoding = std::move(encoding);
}

Status SheetBuilder::set_header(std::int64_t row_number, std::vector<std::string>&& cells) {
  if (cells.size() > limits_.max_columns) {
    return row_error(ErrorKind::too_large, "exchange.too_many_columns", row_number)
        .with_arg("limit", std::to_string(limits_.max_columns));
  }
  std::unordered_map<std::string_view, std::size_t> seen;
  seen.reserve(cells.size());
  for (std::size_t column = 0; column < cells.size(); ++column) {
    std::string& cell = cells[column];
    std::string_view trimmed = trim(cell);
    if (trimmed.size() != cell.size()) cell = std::string(trimmed);
    if (cell.empty()) {
      return make_error(ErrorKind::validation, "exchange.header_empty").with_arg("column", column_name(column));
    }
  }
  // A second pass, because the first may still reassign cells while the map holds views.
  for (std::size_t column = 0; column < cells.size(); ++column) {
    auto [it, inserted] = seen.emplace(cells[column], column);
    if (!inserted) {
      return make_error(ErrorKind::validation, "exchange.header_duplicate")
          .with_arg("column", column_name(column))
          .with_arg("header", cells[column])
          .with_arg("first_column", column_name(it->second));
    }
  }
  sheet_.headers = std::move(cells);
  has_header_ = true;
  header_row_ = row_number;
  last_row_ = row_number;
  return {};
}

Status SheetBuilder::add_row(std::int64_t row_number, std::vector<std::string>&& cells) {
  if (!has_header_) {
    if (all_empty(cells)) return {};
    return set_header(row_number, std::move(cells));
  }
  if (all_empty(cells)) return {};
  auto count = static_cast<std::uint64_t>(row_number - header_row_);
  if (count > limits_.max_rows) return limit_error("exchange.too_many_rows", limits_.max_rows);
  std::size_t width = sheet_.headers.size();
  if (count > limits_.max_cells / width) return limit_error("exchange.too_many_cells", limits_.max_cells);
  for (std::int64_t skipped = last_row_ + 1; skipped < row_number; ++skipped) {
    sheet_.rows.emplace_back(width);
    sheet_.row_numbers.push_back(skipped);
  }
  cells.resize(width);
  sheet_.rows.push_back(std::move(cells));
  sheet_.row_numbers.push_back(row_number);
  last_row_ = row_number;
  return {};
}

Result<Sheet> SheetBuilder::finish() && {
  if (!has_header_) return make_error(ErrorKind::validation, "exchange.empty_file");
  return std::move(sheet_);
}

}  // namespace verp::exchange
