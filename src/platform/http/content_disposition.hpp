// The Content-Disposition of a download: an ASCII fallback name plus the exact UTF-8 name,
// percent-encoded (RFC 6266/5987), so 发票.pdf arrives as 发票.pdf.
#pragma once

#include <string>
#include <string_view>

namespace verp::http {

std::string content_disposition(std::string_view file_name);

}  // namespace verp::http
