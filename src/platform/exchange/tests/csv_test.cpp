// read_csv(): RFC 4180 as Excel, WPS and hand editors write it, in UTF-8 or GB18030, with every
// malformed or oversized file refused by an error that names where.
#include <iconv.h>

#include <chrono>
#include <iostream>

#include "platform/exchange/sheet.hpp"
#include "sheet_testing.hpp"

namespace verp::exchange {
namespace {

using test_support::arg;
using test_support::expect_error;
using test_support::expect_sheet;
using test_support::Rows;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// `utf8` as GB18030 bytes, the way Chinese Excel saves "CSV (逗号分隔)".
std::string to_gb18030(std::string_view utf8) {
  iconv_t cd = ::iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    ADD_FAILURE() << "no GB18030 converter";
    return {};
  }
  std::string out(utf8.size() * 2 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* to = out.data();
  std::size_t to_left = out.size();
  EXPECT_NE(::iconv(cd, &in, &in_left, &to, &to_left), static_cast<std::size_t>(-1));
  ::iconv_close(cd);
  out.resize(out.size() - to_left);
  return out;
}

Sheet read(std::string_view bytes, const ReadLimits& limits = {}) { return expect_sheet(read_csv(bytes, limits)); }

// ---- layout ----

TEST(Csv, ReadsTheHeaderAndTheRowsWithTheirRowNumbers) {
  Sheet sheet = read("code,name\nA-1,螺丝\nA-2,螺母\n");
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"code", "name"}));
  EXPECT_EQ(sheet.rows, (Rows{{"A-1", "螺丝"}, {"A-2", "螺母"}}));
  EXPECT_EQ(sheet.row_numbers, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(sheet.encoding, "UTF-8");
}

TEST(Csv, AcceptsCrLfLfAndLoneCrLineEndsAndALastLineWithoutOne) {
  EXPECT_EQ(read("a,b\r\n1,2\r\n3,4").rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(read("a,b\n1,2\r\n3,4\n").rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(read("a,b\r1,2\r3,4\r").rows, (Rows{{"1", "2"}, {"3", "4"}}));
}

TEST(Csv, QuotedFieldsHoldCommasDoubledQuotesAndLineBreaksExactly) {
  Sheet sheet = read("a,b,c,d\r\n\"Li, Wei\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"lf\nonly\"\r\n");
  EXPECT_EQ(sheet.rows, (Rows{{"Li, Wei", "say \"hi\"", "two\r\nlines", "lf\nonly"}}));
}

TEST(Csv, ARecordThatSpansSeveralLinesIsOneSpreadsheetRow) {
  Sheet sheet = read("a,b\n\"one\ntwo\nthree\",x\nnext,y\n");
  EXPECT_EQ(sheet.rows, (Rows{{"one\ntwo\nthree", "x"}, {"next", "y"}}));
  EXPECT_EQ(sheet.row_numbers, (std::vector<std::int64_t>{2, 3}));
}

TEST(Csv, EmptyFieldsQuotedOrNotAreEmptyCells) {
  EXPECT_EQ(read("a,b,c\n\"\",,\"\"\nx,,\n").rows, (Rows{{"", "", ""}, {"x", "", ""}}));
}

TEST(Csv, ATrailingCommaIsAnEmptyLastCell) { EXPECT_EQ(read("a,b\n1,\n").rows, (Rows{{"1", ""}})); }

TEST(Csv, AQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacter) {
  EXPECT_EQ(read("size,note\n5\" pipe,a \"b\" c\n").rows, (Rows{{"5\" pipe", "a \"b\" c"}}));
}

TEST(Csv, AQuotedFieldThatIsTheLastOfTheFileNeedsNoLineEnd) {
  EXPECT_EQ(read("a,b\n1,\"x,y\"").rows, (Rows{{"1", "x,y"}}));
}

TEST(Csv, DataCellsAreKeptAsTheyAreButHeadersAreTrimmed) {
  Sheet sheet = read(" code \t,\xE3\x80\x80名称\xC2\xA0\n  1 , 二 \n");
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"code", "名称"}));
  EXPECT_EQ(sheet.rows, (Rows{{"  1 ", " 二 "}}));
}

TEST(Csv, ASingleColumnFileWorks) {
  Sheet sheet = read("sku\nA\n\nB\n");
  EXPECT_EQ(sheet.rows, (Rows{{"A"}, {""}, {"B"}}));
  EXPECT_EQ(sheet.row_numbers, (std::vector<std::int64_t>{2, 3, 4}));
}

// ---- empty rows ----

