// to_xlsx(): libxlsxwriter only writes to a path, so the workbook goes through a private
// temporary file that is read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>

#include "platform/export/cell_text.hpp"
#include "platform/export/table.hpp"

namespace verp::exporting {
namespace {

constexpr std::size_t kMinColumnWidth = 8;
constexpr std::size_t kMaxColumnWidth = 60;
constexpr std::size_t kColumnPadding = 2;
constexpr std::uint8_t kTextNumberFormat = 49;  // Excel's built-in "@": the cell holds text

Error xlsx_failed(std::string detail) {
  return make_error(ErrorKind::internal, "export.xlsx_failed", std::move(detail));
}

// A file made by mkstemp (so no other process can have chosen the same name), removed on scope exit.
class TempFile {
 public:
  static Result<TempFile> create() {
    std::error_code code;
    std::filesystem::path directory = std::filesystem::temp_directory_path(code);
    if (code) return xlsx_failed("no temporary directory: " + code.message());
    std::string path = (directory / "verp-export-XXXXXX").string();
    int fd = ::mkstemp(path.data());
    if (fd < 0) return xlsx_failed("mkstemp in " + directory.string() + " failed");
    ::close(fd);
    return TempFile(std::move(path), directory.string());
  }
  TempFile(TempFile&& other) noexcept
      : path_(std::exchange(other.path_, {})), directory_(std::move(other.directory_)) {}
  TempFile& operator=(TempFile&&) = delete;
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }

  const std::string& path() const { return path_; }
  const std::string& directory() const { return directory_; }

 private:
  TempFile(std::string path, std::string directory) : path_(std::move(path)), directory_(std::move(directory)) {}
  std::string path_;
  std::string directory_;
};

std::size_t column_width(const Table& table, std::size_t column) {
  std::size_t longest = 0;
  auto measure = [&](const std::vector<std::string>& cells) {
    if (column < cells.size()) longest = std::max(longest, display_width(cells[column], kMaxColumnWidth));
  };
  measure(table.headers);
  for (const auto& row : table.rows) measure(row);
  return std::clamp(longest + kColumnPadding, kMinColumnWidth, kMaxColumnWidth);
}

Status write_cell(lxw_worksheet* sheet, std::size_t row, std::size_t column, const std::string& cell,
                  lxw_format* format) {
  if (cell.empty() && format == nullptr) return {};
  lxw_error result = worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                                            excel_cell_text(cell).c_str(), format);
  if (result != LXW_NO_ERROR) {
    return xlsx_failed("cell " + std::to_string(row) + "," + std::to_string(column) + ": " + lxw_strerror(result));
  }
  return {};
}

Status fill(lxw_workbook* workbook, const Table& table, std::size_t width) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, excel_sheet_name(table.sheet_name).c_str());
  if (sheet == nullptr) return xlsx_failed("workbook_add_worksheet refused the sheet name");
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_num_format_index(header, kTextNumberFormat);
  // A string cell is never run as a formula; the Text format keeps it text when edited in Excel.
  lxw_format* text = workbook_add_format(workbook);
  format_set_num_format_index(text, kTextNumberFormat);

  for (std::size_t column = 0; column < width; ++column) {
    double fitted = static_cast<double>(column_width(table, column));
    auto to_column = static_cast<lxw_col_t>(column);
    if (worksheet_set_column(sheet, to_column, to_column, fitted, nullptr) != LXW_NO_ERROR) {
      return xlsx_failed("worksheet_set_column " + std::to_string(column));
    }
    const std::string& label = column < table.headers.size() ? table.headers[column] : std::string();
    if (Status written = write_cell(sheet, 0, column, label, header); !written) return written;
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    const auto& cells = table.rows[row];
    for (std::size_t column = 0; column < cells.size(); ++column) {
      lxw_format* format = starts_like_formula(cells[column]) ? text : nullptr;
      if (Status written = write_cell(sheet, row + 1, column, cells[column], format); !written) return written;
    }
  }
  return {};
}

Result<std::string> read_all(const std::string& path) {
  std::error_code code;
  auto size = std::filesystem::file_size(path, code);
  if (code) return xlsx_failed("size of " + path + ": " + code.message());
  std::string bytes(size, '\0');
  std::ifstream in(path, std::ios::binary);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    return xlsx_failed("reading back " + path + " failed");
  return bytes;
}

}  // namespace

Result<std::string> to_xlsx(const Table& table) {
  std::size_t width = table.headers.size();
  for (const auto& row : table.rows) width = std::max(width, row.size());
  auto file = TempFile::create();
  if (!file) return file.error();

  std::string tmpdir = file->directory();  // libxlsxwriter's own scratch files go beside ours
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* workbook = workbook_new_opt(file->path().c_str(), &options);
  if (workbook == nullptr) return xlsx_failed("workbook_new_opt failed for " + file->path());
  Status filled = fill(workbook, table, width);
  // workbook_close frees the workbook even on failure, so it runs before any early return.
  lxw_error closed = workbook_close(workbook);
  if (!filled) return filled.error();
  if (closed != LXW_NO_ERROR) return xlsx_failed(std::string("workbook_close: ") + lxw_strerror(closed));
  return read_all(file->path());
}

}  // namespace verp::exporting
