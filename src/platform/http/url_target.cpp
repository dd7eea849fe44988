#include "platform/http/url_target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/src.hpp>  // the one TU that compiles Boost.URL

namespace verp::http {

Status parse_target(Request& request) {
  auto parsed = boost::urls::parse_origin_form(request.target);
  if (!parsed) return make_error(ErrorKind::validation, "http.bad_target", parsed.error().message());
  const boost::urls::url_view& url = *parsed;
  request.path = url.path();
  request.query.clear();
  for (auto param : url.params()) {
    request.query.push_back(QueryParam{std::string(param.key), param.has_value ? std::string(param.value) : std::string()});
  }
  return {};
}

}  // namespace verp::http