TEST(Csv, BlankAndAllEmptyLinesAtTheEndAreDropped) {
  Sheet sheet = read("a,b\n1,2\n\n\r\n,\n\"\",\n\n");
  EXPECT_EQ(sheet.rows, (Rows{{"1", "2"}}));
  EXPECT_EQ(sheet.row_numbers, (std::vector<std::int64_t>{2}));
}

TEST(Csv, AnEmptyRowBetweenRowsIsKeptSoRowNumbersStayTrue) {
  Sheet sheet = read("a,b\n1,2\n\n,\n3,4\n");
  EXPECT_EQ(sheet.rows, (Rows{{"1", "2"}, {"", ""}, {"", ""}, {"3", "4"}}));
  EXPECT_EQ(sheet.row_numbers, (std::vector<std::int64_t>{2, 3, 4, 5}));
}

TEST(Csv, EmptyLinesBeforeTheHeaderAreSkippedButCounted) {
  Sheet sheet = read("\n,,\na,b\n1,2\n");
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(sheet.row_numbers, (std::vector<std::int64_t>{4}));
}

TEST(Csv, AHeaderAloneIsASheetWithoutRows) {
  Sheet sheet = read("a,b\r\n");
  EXPECT_EQ(sheet.headers.size(), 2u);
  EXPECT_TRUE(sheet.rows.empty());
  EXPECT_TRUE(sheet.row_numbers.empty());
}

TEST(Csv, AFileWithNothingInItIsEmpty) {
  for (std::string_view bytes : {std::string_view(""), kBom, std::string_view("\n\r\n"), std::string_view(",,\n,\n")}) {
    expect_error(read_csv(bytes), ErrorKind::validation, "exchange.empty_file");
  }
}

// ---- encodings ----

TEST(Csv, AUtf8ByteOrderMarkIsNotPartOfTheFirstHeading) {
  Sheet sheet = read(std::string(kBom) + "编号,名称\n1,螺丝\n");
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"编号", "名称"}));
  EXPECT_EQ(sheet.encoding, "UTF-8");
}

TEST(Csv, Utf16AndUtf32AreRefusedAsUnsupportedEncodings) {
  struct Case {
    std::string bytes;
    std::string encoding;
  };
  const Case cases[] = {
      {std::string("\xFF\xFE\x61\0,\0b\0", 8), "UTF-16LE"},
      {std::string("\xFE\xFF\0a\0,\0b", 8), "UTF-16BE"},
      {std::string("\xFF\xFE\0\0a\0\0\0", 8), "UTF-32LE"},
      {std::string("\0\0\xFE\xFF\0\0\0a", 8), "UTF-32BE"},
  };
  for (const Case& c : cases) {
    Error error = expect_error(read_csv(c.bytes), ErrorKind::validation, "exchange.unsupported_encoding");
    EXPECT_EQ(arg(error, "encoding"), c.encoding);
  }
}

TEST(Csv, BytesThatAreNotUtf8AreReadAsGb18030) {
  // 𠀀 (U+20000) takes four bytes in GB18030; € and 镕 two; the rest are common GBK.
  std::string utf8 = "客户,金额,备注\n华东机电有限公司,113.00,\"含,逗号\n与换行\"\n𠀀,€,镕\n";
  std::string gb = to_gb18030(utf8);
  ASSERT_NE(gb, utf8);
  Sheet sheet = read(gb);
  EXPECT_EQ(sheet.encoding, "GB18030");
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"客户", "金额", "备注"}));
  EXPECT_EQ(sheet.rows, (Rows{{"华东机电有限公司", "113.00", "含,逗号\n与换行"}, {"𠀀", "€", "镕"}}));
}

TEST(Csv, Gb18030HeadersAreTrimmedAndCheckedAfterDecoding) {
  std::string gb = to_gb18030("\xE3\x80\x80名称,名称\n1,2\n");  // an ideographic space, then a duplicate
  Error error = expect_error(read_csv(gb), ErrorKind::validation, "exchange.header_duplicate");
  EXPECT_EQ(arg(error, "header"), "名称");
}

TEST(Csv, BytesThatAreNeitherUtf8NorGb18030NameTheirCell) {
  // 0x81 0x20: a GB18030 lead byte followed by a byte that cannot trail it.
  Error error = expect_error(read_csv("a,b\n1,2\n3,x\x81 y\n"), ErrorKind::validation, "exchange.undecodable");
  EXPECT_EQ(arg(error, "row"), "3");
  EXPECT_EQ(arg(error, "column"), "B");
  // A lead byte at the very end of a cell is an incomplete character.
  error = expect_error(read_csv("a,b\n\xC4,2\n"), ErrorKind::validation, "exchange.undecodable");
  EXPECT_EQ(arg(error, "row"), "2");
  EXPECT_EQ(arg(error, "column"), "A");
}

