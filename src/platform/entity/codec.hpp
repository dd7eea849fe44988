// The codec: field values between JSON (the API), text cells (import/export) and storage
// Values, with every declared constraint checked and every problem reported at once.
//
// JSON forms: text kinds, enum, date ("YYYY-MM-DD"), datetime (ISO 8601) and decimals
// ("1234.50": a JSON number there is refused, so no amount passes through a double) are
// strings; integer, link and attachment are integers; boolean is true/false; tags an array
// of strings; json an object or array. null clears a field that is not required.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/entity/field.hpp"
#include "platform/storage/value.hpp"

namespace verp::entity {

// Decodes one JSON value for `field` into its storage form (text kinds are trimmed; e-mail
// is lower-cased; decimals take the field's scale, refusing more fraction digits). Adds a
// FieldError named `path` on any problem and returns nullopt then. Null decodes to a null
// Value (requiredness is check_constraints' business).
std::optional<storage::Value> decode_json(const Field& field, const boost::json::value& json, const std::string& path,
                                          std::vector<FieldError>& errors);

// The same from an import cell's text: "" is null; booleans accept true/false/1/0/是/否/yes/no;
// enums accept the value or either label; tags are separated by ',' '，' ';' or '；'.
std::optional<storage::Value> decode_cell(const Field& field, std::string_view text, const std::string& path,
                                          std::vector<FieldError>& errors);

// Required, length, range, pattern and option checks on a decoded value.
void check_constraints(const Field& field, const storage::Value& value, const std::string& path,
                       std::vector<FieldError>& errors);

// The API form of a stored value.
boost::json::value encode_json(const Field& field, const storage::Value& value);

// The export cell text of a value: what decode_cell reads back (enum as its value, tags
// joined by ", ", booleans as true/false), so export → import reproduces the data.
std::string encode_cell(const Field& field, const storage::Value& value);

// The ids of a links value (empty for null).
std::vector<std::int64_t> link_ids(const storage::Value& value);

// Normalised duplicate-detection key; empty when the value gives none.
std::string duplicate_key(DuplicateKey kind, const storage::Value& value);

// Lower-cased text that `q` matches, from one value.
std::string search_text_of(const Field& field, const storage::Value& value);

// The value a create takes when the client sends none, or null.
storage::Value default_of(const Field& field);

}  // namespace verp::entity
