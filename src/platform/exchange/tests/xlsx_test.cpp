// read_xlsx(): workbooks as libxlsxwriter (standing in for Excel) writes them, hand-made parts
// for what other writers do, and damaged, hostile and oversized files.
#include <chrono>
#include <cstring>
#include <iostream>

#include "platform/exchange/sheet.hpp"
#include "sheet_testing.hpp"
#include "workbook_parts.hpp"
#include "xlsxwriter_workbook.hpp"

namespace verp::exchange {
namespace {

using test_support::arg;
using test_support::expect_error;
using test_support::expect_sheet;
using test_support::make_xlsx;
using test_support::Parts;
using test_support::Rows;
using test_support::styles_xml;
using test_support::workbook_parts;
using test_support::write_workbook;
using test_support::zip_parts;

Sheet read(std::string_view bytes, const ReadLimits& limits = {}) { return expect_sheet(read_xlsx(bytes, limits)); }

void write_headers(lxw_worksheet* sheet, std::initializer_list<const char*> headers) {
  lxw_col_t column = 0;
  for (const char* header : headers) worksheet_write_string(sheet, 0, column++, header, nullptr);
}

lxw_format* number_format(lxw_workbook* workbook, const char* code) {
  lxw_format* format = workbook_add_format(workbook);
  format_set_num_format(format, code);
  return format;
}

// ---- what Excel writes ----

TEST(Xlsx, StringsNumbersBooleansAndFormulaResultsComeBackAsText) {
  std::string bytes = write_workbook([](lxw_workbook*, lxw_worksheet* sheet) {
    write_headers(sheet, {"名称", "单价", "数量", "含税", "金额", "标签"});
    worksheet_write_string(sheet, 1, 0, "华东机电有限公司", nullptr);
    worksheet_write_number(sheet, 1, 1, 1234.5, nullptr);
    worksheet_write_number(sheet, 1, 2, 42, nullptr);
    worksheet_write_boolean(sheet, 1, 3, 1, nullptr);
    worksheet_write_formula_num(sheet, 1, 4, "=B2*C2", nullptr, 51849);
    worksheet_write_formula_str(sheet, 1, 5, "=A2&\"!\"", nullptr, "华东机电有限公司!");
    worksheet_write_string(sheet, 2, 0, "Li & Wei <x> \"q\"", nullptr);
    worksheet_write_number(sheet, 2, 1, 0.1, nullptr);
    worksheet_write_number(sheet, 2, 2, -7, nullptr);
    worksheet_write_boolean(sheet, 2, 3, 0, nullptr);
    worksheet_write_formula_num(sheet, 2, 4, "=1/3", nullptr, 0.3333333333333333);
    worksheet_write_string(sheet, 2, 5, "=not a formula", nullptr);
  });
  Sheet sheet = read(bytes);
  EXPECT_EQ(sheet.encoding, "XLSX");
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"名称", "单价", "数量", "含税", "金额", "标签"}));
  EXPECT_EQ(sheet.rows, (Rows{{"华东机电有限公司", "1234.5", "42", "TRUE", "51849", "华东机电有限公司!"},
                              {"Li & Wei <x> \"q\"", "0.1", "-7", "FALSE", "0.3333333333333333", "=not a formula"}}));
  EXPECT_EQ(sheet.row_numbers, (std::vector<std::int64_t>{2, 3}));
}

