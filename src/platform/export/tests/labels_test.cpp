// Barcode labels: pages and sizes as poppler's pdfinfo reads them, symbols as zbar's zbarimg
// scans them off the page rendered by pdftoppm (a scanner's view, not zint's), and Code 128's
// bars checked against the ISO/IEC 15417 table.
#include "platform/export/labels.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "platform/export/barcode.hpp"
#include "platform/export/tests/scanned_pdf.hpp"

namespace verp::exporting {
namespace {

using testing_support::ScannedPdf;

std::string pdf_of(const std::vector<Label>& labels, const LabelSheet& sheet) {
  auto pdf = labels_pdf(labels, sheet);
  EXPECT_TRUE(pdf) << (pdf ? "" : pdf.error().message_id + " " + pdf.error().detail);
  return pdf ? *pdf : std::string();
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// A linear symbol as the widths of its bars and spaces in modules, e.g. "211214…".
std::string element_widths(const Barcode& barcode) {
  std::vector<bool> dark(static_cast<std::size_t>(barcode.width), false);
  for (const Bar& bar : barcode.bars) {
    for (double x = bar.x; x < bar.x + bar.width - 0.5; x += 1) dark[static_cast<std::size_t>(std::lround(x))] = true;
  }
  std::string widths;
  for (std::size_t start = 0; start < dark.size();) {
    std::size_t end = start;
    while (end < dark.size() && dark[end] == dark[start]) ++end;
    widths += std::to_string(end - start);
    start = end;
  }
  return widths;
}

const Label kScrew{.data = "ABC-123", .title = "螺丝 M6 内六角圆柱头", .lines = {"M6×20 不锈钢 304", "ABC-123"}};

// ---- the symbols ----

TEST(Barcode, Code128OfABC123IsStartBTheSevenCharactersTheCheckAndStop) {
  auto barcode = encode_barcode(Symbology::code128, "ABC-123");
  ASSERT_TRUE(barcode) << barcode.error().detail;
  EXPECT_TRUE(barcode->linear);
  EXPECT_EQ(barcode->text, "ABC-123");
  // ISO/IEC 15417's table: Start B (104) 211214; A (33) 111323, B 131123, C 131321, '-' (13) 122132,
  // '1' (17) 123221, '2' 223211, '3' 221132; the check is (104 + 1·33 + 2·34 + 3·35 + 4·13 + 5·17
  // + 6·18 + 7·19) mod 103 = 70, 112412; Stop 2331112. Eleven modules each, thirteen the stop.
  EXPECT_EQ(barcode->width, 112);
  const std::vector<std::string> symbols{"211214", "111323", "131123", "131321", "122132",
                                         "123221", "223211", "221132", "112412", "2331112"};
  std::string expected;
  for (const std::string& symbol : symbols) expected += symbol;
  EXPECT_EQ(element_widths(*barcode), expected);
}

TEST(Barcode, QrOfAShortTextIsAVersion1SymbolWithItsFinderPatterns) {
  auto barcode = encode_barcode(Symbology::qr, "ABC-123");
  ASSERT_TRUE(barcode) << barcode.error().detail;
  EXPECT_FALSE(barcode->linear);
  EXPECT_EQ(barcode->width, 21);
  EXPECT_EQ(barcode->height, 21);
  EXPECT_TRUE(barcode->text.empty());
  // The top-left finder's outer ring starts with a dark run of 7 modules in row 0.
  EXPECT_TRUE(std::any_of(barcode->bars.begin(), barcode->bars.end(), [](const Bar& bar) {
    return bar.x == 0 && bar.y == 0 && bar.width == 7 && bar.height == 1;
  }));
}

TEST(Barcode, EmptyDataIsRequiredAndDataZintRefusesIsInvalidWithItsReason) {
  auto empty = encode_barcode(Symbology::qr, "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().kind, ErrorKind::validation);
  EXPECT_EQ(empty.error().message_id, "export.label_data_required");

  auto chinese = encode_barcode(Symbology::code128, "螺丝");
  ASSERT_FALSE(chinese);
  EXPECT_EQ(chinese.error().kind, ErrorKind::validation);
  EXPECT_EQ(chinese.error().message_id, "export.label_data_invalid");
  EXPECT_TRUE(contains(chinese.error().detail, "8859-1")) << "zint says why: " << chinese.error().detail;

  auto too_long = encode_barcode(Symbology::code128, std::string(200, 'A'));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().message_id, "export.label_data_invalid");
  EXPECT_TRUE(contains(too_long.error().detail, "too long")) << too_long.error().detail;
}

// ---- the sheets ----

TEST(Labels, ThirtyLabelsOnA24UpSheetAreTwoA4Pages) {
  std::vector<Label> labels;
  for (int i = 0; i < 30; ++i) labels.push_back({.data = "ITEM-" + std::to_string(1000 + i), .title = "物料"});
  ScannedPdf pdf(pdf_of(labels, LabelSheet{}));
  EXPECT_EQ(pdf.pages(), 2);
  EXPECT_EQ(pdf.page_size(), "595.276 x 841.89 pts (A4)");
  // The first page holds 24, the second the last 6, each readable.
  std::multiset<std::string> second = pdf.scanned(2);
  EXPECT_EQ(second,
            (std::multiset<std::string>{"ITEM-1024", "ITEM-1025", "ITEM-1026", "ITEM-1027", "ITEM-1028", "ITEM-1029"}));
  EXPECT_EQ(pdf.scanned(1).size(), 24u);
}

TEST(Labels, Code128LabelsScanBackToTheirDataWithChineseTextAround) {
  // Not "é-ü": Code 128 reaches Latin-1 through FNC4, which zbar does not read (it drops the
  // high bit), though zint writes it as ISO/IEC 15417 says.
  std::vector<Label> labels{kScrew,
                            {.data = "6901234567892", .title = "六角螺母 M6", .lines = {"GB/T 6170"}},
                            {.data = "x_y.z+%/$ 1", .title = "ASCII signs"}};
  ScannedPdf pdf(pdf_of(labels, LabelSheet{}));
  EXPECT_EQ(pdf.scanned(1), (std::multiset<std::string>{"ABC-123", "6901234567892", "x_y.z+%/$ 1"}));
}

TEST(Labels, QrLabelsScanBackToTheirDataChineseIncluded) {
  std::vector<Label> labels{kScrew,
                            {.data = "华东仓-A01-03", .title = "库位"},
                            {.data = "é-ü", .title = "Latin-1"},
                            {.data = std::string(120, '7'), .title = "A long code"}};
  ScannedPdf pdf(pdf_of(labels, LabelSheet{.symbology = Symbology::qr}));
  EXPECT_EQ(pdf.scanned(1), (std::multiset<std::string>{"ABC-123", "华东仓-A01-03", "é-ü", std::string(120, '7')}));
}

TEST(Labels, ARollPrintsOneLabelAPageAtTheLabelsSizeWithItsCopies) {
  std::vector<Label> labels{kScrew, {.data = "B-2", .title = "垫圈", .copies = 2}, {.data = "C-3", .copies = 0}};
  ScannedPdf pdf(pdf_of(labels, LabelSheet::roll(Symbology::code128, 60, 40)));
  EXPECT_EQ(pdf.pages(), 3);
  EXPECT_EQ(pdf.page_size(), "170.079 x 113.386 pts");
  EXPECT_EQ(pdf.scanned(1), std::multiset<std::string>{"ABC-123"});
  EXPECT_EQ(pdf.scanned(3), std::multiset<std::string>{"B-2"});
}

TEST(Labels, AnUprightRollLabelPutsTheQrCodeAboveTheText) {
  ScannedPdf pdf(pdf_of({kScrew}, LabelSheet::roll(Symbology::qr, 30, 50)));
  EXPECT_EQ(pdf.scanned(1), std::multiset<std::string>{"ABC-123"});
}

TEST(Labels, ALongTitleGivesUpItsSecondLineBeforeTheLinesGiveUpTheirPlace) {
  const Label label{.data = "6901234567892",
                    .title = "内六角圆柱头螺钉 不锈钢 304 加长型 适用于精密机械装配的高强度紧固件",
                    .lines = {"M6×20 不锈钢 304", "M6-20"}};
  ScannedPdf pdf(pdf_of({label}, LabelSheet{}));
  const std::string text = pdf.text(1);
  // One line of title cut with "…" (pdftotext gives the text the "…" stands for), then the lines.
  EXPECT_TRUE(contains(text, "内六角圆柱头螺钉 不锈钢 304 加长型 适用于精密机械装配的高强度紧固件\nM6×20 不锈钢 304\n"))
      << text;
  EXPECT_TRUE(contains(text, "M6-20")) << text;
  EXPECT_TRUE(contains(text, "6901234567892")) << "the readable text under the bars: " << text;
  EXPECT_EQ(pdf.scanned(1), std::multiset<std::string>{"6901234567892"});
}

TEST(Labels, BadDataIsNamedByTheLabelItIsOn) {
  std::vector<Label> labels{kScrew, {.data = "", .title = "无条码"}};
  auto empty = labels_pdf(labels, LabelSheet{});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().kind, ErrorKind::validation);
  EXPECT_EQ(empty.error().message_id, "export.label_data_required");
  EXPECT_EQ(empty.error().field, "labels[1]");

  labels[1].data = "螺丝";
  auto chinese = labels_pdf(labels, LabelSheet{});
  ASSERT_FALSE(chinese);
  EXPECT_EQ(chinese.error().message_id, "export.label_data_invalid");
  EXPECT_EQ(chinese.error().field, "labels[1]");
  EXPECT_FALSE(chinese.error().detail.empty());
  EXPECT_TRUE(labels_pdf(labels, LabelSheet{.symbology = Symbology::qr}).ok()) << "QR holds Chinese";
}

TEST(Labels, DataThatEncodesButWouldPrintTooFineIsRefused) {
  // 60 letters (zint's most) are 695 modules of Code 128: 0.09 mm each on a 70 mm label.
  auto fine = labels_pdf({{.data = std::string(60, 'A')}}, LabelSheet{});
  ASSERT_FALSE(fine);
  EXPECT_EQ(fine.error().message_id, "export.label_data_too_long");
  EXPECT_EQ(fine.error().field, "labels[0]");
  // 40 characters fit a 70 mm label only as QR or at 0.13 mm, which is refused too.
  EXPECT_FALSE(labels_pdf({{.data = std::string(40, 'A')}}, LabelSheet{}).ok());
  EXPECT_TRUE(labels_pdf({{.data = std::string(40, 'A')}}, LabelSheet{.symbology = Symbology::qr}).ok());
}

TEST(Labels, TooManyLabelsNoLabelsAndImpossibleSheetsAreRefused) {
  auto many = labels_pdf({{.data = "A", .copies = 5'000}, {.data = "B", .copies = 5'001}}, LabelSheet{});
  ASSERT_FALSE(many);
  EXPECT_EQ(many.error().kind, ErrorKind::too_large);
  EXPECT_EQ(many.error().message_id, "export.labels_too_many");
  EXPECT_TRUE(labels_pdf({{.data = "A", .copies = 10'000}}, LabelSheet{}).ok()) << "10,000 is the limit, not beyond it";

  auto none = labels_pdf({{.data = "A", .copies = 0}}, LabelSheet{});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message_id, "export.labels_empty");

  for (const LabelSheet& sheet :
       {LabelSheet{.columns = 4}, LabelSheet{.rows = 9}, LabelSheet{.columns = 0}, LabelSheet{.label_width_mm = 0},
        LabelSheet{.label_height_mm = -5}, LabelSheet::roll(Symbology::qr, 14, 30)}) {
    auto refused = labels_pdf({kScrew}, sheet);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, ErrorKind::validation);
    EXPECT_EQ(refused.error().message_id, "export.label_sheet_invalid");
  }
}

TEST(Labels, AreMadeOnAnyThread) {
  std::string from_worker;
  std::thread worker([&] { from_worker = labels_pdf({kScrew}, LabelSheet{}).value_or(""); });
  worker.join();
  EXPECT_TRUE(from_worker.starts_with("%PDF-"));
}

}  // namespace
}  // namespace verp::exporting
