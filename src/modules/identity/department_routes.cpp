// Department routes: decode, call Departments, encode.
#include "modules/identity/department_routes.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "modules/identity/departments.hpp"
#include "modules/identity/web.hpp"
#include "platform/http/json_body.hpp"
#include "platform/storage/value.hpp"

namespace verp::identity {
namespace {

using http::Access;
using http::JsonBody;
using http::Request;
using http::Response;

boost::json::value nullable(const std::optional<std::int64_t>& id) {
  return id ? boost::json::value(*id) : boost::json::value(nullptr);
}

boost::json::object department_json(const Department& d) {
  return {{"id", d.id},
          {"company_id", d.company_id},
          {"code", d.code},
          {"name", d.name},
          {"parent_id", nullable(d.parent_id)},
          {"head_user_id", nullable(d.head_user_id)},
          {"head_display_name", d.head_name ? boost::json::value(*d.head_name) : boost::json::value(nullptr)},
          {"created_at", storage::Timestamp::from_system(d.created_at).to_string()},
          {"version", d.version}};
}


// A link that may be cleared: absent → nullopt (leave it), JSON null → a nullopt inside (clear
// it), an integer → that id. JsonBody::integer reads null as absent, hence the raw look.
std::optional<std::optional<std::int64_t>> nullable_id(JsonBody& body, std::string_view field) {
  const auto* root = body.raw_root();
  if (root == nullptr || !root->is_object()) return std::nullopt;
  const auto* value = root->as_object().if_contains(field);
  if (value == nullptr) return std::nullopt;
  if (value->is_null()) return std::optional<std::int64_t>{};
  auto id = body.integer(field);
  if (!id) return std::nullopt;  // not an integer: JsonBody recorded the error
  return std::optional<std::int64_t>{*id};
}

Response not_found(const Request& request) { return problem(make_error(ErrorKind::not_found, "error.not_found"), request); }

}  // namespace

void add_department_routes(http::Router& router, IdentityService& service) {
  auto departments = std::make_shared<Departments>(service);

  router.get("/api/v1/departments", [departments](Request& request) {
    auto list = departments->list(*request.principal);
    if (!list) return problem(list.error(), request);
    boost::json::array items;
    for (const auto& d : *list) items.push_back(department_json(d));
    return http::json_response(200, boost::json::object{{"items", items}, {"next_cursor", nullptr}});
  }, {.access = Access::permission("department", "read")});

  router.post("/api/v1/departments", [departments](Request& request) {
    JsonBody body(request);
    body.allow_only({"code", "name", "parent_id", "head_user_id"});
    NewDepartment input;
    input.code = body.text("code", {.required = true, .max_length = 30});
    input.name = body.text("name", {.required = true, .max_length = 100});
    input.parent_id = body.integer("parent_id");
    input.head_user_id = body.integer("head_user_id");
    if (!body.ok()) return problem(body.error(), request);
    auto created = departments->create(*request.principal, input, caller_of(request));
    if (!created) return problem(created.error(), request);
    return http::json_response(201, department_json(*created));
  }, {.access = Access::permission("department", "create")});

  router.get("/api/v1/departments/{id}", [departments](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(request);
    auto department = departments->get(*request.principal, *id);
    if (!department) return problem(department.error(), request);
    return http::json_response(200, department_json(*department));
  }, {.access = Access::permission("department", "read")});

  router.patch("/api/v1/departments/{id}", [departments](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(request);
    JsonBody body(request);
    body.allow_only({"version", "name", "parent_id", "head_user_id"});
    DepartmentPatch patch;
    auto version = body.integer("version", true);
    patch.name = body.optional_text("name", {.required = body.has("name"), .max_length = 100});
    patch.parent_id = nullable_id(body, "parent_id");
    patch.head_user_id = nullable_id(body, "head_user_id");
    if (!body.ok()) return problem(body.error(), request);
    patch.version = *version;
    auto department = departments->update(*request.principal, *id, patch, caller_of(request));
    if (!department) return problem(department.error(), request);
    return http::json_response(200, department_json(*department));
  }, {.access = Access::permission("department", "update")});

  router.del("/api/v1/departments/{id}", [departments](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(request);
    if (Status done = departments->remove(*request.principal, *id, caller_of(request)); !done) {
      return problem(done.error(), request);
    }
    return Response::no_content();
  }, {.access = Access::permission("department", "delete")});

  router.put("/api/v1/users/{id}/department", [departments](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(request);
    JsonBody body(request);
    body.allow_only({"department_id"});
    // The key is required; null is an answer (no department), absence is not.
    const auto* root = body.raw_root();
    if (root == nullptr || !root->is_object() || !root->as_object().contains("department_id")) {
      body.add_error("department_id", "required", "field.required");
    }
    auto department_id = nullable_id(body, "department_id");
    if (!body.ok()) return problem(body.error(), request);
    if (Status done = departments->assign_member(*request.principal, *id, *department_id, caller_of(request)); !done) {
      return problem(done.error(), request);
    }
    return Response::no_content();
  }, {.access = Access::permission("user", "update")});
}

}  // namespace verp::identity
