// Segment filters: checking the JSON against the customer fields and the SQL they become. Each
// condition is a list filter of the entity store (detail::filter_sql), so a segment selects what
// the customer list with the same filters shows; only "empty" and OR groups are added here.
#include "modules/crm/campaigns/segment_filter.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "platform/entity/codec.hpp"
#include "platform/entity/store_internal.hpp"

namespace verp::crm {

namespace json = boost::json;
using entity::Field;
using entity::FieldKind;
using entity::FilterOp;
using storage::Value;

namespace {

constexpr std::size_t kMaxConditions = 50;
constexpr std::size_t kMaxInValues = 200;

const Field* find(const std::vector<Field>& fields, std::string_view name) {
  auto it = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
  return it == fields.end() ? nullptr : &*it;
}

bool ordered(const Field& field) {
  return field.kind == FieldKind::integer || field.is_decimal_like() || field.kind == FieldKind::date ||
         field.kind == FieldKind::datetime;
}

// Whether `op` means something for the field's kind.
bool op_fits(const Field& field, std::string_view op) {
  if (op == "empty" || op == "not_empty") return field.kind != FieldKind::boolean;
  if (field.is_set()) return op == "contains" || op == "in" || op == "ne";
  if (op == "eq" || op == "ne") return true;
  if (field.kind == FieldKind::boolean) return false;
  if (op == "in") return !ordered(field) || field.kind == FieldKind::integer;
  if (op == "contains") return field.kind == FieldKind::text || field.kind == FieldKind::email ||
                               field.kind == FieldKind::phone || field.kind == FieldKind::url;
  if (op == "gt" || op == "gte" || op == "lt" || op == "lte") return ordered(field);
  return false;
}

void reject(std::vector<FieldError>& errors, std::string path, std::string code, std::string message_id,
            std::vector<MessageArg> args = {}) {
  errors.push_back(FieldError{std::move(path), std::move(code), std::move(message_id), std::move(args)});
}

// One value for the field at `path`; a set field's value is one member (a tag, a link id).
std::optional<Value> decode_one(const Field& field, const json::value& value, const std::string& path,
                                std::vector<FieldError>& errors) {
  if (value.is_null()) {
    reject(errors, path, "required", "crm.segment_value_required");
    return std::nullopt;
  }
  if (field.is_set()) {
    if (field.kind == FieldKind::links) {
      if (!value.is_int64()) {
        reject(errors, path, "invalid", "crm.segment_value_invalid");
        return std::nullopt;
      }
      return Value(value.as_int64());
    }
    if (!value.is_string() || value.as_string().empty()) {
      reject(errors, path, "invalid", "crm.segment_value_invalid");
      return std::nullopt;
    }
    return Value(std::string(value.as_string()));
  }
  return entity::decode_json(field, value, path, errors);
}

std::optional<SegmentFilter> check_group(const json::value& json, const std::vector<Field>& fields,
                                         const std::string& path, int depth, std::vector<FieldError>& errors);

std::optional<SegmentCondition> check_condition(const json::value& json, const std::vector<Field>& fields,
                                                const std::string& path, int depth, std::vector<FieldError>& errors) {
  if (!json.is_object()) {
    reject(errors, path, "invalid", "crm.segment_condition_invalid");
    return std::nullopt;
  }
  const json::object& object = json.as_object();
  if (object.contains("all") || object.contains("any")) {
    if (depth >= 1) {
      reject(errors, path, "too_deep", "crm.segment_too_deep");
      return std::nullopt;
    }
    auto group = check_group(json, fields, path, depth + 1, errors);
    if (!group) return std::nullopt;
    return SegmentCondition{.group = std::make_shared<SegmentFilter>(std::move(*group))};
  }
  for (const auto& member : object) {
    if (member.key() != "field" && member.key() != "op" && member.key() != "value") {
      reject(errors, path + "." + std::string(member.key()), "unknown", "crm.segment_member_unknown");
    }
  }
  const json::value* name = object.if_contains("field");
  const Field* field = name != nullptr && name->is_string() ? find(fields, name->as_string()) : nullptr;
  if (field == nullptr) {
    reject(errors, path + ".field", "unknown", "crm.segment_field_unknown");
    return std::nullopt;
  }
  const json::value* op_json = object.if_contains("op");
  const std::string op = op_json != nullptr && op_json->is_string() ? std::string(op_json->as_string()) : "";
  if (!op_fits(*field, op)) {
    reject(errors, path + ".op", "invalid", "crm.segment_op_invalid", {{"field", field->name}});
    return std::nullopt;
  }
  SegmentCondition condition{.field = field->name, .op = op};
  if (op == "empty" || op == "not_empty") return condition;
  const std::string value_path = path + ".value";
  const json::value* value = object.if_contains("value");
  if (value == nullptr) {
    reject(errors, value_path, "required", "crm.segment_value_required");
    return std::nullopt;
  }
  const std::size_t before = errors.size();
  if (op == "in") {
    if (!value->is_array() || value->as_array().empty() || value->as_array().size() > kMaxInValues) {
      reject(errors, value_path, "invalid", "crm.segment_value_list");
      return std::nullopt;
    }
    const json::array& list = value->as_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (auto one = decode_one(*field, list[i], value_path + "[" + std::to_string(i) + "]", errors)) {
        condition.values.push_back(std::move(*one));
      }
    }
  } else if (op == "contains" && !field->is_set()) {
    // Part of a text: no format to check (an e-mail's domain, a phone number's prefix).
    if (!value->is_string() || value->as_string().empty()) {
      reject(errors, value_path, "invalid", "crm.segment_value_invalid");
      return std::nullopt;
    }
    std::string part(value->as_string());
    if (field->kind == FieldKind::email) {
      for (char& c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    condition.values.emplace_back(std::move(part));
  } else if (auto one = decode_one(*field, *value, value_path, errors)) {
    condition.values.push_back(std::move(*one));
  }
  if (errors.size() != before) return std::nullopt;
  return condition;
}

std::optional<SegmentFilter> check_group(const json::value& json, const std::vector<Field>& fields,
                                         const std::string& path, int depth, std::vector<FieldError>& errors) {
  const json::object* object = json.if_object();
  const bool all = object != nullptr && object->contains("all");
  const bool any = object != nullptr && object->contains("any");
  if (object == nullptr || all == any || object->size() != 1) {
    reject(errors, path, "invalid", "crm.segment_filter_invalid");
    return std::nullopt;
  }
  const std::string key = all ? "all" : "any";
  const json::value& list = object->at(key);
  if (!list.is_array() || list.as_array().empty() || list.as_array().size() > kMaxConditions) {
    reject(errors, path + "." + key, "invalid", "crm.segment_conditions_count");
    return std::nullopt;
  }
  SegmentFilter filter{.any = any};
  bool ok = true;
  for (std::size_t i = 0; i < list.as_array().size(); ++i) {
    auto condition =
        check_condition(list.as_array()[i], fields, path + "." + key + "[" + std::to_string(i) + "]", depth, errors);
    if (!condition) {
      ok = false;
      continue;
    }
    filter.conditions.push_back(std::move(*condition));
  }
  if (!ok) return std::nullopt;
  return filter;
}

std::string condition_sql(const SegmentCondition& condition, const std::vector<Field>& fields,
                          storage::Dialect dialect, entity::detail::Sql& sql);

std::string group_sql(const SegmentFilter& filter, const std::vector<Field>& fields, storage::Dialect dialect,
                      entity::detail::Sql& sql) {
  std::string text;
  for (const SegmentCondition& condition : filter.conditions) {
    if (!text.empty()) text += filter.any ? " OR " : " AND ";
    text += "(" + condition_sql(condition, fields, dialect, sql) + ")";
  }
  return text.empty() ? "1 = 1" : text;
}

// Nothing there: null, an empty text or an empty set.
std::string empty_sql(const Field& field, storage::Dialect dialect) {
  const std::string expression = entity::detail::field_expression(field, dialect);
  if (field.is_set()) {
    const std::string source = field.custom ? (dialect == storage::Dialect::sqlite ? "json_extract(t.custom, '$." +
                                                                                         field.name + "')"
                                                                                   : "(t.custom -> '" + field.name + "')")
                                            : "t." + entity::detail::sql_name(field.name);
    return dialect == storage::Dialect::sqlite ? "COALESCE(json_array_length(" + source + "), 0) = 0"
                                               : "COALESCE(jsonb_array_length(" + source + "), 0) = 0";
  }
  if (field.is_text_like()) return "(" + expression + " IS NULL OR " + expression + " = '')";
  return expression + " IS NULL";
}

// A computed field's condition: its value is the customer's scores row's column.
std::string score_sql(const Field& field, const SegmentCondition& condition, storage::Dialect dialect,
                      entity::detail::Sql& sql) {
  const std::string expression =
      "(SELECT s." + entity::detail::sql_name(field.name) + " FROM customer_scores s WHERE s.customer_id = t.id)";
  auto param = [&](const Value& value) {
    // Money is stored in cents there.
    if (const auto* amount = value.get_if<Decimal>(); amount != nullptr && field.is_decimal_like()) {
      return sql.param(static_cast<std::int64_t>(amount->rescale(2).value_or(Decimal()).units()));
    }
    return sql.param(value);
  };
  const std::string& op = condition.op;
  if (op == "empty") return expression + " IS NULL";
  if (op == "not_empty") return expression + " IS NOT NULL";
  if (op == "contains") {
    return expression + (dialect == storage::Dialect::sqlite ? " LIKE " : " ILIKE ") +
           sql.param("%" + std::string(*condition.values.at(0).get_if<std::string>()) + "%");
  }
  if (op == "in") {
    std::string list;
    for (const Value& value : condition.values) list += (list.empty() ? "" : ", ") + param(value);
    return expression + " IN (" + list + ")";
  }
  if (op == "ne") {
    const std::string v = param(condition.values.at(0));
    return "(" + expression + " <> " + v + " OR " + expression + " IS NULL)";
  }
  static const std::map<std::string, std::string, std::less<>> kCompare = {
      {"eq", " = "}, {"gt", " > "}, {"gte", " >= "}, {"lt", " < "}, {"lte", " <= "}};
  const auto compare = kCompare.find(op);
  if (compare == kCompare.end()) return "1 = 0";
  return expression + compare->second + param(condition.values.at(0));
}

std::string condition_sql(const SegmentCondition& condition, const std::vector<Field>& fields,
                          storage::Dialect dialect, entity::detail::Sql& sql) {
  if (condition.group) return group_sql(*condition.group, fields, dialect, sql);
  const Field* field = find(fields, condition.field);
  if (field == nullptr) return "1 = 0";  // checked before; a field removed since selects nobody
  if (field->section == kScoresSection) return score_sql(*field, condition, dialect, sql);
  if (condition.op == "empty") return empty_sql(*field, dialect);
  if (condition.op == "not_empty") return "NOT (" + empty_sql(*field, dialect) + ")";
  entity::Filter filter{.field = field->name, .values = condition.values};
  const std::string& op = condition.op;
  if (op == "contains") filter.op = field->is_set() ? FilterOp::eq : FilterOp::like;
  else if (op == "eq") filter.op = FilterOp::eq;
  else if (op == "ne") filter.op = FilterOp::ne;
  else if (op == "in") filter.op = FilterOp::in;
  else if (op == "gt") filter.op = FilterOp::gt;
  else if (op == "gte") filter.op = FilterOp::gte;
  else if (op == "lt") filter.op = FilterOp::lt;
  else if (op == "lte") filter.op = FilterOp::lte;
  return entity::detail::filter_sql(*field, filter, dialect, sql);
}

}  // namespace

std::vector<Field> segment_fields(const std::vector<Field>& customer_fields, const security::Principal& principal) {
  std::vector<Field> fields;
  for (const Field& field : customer_fields) {
    if (!field.filterable() || field.kind == FieldKind::attachment) continue;
    if (principal.field_access("customer", field.name) == security::FieldAccess::hidden) continue;
    fields.push_back(field);
  }
  return fields;
}

std::vector<Field> score_fields() {
  auto scored = [](std::string name, FieldKind kind, entity::LocalText label) {
    return Field{.name = std::move(name), .kind = kind, .label = std::move(label), .read_only = true,
                 .section = std::string(kScoresSection)};
  };
  return {scored("revenue_12m", FieldKind::money, {"近12个月销售额", "Revenue, last 12 months"}),
          scored("orders_12m", FieldKind::integer, {"近12个月订单数", "Orders, last 12 months"}),
          scored("last_order_on", FieldKind::date, {"最近下单日期", "Last order"}),
          scored("clv", FieldKind::money, {"客户终身价值", "Customer lifetime value"}),
          scored("rfm", FieldKind::text, {"RFM 分组", "RFM segment"})};
}

Result<bool> scores_available(storage::Connection& c) {
  auto row = c.dialect() == storage::Dialect::sqlite
                 ? c.query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'customer_scores'")
                 : c.query_row("SELECT 1 WHERE to_regclass('customer_scores') IS NOT NULL");
  if (!row) return row.error();
  return row->has_value();
}

std::optional<SegmentFilter> check_segment_filter(const json::value& json, const std::vector<Field>& fields,
                                                  const std::string& path, std::vector<FieldError>& errors) {
  return check_group(json, fields, path, 0, errors);
}

Result<SegmentFilter> parse_segment_filter(const json::value& json, const std::vector<Field>& fields,
                                           const std::string& path) {
  std::vector<FieldError> errors;
  auto filter = check_segment_filter(json, fields, path, errors);
  if (!filter || !errors.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(errors);
    return error;
  }
  return std::move(*filter);
}

std::string segment_sql(const SegmentFilter& filter, const std::vector<Field>& fields, storage::Dialect dialect,
                        std::vector<Value>& params) {
  entity::detail::Sql sql;
  sql.params = std::move(params);
  std::string text = group_sql(filter, fields, dialect, sql);
  params = std::move(sql.params);
  return text;
}

}  // namespace verp::crm
