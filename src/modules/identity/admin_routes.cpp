// Administration routes: users, roles, member companies, the access review.
#include <boost/json.hpp>

#include "modules/identity/administration.hpp"
#include "modules/identity/records.hpp"
#include "modules/identity/role_templates.hpp"
#include "modules/identity/web.hpp"
#include "platform/export/table.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/table_download.hpp"
#include "platform/storage/value.hpp"

namespace verp::identity {
namespace {

using http::Access;
using http::JsonBody;
using http::Request;
using http::Response;

std::string time_text(const std::optional<Clock::TimePoint>& at) {
  return at ? storage::Timestamp::from_system(*at).to_string() : std::string();
}

// Fields a role hides (field rules on resource "user") are left out, not blanked.
boost::json::object user_json(const UserSummary& u, const security::Principal& viewer) {
  boost::json::array roles;
  for (const auto& r : u.roles) roles.push_back(boost::json::string(r));
  boost::json::object out{{"id", u.id},
                          {"user_name", u.user_name},
                          {"display_name", u.display_name},
                          {"email", u.email},
                          {"is_active", u.active},
                          {"totp_enabled", u.totp_enabled},
                          {"must_change_password", u.must_change_password},
                          {"roles", roles},
                          {"version", u.version}};
  if (u.last_sign_in_at) out["last_sign_in_at"] = time_text(u.last_sign_in_at);
  for (const auto& rule : viewer.field_rules) {
    if (viewer.field_access("user", rule.field) == security::FieldAccess::hidden) out.erase(rule.field);
  }
  return out;
}

boost::json::object role_json(const RoleSummary& role) {
  boost::json::array grants, rules;
  for (const auto& g : role.grants) {
    grants.push_back({{"resource", g.resource}, {"action", g.action}, {"scope", std::string(to_string(g.scope))}});
  }
  for (const auto& r : role.field_rules) {
    rules.push_back({{"resource", r.resource}, {"field", r.field}, {"access", std::string(to_string(r.access))}});
  }
  return {{"id", role.id},   {"version", role.version}, {"code", role.code},     {"name", role.name},          {"requires_mfa", role.requires_mfa},
          {"grants", grants}, {"field_rules", rules}, {"is_template", role.is_template}};
}

std::vector<security::Grant> grants_from(JsonBody& body) {
  std::vector<security::Grant> grants;
  const auto* list = body.raw("grants");
  if (list == nullptr) return grants;
  if (!list->is_array()) {
    body.add_error("grants", "not_list", "field.not_list");
    return grants;
  }
  for (const auto& item : list->as_array()) {
    const auto* object = item.if_object();
    const auto* resource = object ? object->if_contains("resource") : nullptr;
    const auto* action = object ? object->if_contains("action") : nullptr;
    if (resource == nullptr || action == nullptr || !resource->is_string() || !action->is_string()) {
      body.add_error("grants", "invalid_grant", "identity.invalid_grant");
      return {};
    }
    security::Grant grant{std::string(resource->as_string()), std::string(action->as_string()),
                          security::DataScope::company};
    if (const auto* scope = object->if_contains("scope"); scope && scope->is_string()) {
      if (auto known = parse_data_scope(scope->as_string())) grant.scope = *known;
      else body.add_error("grants", "invalid_scope", "identity.invalid_scope");
    }
    grants.push_back(std::move(grant));
  }
  return grants;
}

std::vector<security::FieldRule> field_rules_from(JsonBody& body) {
  std::vector<security::FieldRule> rules;
  const auto* list = body.raw("field_rules");
  if (list == nullptr) return rules;
  if (!list->is_array()) {
    body.add_error("field_rules", "not_list", "field.not_list");
    return rules;
  }
  for (const auto& item : list->as_array()) {
    const auto* object = item.if_object();
    const auto* resource = object ? object->if_contains("resource") : nullptr;
    const auto* field = object ? object->if_contains("field") : nullptr;
    const auto* access = object ? object->if_contains("access") : nullptr;
    if (resource == nullptr || field == nullptr || access == nullptr || !resource->is_string() || !field->is_string() ||
        !access->is_string() || (access->as_string() != "hidden" && access->as_string() != "read_only")) {
      body.add_error("field_rules", "invalid_field_rule", "identity.invalid_field_rule");
      return {};
    }
    rules.push_back({std::string(resource->as_string()), std::string(field->as_string()),
                     access->as_string() == "hidden" ? security::FieldAccess::hidden : security::FieldAccess::read_only});
  }
  return rules;
}

// Sends a table as a CSV or XLSX download, after recording the export in the audit log.
Response download(IdentityService& service, const Request& request, const exporting::Table& table,
                  const std::string& format, const std::string& target_type, const std::string& file) {
  const auto& p = *request.principal;
  Status logged = service.database().write([&](storage::Connection& c) -> Status {
    auto appended = audit::append(c, internal::audit_entry(service.clock(), caller_of(request), p.user_id, p.user_name,
                                                           p.company_id, "export", target_type, "",
                                                           audit::detail_json({{"rows", std::to_string(table.rows.size())},
                                                                               {"format", format}})));
    if (!appended) return appended.error();
    return {};
  });
  if (!logged) return problem(logged.error(), request);
  auto response = http::table_download(table, format, file);
  if (!response) return problem(response.error(), request);
  return std::move(response.value());
}

// The same columns as the JSON list, minus the fields the viewer's roles hide.
Response export_users(IdentityService& service, const Request& request, const std::vector<UserSummary>& users,
                      const std::string& format) {
  const auto& catalog = i18n::Catalog::built_in();
  exporting::Table table;
  table.sheet_name = catalog.text(request.locale, "identity.users.sheet");
  std::vector<std::string> columns;
  for (const char* field : {"user_name", "display_name", "email", "is_active", "totp_enabled", "last_sign_in_at", "roles"}) {
    if (request.principal->field_access("user", field) == security::FieldAccess::hidden) continue;
    columns.emplace_back(field);
    table.headers.push_back(catalog.text(request.locale, std::string("identity.users.") + field));
  }
  for (const auto& user : users) {
    auto json = user_json(user, *request.principal);
    std::vector<std::string> row;
    for (const auto& column : columns) {
      const auto* value = json.if_contains(column);
      if (value == nullptr) row.emplace_back();
      else if (value->is_string()) row.emplace_back(value->as_string());
      else if (value->is_array()) {
        std::string joined;
        for (const auto& item : value->as_array()) joined += (joined.empty() ? "" : "; ") + std::string(item.as_string());
        row.push_back(joined);
      } else row.push_back(boost::json::serialize(*value));
    }
    table.rows.push_back(std::move(row));
  }
  return download(service, request, table, format, "user", "users");
}

// The periodic access review leaves the system as a spreadsheet for sign-off; the export itself
// is audited.
Response export_access_review(IdentityService& service, const Request& request, const std::vector<AccessReviewRow>& rows,
                              const std::string& format) {
  const auto& catalog = i18n::Catalog::built_in();
  const std::string& locale = request.locale;
  exporting::Table table;
  table.sheet_name = catalog.text(locale, "identity.review.sheet");
  for (const char* id : {"identity.review.user_name", "identity.review.display_name", "identity.review.active",
                         "identity.review.mfa", "identity.review.last_sign_in", "identity.review.unused",
                         "identity.review.roles", "identity.review.permissions"}) {
    table.headers.push_back(catalog.text(locale, id));
  }
  auto yes_no = [&](bool value) { return catalog.text(locale, value ? "identity.review.yes" : "identity.review.no"); };
  auto join = [](const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : "; ") + item;
    return out;
  };
  for (const auto& row : rows) {
    table.rows.push_back({row.user_name, row.display_name, yes_no(row.active), yes_no(row.totp_enabled),
                          time_text(row.last_sign_in_at), yes_no(row.unused), join(row.roles), join(row.permissions)});
  }
  return download(service, request, table, format, "access_review", "access-review");
}

}  // namespace

