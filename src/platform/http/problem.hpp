// RFC 9457 problem details: the one shape of every error verp sends.
//
//   {"type":"urn:verp:problem:validation","title":"输入内容无效。","status":400,
//    "detail":"...","instance":"/api/v1/customers","request_id":"...",
//    "errors":[{"field":"name","code":"required","message":"..."}]}
//
// ErrorKind → HTTP status is decided here and nowhere else. Texts come from the i18n catalog
// in the request's locale. A 500 never shows Error::detail to the client (it is logged).
#pragma once

#include <string>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/http/message.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::http {

int status_for(ErrorKind kind);
const char* kind_name(ErrorKind kind);

Response problem_response(const Error& error, const Request& request, const i18n::Catalog& catalog);

// Shorthand for the transport-level problems the server itself raises (404, 405, 413...).
Response problem_response(ErrorKind kind, int status, std::string message_id, std::vector<MessageArg> args,
                          const Request& request, const i18n::Catalog& catalog);

}  // namespace verp::http