TEST(Xlsx, DateFormattedNumbersBecomeIsoDatesAndTimes) {
  std::string bytes = write_workbook([](lxw_workbook* workbook, lxw_worksheet* sheet) {
    write_headers(sheet, {"日期", "时间戳", "内置", "中文", "时刻", "数字", "时长"});
    lxw_datetime date{2024, 1, 5, 0, 0, 0};
    lxw_datetime stamp{2024, 1, 5, 8, 30, 15};
    lxw_datetime time{0, 0, 0, 13, 45, 0};
    lxw_format* builtin = workbook_add_format(workbook);
    format_set_num_format_index(builtin, 14);
    worksheet_write_datetime(sheet, 1, 0, &date, number_format(workbook, "yyyy-mm-dd"));
    worksheet_write_datetime(sheet, 1, 1, &stamp, number_format(workbook, "yyyy/m/d h:mm:ss"));
    worksheet_write_datetime(sheet, 1, 2, &date, builtin);
    worksheet_write_datetime(sheet, 1, 3, &date, number_format(workbook, "yyyy\"年\"m\"月\"d\"日\""));
    worksheet_write_datetime(sheet, 1, 4, &time, number_format(workbook, "hh:mm"));
    worksheet_write_number(sheet, 1, 5, 45296.5, number_format(workbook, "#,##0.00"));
    worksheet_write_number(sheet, 1, 6, 1.5, number_format(workbook, "[h]:mm:ss"));
    // The same dates without a date format are numbers.
    worksheet_write_datetime(sheet, 2, 0, &date, nullptr);
  });
  Sheet sheet = read(bytes);
  ASSERT_EQ(sheet.rows.size(), 2u);
  EXPECT_EQ(sheet.rows[0], (std::vector<std::string>{"2024-01-05", "2024-01-05 08:30:15", "2024-01-05", "2024-01-05",
                                                     "13:45:00", "45296.5", "1.5"}));
  EXPECT_EQ(sheet.rows[1][0], "45296");
}

TEST(Xlsx, InlineStringsFromStreamingWritersAreRead) {
  std::string bytes = write_workbook(
      [](lxw_workbook*, lxw_worksheet* sheet) {
        write_headers(sheet, {"编号", "名称"});
        worksheet_write_number(sheet, 1, 0, 1, nullptr);
        worksheet_write_string(sheet, 1, 1, "螺丝 M6，加急", nullptr);
      },
      /*constant_memory=*/true);
  Sheet sheet = read(bytes);
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"编号", "名称"}));
  EXPECT_EQ(sheet.rows, (Rows{{"1", "螺丝 M6，加急"}}));
}

TEST(Xlsx, RichTextRunsAreJoined) {
  std::string bytes = write_workbook([](lxw_workbook* workbook, lxw_worksheet* sheet) {
    write_headers(sheet, {"备注"});
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    lxw_rich_string_tuple first{nullptr, const_cast<char*>("普通")};
    lxw_rich_string_tuple second{bold, const_cast<char*>("加粗")};
    lxw_rich_string_tuple third{nullptr, const_cast<char*>(" end ")};
    lxw_rich_string_tuple* runs[] = {&first, &second, &third, nullptr};
    worksheet_write_rich_string(sheet, 1, 0, runs, nullptr);
  });
  EXPECT_EQ(read(bytes).rows, (Rows{{"普通加粗 end "}}));
}

TEST(Xlsx, MissingCellsAreEmptyAndSkippedRowsAreEmptyRows) {
  std::string bytes = write_workbook([](lxw_workbook*, lxw_worksheet* sheet) {
    write_headers(sheet, {"a", "b", "c"});
    worksheet_write_string(sheet, 2, 2, "C3", nullptr);
    worksheet_write_string(sheet, 5, 0, "A6", nullptr);
  });
  Sheet sheet = read(bytes);
  EXPECT_EQ(sheet.rows, (Rows{{"", "", ""}, {"", "", "C3"}, {"", "", ""}, {"", "", ""}, {"A6", "", ""}}));
  EXPECT_EQ(sheet.row_numbers, (std::vector<std::int64_t>{2, 3, 4, 5, 6}));
}

