// read_table(): the reader is chosen by the file's first bytes, because a browser's file name
// and content type are whatever the user's machine made of them.
#include "platform/exchange/sheet.hpp"

#include "platform/exchange/sheet_builder.hpp"

namespace verp::exchange {

Result<Sheet> read_table(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.starts_with("PK\x03\x04")) return read_xlsx(bytes, limits);
  if (is_ole2(bytes)) return make_error(ErrorKind::validation, "exchange.unsupported_format");
  return read_csv(bytes, limits);
}

}  // namespace verp::exchange
