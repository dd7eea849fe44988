// Reading JSON request bodies with field-level errors, and writing JSON responses.
//
//   JsonBody body(request);
//   std::string name = body.text("name", {.required = true, .max_length = 100});
//   std::optional<std::int64_t> company = body.integer("company_id");
//   if (!body.ok()) return problem_response(body.error(), request, catalog);
//
// Every problem with every field is collected, so one 400 names them all (validation errors
// never arrive one at a time). Money and quantities are decimal strings, never JSON numbers.
// Thread-compatible: one JsonBody per request.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/base/utf8.hpp"
#include "platform/http/message.hpp"

namespace verp::http {

struct TextRule {
  bool required = false;
  std::size_t min_length = 0;     // in Unicode code points
  std::size_t max_length = 200;   // in Unicode code points
};

class JsonBody {
 public:
  explicit JsonBody(const Request& request);  // a missing body reads as {}
  bool ok() const { return fields_.empty() && !malformed_; }
  Error error() const;  // validation error with every field problem

  bool has(std::string_view field) const;
  std::string text(std::string_view field, TextRule rule = {});
  std::optional<std::string> optional_text(std::string_view field, TextRule rule = {});
  std::optional<std::int64_t> integer(std::string_view field, bool required = false);
  std::optional<bool> boolean(std::string_view field, bool required = false);
  // An array of strings; absent → empty.
  std::vector<std::string> text_list(std::string_view field);
  const boost::json::value* raw(std::string_view field) const;
  const boost::json::value* raw_root() const { return &root_; }

  void add_error(std::string field, std::string code, std::string message_id, std::vector<MessageArg> args = {});

  // The body may hold only these fields: any other (company_id, owner, roles, is_admin…) is
  // reported as "not_writable", so nothing can be mass-assigned through a route.
  void allow_only(std::initializer_list<std::string_view> fields);

 private:
  boost::json::value root_;
  bool malformed_ = false;
  std::vector<FieldError> fields_;
};


Response json_response(int status, const boost::json::value& body);

}  // namespace verp::http