TEST(Csv, AUtf8ByteOrderMarkBeforeBytesThatAreNotUtf8NamesTheCell) {
  std::string bytes = std::string(kBom) + "a,b\n1,2\n3,\"x\n\xC0\xAF\"\n";  // an overlong '/'
  Error error = expect_error(read_csv(bytes), ErrorKind::validation, "exchange.invalid_utf8");
  EXPECT_EQ(arg(error, "row"), "3");
  EXPECT_EQ(arg(error, "column"), "B");
}

TEST(Csv, AnOle2FileIsAnUnsupportedFormatNotGarbage) {
  std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12);
  expect_error(read_csv(xls), ErrorKind::validation, "exchange.unsupported_format");
}

// ---- malformed files ----

TEST(Csv, ANulByteNamesItsRow) {
  Error error =
      expect_error(read_csv(std::string("a,b\n1,2\n3,x\0y\n", 14)), ErrorKind::validation, "exchange.nul_byte");
  EXPECT_EQ(arg(error, "row"), "3");
  error = expect_error(read_csv(std::string("a,b\n\"x\0\",2\n", 11)), ErrorKind::validation, "exchange.nul_byte");
  EXPECT_EQ(arg(error, "row"), "2");
}

TEST(Csv, AnUnterminatedQuoteNamesTheRowWhereItStarted) {
  Error error =
      expect_error(read_csv("a,b\n1,2\n3,\"open\n4,5\n6,7\n"), ErrorKind::validation, "exchange.unterminated_quote");
  EXPECT_EQ(arg(error, "row"), "3");
  error = expect_error(read_csv("a,b\n1,\""), ErrorKind::validation, "exchange.unterminated_quote");
  EXPECT_EQ(arg(error, "row"), "2");
}

TEST(Csv, TextAfterAClosingQuoteIsAnError) {
  Error error = expect_error(read_csv("a,b\n1,\"ab\"c\n"), ErrorKind::validation, "exchange.text_after_quote");
  EXPECT_EQ(arg(error, "row"), "2");
  EXPECT_EQ(arg(error, "column"), "B");
}

TEST(Csv, ARowWithADifferentNumberOfCellsNamesItsRow) {
  Error error = expect_error(read_csv("a,b,c\n1,2,3\n4,5\n"), ErrorKind::validation, "exchange.ragged_row");
  EXPECT_EQ(arg(error, "row"), "3");
  EXPECT_EQ(arg(error, "expected"), "3");
  EXPECT_EQ(arg(error, "actual"), "2");
  error = expect_error(read_csv("a,b\n\"x\ny\",2\n1,2,3\n"), ErrorKind::validation, "exchange.ragged_row");
  EXPECT_EQ(arg(error, "row"), "3");
  EXPECT_EQ(arg(error, "actual"), "3");
}

TEST(Csv, EveryHeadingMustHaveText) {
  Error error = expect_error(read_csv("a,,c\n1,2,3\n"), ErrorKind::validation, "exchange.header_empty");
  EXPECT_EQ(arg(error, "column"), "B");
  error = expect_error(read_csv("a,b, \xE3\x80\x80 \n1,2,3\n"), ErrorKind::validation, "exchange.header_empty");
  EXPECT_EQ(arg(error, "column"), "C");
  error = expect_error(read_csv("a,b,\n1,2,3\n"), ErrorKind::validation, "exchange.header_empty");
  EXPECT_EQ(arg(error, "column"), "C");
}

TEST(Csv, DuplicateHeadingsNameBothColumns) {
  Error error = expect_error(read_csv("a,b, a\n1,2,3\n"), ErrorKind::validation, "exchange.header_duplicate");
  EXPECT_EQ(arg(error, "column"), "C");
  EXPECT_EQ(arg(error, "first_column"), "A");
  EXPECT_EQ(arg(error, "header"), "a");
  // Case matters: an importer maps headings exactly.
  EXPECT_TRUE(read_csv("Name,name\n1,2\n").ok());
}

// ---- limits ----

TEST(Csv, AFileOverMaxBytesIsTooLarge) {
  Error error = expect_error(read_csv("a\n12345\n", {.max_bytes = 7}), ErrorKind::too_large, "exchange.file_too_large");
  EXPECT_EQ(arg(error, "limit"), "7");
  EXPECT_TRUE(read_csv("a\n12345\n", {.max_bytes = 8}).ok());
}

