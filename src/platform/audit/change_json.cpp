// change_json(), detail_json() and redact(): the `change` text of an Entry.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "platform/audit/audit_log.hpp"
#include "platform/audit/utf8.hpp"

namespace verp::audit {
namespace {

boost::json::string json_text(std::string_view text) {
  std::string valid = to_valid_utf8(text);
  return boost::json::string(valid);
}

}  // namespace

std::optional<std::string> redact(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  return std::string(kRedacted);
}

std::string change_json(const std::vector<FieldChange>& changes) {
  boost::json::object object;
  for (const FieldChange& change : changes) {
    boost::json::object values;
    auto before = change.sensitive ? redact(change.before) : change.before;
    auto after = change.sensitive ? redact(change.after) : change.after;
    if (before) values["before"] = json_text(*before);
    if (after) values["after"] = json_text(*after);
    object[to_valid_utf8(change.field)] = std::move(values);
  }
  return boost::json::serialize(object);
}

std::string detail_json(std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  boost::json::object object;
  for (const auto& [key, value] : fields) object[to_valid_utf8(key)] = json_text(value);
  return boost::json::serialize(object);
}

}  // namespace verp::audit
