// Excel's serial dates and number formats, decided exactly as Excel shows them.
#include "platform/exchange/excel_date.hpp"

#include <gtest/gtest.h>

namespace verp::exchange {
namespace {

std::string iso(std::string_view serial, NumberKind kind = NumberKind::date, bool date1904 = false) {
  return serial_to_iso(serial, kind, date1904).value_or("<kept>");
}

TEST(ExcelDate, BuiltInFormatsAreDatesTimesOrNumbers) {
  for (std::uint32_t id : {14u, 15u, 16u, 17u, 22u, 27u, 31u, 36u, 50u, 57u, 58u}) {
    EXPECT_EQ(builtin_format_kind(id), NumberKind::date) << id;
  }
  for (std::uint32_t id : {18u, 19u, 20u, 21u, 32u, 35u, 55u, 56u})
    EXPECT_EQ(builtin_format_kind(id), NumberKind::time) << id;
  for (std::uint32_t id : {0u, 1u, 2u, 4u, 9u, 10u, 11u, 13u, 23u, 37u, 45u, 46u, 47u, 49u, 164u}) {
    EXPECT_EQ(builtin_format_kind(id), NumberKind::number) << id;
  }
}

TEST(ExcelDate, CustomFormatCodesAreReadForDateAndTimeTokens) {
  EXPECT_EQ(format_code_kind("yyyy-mm-dd"), NumberKind::date);
  EXPECT_EQ(format_code_kind("yyyy/m/d h:mm:ss"), NumberKind::date);
  EXPECT_EQ(format_code_kind("yyyy\"年\"m\"月\"d\"日\""), NumberKind::date);
  EXPECT_EQ(format_code_kind("[$-804]yyyy年m月d日 dddd"), NumberKind::date);
  EXPECT_EQ(format_code_kind("mmm-yy"), NumberKind::date);
  EXPECT_EQ(format_code_kind("mmmm"), NumberKind::date);
  EXPECT_EQ(format_code_kind("[Red]d/m/yy;@"), NumberKind::date);
  EXPECT_EQ(format_code_kind("h:mm AM/PM"), NumberKind::time);
  EXPECT_EQ(format_code_kind("上午/下午h\"时\"mm\"分\""), NumberKind::time);
  EXPECT_EQ(format_code_kind("mm:ss"), NumberKind::time);
  EXPECT_EQ(format_code_kind("[h]:mm:ss"), NumberKind::number);  // a duration
  EXPECT_EQ(format_code_kind("[mm]:ss"), NumberKind::number);
  EXPECT_EQ(format_code_kind("General"), NumberKind::number);
  EXPECT_EQ(format_code_kind("#,##0.00"), NumberKind::number);
  EXPECT_EQ(format_code_kind("0.00E+00"), NumberKind::number);
  EXPECT_EQ(format_code_kind("0.0\" days\""), NumberKind::number);
  EXPECT_EQ(format_code_kind("#,##0\\m"), NumberKind::number);
  EXPECT_EQ(format_code_kind("_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)"), NumberKind::number);
  EXPECT_EQ(format_code_kind("[$¥-804]#,##0.00"), NumberKind::number);
  EXPECT_EQ(format_code_kind("0;[Red]yyyy"), NumberKind::number);  // only the first section counts
  EXPECT_EQ(format_code_kind("@"), NumberKind::number);
  EXPECT_EQ(format_code_kind("\"unterminated"), NumberKind::number);
}

TEST(ExcelDate, SerialsBecomeTheDatesExcelShows) {
  EXPECT_EQ(iso("1"), "1900-01-01");
  EXPECT_EQ(iso("59"), "1900-02-28");
  EXPECT_EQ(iso("60"), "1900-03-01");  // Excel's 29 February 1900, which never was
  EXPECT_EQ(iso("61"), "1900-03-01");
  EXPECT_EQ(iso("36526"), "2000-01-01");
  EXPECT_EQ(iso("45292"), "2024-01-01");
  EXPECT_EQ(iso("45351"), "2024-02-29");
  EXPECT_EQ(iso("2958465"), "9999-12-31");
  EXPECT_EQ(iso("2958466"), "<kept>");
  EXPECT_EQ(iso("45292", NumberKind::date, true), "2028-01-02");
  EXPECT_EQ(iso("0", NumberKind::date, true), "1904-01-01");
}

TEST(ExcelDate, TimesOfDayAreRoundedToTheSecondExactly) {
  EXPECT_EQ(iso("45292.5"), "2024-01-01 12:00:00");
  EXPECT_EQ(iso("45296.354340277778"), "2024-01-05 08:30:15");
  EXPECT_EQ(iso("45292.999988426"), "2024-01-01 23:59:59");
  EXPECT_EQ(iso("45292.999999999"), "2024-01-02");  // within half a second of midnight
  EXPECT_EQ(iso("45292.0000000001"), "2024-01-01");
  EXPECT_EQ(iso("0.5", NumberKind::time), "12:00:00");
  EXPECT_EQ(iso("0.35416666666666669", NumberKind::time), "08:30:00");
  EXPECT_EQ(iso("1.1574074074074073E-5", NumberKind::time), "00:00:01");
  EXPECT_EQ(iso("0", NumberKind::time), "00:00:00");
  EXPECT_EQ(iso("1.5", NumberKind::time), "1900-01-01 12:00:00");  // more than a day: a moment
  // Half a second rounds up, from exact decimal arithmetic: 0.5/86400 of a day.
  EXPECT_EQ(iso("0.0000057870370370370371", NumberKind::time), "00:00:01");
  EXPECT_EQ(iso("0.0000057870370370370370", NumberKind::time), "00:00:00");
}

TEST(ExcelDate, NumbersInOtherNotationsAreUnderstood) {
  EXPECT_EQ(iso("4.5292E4"), "2024-01-01");
  EXPECT_EQ(iso("4.52925e+4"), "2024-01-01 12:00:00");
  EXPECT_EQ(iso("+45292"), "2024-01-01");
  EXPECT_EQ(iso("045292.000"), "2024-01-01");
  EXPECT_EQ(iso(".5", NumberKind::time), "12:00:00");
  EXPECT_EQ(iso("5E-1", NumberKind::time), "12:00:00");
  EXPECT_EQ(iso("1E-300", NumberKind::time), "00:00:00");
}

TEST(ExcelDate, WhatIsNotADateSerialIsKept) {
  for (std::string_view text :
       {"", "-1", "abc", "45292x", "4.5.2", "1E", "1E999", "1e400", "99999999", ". ", "NaN", "45292 ", " 45292"}) {
    EXPECT_EQ(iso(text), "<kept>") << text;
  }
  EXPECT_EQ(iso("45292", NumberKind::number), "<kept>");
}

TEST(ExcelDate, IsoCellsKeepTheirDateAndTime) {
  EXPECT_EQ(iso_cell_text("2024-01-05"), "2024-01-05");
  EXPECT_EQ(iso_cell_text("2024-01-05T00:00:00Z"), "2024-01-05");
  EXPECT_EQ(iso_cell_text("2024-01-05T08:30:00"), "2024-01-05 08:30:00");
  EXPECT_EQ(iso_cell_text("2024-01-05T08:30"), "2024-01-05 08:30:00");
  EXPECT_EQ(iso_cell_text("2024-01-05T08:30:15.250+08:00"), "2024-01-05 08:30:15");
  EXPECT_EQ(iso_cell_text("2024-01-05 08:30"), "2024-01-05 08:30");
  EXPECT_EQ(iso_cell_text("2024-01-05T08:30:00 and more"), "2024-01-05T08:30:00 and more");
  EXPECT_EQ(iso_cell_text("05/01/2024"), "05/01/2024");
  EXPECT_EQ(iso_cell_text(""), "");
}

}  // namespace
}  // namespace verp::exchange