TEST(Csv, MoreDataRowsThanMaxRowsIsTooLarge) {
  ReadLimits limits{.max_rows = 2};
  EXPECT_TRUE(read_csv("a\n1\n2\n", limits).ok());
  Error error = expect_error(read_csv("a\n1\n2\n3\n", limits), ErrorKind::too_large, "exchange.too_many_rows");
  EXPECT_EQ(arg(error, "limit"), "2");
  // Empty lines that are dropped do not count.
  EXPECT_TRUE(read_csv("a\n1\n2\n\n\n\n\n", limits).ok());
}

TEST(Csv, MoreColumnsThanMaxColumnsIsTooLarge) {
  ReadLimits limits{.max_columns = 3};
  EXPECT_TRUE(read_csv("a,b,c\n1,2,3\n", limits).ok());
  Error error = expect_error(read_csv("a,b,c,d\n1,2,3,4\n", limits), ErrorKind::too_large, "exchange.too_many_columns");
  EXPECT_EQ(arg(error, "row"), "1");
  EXPECT_EQ(arg(error, "limit"), "3");
  error = expect_error(read_csv("a,b\n1,2\n" + std::string(1000, ',') + "\n", limits), ErrorKind::too_large,
                       "exchange.too_many_columns");
  EXPECT_EQ(arg(error, "row"), "3");
}

TEST(Csv, ACellOverMaxCellBytesIsTooLargeQuotedOrNot) {
  ReadLimits limits{.max_cell_bytes = 5};
  EXPECT_TRUE(read_csv("a,b\n12345,\"1\"\"345\"\n", limits).ok());
  Error error = expect_error(read_csv("a,b\n1,123456\n", limits), ErrorKind::too_large, "exchange.cell_too_large");
  EXPECT_EQ(arg(error, "row"), "2");
  EXPECT_EQ(arg(error, "column"), "B");
  EXPECT_EQ(arg(error, "limit"), "5");
  expect_error(read_csv("a,b\n1,\"12\"\"456\"\n", limits), ErrorKind::too_large, "exchange.cell_too_large");
  expect_error(read_csv("a,b\n1,\"12\n3456\"\n", limits), ErrorKind::too_large, "exchange.cell_too_large");
}

TEST(Csv, AGb18030CellIsMeasuredAfterDecoding) {
  // Four two-byte characters: 8 bytes in GB18030, 12 in UTF-8.
  std::string gb = to_gb18030("a\n螺丝螺母\n");
  EXPECT_TRUE(read_csv(gb, {.max_cell_bytes = 12}).ok());
  Error error = expect_error(read_csv(gb, {.max_cell_bytes = 11}), ErrorKind::too_large, "exchange.cell_too_large");
  EXPECT_EQ(arg(error, "row"), "2");
}

TEST(Csv, MoreCellsThanMaxCellsIsTooLarge) {
  ReadLimits limits{.max_cells = 6};
  EXPECT_TRUE(read_csv("a,b\n1,2\n3,4\n5,6\n", limits).ok());
  expect_error(read_csv("a,b\n1,2\n3,4\n5,6\n7,8\n", limits), ErrorKind::too_large, "exchange.too_many_cells");
  // Kept empty rows cost their cells too.
  expect_error(read_csv("a,b\n1,2\n\n\n7,8\n", limits), ErrorKind::too_large, "exchange.too_many_cells");
}

// ---- read_table ----

TEST(ReadTable, ReadsTextAsCsvAndRefusesOle2) {
  Result<Sheet> sheet = read_table("a,b\n1,2\n");
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet->encoding, "UTF-8");
  expect_error(read_table(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)), ErrorKind::validation,
               "exchange.unsupported_format");
  // Anything starting like a zip goes to the XLSX reader, which says what is wrong with it.
  expect_error(read_table("PK\x03\x04not really"), ErrorKind::validation, "exchange.xlsx_invalid");
}

// ---- size ----

TEST(Csv, AHundredThousandRowsOfTenColumnsReadCorrectly) {
  std::string csv = "c0,c1,c2,c3,c4,c5,c6,c7,c8,c9\r\n";
  for (int row = 0; row < 100'000; ++row) {
    csv += std::to_string(row) + ",SKU-" + std::to_string(row) + ",螺丝 M6,\"Li, Wei\",12.50,2024-01-05,,x,y,z\r\n";
  }
  auto started = std::chrono::steady_clock::now();
  Sheet sheet = read(csv);
  auto took = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(sheet.rows.size(), 100'000u);
  EXPECT_EQ(sheet.rows[99'999][1], "SKU-99999");
  EXPECT_EQ(sheet.rows[5][3], "Li, Wei");
  EXPECT_EQ(sheet.row_numbers.back(), 100'001);
  std::cout << "[ timing ] 100000 x 10 CSV (" << csv.size()
            << " bytes): " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
}

}  // namespace
}  // namespace verp::exchange
