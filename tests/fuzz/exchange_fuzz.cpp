// libFuzzer target for platform/exchange: every reader on every input must return a sheet that
// keeps the contract in sheet.hpp or a clean error; never crash, hang, or read out of bounds.
// Built only with -DVERP_FUZZ=ON and clang (tests/fuzz/CMakeLists.txt); the same checks run in
// exchange_tests on a fixed set of mutated inputs.
#include "exchange_fuzz.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "platform/exchange/sheet.hpp"
#include "platform/exchange/tests/workbook_parts.hpp"
#include "platform/exchange/text.hpp"

namespace verp::exchange::fuzz {
namespace {

const ReadLimits kDefaultLimits;
// Small enough that inputs a fuzzer makes reach every limit.
const ReadLimits kTinyLimits{.max_bytes = 1u << 20,
                             .max_rows = 5,
                             .max_columns = 4,
                             .max_cell_bytes = 16,
                             .max_uncompressed_bytes = 1u << 16,
                             .max_cells = 12};

// The parts a fuzzed part is combined with: valid, and citing each other.
constexpr std::string_view kSheetData =
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45292.5</v></c><c r=\"B2\" t=\"s\"><v>2</v></c></row>";
constexpr std::string_view kSharedItems =
    "<si><t>名称</t></si><si><r><t>日</t></r><r><t>期</t></r></si><si><t>x</t></si>";

std::string check_sheet(const Sheet& sheet, const ReadLimits& limits) {
  if (sheet.encoding != "UTF-8" && sheet.encoding != "GB18030" && sheet.encoding != "XLSX") {
    return "encoding " + sheet.encoding;
  }
  const std::size_t width = sheet.headers.size();
  if (width == 0) return "no headers";
  if (width > limits.max_columns) return "more headers than max_columns";
  std::set<std::string_view> seen;
  for (const std::string& header : sheet.headers) {
    if (header.empty()) return "an empty header";
    if (trim(header) != header) return "an untrimmed header";
    if (!is_valid_utf8(header)) return "a header that is not UTF-8";
    if (!seen.insert(header).second) return "a duplicate header";
  }
  if (sheet.rows.size() != sheet.row_numbers.size()) return "rows and row_numbers differ in size";
  if (sheet.rows.size() > limits.max_rows) return "more rows than max_rows";
  if (sheet.rows.size() * width > limits.max_cells) return "more cells than max_cells";
  std::int64_t previous = 1;
  for (std::size_t i = 0; i < sheet.rows.size(); ++i) {
    if (sheet.row_numbers[i] <= previous) return "row numbers not increasing from 2";
    previous = sheet.row_numbers[i];
    const auto& row = sheet.rows[i];
    if (row.size() != width) return "a row of " + std::to_string(row.size()) + " cells";
    for (const std::string& cell : row) {
      if (cell.size() > limits.max_cell_bytes) return "a cell over max_cell_bytes";
      if (!is_valid_utf8(cell)) return "a cell that is not UTF-8";
    }
  }
  if (!sheet.rows.empty()) {
    bool empty = true;
    for (const std::string& cell : sheet.rows.back()) empty = empty && cell.empty();
    if (empty) return "a trailing empty row";
  }
  return {};
}

std::string check(std::string_view reader, const Result<Sheet>& result, const ReadLimits& limits) {
  std::string problem;
  if (result) {
    problem = check_sheet(*result, limits);
  } else {
    const Error& error = result.error();
    if (error.kind != ErrorKind::validation && error.kind != ErrorKind::too_large) {
      problem = "error kind " + std::to_string(static_cast<int>(error.kind)) + " (" + error.message_id + ": " +
                error.detail + ")";
    } else if (!error.message_id.starts_with("exchange.")) {
      problem = "message id " + error.message_id;
    } else if (error.message_id == "exchange.xlsx_invalid" && error.detail.empty()) {
      problem = "xlsx_invalid without a detail";
    }
  }
  return problem.empty() ? problem : std::string(reader) + ": " + problem;
}

}  // namespace

std::string check_input(std::string_view bytes) {
  for (const ReadLimits* limits : {&kDefaultLimits, &kTinyLimits}) {
    const char* which = limits == &kDefaultLimits ? " (default limits)" : " (tiny limits)";
    std::string problem = check(std::string("read_csv") + which, read_csv(bytes, *limits), *limits);
    if (problem.empty()) problem = check(std::string("read_xlsx") + which, read_xlsx(bytes, *limits), *limits);
    if (problem.empty()) problem = check(std::string("read_table") + which, read_table(bytes, *limits), *limits);
    if (!problem.empty()) return problem;
  }
  // A zip's CRC keeps mutations away from the XML inside, so the input also goes in as XML,
  // as each of the parts that grow with the user's data.
  const std::string text(bytes);
  const std::string styles = test_support::styles_xml({0, 14});
  auto with_part = [&](std::string_view sheet_data, std::string_view part) {
    test_support::Parts parts = test_support::workbook_parts(sheet_data, kSharedItems, styles);
    test_support::replace_part(parts, part, text);
    return test_support::zip_parts(parts);
  };
  const std::pair<const char*, std::string> workbooks[] = {
      {"input as worksheet", with_part("", "xl/worksheets/sheet1.xml")},
      {"input as shared strings", with_part(kSheetData, "xl/sharedStrings.xml")},
      {"input as styles", with_part(kSheetData, "xl/styles.xml")},
  };
  for (const auto& [name, workbook] : workbooks) {
    for (const ReadLimits* limits : {&kDefaultLimits, &kTinyLimits}) {
      std::string problem = check(name, read_xlsx(workbook, *limits), *limits);
      if (!problem.empty()) return problem;
    }
  }
  return {};
}

}  // namespace verp::exchange::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string problem = verp::exchange::fuzz::check_input(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "exchange_fuzz: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
