// Splits a request target ("/a/%E5%8D%8E?q=1&x") into its percent-decoded path and query
// parameters. Boost.URL is compiled in url_target.cpp only.
#pragma once

#include <string_view>

#include "platform/base/result.hpp"
#include "platform/http/message.hpp"

namespace verp::http {

// Fills request.path and request.query from request.target. A target that is not an
// origin-form path (absolute URL, "*", bad percent-encoding) is a validation error.
Status parse_target(Request& request);

}  // namespace verp::http