TEST(Xlsx, FormattedButEmptyCellsAfterTheDataAndBesideTheHeaderAreIgnored) {
  std::string bytes = write_workbook([](lxw_workbook* workbook, lxw_worksheet* sheet) {
    lxw_format* fill = workbook_add_format(workbook);
    format_set_bg_color(fill, LXW_COLOR_YELLOW);
    write_headers(sheet, {"a", "b"});
    worksheet_write_blank(sheet, 0, 5, fill);
    worksheet_write_string(sheet, 1, 0, "1", nullptr);
    worksheet_write_blank(sheet, 1, 4, fill);
    worksheet_write_string(sheet, 2, 0, "", nullptr);
    for (lxw_row_t row = 3; row < 50; ++row) worksheet_write_blank(sheet, row, 0, fill);
  });
  Sheet sheet = read(bytes);
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(sheet.rows, (Rows{{"1", ""}}));
}

TEST(Xlsx, TheHeaderIsTheFirstRowWithAnythingInItAndIsTrimmed) {
  std::string bytes = write_workbook([](lxw_workbook*, lxw_worksheet* sheet) {
    worksheet_write_string(sheet, 2, 0, " 编号 ", nullptr);
    worksheet_write_string(sheet, 2, 1, "名称\xE3\x80\x80", nullptr);
    worksheet_write_string(sheet, 3, 0, " 1 ", nullptr);
  });
  Sheet sheet = read(bytes);
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"编号", "名称"}));
  EXPECT_EQ(sheet.rows, (Rows{{" 1 ", ""}}));
  EXPECT_EQ(sheet.row_numbers, (std::vector<std::int64_t>{4}));
}

TEST(Xlsx, AnEmptyHeadingBeforeTheLastIsAnError) {
  std::string bytes = write_workbook([](lxw_workbook*, lxw_worksheet* sheet) {
    worksheet_write_string(sheet, 0, 0, "a", nullptr);
    worksheet_write_string(sheet, 0, 2, "c", nullptr);
  });
  Error error = expect_error(read_xlsx(bytes), ErrorKind::validation, "exchange.header_empty");
  EXPECT_EQ(arg(error, "column"), "B");
  // A heading that starts in B leaves A without one.
  bytes =
      write_workbook([](lxw_workbook*, lxw_worksheet* sheet) { worksheet_write_string(sheet, 0, 1, "b", nullptr); });
  error = expect_error(read_xlsx(bytes), ErrorKind::validation, "exchange.header_empty");
  EXPECT_EQ(arg(error, "column"), "A");
}

TEST(Xlsx, DuplicateHeadingsAreAnError) {
  std::string bytes = write_workbook([](lxw_workbook*, lxw_worksheet* sheet) {
    write_headers(sheet, {"名称", "x", "名称 "});
  });
  Error error = expect_error(read_xlsx(bytes), ErrorKind::validation, "exchange.header_duplicate");
  EXPECT_EQ(arg(error, "column"), "C");
  EXPECT_EQ(arg(error, "first_column"), "A");
}

TEST(Xlsx, AValueRightOfTheLastHeadingNamesItsCell) {
  std::string bytes = write_workbook([](lxw_workbook*, lxw_worksheet* sheet) {
    write_headers(sheet, {"a", "b"});
    worksheet_write_string(sheet, 1, 0, "1", nullptr);
    worksheet_write_string(sheet, 6, 3, "stray note", nullptr);
  });
  Error error = expect_error(read_xlsx(bytes), ErrorKind::validation, "exchange.cell_outside_header");
  EXPECT_EQ(arg(error, "row"), "7");
  EXPECT_EQ(arg(error, "column"), "D");
}

TEST(Xlsx, AHeaderAloneIsASheetWithoutRowsAndAnEmptySheetIsAnError) {
  Sheet sheet = read(write_workbook([](lxw_workbook*, lxw_worksheet* sheet) { write_headers(sheet, {"a"}); }));
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"a"}));
  EXPECT_TRUE(sheet.rows.empty());
  expect_error(read_xlsx(write_workbook([](lxw_workbook*, lxw_worksheet*) {})), ErrorKind::validation,
               "exchange.empty_file");
}

// ---- what other writers do ----

