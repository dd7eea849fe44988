// A table (platform/export) as a file download: "csv" → text/csv, "xlsx" → an Excel workbook,
// "pdf" → a printable document,
// with Content-Disposition naming `<file_stem>.<format>`. Routes that export a list use this
// after recording the export in the audit log.
#pragma once

#include <string_view>

#include "platform/base/result.hpp"
#include "platform/export/table.hpp"
#include "platform/http/message.hpp"

namespace verp::http {

// True for the formats table_download knows: "csv", "xlsx" and "pdf".
bool is_download_format(std::string_view format);

// Errors: the XLSX and PDF writers' ("export.xlsx_failed", "export.pdf_failed", internal;
// "export.pdf_too_large").
Result<Response> table_download(const exporting::Table& table, std::string_view format, std::string_view file_stem);

}  // namespace verp::http
