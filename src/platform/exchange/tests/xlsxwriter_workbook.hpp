// Workbooks written by libxlsxwriter, as the tests' stand-in for Excel: shared strings, styles
// with number formats, cached formula values, as a real file has them.
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <string>

namespace verp::exchange::test_support {

// The bytes of a workbook with one sheet that `fill` writes; "" (and a test failure) when
// libxlsxwriter fails. constant_memory is libxlsxwriter's streaming mode, which writes every
// string inline (<is><t>) instead of into the shared strings table.
std::string write_workbook(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill,
                           bool constant_memory = false);

}  // namespace verp::exchange::test_support