TEST(Xlsx, InlineStringsPrefixedElementsAndCellsWithoutReferencesAreRead) {
  // The .NET Open XML SDK binds the main namespace to "x:"; some writers omit r= on cells.
  Parts parts = workbook_parts("");
  test_support::replace_part(
      parts, "xl/worksheets/sheet1.xml",
      "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<x:sheetData><x:row><x:c t=\"inlineStr\"><x:is><x:t>a</x:t></x:is></x:c><x:c t=\"inlineStr\"><x:is><x:t>b</x:t>"
      "</x:is></x:c></x:row><x:row><x:c><x:v>1</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:r><x:t>x</x:t></x:r><x:r>"
      "<x:t xml:space=\"preserve\"> y</x:t></x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>");
  Sheet sheet = read(zip_parts(parts));
  EXPECT_EQ(sheet.headers, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(sheet.rows, (Rows{{"1", "x y"}}));
}

TEST(Xlsx, CellTypesStrErrorDateAndBooleanAreReadAsStored) {
  std::string bytes = make_xlsx(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>str</t></is></c><c r=\"B1\" "
      "t=\"inlineStr\"><is><t>e</t></is></c>"
      "<c r=\"C1\" t=\"inlineStr\"><is><t>d</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>b</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"str\"><f>A1</f><v>text result</v></c><c r=\"B2\" t=\"e\"><f>1/0</f>"
      "<v>#DIV/0!</v></c><c r=\"C2\" t=\"d\"><v>2024-01-05T00:00:00Z</v></c><c r=\"D2\" t=\"b\"><v>1</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"str\"><f>A1</f></c><c r=\"B3\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"C3\" t=\"d\"><v>2024-01-05T08:30:00</v></c><c r=\"D3\" t=\"b\"><v>0</v></c></row>");
  Sheet sheet = read(bytes);
  EXPECT_EQ(sheet.rows,
            (Rows{{"text result", "#DIV/0!", "2024-01-05", "TRUE"}, {"", "#N/A", "2024-01-05 08:30:00", "FALSE"}}));
}

TEST(Xlsx, SharedStringsDecodeEscapesAndLeaveOutPhoneticGuides) {
  std::string shared =
      "<si><t>h</t></si>"
      "<si><t>line1&#10;line2_x000D_&amp;&lt;&#x4E2D;</t></si>"
      "<si><r><rPr><b/></rPr><t>東京</t></r><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr "
      "fontId=\"1\"/></si>"
      "<si><t>_x005F_x0041_ is literal, _x0041_ is A, _xD83D__xDE00_ a pair, _x0000_ refused</t></si>"
      "<si><t><![CDATA[<raw> & ]]></t></si>"
      "<si><t>cr\r\nlf</t></si>";
  std::string bytes = make_xlsx(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row><row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>3</v></c></row><row r=\"5\"><c r=\"A5\" t=\"s\"><v>4</v></c></row>"
      "<row r=\"6\"><c r=\"A6\" t=\"s\"><v>5</v></c></row>",
      shared);
  Sheet sheet = read(bytes);
  EXPECT_EQ(sheet.rows, (Rows{{"line1\nline2\r&<中"},
                              {"東京"},
                              {"_x0041_ is literal, A is A, \xF0\x9F\x98\x80 a pair, \xEF\xBF\xBD refused"},
                              {"<raw> & "},
                              {"cr\nlf"}}));
}

TEST(Xlsx, CustomAndBuiltInDateFormatsAreRecognisedFromTheStylesPart) {
  std::string num_fmts =
      "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"[h]:mm:ss\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"0.00&quot; days&quot;\"/>"
      "<numFmt numFmtId=\"14\" formatCode=\"0.0\"/>";  // a workbook may redefine a built-in id
  // cellXfs: 0 General, 1 → 164, 2 → 165, 3 → 166, 4 → 14 (redefined), 5 → 22, 6 → 31 (zh-CN), 7 → 20
  std::string styles = styles_xml({0, 164, 165, 166, 14, 22, 31, 20}, num_fmts);
  std::string bytes = make_xlsx(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>h</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45296</v></c></row><row r=\"3\"><c r=\"A3\" s=\"2\"><v>1.25</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" s=\"3\"><v>45296</v></c></row><row r=\"5\"><c r=\"A5\" s=\"4\"><v>45296</v></c></row>"
      "<row r=\"6\"><c r=\"A6\" s=\"5\"><v>45296.75</v></c></row><row r=\"7\"><c r=\"A7\" "
      "s=\"6\"><v>45296</v></c></row>"
      "<row r=\"8\"><c r=\"A8\" s=\"7\"><v>0.5</v></c></row><row r=\"9\"><c r=\"A9\" s=\"99\"><v>45296</v></c></row>"
      "<row r=\"10\"><c r=\"A10\" s=\"1\"><v>not a number</v></c></row>",
      {}, styles);
  Sheet sheet = read(bytes);
  EXPECT_EQ(sheet.rows, (Rows{{"2024-01-05"},
                              {"1.25"},
                              {"45296"},
                              {"45296"},
                              {"2024-01-05 18:00:00"},
                              {"2024-01-05"},
                              {"12:00:00"},
                              {"45296"},
                              {"not a number"}}));
}

TEST(Xlsx, The1904DateSystemIsHonoured) {
  std::string bytes = make_xlsx(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>d</t></is></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>0</v>"
      "</c></row><row r=\"3\"><c r=\"A3\" s=\"1\"><v>43834</v></c></row>",
      {}, styles_xml({0, 14}), /*date1904=*/true);
  EXPECT_EQ(read(bytes).rows, (Rows{{"1904-01-01"}, {"2024-01-05"}}));
}

TEST(Xlsx, PartsAreFoundThroughRelationshipsWhereverTheWriterPutThem) {
  Parts parts = workbook_parts("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", "<si><t>found</t></si>");
  test_support::replace_part(parts, "_rels/.rels",
                             "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                             "<Relationship Id=\"a\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                             "relationships/officeDocument\" Target=\"/book/main%20book.xml\"/></Relationships>");
  std::string relationships =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"s9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"../data/./one.xml\"/>"
      "<Relationship Id=\"t\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings\" "
      "Target=\"/xl/sharedStrings.xml\"/>"
      "<Relationship Id=\"x\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
      "Target=\"https://example.com/\" TargetMode=\"External\"/></Relationships>";
  std::string workbook =
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:rel=\"http://"
      "schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"first\" sheetId=\"3\" "
      "rel:id=\"s9\"/><sheet name=\"second\" sheetId=\"1\" rel:id=\"s1\"/></sheets></workbook>";
  Parts moved;
  for (auto& [name, content] : parts) {
    if (name == "xl/workbook.xml") {
      moved.emplace_back("book/main book.xml", workbook);
    } else if (name == "xl/_rels/workbook.xml.rels") {
      moved.emplace_back("book/_rels/main book.xml.rels", relationships);
    } else if (name == "xl/worksheets/sheet1.xml") {
      moved.emplace_back("data/one.xml", content);
    } else {
      moved.emplace_back(name, content);
    }
  }
  EXPECT_EQ(read(zip_parts(moved)).headers, (std::vector<std::string>{"found"}));
}

TEST(Xlsx, AFirstSheetThatIsAChartSheetIsRefused) {
  Parts parts = workbook_parts("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  test_support::replace_part(parts, "xl/_rels/workbook.xml.rels",
                             "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                             "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                             "relationships/chartsheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
  Error error = expect_error(read_xlsx(zip_parts(parts)), ErrorKind::validation, "exchange.xlsx_invalid");
  EXPECT_NE(error.detail.find("not a worksheet"), std::string::npos) << error.detail;
}

// ---- damaged and hostile files ----

TEST(Xlsx, ErrorDetailsQuoteTheFileBriefly) {
  // A relationship type of a megabyte, ending in a Chinese character that a cut could split.
  Parts parts = workbook_parts("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  test_support::replace_part(parts, "xl/_rels/workbook.xml.rels",
                             "<Relationships><Relationship Id=\"rId1\" Type=\"" + std::string(1u << 20, 'x') +
                                 "表\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
  Error error = expect_error(read_xlsx(zip_parts(parts)), ErrorKind::validation, "exchange.xlsx_invalid");
  EXPECT_LE(error.detail.size(), 310u) << error.detail.substr(0, 100);
  EXPECT_TRUE(error.detail.starts_with("the first sheet is not a worksheet")) << error.detail.substr(0, 100);
  // The structural parts must be UTF-8 too.
  parts = workbook_parts("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  test_support::replace_part(parts, "xl/workbook.xml", "<workbook>\xC0\xAF</workbook>");
  error = expect_error(read_xlsx(zip_parts(parts)), ErrorKind::validation, "exchange.xlsx_invalid");
  EXPECT_NE(error.detail.find("xl/workbook.xml is not UTF-8"), std::string::npos) << error.detail;
}

TEST(Xlsx, MissingPartsAreInvalidAndSayWhich) {
  for (std::string_view missing : {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"}) {
    Parts parts = workbook_parts("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    std::erase_if(parts, [&](const auto& part) { return part.first == missing; });
    Error error = expect_error(read_xlsx(zip_parts(parts)), ErrorKind::validation, "exchange.xlsx_invalid");
    EXPECT_NE(error.detail.find(missing), std::string::npos) << error.detail;
  }
}

TEST(Xlsx, MalformedPartsAreInvalidAndSayWhich) {
  struct Case {
    std::string sheet_data;
    std::string detail;
  };
  for (const Case& c : {
           Case{"<row r=\"1\"><c r=\"A1\"><v>1</v></row>", "does not close"},
           Case{"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>", "shared string"},
           Case{"<row r=\"2\"><c r=\"A2\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c></row>",
                "out of order"},
           Case{"<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>1</v></c></row>", "out of order"},
           Case{"<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>", "cell reference"},
           Case{"<row r=\"1048577\"><c><v>1</v></c></row>", "row number"},
           Case{"<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", "cell reference"},
           Case{"<row r=\"1\"><c r=\"A1\"><v>&bogus;</v></c></row>", "xl/worksheets/sheet1.xml"},
       }) {
    Error error = expect_error(read_xlsx(make_xlsx(c.sheet_data)), ErrorKind::validation, "exchange.xlsx_invalid");
    EXPECT_NE(error.detail.find(c.detail), std::string::npos) << c.sheet_data << " → " << error.detail;
  }
}

TEST(Xlsx, ADoctypeIsRefusedSoNoEntityCanExpand) {
  Parts parts = workbook_parts("");
  test_support::replace_part(
      parts, "xl/worksheets/sheet1.xml",
      "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
      "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData>"
      "</worksheet>");
  Error error = expect_error(read_xlsx(zip_parts(parts)), ErrorKind::validation, "exchange.xlsx_invalid");
  EXPECT_NE(error.detail.find("DOCTYPE"), std::string::npos) << error.detail;
}

TEST(Xlsx, APartThatIsNotUtf8IsInvalid) {
  Parts parts = workbook_parts("");
  test_support::replace_part(parts, "xl/worksheets/sheet1.xml", std::string("\xFF\xFE<\0w\0", 6));
  Error error = expect_error(read_xlsx(zip_parts(parts)), ErrorKind::validation, "exchange.xlsx_invalid");
  EXPECT_NE(error.detail.find("UTF-8"), std::string::npos) << error.detail;
}

TEST(Xlsx, ACorruptOrTruncatedZipIsInvalid) {
  std::string good = write_workbook([](lxw_workbook*, lxw_worksheet* sheet) {
    write_headers(sheet, {"a", "b"});
    for (lxw_row_t row = 1; row < 200; ++row) worksheet_write_string(sheet, row, 0, "some text to compress", nullptr);
  });
  ASSERT_TRUE(read_xlsx(good).ok());
  expect_error(read_xlsx(good.substr(0, good.size() / 2)), ErrorKind::validation, "exchange.xlsx_invalid");
  expect_error(read_xlsx(good.substr(0, good.size() - 10)), ErrorKind::validation, "exchange.xlsx_invalid");
  expect_error(read_xlsx("PK\x03\x04 but nothing else"), ErrorKind::validation, "exchange.xlsx_invalid");
  expect_error(read_xlsx("plain text"), ErrorKind::validation, "exchange.xlsx_invalid");
  expect_error(read_xlsx(""), ErrorKind::validation, "exchange.xlsx_invalid");
  // Damage inside every compressed entry's data: CRC or inflate errors, never a crash.
  int refused = 0;
  for (std::size_t at = 40; at < good.size() - 200; at += 97) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    Result<Sheet> result = read_xlsx(bad);
    if (!result) {
      EXPECT_EQ(result.error().message_id, "exchange.xlsx_invalid") << test_support::describe(result.error());
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
}

TEST(Xlsx, AnEntryThatWouldUnpackBeyondTheLimitIsRefusedBeforeItIsRead) {
  // 64 MiB of white space inside <sheetData> deflates to about 64 KiB.
  std::string bomb =
      make_xlsx(std::string(64u << 20, ' ') + "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>");
  ASSERT_LT(bomb.size(), 1u << 20);
  auto started = std::chrono::steady_clock::now();
  Error error = expect_error(read_xlsx(bomb, {.max_uncompressed_bytes = 1u << 20}), ErrorKind::too_large,
                             "exchange.uncompressed_too_large");
  EXPECT_EQ(arg(error, "limit"), std::to_string(1u << 20));
  // Refused from the zip directory: nothing was inflated.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(200));
  EXPECT_TRUE(read_xlsx(bomb, {.max_uncompressed_bytes = 80u << 20}).ok());
}

TEST(Xlsx, TheUnpackLimitCoversAllPartsTogether) {
  std::string items;
  for (int i = 0; i < 20'000; ++i) items += "<si><t>string number " + std::to_string(i) + "</t></si>";
  std::string bytes =
      make_xlsx("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>" + std::string(600'000, ' '), items);
  EXPECT_TRUE(read_xlsx(bytes, {.max_uncompressed_bytes = 2u << 20}).ok());
  expect_error(read_xlsx(bytes, {.max_uncompressed_bytes = 1u << 20}), ErrorKind::too_large,
               "exchange.uncompressed_too_large");
}

TEST(Xlsx, AnEntryThatUnpacksLargerThanItsDeclaredSizeIsInvalid) {
  std::string sheet_data = "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>" + std::string(5000, ' ');
  Parts parts = workbook_parts(sheet_data);
  std::string bytes = zip_parts(parts);
  // Lower the declared size of the worksheet in its local header and the central directory.
  std::string name = "xl/worksheets/sheet1.xml";
  std::uint32_t real = 0;
  for (const auto& [part, content] : parts) {
    if (part == name) real = static_cast<std::uint32_t>(content.size());
  }
  int patched = 0;
  for (std::size_t at = 0; (at = bytes.find(name, at)) != std::string::npos; at += name.size()) {
    // Local header: size at 22, name at 30. Central directory: size at 24, name at 46.
    for (std::size_t offset : {std::size_t{8}, std::size_t{22}}) {
      if (at < offset) continue;
      std::uint32_t stored;
      std::memcpy(&stored, &bytes[at - offset], 4);
      if (stored == real) {
        std::uint32_t lie = 100;
        std::memcpy(&bytes[at - offset], &lie, 4);
        ++patched;
      }
    }
  }
  ASSERT_EQ(patched, 2);
  expect_error(read_xlsx(bytes), ErrorKind::validation, "exchange.xlsx_invalid");
}

TEST(Xlsx, AnOle2FileIsAnUnsupportedFormat) {
  std::string encrypted("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  expect_error(read_xlsx(encrypted + std::string(600, '\0')), ErrorKind::validation, "exchange.unsupported_format");
}

// ---- limits ----

TEST(Xlsx, RowColumnCellAndFileLimitsAreEnforced) {
  std::string bytes = write_workbook([](lxw_workbook*, lxw_worksheet* sheet) {
    write_headers(sheet, {"a", "b", "c"});
    for (lxw_row_t row = 1; row <= 4; ++row) {
      worksheet_write_string(sheet, row, 0, "x", nullptr);
      worksheet_write_string(sheet, row, 2, "0123456789", nullptr);
    }
  });
  ASSERT_TRUE(read_xlsx(bytes).ok());
  Error error = expect_error(read_xlsx(bytes, {.max_rows = 3}), ErrorKind::too_large, "exchange.too_many_rows");
  EXPECT_EQ(arg(error, "limit"), "3");
  error = expect_error(read_xlsx(bytes, {.max_columns = 2}), ErrorKind::too_large, "exchange.too_many_columns");
  EXPECT_EQ(arg(error, "row"), "1");
  error = expect_error(read_xlsx(bytes, {.max_cell_bytes = 9}), ErrorKind::too_large, "exchange.cell_too_large");
  EXPECT_EQ(arg(error, "row"), "2");
  EXPECT_EQ(arg(error, "column"), "C");
  expect_error(read_xlsx(bytes, {.max_cells = 11}), ErrorKind::too_large, "exchange.too_many_cells");
  EXPECT_TRUE(read_xlsx(bytes, {.max_cells = 12}).ok());
  expect_error(read_xlsx(bytes, {.max_bytes = bytes.size() - 1}), ErrorKind::too_large, "exchange.file_too_large");
}

TEST(Xlsx, AHugeRowNumberCannotMakeTheReaderAllocateEmptyRows) {
  std::string bytes = make_xlsx(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is>"
      "</c></row><row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>");
  expect_error(read_xlsx(bytes), ErrorKind::too_large, "exchange.too_many_rows");
  expect_error(read_xlsx(bytes, {.max_rows = 2'000'000, .max_cells = 1'000'000}), ErrorKind::too_large,
               "exchange.too_many_cells");
}

// ---- read_table ----

TEST(ReadTable, ReadsAZipAsXlsx) {
  std::string bytes = write_workbook([](lxw_workbook*, lxw_worksheet* sheet) { write_headers(sheet, {"a"}); });
  Result<Sheet> sheet = read_table(bytes);
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet->encoding, "XLSX");
}

// ---- size ----

TEST(Xlsx, TwentyThousandRowsOfTenColumnsReadCorrectly) {
  std::string bytes = write_workbook([](lxw_workbook* workbook, lxw_worksheet* sheet) {
    lxw_format* date = number_format(workbook, "yyyy-mm-dd");
    write_headers(sheet, {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"});
    lxw_datetime day{2024, 1, 5, 0, 0, 0};
    for (lxw_row_t row = 1; row <= 20'000; ++row) {
      worksheet_write_number(sheet, row, 0, row, nullptr);
      worksheet_write_string(sheet, row, 1, ("SKU-" + std::to_string(row)).c_str(), nullptr);
      worksheet_write_string(sheet, row, 2, "螺丝 M6", nullptr);
      worksheet_write_number(sheet, row, 3, 12.5, nullptr);
      worksheet_write_datetime(sheet, row, 4, &day, date);
      for (lxw_col_t column = 5; column < 10; ++column) worksheet_write_string(sheet, row, column, "x", nullptr);
    }
  });
  auto started = std::chrono::steady_clock::now();
  Sheet sheet = read(bytes);
  auto took = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(sheet.rows.size(), 20'000u);
  EXPECT_EQ(sheet.rows.back(),
            (std::vector<std::string>{"20000", "SKU-20000", "螺丝 M6", "12.5", "2024-01-05", "x", "x", "x", "x", "x"}));
  std::cout << "[ timing ] 20000 x 10 XLSX (" << bytes.size()
            << " bytes): " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
}

}  // namespace
}  // namespace verp::exchange
