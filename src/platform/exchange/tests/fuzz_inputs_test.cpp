// The fuzz target's checks (tests/fuzz/exchange_fuzz.cpp) on a fixed, seeded set of mutated
// files on every test run: byte flips, insertions of the bytes parsers care about, deletions,
// truncations and duplicated runs of valid CSV, GB18030 CSV, XLSX and the XML of its parts.
// A finding is reproducible from its iteration number.
#include <gtest/gtest.h>
#include <iconv.h>

#include <random>

#include "exchange_fuzz.hpp"
#include "platform/exchange/sheet.hpp"
#include "workbook_parts.hpp"
#include "xlsxwriter_workbook.hpp"

namespace verp::exchange {
namespace {

constexpr int kIterations = 2000;
constexpr std::string_view kInteresting("\",\r\n\0<>&;/=_x\xFF\xE4\xEF\xBB\xBF\x81", 20);

std::string gb18030(std::string_view utf8) {
  iconv_t cd = ::iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* to = out.data();
  std::size_t to_left = out.size();
  ::iconv(cd, &in, &in_left, &to, &to_left);
  ::iconv_close(cd);
  out.resize(out.size() - to_left);
  return out;
}

std::vector<std::string> samples() {
  const std::string csv =
      "\xEF\xBB\xBF编号,名称,\"备注, "
      "说明\",金额\r\n1,螺丝,\"含\"\"引号\"\"\n与换行\",12.50\r\n2,螺母,,-3\r\n\r\n3,垫圈,x,0\r\n";
  std::string xlsx = test_support::write_workbook([](lxw_workbook* workbook, lxw_worksheet* sheet) {
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy-mm-dd hh:mm");
    lxw_datetime moment{2024, 1, 5, 8, 30, 0};
    const char* headers[] = {"编号", "名称", "日期", "数量", "有效"};
    for (lxw_col_t column = 0; column < 5; ++column) worksheet_write_string(sheet, 0, column, headers[column], nullptr);
    for (lxw_row_t row = 1; row < 6; ++row) {
      worksheet_write_number(sheet, row, 0, row, nullptr);
      worksheet_write_string(sheet, row, 1, "螺丝 M6", nullptr);
      worksheet_write_datetime(sheet, row, 2, &moment, date);
      worksheet_write_formula_num(sheet, row, 3, "=A2*2", nullptr, row * 2.5);
      worksheet_write_boolean(sheet, row, 4, static_cast<int>(row % 2), nullptr);
    }
  });
  test_support::Parts parts = test_support::workbook_parts(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>b&amp;</t></is></c></row>"
      "<row r=\"3\" spans=\"1:2\"><c r=\"A3\" s=\"1\"><v>45296.5</v></c><c r=\"B3\" t=\"b\"><v>1</v></c></row>"
      "<row><c t=\"str\"><f>A1</f><v>x_x000D_y</v></c><c t=\"e\"><v>#N/A</v></c></row>",
      "<si><t>名称</t></si><si><r><t>a</t></r><rPh><t>b</t></rPh></si>",
      test_support::styles_xml({0, 22}, "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;\"/>"));
  std::vector<std::string> out{csv, gb18030(csv.substr(3)), xlsx, test_support::zip_parts(parts, /*deflate=*/false)};
  for (const auto& [name, content] : parts) {
    if (name.ends_with("sheet1.xml") || name.ends_with("sharedStrings.xml") || name.ends_with("styles.xml")) {
      out.push_back(content);
    }
  }
  return out;
}

std::string mutate(std::string bytes, std::mt19937& random) {
  auto pick = [&random](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n == 0 ? 0 : n - 1)(random);
  };
  std::size_t operations = 1 + pick(8);
  for (std::size_t i = 0; i < operations; ++i) {
    std::size_t at = pick(bytes.size() + 1);
    switch (pick(6)) {
      case 0:  // flip a bit
        if (at < bytes.size()) bytes[at] = static_cast<char>(bytes[at] ^ (1 << pick(8)));
        break;
      case 1:  // a byte parsers care about
        bytes.insert(at, 1, kInteresting[pick(kInteresting.size())]);
        break;
      case 2:  // a random byte
        if (at < bytes.size()) bytes[at] = static_cast<char>(pick(256));
        break;
      case 3:  // delete a run
        if (at < bytes.size()) bytes.erase(at, 1 + pick(16));
        break;
      case 4:  // truncate
        bytes.resize(at);
        break;
      case 5:  // duplicate a run
        if (at < bytes.size()) bytes.insert(at, bytes.substr(at, 1 + pick(32)));
        break;
    }
  }
  return bytes;
}

TEST(FuzzInputs, TheSamplesThemselvesReadCleanly) {
  for (const std::string& sample : samples()) EXPECT_EQ(fuzz::check_input(sample), "");
  std::vector<std::string> all = samples();
  EXPECT_TRUE(read_csv(all[0]).ok());
  EXPECT_TRUE(read_csv(all[1]).ok());
  EXPECT_TRUE(read_xlsx(all[2]).ok());
  EXPECT_TRUE(read_xlsx(all[3]).ok());
}

TEST(FuzzInputs, TwoThousandMutatedFilesGiveASheetOrACleanError) {
  std::vector<std::string> originals = samples();
  std::mt19937 random(20240105);
  int failures = 0;
  for (int iteration = 0; iteration < kIterations && failures < 10; ++iteration) {
    const std::string& original = originals[static_cast<std::size_t>(iteration) % originals.size()];
    std::string input = mutate(original, random);
    std::string problem = fuzz::check_input(input);
    if (!problem.empty()) ++failures;
    EXPECT_EQ(problem, "") << "iteration " << iteration << ", " << input.size() << " bytes";
  }
}

}  // namespace
}  // namespace verp::exchange