void add_admin_routes(http::Router& router, IdentityService& service) {
  auto admin = std::make_shared<Administration>(service);

  router.get("/api/v1/users", [admin, &service](Request& request) {
    auto users = admin->list_users(*request.principal);
    if (!users) return problem(users.error(), request);
    const std::string* format = request.query_param("format");
    if (format != nullptr && http::is_download_format(*format)) {
      if (!request.principal->may("user", "export")) return problem(make_error(ErrorKind::forbidden, "error.forbidden"), request);
      return export_users(service, request, *users, *format);
    }
    boost::json::array items;
    for (const auto& u : *users) items.push_back(user_json(u, *request.principal));
    return http::json_response(200, boost::json::object{{"items", items}, {"next_cursor", nullptr}});
  }, {.access = Access::permission("user", "read")});

  router.post("/api/v1/users", [admin](Request& request) {
    JsonBody body(request);
    body.allow_only({"user_name", "display_name", "email", "roles", "department_id"});
    NewUser user;
    user.user_name = body.text("user_name", {.required = true, .min_length = 2, .max_length = 64});
    user.display_name = body.text("display_name", {.required = true, .max_length = 100});
    user.email = body.text("email", {.max_length = 200});
    user.role_codes = body.text_list("roles");
    user.department_id = body.integer("department_id");
    if (!body.ok()) return problem(body.error(), request);
    auto created = admin->create_user(*request.principal, user, caller_of(request));
    if (!created) return problem(created.error(), request);
    auto out = user_json(created->user, *request.principal);
    out["temporary_password"] = created->temporary_password;
    return http::json_response(201, out);
  }, {.access = Access::permission("user", "create")});

  router.get("/api/v1/users/{id}", [admin](Request& request) {
    auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto user = admin->get_user(*request.principal, *id);
    if (!user) return problem(user.error(), request);
    return http::json_response(200, user_json(*user, *request.principal));
  }, {.access = Access::permission("user", "read")});

  router.patch("/api/v1/users/{id}", [admin](Request& request) {
    auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    JsonBody body(request);
    body.allow_only({"display_name", "email", "is_active", "version"});
    UserPatch patch;
    auto version = body.integer("version", true);
    patch.display_name = body.optional_text("display_name", {.max_length = 100});
    patch.email = body.optional_text("email", {.max_length = 200});
    patch.active = body.boolean("is_active");
    // A field a role makes read-only (or hides) cannot be changed by it either.
    for (const char* field : {"display_name", "email", "is_active"}) {
      if (body.has(field) && request.principal->field_access("user", field) != security::FieldAccess::editable) {
        body.add_error(field, "read_only", "field.read_only");
      }
    }
    if (!body.ok()) return problem(body.error(), request);
    patch.version = *version;
    auto user = admin->update_user(*request.principal, *id, patch, caller_of(request));
    if (!user) return problem(user.error(), request);
    return http::json_response(200, user_json(*user, *request.principal));
  }, {.access = Access::permission("user", "update")});

  router.post("/api/v1/users/{id}/reset-password", [admin](Request& request) {
    auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto temporary = admin->reset_password(*request.principal, *id, caller_of(request));
    if (!temporary) return problem(temporary.error(), request);
    return http::json_response(200, boost::json::object{{"temporary_password", *temporary}});
  }, {.access = Access::permission("user", "update")});

  router.put("/api/v1/users/{id}/roles", [admin](Request& request) {
    auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    JsonBody body(request);
    body.allow_only({"roles"});
    auto roles = body.text_list("roles");
    if (!body.ok()) return problem(body.error(), request);
    if (Status done = admin->set_roles(*request.principal, *id, roles, caller_of(request)); !done) {
      return problem(done.error(), request);
    }
    return Response::no_content();
  }, {.access = Access::permission("role", "assign")});

  router.get("/api/v1/roles", [admin](Request& request) {
    const std::string* which = request.query_param("templates");
    auto roles = admin->list_roles(*request.principal, which != nullptr && *which == "true");
    if (!roles) return problem(roles.error(), request);
    boost::json::array items;
    for (const auto& role : *roles) items.push_back(role_json(role));
    return http::json_response(200, boost::json::object{{"items", items}, {"next_cursor", nullptr}});
  }, {.access = Access::permission("role", "read")});

  router.post("/api/v1/roles", [admin](Request& request) {
    JsonBody body(request);
    body.allow_only({"code", "name", "from_template", "requires_mfa", "grants", "field_rules"});
    NewRole role;
    role.code = body.text("code", {.required = true, .max_length = 50});
    role.name = body.text("name", {.required = true, .max_length = 100});
    role.from_template = body.optional_text("from_template", {.max_length = 50});
    role.requires_mfa = body.boolean("requires_mfa").value_or(false);
    role.grants = grants_from(body);
    role.field_rules = field_rules_from(body);
    // A copy of a template takes the template's permissions; edit the copy afterwards.
    if (role.from_template && (!role.grants.empty() || !role.field_rules.empty() || body.has("requires_mfa"))) {
      body.add_error("from_template", "template_or_permissions", "identity.template_or_permissions");
    }
    if (!body.ok()) return problem(body.error(), request);
    auto created = admin->create_role(*request.principal, role, caller_of(request));
    if (!created) return problem(created.error(), request);
    return http::json_response(201, role_json(*created));
  }, {.access = Access::permission("role", "create")});

  router.patch("/api/v1/roles/{id}", [admin](Request& request) {
    auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    JsonBody body(request);
    body.allow_only({"version", "name", "requires_mfa", "grants", "field_rules"});
    RolePatch patch;
    auto version = body.integer("version", true);
    patch.name = body.optional_text("name", {.max_length = 100});
    patch.requires_mfa = body.boolean("requires_mfa");
    if (body.has("grants")) patch.grants = grants_from(body);
    if (body.has("field_rules")) patch.field_rules = field_rules_from(body);
    if (!body.ok()) return problem(body.error(), request);
    patch.version = *version;
    auto role = admin->update_role(*request.principal, *id, patch, caller_of(request));
    if (!role) return problem(role.error(), request);
    return http::json_response(200, role_json(*role));
  }, {.access = Access::permission("role", "update")});

  router.post("/api/v1/memberships", [admin](Request& request) {
    JsonBody body(request);
    body.allow_only({"user_name", "roles", "department_id"});
    NewMembership membership;
    membership.user_name = body.text("user_name", {.required = true, .max_length = 64});
    membership.role_codes = body.text_list("roles");
    membership.department_id = body.integer("department_id");
    if (!body.ok()) return problem(body.error(), request);
    auto user = admin->add_member(*request.principal, membership, caller_of(request));
    if (!user) return problem(user.error(), request);
    return http::json_response(201, user_json(*user, *request.principal));
  }, {.access = Access::permission("user", "create")});

  router.get("/api/v1/companies", [admin](Request& request) {
    auto companies = admin->list_companies(*request.principal);
    if (!companies) return problem(companies.error(), request);
    boost::json::array items;
    for (const auto& [id, name] : *companies) items.push_back({{"id", id}, {"name", name}});
    return http::json_response(200, boost::json::object{{"items", items}, {"next_cursor", nullptr}});
  });

  router.post("/api/v1/companies", [admin](Request& request) {
    JsonBody body(request);
    body.allow_only({"code", "name"});
    const std::string code = body.text("code", {.required = true, .max_length = 30});
    const std::string name = body.text("name", {.required = true, .max_length = 100});
    if (!body.ok()) return problem(body.error(), request);
    auto id = admin->create_company(*request.principal, code, name, caller_of(request));
    if (!id) return problem(id.error(), request);
    return http::json_response(201, boost::json::object{{"id", *id}, {"code", code}, {"name", name}});
  }, {.access = Access::permission("company", "create")});

  router.get("/api/v1/access-review", [admin, &service](Request& request) {
    auto rows = admin->access_review(*request.principal);
    if (!rows) return problem(rows.error(), request);
    const std::string* format = request.query_param("format");
    if (format != nullptr && http::is_download_format(*format)) {
      return export_access_review(service, request, *rows, *format);
    }
    boost::json::array items;
    for (const auto& row : *rows) {
      boost::json::array roles, permissions;
      for (const auto& r : row.roles) roles.push_back(boost::json::string(r));
      for (const auto& p : row.permissions) permissions.push_back(boost::json::string(p));
      items.push_back({{"user_id", row.user_id},
                       {"user_name", row.user_name},
                       {"display_name", row.display_name},
                       {"is_active", row.active},
                       {"totp_enabled", row.totp_enabled},
                       {"last_sign_in_at", time_text(row.last_sign_in_at)},
                       {"unused", row.unused},
                       {"roles", roles},
                       {"permissions", permissions}});
    }
    return http::json_response(200, boost::json::object{{"items", items}});
  }, {.access = Access::permission("access_review", "read")});
}

}  // namespace verp::identity
