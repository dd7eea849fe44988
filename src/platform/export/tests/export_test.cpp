// Exports that open cleanly in Excel: CSV laid out by RFC 4180, XLSX read back through python3's
// zipfile, and in both a cell that looks like a formula stays text.
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "platform/export/cell_text.hpp"
#include "platform/export/table.hpp"

namespace verp::exporting {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The CSV without its BOM, which every test but one would otherwise repeat.
std::string csv_body(const Table& table) {
  std::string csv = to_csv(table);
  EXPECT_TRUE(csv.starts_with(kBom));
  return csv.substr(kBom.size());
}

// One member of the zip archive `bytes`, as printed by python3's zipfile; "" (and a test
// failure) when the archive or member cannot be read.
std::string zip_member(const std::string& bytes, const std::string& member) {
  std::string path = "/tmp/verp-export-test-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd < 0) {
    ADD_FAILURE() << "mkstemp failed";
    return {};
  }
  ::close(fd);
  std::ofstream(path, std::ios::binary) << bytes;
  std::string command =
      "python3 -c 'import zipfile,sys; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1])"
      ".read(sys.argv[2]))' " +
      path + " " + member;
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "popen failed";
  } else {
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    EXPECT_EQ(::pclose(pipe), 0) << "python3 could not read " << member;
  }
  std::filesystem::remove(path);
  return out;
}

std::string xlsx_bytes(const Table& table) {
  Result<std::string> bytes = to_xlsx(table);
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().detail);
  return bytes.ok() ? bytes.value() : std::string();
}

// The widths of the sheet's columns, in order, from its <col width="..."/> elements.
std::vector<double> column_widths(const std::string& sheet_xml) {
  std::vector<double> widths;
  static const std::regex kCol(R"re(<col min="\d+" max="\d+" width="([0-9.]+)")re");
  for (std::sregex_iterator it(sheet_xml.begin(), sheet_xml.end(), kCol), done; it != done; ++it) {
    widths.push_back(std::stod((*it)[1].str()));
  }
  return widths;
}

