// Reading a document's JSON body field by field, collecting every problem with its path
// ("lines[2].quantity") so that one 400 names them all. Decimals arrive as text, never as JSON
// numbers, so no quantity or price passes through a double.
#pragma once

#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/storage/value.hpp"

namespace verp::inventory {

class JsonReader {
 public:
  explicit JsonReader(std::vector<FieldError>& problems) : problems_(problems) {}

  void fail(std::string path, std::string code, std::string message_id) {
    problems_.push_back(FieldError{std::move(path), std::move(code), std::move(message_id), {}});
  }
  // Members other than `known` are refused (a typo is not silently ignored).
  void only(const boost::json::object& from, std::initializer_list<std::string_view> known, const std::string& prefix);
  // A string member (decimals too: "12.5"); "" when absent, null or empty.
  std::string text(const boost::json::object& from, std::string_view key, const std::string& path, bool required,
                   std::size_t max_length = 400);
  std::optional<std::int64_t> id(const boost::json::object& from, std::string_view key, const std::string& path,
                                 bool required = false);
  std::optional<storage::Date> date(const boost::json::object& from, std::string_view key, const std::string& path,
                                    bool required = false);
  // The array of objects under `key` (required, 1..max_items); null when absent or not one.
  const boost::json::array* lines(const boost::json::object& from, std::string_view key, std::size_t max_items = 500);

  static std::string path(std::string_view array, std::size_t index, std::string_view field) {
    return std::string(array) + "[" + std::to_string(index) + "]." + std::string(field);
  }

 private:
  std::vector<FieldError>& problems_;
};

// A validation error carrying every problem, or success when there is none.
Status problems_as_error(std::vector<FieldError> problems);

}  // namespace verp::inventory
