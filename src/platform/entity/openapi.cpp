#include "platform/entity/openapi.hpp"

#include <boost/json.hpp>

namespace verp::entity {
namespace {

using boost::json::array;
using boost::json::object;

object field_schema(const Field& field) {
  object schema;
  switch (field.kind) {
    case FieldKind::integer:
    case FieldKind::link:
    case FieldKind::attachment:
      schema["type"] = "integer";
      if (field.kind == FieldKind::integer && field.minimum) schema["minimum"] = static_cast<std::int64_t>(field.minimum->units());
      if (field.kind == FieldKind::integer && field.maximum) schema["maximum"] = static_cast<std::int64_t>(field.maximum->units());
      break;
    case FieldKind::decimal:
    case FieldKind::money:
    case FieldKind::quantity:
      schema["type"] = "string";
      schema["pattern"] = "^-?[0-9]+(\\.[0-9]{1," + std::to_string(std::max(1, field.effective_scale())) + "})?$";
      schema["examples"] = array{field.kind == FieldKind::money ? "1234.50" : "12.5"};
      break;
    case FieldKind::boolean: schema["type"] = "boolean"; break;
    case FieldKind::date:
      schema["type"] = "string";
      schema["format"] = "date";
      break;
    case FieldKind::datetime:
      schema["type"] = "string";
      schema["format"] = "date-time";
      break;
    case FieldKind::enumeration: {
      schema["type"] = "string";
      array values;
      for (const auto& option : field.options) values.emplace_back(boost::json::string(option.value));
      schema["enum"] = std::move(values);
      break;
    }
    case FieldKind::tags:
      schema["type"] = "array";
      schema["items"] = object{{"type", "string"}, {"maxLength", field.effective_max_length()}};
      schema["uniqueItems"] = true;
      break;
    case FieldKind::links:
      schema["type"] = "array";
      schema["items"] = object{{"type", "integer"}};
      schema["uniqueItems"] = true;
      break;
    case FieldKind::json: schema["type"] = array{"object", "array"}; break;
    case FieldKind::email:
    case FieldKind::phone:
    case FieldKind::url:
    case FieldKind::text:
      schema["type"] = "string";
      schema["maxLength"] = field.effective_max_length();
      if (field.min_length > 0) schema["minLength"] = field.min_length;
      if (field.kind == FieldKind::email) schema["format"] = "email";
      if (field.kind == FieldKind::url) schema["format"] = "uri";
      if (!field.pattern.empty()) schema["pattern"] = "^(?:" + field.pattern + ")$";
      break;
  }
  std::string description = field.label.en + " (" + field.label.zh + ")";
  if (!field.help.empty()) description += ". " + field.help.en;
  if (field.kind == FieldKind::link) description += ". The id of a " + field.link_to + ".";
  if (field.kind == FieldKind::links) description += ". Ids of " + field.link_to + " records.";
  if (field.sensitive) description += ". Stored encrypted.";
  schema["description"] = description;
  if (!field.required) {
    // null clears an optional field.
    object nullable{{"anyOf", array{schema, object{{"type", "null"}}}}, {"description", description}};
    return nullable;
  }
  return schema;
}

object record_schema(const EntitySpec& spec) {
  object properties{{"id", object{{"type", "integer"}}},
                    {"company_id", object{{"type", array{"integer", "null"}}}},
                    {"owner_id", object{{"type", array{"integer", "null"}}}},
                    {"department_id", object{{"type", array{"integer", "null"}}}},
                    {"version", object{{"type", "integer"}, {"description", "Send it back with a PATCH."}}},
                    {"archived", object{{"type", "boolean"}}},
                    {"created_at", object{{"type", "string"}, {"format", "date-time"}}},
                    {"created_by", object{{"type", array{"integer", "null"}}}},
                    {"updated_at", object{{"type", "string"}, {"format", "date-time"}}},
                    {"updated_by", object{{"type", array{"integer", "null"}}}}};
  for (const Field& field : spec.fields) properties[field.name] = field_schema(field);
  return object{{"type", "object"},
                {"description", spec.label.en + " (" + spec.label.zh +
                                    "). Fields hidden from the caller are left out; custom fields (x_…) may appear."},
                {"properties", std::move(properties)},
                {"required", array{"id", "version"}}};
}

object input_schema(const EntitySpec& spec) {
  object properties;
  array required;
  for (const Field& field : spec.fields) {
    if (field.read_only) continue;
    properties[field.name] = field_schema(field);
    if (field.required && !field.default_value) required.emplace_back(boost::json::string(field.name));
  }
  properties["owner_id"] = object{{"type", "integer"}, {"description", "A member of the company; defaults to the caller."}};
  properties["version"] = object{{"type", "integer"}, {"description", "Required by PATCH: the version that was read."}};
  return object{{"type", "object"},
                {"description", "Create: the required fields; PATCH: any fields plus version. Custom fields (x_…) are "
                                "accepted as declared at /api/v1/meta/entities/" + spec.name + "."},
                {"properties", std::move(properties)},
                {"additionalProperties", true},
                {"x-required-on-create", std::move(required)}};
}

object json_content(object schema) { return object{{"application/json", object{{"schema", std::move(schema)}}}}; }
object schema_ref(const std::string& name) { return object{{"$ref", "#/components/schemas/" + name}}; }

object query(const std::string& name, object schema, std::string description) {
  return object{{"name", name}, {"in", "query"}, {"schema", std::move(schema)}, {"description", std::move(description)}};
}

}  // namespace

std::string openapi_schemas(const Registry& registry) {
  object schemas;
  for (const auto& spec : registry.all()) {
    schemas[spec->name] = record_schema(*spec);
    schemas[spec->name + "_input"] = input_schema(*spec);
  }
  return boost::json::serialize(schemas);
}

std::string openapi_operation(const EntitySpec& spec, std::string_view operation) {
  const std::string label = spec.label.en;
  object op{{"tags", array{boost::json::string(label)}}};
  auto responds = [&](const char* status, std::string description, std::optional<object> schema = std::nullopt) {
    object response{{"description", std::move(description)}};
    if (schema) response["content"] = json_content(std::move(*schema));
    if (!op.contains("responses")) op["responses"] = object();
    op["responses"].as_object()[status] = std::move(response);
  };
  if (operation == "list") {
    std::string filters;
    for (const Field& field : spec.fields) {
      if (field.filterable()) filters += (filters.empty() ? "" : ", ") + field.name;
    }
    op["summary"] = "List " + label + " records, or export them (format=csv|xlsx)";
    op["description"] = "Filter on any field with `field=value` or `field.op=value`, op one of eq, ne, gt, gte, lt, "
                        "lte, in (comma-separated), like, is_null (true|false). Filterable fields: " + filters + ".";
    op["parameters"] = array{
        query("q", object{{"type", "string"}, {"maxLength", 200}}, "Full-text search; every term must occur."),
        query("sort", object{{"type", "string"}}, "A field name, '-' for descending."),
        query("limit", object{{"type", "integer"}, {"minimum", 1}, {"maximum", 500}}, "Page size (default 50)."),
        query("cursor", object{{"type", "string"}}, "next_cursor of the previous page."),
        query("archived", object{{"type", "string"}, {"enum", array{"false", "true", "all"}}}, "Archived records."),
        query("format", object{{"type", "string"}, {"enum", array{"csv", "xlsx"}}}, "Export every matching record."),
        query("async", object{{"type", "boolean"}},
              "With format: make the file in a background job (202 with the job; download it from /api/v1/jobs/{id}/file).")};
    responds("200", "A page of records, or the export file",
             object{{"type", "object"},
                    {"properties", object{{"items", object{{"type", "array"}, {"items", schema_ref(spec.name)}}},
                                          {"next_cursor", object{{"type", array{"string", "null"}}}}}}});
  } else if (operation == "create") {
    op["summary"] = "Create a " + label;
    op["parameters"] = array{query("confirm_duplicates", object{{"type", "boolean"}},
                                   "Create even when similar records exist (otherwise 409 with `duplicates`).")};
    op["requestBody"] = object{{"required", true}, {"content", json_content(schema_ref(spec.name + "_input"))}};
    responds("201", "Created", schema_ref(spec.name));
  } else if (operation == "get" || operation == "restore" || operation == "restore_version") {
    op["summary"] = operation == "get" ? "Get a " + label
                                       : (operation == "restore" ? "Restore an archived " + label
                                                                 : "Make an old version of a " + label + " current again");
    responds("200", "The record", schema_ref(spec.name));
  } else if (operation == "patch") {
    op["summary"] = "Change a " + label + " (send the version you read; a stale one is 409)";
    op["requestBody"] = object{{"required", true}, {"content", json_content(schema_ref(spec.name + "_input"))}};
    responds("200", "The changed record", schema_ref(spec.name));
  } else if (operation == "delete") {
    op["summary"] = "Delete a " + label + ", or archive it when other records refer to it";
    responds("204", "Deleted");
    responds("200", "Archived", object{{"type", "object"}});
  } else if (operation == "bulk") {
    op["summary"] = "One action on many " + label + " records, all or nothing";
    op["requestBody"] = object{
        {"required", true},
        {"content",
         json_content(object{{"type", "object"},
                             {"required", array{"action", "ids"}},
                             {"properties", object{{"action", object{{"type", "string"},
                                                                    {"enum", array{"archive", "restore", "delete", "update"}}}},
                                                   {"ids", object{{"type", "array"}, {"items", object{{"type", "integer"}}}}},
                                                   {"values", schema_ref(spec.name + "_input")}}}})}};
    responds("200", "How many records the action reached", object{{"type", "object"}});
  } else if (operation == "import") {
    op["summary"] = "Import " + label + " records from CSV or XLSX (dry run by default)";
    op["parameters"] = array{
        query("mode", object{{"type", "string"}, {"enum", array{"dry_run", "all", "valid"}}}, "What to commit."),
        query("confirm_duplicates", object{{"type", "boolean"}}, "Import rows that look like existing records.")};
    op["requestBody"] = object{
        {"required", true},
        {"content", object{{"text/csv", object{{"schema", object{{"type", "string"}}}}},
                           {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            object{{"schema", object{{"type", "string"}, {"contentEncoding", "binary"}}}}}}}};
    responds("200", "The report: rows, valid rows, created, problems by row and field", object{{"type", "object"}});
  } else if (operation == "versions" || operation == "version" || operation == "diff") {
    op["summary"] = operation == "versions" ? "The versions of a " + label
                                            : (operation == "version" ? "A " + label + " as it was at one version"
                                                                      : "What changed between two versions");
    if (operation == "diff") {
      op["parameters"] = array{query("from", object{{"type", "integer"}}, "The older version."),
                               query("to", object{{"type", "integer"}}, "The newer version.")};
    }
    responds("200", "OK", object{{"type", "object"}});
  } else if (operation == "attach") {
    op["summary"] = "Attach a file to a " + label + " (multipart/form-data, part \"file\")";
    op["requestBody"] = object{
        {"required", true},
        {"content", object{{"multipart/form-data",
                            object{{"schema", object{{"type", "object"},
                                                     {"properties", object{{"file", object{{"type", "string"},
                                                                                           {"contentEncoding", "binary"}}}}}}}}}}}};
    responds("201", "The attachment", object{{"type", "object"}});
  } else if (operation == "detach") {
    op["summary"] = "Remove an attachment";
    responds("204", "Removed");
  } else {
    op["summary"] = operation == "attachments" ? "The attachments of a " + label
                                               : (operation == "download" ? "Download an attachment" : "An attachment's thumbnail (PNG)");
    responds("200", "OK");
  }
  return boost::json::serialize(op);
}

}  // namespace verp::entity
