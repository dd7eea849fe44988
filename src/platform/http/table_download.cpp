#include "platform/http/table_download.hpp"

namespace verp::http {

bool is_download_format(std::string_view format) { return format == "csv" || format == "xlsx" || format == "pdf"; }

Result<Response> table_download(const exporting::Table& table, std::string_view format, std::string_view file_stem) {
  Response response;
  if (format == "csv") {
    response = Response::text(200, exporting::to_csv(table), "text/csv; charset=utf-8");
  } else if (format == "pdf") {
    auto document = exporting::to_pdf(table);
    if (!document) return document.error();
    response = Response::text(200, std::move(*document), "application/pdf");
  } else {
    auto workbook = exporting::to_xlsx(table);
    if (!workbook) return workbook.error();
    response = Response::text(200, std::move(*workbook),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }
  response.headers.add("Content-Disposition",
                       "attachment; filename=\"" + std::string(file_stem) + "." + std::string(format) + "\"");
  return response;
}

}  // namespace verp::http