long count_matches(const std::string& text, const std::regex& pattern) {
  return std::distance(std::sregex_iterator(text.begin(), text.end(), pattern), std::sregex_iterator());
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// ---- CSV ----

TEST(Csv, StartsWithABomAndEndsEveryLineWithCrLf) {
  std::string csv = to_csv({.headers = {"编号", "名称"}, .rows = {{"1", "a"}, {"2", "b"}}});
  EXPECT_EQ(csv, std::string(kBom) + "编号,名称\r\n1,a\r\n2,b\r\n");
}

TEST(Csv, CommasQuotesAndLineBreaksAreQuoted) {
  Table table{.headers = {"a", "b", "c", "d"}, .rows = {{"Li, Wei", "say \"hi\"", "two\nlines", "cr\rhere"}}};
  EXPECT_EQ(csv_body(table), "a,b,c,d\r\n\"Li, Wei\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n");
}

TEST(Csv, EveryFormulaPrefixIsNeutralisedWithAnApostrophe) {
  Table table{.headers = {"h"}, .rows = {{"=1+1"}, {"+1"}, {"-2+3"}, {"@SUM(A1)"}, {"\tcmd"}, {"\r=1"}, {"-5"}}};
  EXPECT_EQ(csv_body(table), "h\r\n'=1+1\r\n'+1\r\n'-2+3\r\n'@SUM(A1)\r\n'\tcmd\r\n\"'\r=1\"\r\n'-5\r\n");
}

TEST(Csv, AQuotedFormulaKeepsItsApostropheInsideTheQuotes) {
  Table table{.headers = {"h"}, .rows = {{"=HYPERLINK(\"http://evil\",\"x\")"}}};
  EXPECT_EQ(csv_body(table), "h\r\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\r\n");
}

TEST(Csv, HeaderCellsAreNeutralisedToo) { EXPECT_EQ(csv_body({.headers = {"=cmd", "ok"}}), "'=cmd,ok\r\n"); }

TEST(Csv, ACellWithAFormulaCharacterLaterOnIsLeftAlone) {
  EXPECT_EQ(csv_body({.headers = {"h"}, .rows = {{"a=b"}, {"1-2"}, {"x@y.cn"}}}), "h\r\na=b\r\n1-2\r\nx@y.cn\r\n");
}

TEST(Csv, ChineseTextPassesThroughUnchanged) {
  Table table{.headers = {"客户", "备注"}, .rows = {{"华东机电有限公司", "螺丝 M6，加急"}}};
  EXPECT_EQ(csv_body(table), "客户,备注\r\n华东机电有限公司,螺丝 M6，加急\r\n");
}

TEST(Csv, ShortRowsArePaddedToTheHeader) {
  Table table{.headers = {"a", "b", "c"}, .rows = {{"1"}, {}, {"1", "2", "3"}}};
  EXPECT_EQ(csv_body(table), "a,b,c\r\n1,,\r\n,,\r\n1,2,3\r\n");
}

TEST(Csv, ARowWiderThanTheHeaderWidensTheTable) {
  EXPECT_EQ(csv_body({.headers = {"a"}, .rows = {{"1", "2"}}}), "a,\r\n1,2\r\n");
}

// ---- XLSX ----

TEST(Xlsx, IsAZipWithTheHeaderAndCellsAsSharedStrings) {
  std::string bytes = xlsx_bytes(
      {.sheet_name = "审计日志", .headers = {"客户", "金额"}, .rows = {{"华东机电", "113.00"}, {"Li & Wei <x>", "0"}}});
  ASSERT_TRUE(bytes.starts_with("PK"));
  std::string strings = zip_member(bytes, "xl/sharedStrings.xml");
  for (std::string_view text : {"<t>客户</t>", "<t>金额</t>", "<t>华东机电</t>", "<t>113.00</t>", "<t>0</t>",
                                "<t>Li &amp; Wei &lt;x&gt;</t>"}) {
    EXPECT_TRUE(contains(strings, text)) << text << " not in " << strings;
  }
  EXPECT_TRUE(contains(zip_member(bytes, "xl/workbook.xml"), "<sheet name=\"审计日志\""));
}

TEST(Xlsx, FormulaLookalikesAreTextCellsNeverFormulas) {
  std::string bytes =
      xlsx_bytes({.headers = {"=head"}, .rows = {{"=1+1"}, {"+1"}, {"-5"}, {"@SUM(A1)"}, {"\tcmd"}, {"plain"}}});
  std::string sheet = zip_member(bytes, "xl/worksheets/sheet1.xml");
  std::string strings = zip_member(bytes, "xl/sharedStrings.xml");
  ASSERT_TRUE(contains(sheet, "<sheetData>")) << sheet;
  EXPECT_FALSE(contains(sheet, "<f>")) << sheet;
  EXPECT_FALSE(contains(sheet, "<f ")) << sheet;
  // The text is kept exactly, with no apostrophe: the cell type, not the text, makes it safe.
  for (std::string_view text : {"<t>=head</t>", "<t>=1+1</t>", "<t>+1</t>", "<t>-5</t>", "<t>@SUM(A1)</t>"}) {
    EXPECT_TRUE(contains(strings, text)) << text << " not in " << strings;
  }
  // Every cell is a shared string (t="s"), and the lookalikes carry the Text format (49, "@").
  EXPECT_EQ(count_matches(sheet, std::regex("<c ")), 7);
  EXPECT_EQ(count_matches(sheet, std::regex("<c [^>]*t=\"s\"")), 7);
  EXPECT_TRUE(contains(sheet, "<c r=\"A2\" s=\"2\" t=\"s\">")) << sheet;
  EXPECT_TRUE(contains(sheet, "<c r=\"A7\" t=\"s\">")) << sheet;
  std::string styles = zip_member(bytes, "xl/styles.xml");
  EXPECT_TRUE(std::regex_search(styles, std::regex("<cellXfs count=\"3\"><xf [^>]*/><xf numFmtId=\"49\" [^>]*/>"
                                                   "<xf numFmtId=\"49\" ")))
      << styles;
}

TEST(Xlsx, TheHeaderRowIsBoldAndFrozen) {
  std::string bytes = xlsx_bytes({.headers = {"客户"}, .rows = {{"华东机电"}}});
  std::string sheet = zip_member(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_TRUE(contains(sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
      << sheet;
  EXPECT_TRUE(contains(sheet, "<c r=\"A1\" s=\"1\" t=\"s\">")) << sheet;
  EXPECT_TRUE(contains(zip_member(bytes, "xl/styles.xml"), "<b/>"));
}

TEST(Xlsx, ColumnsFitTheirTextWithCjkCountedDoubleAndCapped) {
  std::string bytes = xlsx_bytes({.headers = {"ascii", "cjk", "short", "long"},
                                  .rows = {{"ABCDEFGHIJKLMNOP", "华东机电有限公司", "a", std::string(500, 'x')}}});
  std::vector<double> widths = column_widths(zip_member(bytes, "xl/worksheets/sheet1.xml"));
  ASSERT_EQ(widths.size(), 4u);
  // libxlsxwriter stores a width w as slightly more than w (it rounds to pixels), never a whole unit more.
  EXPECT_EQ(widths[0], widths[1]) << "8 CJK characters are as wide as 16 ASCII ones";
  EXPECT_TRUE(widths[0] >= 18 && widths[0] < 19) << widths[0];  // 16 + padding 2
  EXPECT_TRUE(widths[2] >= 8 && widths[2] < 9) << widths[2];
  EXPECT_TRUE(widths[3] >= 60 && widths[3] < 61) << widths[3];
}

TEST(Xlsx, ShortRowsAndEmptyCellsAreFine) {
  std::string bytes = xlsx_bytes({.headers = {"a", "b", "c"}, .rows = {{"1"}, {}, {"", "2"}}});
  std::string sheet = zip_member(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_TRUE(contains(sheet, "<c r=\"A2\" t=\"s\">")) << sheet;
  EXPECT_TRUE(contains(sheet, "<c r=\"B4\" t=\"s\">")) << sheet;
  EXPECT_FALSE(contains(sheet, "r=\"B2\"")) << sheet;
  EXPECT_FALSE(contains(sheet, "r=\"A4\"")) << sheet;
}

TEST(Xlsx, ACellLongerThanExcelAllowsIsCutNotFatal) {
  std::string bytes = xlsx_bytes({.headers = {"change"}, .rows = {{std::string(40000, 'x')}}});
  EXPECT_TRUE(contains(zip_member(bytes, "xl/sharedStrings.xml"), std::string(32766, 'x') + "…</t>"));
}

TEST(Xlsx, IllFormedUtf8BecomesAReplacementCharacter) {
  std::string bytes = xlsx_bytes({.headers = {"h"},
                                  .rows = {{"a\xff"
                                            "b"}}});
  EXPECT_TRUE(contains(zip_member(bytes, "xl/sharedStrings.xml"),
                       "<t>a\xEF\xBF\xBD"
                       "b</t>"));
}

TEST(Xlsx, TooManyColumnsForExcelIsAnError) {
  Result<std::string> bytes = to_xlsx({.headers = std::vector<std::string>(16385, "h")});
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().kind, ErrorKind::internal);
  EXPECT_EQ(bytes.error().message_id, "export.xlsx_failed");
}

// TMPDIR is pointed at a private directory, so the check sees only this test's files.
class XlsxTempFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "verp-export-dir-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
    const char* old = ::getenv("TMPDIR");
    old_tmpdir_ = old ? std::optional<std::string>(old) : std::nullopt;
    ::setenv("TMPDIR", directory_.c_str(), 1);
  }
  void TearDown() override {
    if (old_tmpdir_)
      ::setenv("TMPDIR", old_tmpdir_->c_str(), 1);
    else
      ::unsetenv("TMPDIR");
    std::filesystem::remove_all(directory_);
  }
  std::filesystem::path directory_;
  std::optional<std::string> old_tmpdir_;
};

TEST_F(XlsxTempFiles, TheTemporaryFileIsRemovedOnSuccessAndOnFailure) {
  EXPECT_TRUE(to_xlsx({.headers = {"h"}, .rows = {{"1"}}}).ok());
  EXPECT_TRUE(std::filesystem::is_empty(directory_));
  Result<std::string> failed =
      to_xlsx({.headers = {"h"}, .rows = {{std::string("x")}, std::vector<std::string>(16385)}});
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(std::filesystem::is_empty(directory_));
}

TEST_F(XlsxTempFiles, AMissingTemporaryDirectoryIsAnError) {
  ::setenv("TMPDIR", (directory_ / "missing").c_str(), 1);
  Result<std::string> bytes = to_xlsx({.headers = {"h"}});
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().message_id, "export.xlsx_failed");
}

// ---- Excel's text limits ----

TEST(ExcelText, SheetNamesFollowExcelsRules) {
  EXPECT_EQ(excel_sheet_name("审计日志"), "审计日志");
  EXPECT_EQ(excel_sheet_name("a[b]:c*d?e/f\\g"), "a_b__c_d_e_f_g");
  EXPECT_EQ(excel_sheet_name(""), "Sheet1");
  EXPECT_EQ(excel_sheet_name("'quoted'"), "_quoted_");
  EXPECT_EQ(excel_sheet_name(std::string(40, 'n')), std::string(31, 'n'));
  std::string chinese;
  for (int i = 0; i < 35; ++i) chinese += "日";
  EXPECT_EQ(excel_sheet_name(chinese), chinese.substr(0, 31 * 3));
}

TEST(ExcelText, CellsAtTheLimitAreKeptAndLongerOnesCut) {
  EXPECT_EQ(excel_cell_text(std::string(32767, 'x')), std::string(32767, 'x'));
  EXPECT_EQ(excel_cell_text(std::string(32768, 'x')), std::string(32766, 'x') + "…");
  // An emoji is two UTF-16 units: 32766 x and one emoji is over the limit.
  EXPECT_EQ(excel_cell_text(std::string(32766, 'x') + "😀"), std::string(32766, 'x') + "…");
  EXPECT_EQ(excel_cell_text(std::string("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(ExcelText, DisplayWidthCountsCjkDouble) {
  EXPECT_EQ(display_width("abc", 100), 3u);
  EXPECT_EQ(display_width("华东机电", 100), 8u);
  EXPECT_EQ(display_width("ＡＢ", 100), 4u);  // fullwidth forms
  EXPECT_EQ(display_width(std::string(1000, 'x'), 60), 60u);
}

}  // namespace
}  // namespace verp::exporting

namespace verp::exporting {
namespace {

// How many pages a PDF has: cairo writes one "/Type /Page" object per page (and "/Type /Pages"
// once for the tree).
int pages_of(const std::string& pdf) {
  int pages = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  return pages;
}

TEST(Pdf, AChineseReportIsLaidOutWithTheCjkFontOverAsManyPagesAsItNeeds) {
  Table table{.sheet_name = "科目余额表 2026-03",
              .headers = {"科目编码", "科目名称", "期初借方", "期初贷方", "本期借方", "本期贷方", "期末借方", "期末贷方"}};
  for (int i = 0; i < 120; ++i) {
    table.rows.push_back({std::to_string(1001 + i), "银行存款——工商银行深圳分行营业部", "1,234.56", "0.00", "550000.00",
                          "116000.00", "434000.00", "0.00"});
  }
  auto pdf = to_pdf(table);
  ASSERT_TRUE(pdf) << pdf.error().detail;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_NE(pdf->find("NotoSansCJK"), std::string::npos) << "Chinese is set in Noto Sans CJK, embedded";
  EXPECT_GE(pages_of(*pdf), 3) << "120 rows do not fit one A4 page";
  EXPECT_EQ(pages_of(*to_pdf(Table{.sheet_name = "空表", .headers = {"项目"}})), 1) << "an empty report is one page";
  // Server workers make PDFs on threads of their own (pango keeps a font map per thread).
  std::string from_worker;
  std::thread worker([&] { from_worker = to_pdf(table).value_or(""); });
  worker.join();
  EXPECT_EQ(from_worker.substr(0, 5), "%PDF-");
}

TEST(Pdf, AbsurdlyLongTablesAreRefusedNotPrinted) {
  Table table{.headers = {"n"}};
  table.rows.assign(100'001, {"1"});
  auto pdf = to_pdf(table);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().message_id, "export.pdf_too_large");
}

}  // namespace
}  // namespace verp::exporting
