// parse_multipart(): the fields and files of an HTML form posted as multipart/form-data
// (RFC 7578), e.g. an attachment upload.
//
//   auto parts = parse_multipart(request.headers.get("Content-Type"), request.body);
//   if (!parts) return problem_response(parts.error(), request, catalog);
//   for (const FormPart& part : *parts) if (part.filename) store.put(part.data);
//
// The whole body is already in memory (the server bounds it with --max-body-bytes), so parts
// are copied out of it whole; there is no streaming. Stateless and reentrant: may be called
// from any number of threads at once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.hpp"

namespace verp::http {

struct FormPart {
  std::string name;  // the form field's name, as sent (raw UTF-8 per RFC 7578 §5.1)
  // The uploaded file's name without any directory: "../../x.png" and "C:\\tmp\\x.png" both
  // become "x.png". Control characters are dropped, and a name that ends up "." or ".." is
  // empty. Empty also when a file input was left empty (browsers send filename=""). nullopt
  // for a plain form field. The bytes are not checked to be UTF-8.
  std::optional<std::string> filename;
  std::string content_type;  // the part's Content-Type header as sent; "text/plain" when absent
  std::string data;          // the part's bytes, exactly
};

// The parts of `body`, in order, given the request's Content-Type header (which carries the
// boundary). What is accepted:
// - Content-Type: multipart/form-data (any case) with a boundary parameter, quoted or not, of
//   1 to 70 of RFC 2046's boundary characters.
// - Delimiters "--boundary" at the start of a line, CRLF line ends; a preamble before the first
//   and an epilogue after the closing "--boundary--" are ignored; the closing one is required.
// - Part headers: Content-Disposition (required; type form-data; name required; filename, and
//   filename* in RFC 8187 form with UTF-8 or ISO-8859-1, which wins over filename), Content-Type,
//   and Content-Transfer-Encoding only as 7bit, 8bit or binary. Other headers are ignored.
//   In quoted values a backslash escapes only '"' and '\' (browsers send Windows paths with
//   bare backslashes); percent escapes in name and filename are not decoded.
//
// Errors: ErrorKind::validation "http.multipart_invalid" (detail says what is wrong) for
// anything malformed, including a repeated header or parameter; ErrorKind::too_large
// "http.multipart_too_many_parts" (arg max) as soon as a part beyond `max_parts` begins.
Result<std::vector<FormPart>> parse_multipart(std::string_view content_type_header, std::string_view body,
                                              std::size_t max_parts = 20);

}  // namespace verp::http
