// /api/v1/meta/entities: each entity's declaration as the UI needs it, filtered by the
// caller's permissions and field rules; and the custom-field administration.
#include <boost/json.hpp>

#include "platform/entity/routes.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace verp::entity {

using http::Access;
using http::Request;
using http::Response;
using web::caller_of;
using web::problem;

namespace {

boost::json::object local(const LocalText& text) { return {{"zh-CN", text.zh}, {"en", text.en}}; }

boost::json::object field_json(const EntitySpec& spec, const Field& field, const security::Principal& principal,
                               std::string_view locale) {
  const auto access = principal.field_access(spec.name, field.name);
  boost::json::object json{{"name", field.name},
                           {"kind", to_string(field.kind)},
                           {"label", field.label.in(locale)},
                           {"labels", local(field.label)},
                           {"required", field.required},
                           {"read_only", field.read_only || access == security::FieldAccess::read_only},
                           {"searchable", field.searchable},
                           {"sensitive", field.sensitive},
                           {"filterable", field.filterable()},
                           {"in_list", field.in_list},
                           {"custom", field.custom},
                           {"unique", field.unique == Uniqueness::none      ? "none"
                                      : field.unique == Uniqueness::company ? "company"
                                                                            : "global"}};
  if (!field.help.empty()) json["help"] = field.help.in(locale);
  if (!field.section.empty()) json["section"] = field.section;
  if (field.is_text_like() && field.kind != FieldKind::enumeration) {
    json["max_length"] = field.effective_max_length();
    if (field.min_length > 0) json["min_length"] = field.min_length;
    if (!field.pattern.empty()) json["pattern"] = field.pattern;
  }
  if (field.is_decimal_like()) json["scale"] = field.effective_scale();
  if (field.minimum) json["minimum"] = field.minimum->to_string();
  if (field.maximum) json["maximum"] = field.maximum->to_string();
  if (field.default_value) json["default"] = *field.default_value;
  if (!field.link_to.empty()) json["link_to"] = field.link_to;
  if (!field.options.empty()) {
    boost::json::array options;
    for (const auto& option : field.options) {
      options.push_back({{"value", option.value}, {"label", option.label.in(locale)}, {"labels", local(option.label)}});
    }
    json["options"] = std::move(options);
  }
  return json;
}

boost::json::object entity_summary(const EntitySpec& spec, const security::Principal& principal, std::string_view locale) {
  boost::json::array actions;
  for (const char* action : {"read", "create", "update", "delete", "export", "import"}) {
    if (principal.may(spec.name, action)) actions.emplace_back(boost::json::string(action));
  }
  return {{"name", spec.name},
          {"path", "/api/v1/" + spec.path},
          {"label", spec.label.in(locale)},
          {"labels", local(spec.label)},
          {"title_field", spec.title_field},
          {"code_field", spec.code_field},
          {"company_scoped", spec.company_scoped},
          {"actions", std::move(actions)}};
}

}  // namespace

void add_meta_routes(http::Router& router, std::shared_ptr<const EntityServices> services) {
  auto s = services;

  router.get("/api/v1/meta/entities", [s](Request& request) {
    boost::json::array items;
    for (const auto& spec : s->registry.all()) {
      if (request.principal->may(spec->name, "read")) items.push_back(entity_summary(*spec, *request.principal, request.locale));
    }
    return http::json_response(200, boost::json::object{{"items", std::move(items)}});
  }, {.access = Access::signed_in()});

  auto readable = [s](Request& request) -> const EntitySpec* {
    const EntitySpec* spec = s->registry.find(request.param("name"));
    if (spec == nullptr || !request.principal->may(spec->name, "read")) return nullptr;
    return spec;
  };

  router.get("/api/v1/meta/entities/{name}", [s, readable](Request& request) {
    const EntitySpec* spec = readable(request);
    if (spec == nullptr) return problem(*s, make_error(ErrorKind::not_found, "entity.unknown_entity"), request);
    auto fields = s->store.fields_for(*spec, request.principal->company_id);
    if (!fields) return problem(*s, fields.error(), request);
    boost::json::object json = entity_summary(*spec, *request.principal, request.locale);
    boost::json::array list;
    for (const Field& field : *fields) {
      if (request.principal->field_access(spec->name, field.name) == security::FieldAccess::hidden) continue;
      list.push_back(field_json(*spec, field, *request.principal, request.locale));
    }
    json["fields"] = std::move(list);
    return http::json_response(200, json);
  }, {.access = Access::signed_in()});

  router.post("/api/v1/meta/entities/{name}/custom-fields", [s](Request& request) {
    const EntitySpec* spec = s->registry.find(request.param("name"));
    if (spec == nullptr) return problem(*s, make_error(ErrorKind::not_found, "entity.unknown_entity"), request);
    boost::system::error_code ec;
    auto body = boost::json::parse(request.body, ec);
    if (ec || !body.is_object()) return problem(*s, make_error(ErrorKind::validation, "http.bad_request"), request);
    auto field = add_custom_field(s->database, s->clock, s->registry, *spec, *request.principal, body.as_object(),
                                  caller_of(request));
    if (!field) return problem(*s, field.error(), request);
    return http::json_response(201, field_json(*spec, *field, *request.principal, request.locale));
  }, {.access = Access::permission("custom_field", "create")});

  router.del("/api/v1/meta/entities/{name}/custom-fields/{field}", [s](Request& request) {
    const EntitySpec* spec = s->registry.find(request.param("name"));
    if (spec == nullptr) return problem(*s, make_error(ErrorKind::not_found, "entity.unknown_entity"), request);
    Status removed = remove_custom_field(s->database, s->clock, *spec, *request.principal, request.param("field"),
                                         caller_of(request));
    if (!removed) return problem(*s, removed.error(), request);
    return Response::no_content();
  }, {.access = Access::permission("custom_field", "delete")});
}

}  // namespace verp::entity
