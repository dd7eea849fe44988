// Lists: filters on any visible field, one sort key with keyset (cursor) pages, full-text `q`.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "platform/base/utf8.hpp"
#include "platform/entity/codec.hpp"
#include "platform/entity/store.hpp"
#include "platform/entity/store_internal.hpp"

namespace verp::entity {

using detail::sql_name;
using detail::Sql;
using storage::Connection;
using storage::Dialect;
using storage::Value;

namespace {

std::optional<FilterOp> parse_op(std::string_view text) {
  static const std::pair<std::string_view, FilterOp> kOps[] = {
      {"eq", FilterOp::eq}, {"ne", FilterOp::ne},   {"gt", FilterOp::gt},     {"gte", FilterOp::gte},
      {"lt", FilterOp::lt}, {"lte", FilterOp::lte}, {"in", FilterOp::in},     {"like", FilterOp::like},
      {"is_null", FilterOp::is_null}};
  for (const auto& [name, op] : kOps) {
    if (name == text) return op;
  }
  return std::nullopt;
}

// A visible field by name: the declared and custom ones, then the system columns.
const Field* find_field(const std::vector<Field>& fields, std::string_view name) {
  for (const Field& field : fields) {
    if (field.name == name) return &field;
  }
  for (const Field& field : detail::system_fields()) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

std::string to_hex(std::string_view bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = digit(hex[i]);
    const int low = digit(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

std::string escape_like(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

// One filter as SQL.
std::string detail::filter_sql(const Field& field, const Filter& filter, Dialect dialect, Sql& sql) {
  const std::string expression = detail::field_expression(field, dialect);
  if (filter.op == FilterOp::is_null) {
    const bool want_null = filter.values.at(0).get_if<bool>() != nullptr && *filter.values.at(0).get_if<bool>();
    return expression + (want_null ? " IS NULL" : " IS NOT NULL");
  }
  if (field.is_set()) {
    // A tag (or links) filter asks whether the set holds the value (or, for `in`, any of them).
    std::string any;
    for (const Value& value : filter.values) {
      std::string test;
      if (dialect == Dialect::sqlite) {
        const std::string source = field.custom ? "t.custom, '$." + field.name + "'" : "t." + sql_name(field.name);
        test = "EXISTS (SELECT 1 FROM json_each(" + source + ") WHERE value = " + sql.param(value) + ")";
      } else {
        const std::string source = field.custom ? "(t.custom -> '" + field.name + "')" : "t." + sql_name(field.name);
        const std::string cast = field.kind == FieldKind::links ? "::bigint" : "::text";
        test = "COALESCE(" + source + " @> jsonb_build_array(" + sql.param(value) + cast + "), false)";
      }
      any += (any.empty() ? "" : " OR ") + test;
    }
    if (filter.op == FilterOp::ne) return "NOT (" + any + ")";
    return "(" + any + ")";
  }
  switch (filter.op) {
    case FilterOp::eq: return expression + " = " + sql.param(filter.values.at(0));
    case FilterOp::ne: return "(" + expression + " <> " + sql.param(filter.values.at(0)) + " OR " + expression + " IS NULL)";
    case FilterOp::gt: return expression + " > " + sql.param(filter.values.at(0));
    case FilterOp::gte: return expression + " >= " + sql.param(filter.values.at(0));
    case FilterOp::lt: return expression + " < " + sql.param(filter.values.at(0));
    case FilterOp::lte: return expression + " <= " + sql.param(filter.values.at(0));
    case FilterOp::in: {
      std::string list;
      for (const Value& value : filter.values) list += (list.empty() ? "" : ", ") + sql.param(value);
      return expression + " IN (" + list + ")";
    }
    case FilterOp::like: {
      const std::string pattern = sql.param("%" + escape_like(*filter.values.at(0).get_if<std::string>()) + "%");
      return dialect == Dialect::sqlite ? expression + " LIKE " + pattern + " ESCAPE '\\'"
                                        : expression + " ILIKE " + pattern + " ESCAPE '\\'";
    }
    case FilterOp::is_null: break;
  }
  return "1 = 1";
}

namespace {

// Every term of `q` must occur in the record's search text. SQLite answers terms of three or
// more characters from the FTS5 trigram index; shorter ones (two-character Chinese names) and
// PostgreSQL (pg_trgm's GIN index serves LIKE) use LIKE on the search text.
std::string search_sql(const EntitySpec& spec, std::string_view q, Dialect dialect, Sql& sql) {
  std::string conditions;
  std::string term;
  auto flush = [&] {
    if (term.empty()) return;
    std::string condition;
    const std::string lowered = lower_ascii(term);
    if (dialect == Dialect::sqlite && utf8_length(lowered).value_or(0) >= 3) {
      std::string phrase = "\"";
      for (char c : lowered) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
      phrase += "\"";
      condition = "t.id IN (SELECT rowid FROM " + sql_name(spec.table + "_fts") + " WHERE " + sql_name(spec.table + "_fts") +
                  " MATCH " + sql.param(phrase) + ")";
    } else {
      condition = "t.search_text LIKE " + sql.param("%" + escape_like(lowered) + "%") + " ESCAPE '\\'";
    }
    conditions += (conditions.empty() ? "" : " AND ") + condition;
    term.clear();
  };
  for (std::size_t i = 0; i < q.size();) {
    if (q[i] == ' ' || q[i] == '\t') {
      flush();
      ++i;
    } else if (q.substr(i).starts_with("\xE3\x80\x80")) {
      flush();
      i += 3;
    } else {
      term += q[i++];
    }
  }
  flush();
  return conditions;
}

Result<Value> system_value(const Record& record, std::string_view name) {
  if (name == "id") return Value(record.id);
  if (name == "company_id") return Value(record.company_id);
  if (name == "owner_id") return Value(record.owner_id);
  if (name == "department_id") return Value(record.department_id);
  if (name == "version") return Value(record.version);
  if (name == "created_at") return Value(record.created_at);
  if (name == "updated_at") return Value(record.updated_at);
  return make_error(ErrorKind::internal, "error.internal", "not a system field");
}

}  // namespace

Result<ListQuery> EntityStore::parse_list_query(const EntitySpec& spec, const std::vector<Field>& fields,
                                                const security::Principal& principal,
                                                const std::vector<std::pair<std::string, std::string>>& params) const {
  ListQuery query;
  std::string sort = spec.default_sort;
  std::vector<FieldError> errors;
  auto visible = [&](const Field* field) {
    return field != nullptr && principal.field_access(spec.name, field->name) != security::FieldAccess::hidden;
  };
  for (const auto& [name, value] : params) {
    if (name.empty()) continue;  // a bare "?" or "&&"
    if (name == "q") {
      if (value.size() > 200) errors.push_back({"q", "too_long", "field.too_long", {{"max", "200"}}});
      query.q = value;
    } else if (name == "sort") {
      sort = value;
    } else if (name == "limit") {
      int limit = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), limit);
      if (ec != std::errc() || end != value.data() + value.size() || limit < 1 || limit > 500) {
        errors.push_back({"limit", "out_of_range", "entity.limit_range", {{"max", "500"}}});
      } else {
        query.limit = limit;
      }
    } else if (name == "cursor") {
      query.cursor = value;
    } else if (name == "archived") {
      if (value == "true" || value == "only") query.archived = ArchivedFilter::archived;
      else if (value == "all") query.archived = ArchivedFilter::all;
      else if (value == "false") query.archived = ArchivedFilter::active;
      else errors.push_back({"archived", "not_an_option", "entity.not_an_option", {{"options", "true, false, all"}}});
    } else if (name == "format" || name == "async" || name == "locale" || name == "confirm_duplicates") {
      continue;  // the route's business
    } else {
      const auto dot = name.find('.');
      const std::string field_name = name.substr(0, dot);
      const std::string op_text = dot == std::string::npos ? "eq" : name.substr(dot + 1);
      const Field* field = find_field(fields, field_name);
      if (!visible(field)) {
        errors.push_back({name, "unknown_field", "entity.unknown_filter", {}});
        continue;
      }
      if (!field->filterable()) {
        errors.push_back({name, "not_filterable", "entity.not_filterable", {}});
        continue;
      }
      auto op = parse_op(op_text);
      if (!op) {
        errors.push_back({name, "unknown_operator", "entity.unknown_operator",
                          {{"operators", "eq, ne, gt, gte, lt, lte, in, like, is_null"}}});
        continue;
      }
      Filter filter{.field = field_name, .op = *op};
      if (*op == FilterOp::is_null) {
        if (value != "true" && value != "false") {
          errors.push_back({name, "not_boolean", "field.not_boolean", {}});
          continue;
        }
        filter.values.push_back(Value(value == "true"));
      } else if ((field->is_set() || field->kind == FieldKind::boolean) &&
                 (*op == FilterOp::gt || *op == FilterOp::gte || *op == FilterOp::lt || *op == FilterOp::lte ||
                  *op == FilterOp::like)) {
        // A set of tags or a yes/no has no order and no substrings.
        errors.push_back({name, "unknown_operator", "entity.unknown_operator", {{"operators", "eq, ne, in, is_null"}}});
        continue;
      } else if (*op == FilterOp::like) {
        if (!field->is_text_like()) {
          errors.push_back({name, "not_text", "entity.like_needs_text", {}});
          continue;
        }
        filter.values.push_back(Value(value));
      } else {
        const auto parts = *op == FilterOp::in ? split(value, ',') : std::vector<std::string_view>{value};
        if (parts.size() > 100) {
          errors.push_back({name, "too_many", "entity.too_many_values", {{"max", "100"}}});
          continue;
        }
        for (std::string_view part : parts) {
          Field as_filter = *field;
          as_filter.required = false;
          // Tags and enums filter by one value; an enum value may also be written as its label.
          auto decoded = decode_cell(as_filter, part, name, errors);
          if (!decoded) continue;
          if (decoded->is_null()) {
            errors.push_back({name, "required", "field.required", {}});
            continue;
          }
          if (field->is_set()) {
            auto json = encode_json(*field, *decoded);
            if (json.is_array() && !json.as_array().empty()) {
              const auto& first = json.as_array()[0];
              filter.values.push_back(first.is_int64() ? Value(first.as_int64())
                                                       : Value(std::string(first.as_string())));
            }
            continue;
          }
          filter.values.push_back(std::move(*decoded));
        }
        if (filter.values.empty()) continue;
      }
      query.filters.push_back(std::move(filter));
    }
  }
  if (!sort.empty()) {
    query.descending = sort.front() == '-';
    const std::string sort_name = query.descending ? sort.substr(1) : sort;
    const Field* field = find_field(fields, sort_name);
    if (!visible(field) || !field->filterable() || field->is_set()) {
      errors.push_back({"sort", "not_sortable", "entity.not_sortable", {}});
    } else {
      query.sort_field = sort_name;
    }
  }
  if (!errors.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(errors);
    return error;
  }
  return query;
}

Result<Page> EntityStore::list(const EntitySpec& spec, const std::vector<Field>& fields,
                               const security::Principal& principal, const ListQuery& query) const {
  const Dialect dialect = database_.dialect();
  Sql sql;
  auto scope = detail::scope_condition(spec, principal, "read", sql);
  if (!scope) return scope.error();
  std::string where = *scope;
  switch (query.archived) {
    case ArchivedFilter::active: where += " AND t.archived_at IS NULL"; break;
    case ArchivedFilter::archived: where += " AND t.archived_at IS NOT NULL"; break;
    case ArchivedFilter::all: break;
  }
  for (const Filter& filter : query.filters) {
    const Field* field = find_field(fields, filter.field);
    if (field == nullptr) continue;
    where += " AND " + detail::filter_sql(*field, filter, dialect, sql);
  }
  if (!query.q.empty()) {
    const std::string search = search_sql(spec, query.q, dialect, sql);
    if (!search.empty()) where += " AND " + search;
  }

  const Field* sort_field = query.sort_field.empty() ? nullptr : find_field(fields, query.sort_field);
  const std::string direction = query.descending ? "DESC" : "ASC";
  const std::string comparison = query.descending ? " < " : " > ";
  std::string order;
  std::string sort_expression;
  // A declared required field (and most system columns) is never null, so the NULLs-last
  // term is left out and an index on the column can deliver the order.
  bool nullable = true;
  if (sort_field != nullptr && sort_field->name != "id") {
    sort_expression = detail::field_expression(*sort_field, dialect);
    const std::string& name = sort_field->name;
    nullable = !((sort_field->required && !sort_field->custom) || name == "version" || name == "created_at" ||
                 name == "updated_at" || (name == "company_id" && spec.company_scoped));
    // NULLs last in both directions, on both databases.
    order = (nullable ? "(" + sort_expression + " IS NULL), " : std::string()) + sort_expression + " " + direction +
            ", t.id " + direction;
  } else {
    order = "t.id " + direction;
  }

  if (!query.cursor.empty()) {
    auto text = from_hex(query.cursor);
    boost::system::error_code ec;
    boost::json::value cursor;
    if (text) cursor = boost::json::parse(*text, ec);
    const boost::json::value* last_id = (!ec && cursor.is_object()) ? cursor.as_object().if_contains("id") : nullptr;
    if (last_id == nullptr || !last_id->is_int64()) {
      Error error = make_error(ErrorKind::validation, "error.validation");
      error.fields.push_back({"cursor", "invalid", "entity.invalid_cursor", {}});
      return error;
    }
    const std::string id_param = sql.param(last_id->as_int64());
    if (sort_expression.empty()) {
      where += " AND t.id" + comparison + id_param;
    } else {
      const boost::json::value* last = cursor.as_object().if_contains("v");
      std::vector<FieldError> ignored;
      std::optional<Value> value;
      if (last != nullptr && !last->is_null()) value = decode_json(*sort_field, *last, "cursor", ignored);
      if (value && !value->is_null()) {
        const std::string v = sql.param(*value);
        // A row-value comparison, which both databases answer from an index on the column.
        const std::string after = "(" + sort_expression + ", t.id)" + comparison + "(" + v + ", " + id_param + ")";
        where += nullable ? " AND (" + sort_expression + " IS NULL OR " + after + ")" : " AND " + after;
      } else {
        where += " AND " + sort_expression + " IS NULL AND t.id" + comparison + id_param;
      }
    }
  }

  const int limit = std::clamp(query.limit, 1, kExportLimit);
  sql.text = "SELECT " + detail::select_list(spec) + " FROM " + sql_name(spec.table) + " t WHERE " + where +
             " ORDER BY " + order + " LIMIT " + std::to_string(limit + 1);
  auto rows = database_.read([&](Connection& c) { return c.query(sql.text, sql.params); });
  if (!rows) return rows.error();

  Page page;
  for (const auto& row : *rows) {
    if (static_cast<int>(page.records.size()) == limit) {
      const Record& last = page.records.back();
      boost::json::object cursor{{"id", last.id}};
      if (sort_field != nullptr && sort_field->name != "id") {
        if (detail::system_fields().end() !=
            std::find_if(detail::system_fields().begin(), detail::system_fields().end(),
                         [&](const Field& f) { return f.name == sort_field->name; })) {
          auto value = system_value(last, sort_field->name);
          cursor["v"] = value ? encode_json(*sort_field, *value) : boost::json::value(nullptr);
        } else {
          cursor["v"] = encode_json(*sort_field, last.get(sort_field->name));
        }
      }
      page.next_cursor = to_hex(boost::json::serialize(cursor));
      break;
    }
    auto record = detail::read_record(spec, fields, row, cipher_);
    if (!record) return record.error();
    page.records.push_back(std::move(*record));
  }
  return page;
}

}  // namespace verp::entity
