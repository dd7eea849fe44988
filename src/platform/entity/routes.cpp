// Generic REST routes for every registered entity: decode, call the store, encode.
#include "platform/entity/routes.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "platform/http/json_body.hpp"
#include "platform/http/content_disposition.hpp"
#include "platform/http/multipart.hpp"
#include "platform/entity/openapi.hpp"
#include "platform/http/problem.hpp"

namespace verp::entity {

using http::Access;
using http::Request;
using http::Response;

namespace web {

Caller caller_of(const Request& request) { return Caller{request.remote_address, request.request_id}; }

Response problem(const EntityServices& services, const Error& error, const Request& request) {
  return http::problem_response(error, request, services.catalog);
}

}  // namespace web

namespace {

using web::caller_of;
using web::problem;

Response not_found(const EntityServices& s, const Request& request) {
  return problem(s, make_error(ErrorKind::not_found, "error.not_found"), request);
}

Result<boost::json::object> json_object(const Request& request) {
  if (request.body.empty()) return boost::json::object();
  boost::system::error_code ec;
  auto parsed = boost::json::parse(request.body, ec);
  if (ec || !parsed.is_object()) return make_error(ErrorKind::validation, "http.bad_request");
  return std::move(parsed.as_object());
}

Response duplicates_response(const EntityServices& s, const Request& request, const std::vector<DuplicateMatch>& matches) {
  Response response = problem(s, make_error(ErrorKind::conflict, "entity.possible_duplicates"), request);
  boost::system::error_code ec;
  auto body = boost::json::parse(response.body, ec);
  if (ec || !body.is_object()) return response;
  boost::json::array list;
  for (const auto& match : matches) {
    boost::json::array fields;
    for (const auto& field : match.matched_on) fields.emplace_back(boost::json::string(field));
    list.push_back({{"id", match.id}, {"title", match.title}, {"code", match.code}, {"matched_on", fields}});
  }
  body.as_object()["type"] = "urn:verp:problem:possible-duplicates";
  body.as_object()["duplicates"] = std::move(list);
  response.body = boost::json::serialize(body);
  return response;
}

void add_routes_for(http::Router& router, const std::shared_ptr<const EntityServices>& services, const EntitySpec& spec) {
  const std::string base = "/api/v1/" + spec.path;
  const EntitySpec* e = &spec;
  auto s = services;

  router.post(base, [s, e](Request& request) {
    auto body = json_object(request);
    if (!body) return problem(*s, body.error(), request);
    const std::string* confirm = request.query_param("confirm_duplicates");
    const bool confirmed = confirm != nullptr && *confirm == "true";
    auto outcome = s->store.create(*e, *request.principal, *body, confirmed, caller_of(request));
    if (!outcome) return problem(*s, outcome.error(), request);
    if (!outcome->record) return duplicates_response(*s, request, outcome->duplicates);
    auto fields = s->store.fields_for(*e, request.principal->company_id);
    if (!fields) return problem(*s, fields.error(), request);
    Response response = http::json_response(201, s->store.to_json(*e, *fields, *request.principal, *outcome->record));
    response.headers.set("Location", "/api/v1/" + e->path + "/" + std::to_string(outcome->record->id));
    return response;
  }, {.access = Access::permission(spec.name, "create"), .openapi = openapi_operation(*e, "create")});

  router.post(base + "/bulk", [s, e](Request& request) {
    auto body = json_object(request);
    if (!body) return problem(*s, body.error(), request);
    http::JsonBody reader(request);
    reader.allow_only({"action", "ids", "values"});
    const std::string action = reader.text("action", {.required = true, .max_length = 20});
    std::vector<std::int64_t> ids;
    if (const auto* list = body->if_contains("ids"); list != nullptr && list->is_array()) {
      for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const auto& id = list->as_array()[i];
        if (!id.is_int64()) reader.add_error("ids[" + std::to_string(i) + "]", "not_integer", "field.not_integer");
        else ids.push_back(id.as_int64());
      }
    } else {
      reader.add_error("ids", "required", "field.required");
    }
    boost::json::object values;
    if (const auto* v = body->if_contains("values"); v != nullptr) {
      if (v->is_object()) values = v->as_object();
      else reader.add_error("values", "not_object", "entity.not_json");
    }
    if (!reader.ok()) return problem(*s, reader.error(), request);
    auto done = s->store.bulk(*e, *request.principal, action, ids, values, caller_of(request));
    if (!done) return problem(*s, done.error(), request);
    return http::json_response(200, boost::json::object{{"action", action}, {"affected", *done}});
  }, {.access = Access::signed_in(), .openapi = openapi_operation(*e, "bulk")});

  router.get(base + "/{id}", [s, e](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(*s, request);
    auto fields = s->store.fields_for(*e, request.principal->company_id);
    if (!fields) return problem(*s, fields.error(), request);
    auto record = s->store.get(*e, *request.principal, *id);
    if (!record) return problem(*s, record.error(), request);
    auto titles = s->store.link_titles(*e, *fields, *request.principal, {*record});
    if (!titles) return problem(*s, titles.error(), request);
    return http::json_response(200, s->store.to_json(*e, *fields, *request.principal, *record, &*titles));
  }, {.access = Access::permission(spec.name, "read"), .openapi = openapi_operation(*e, "get")});

  router.patch(base + "/{id}", [s, e](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(*s, request);
    auto body = json_object(request);
    if (!body) return problem(*s, body.error(), request);
    auto record = s->store.update(*e, *request.principal, *id, *body, caller_of(request));
    if (!record) return problem(*s, record.error(), request);
    auto fields = s->store.fields_for(*e, request.principal->company_id);
    if (!fields) return problem(*s, fields.error(), request);
    return http::json_response(200, s->store.to_json(*e, *fields, *request.principal, *record));
  }, {.access = Access::permission(spec.name, "update"), .openapi = openapi_operation(*e, "patch")});

  router.del(base + "/{id}", [s, e](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(*s, request);
    auto removed = s->store.remove(*e, *request.principal, *id, caller_of(request));
    if (!removed) return problem(*s, removed.error(), request);
    if (*removed == Removal::deleted) return Response::no_content();
    return http::json_response(200, boost::json::object{{"id", *id}, {"archived", true}});
  }, {.access = Access::permission(spec.name, "delete"), .openapi = openapi_operation(*e, "delete")});

  router.post(base + "/{id}/restore", [s, e](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(*s, request);
    auto record = s->store.unarchive(*e, *request.principal, *id, caller_of(request));
    if (!record) return problem(*s, record.error(), request);
    auto fields = s->store.fields_for(*e, request.principal->company_id);
    if (!fields) return problem(*s, fields.error(), request);
    return http::json_response(200, s->store.to_json(*e, *fields, *request.principal, *record));
  }, {.access = Access::permission(spec.name, "delete"), .openapi = openapi_operation(*e, "restore")});

  router.get(base + "/{id}/versions", [s, e](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(*s, request);
    auto versions = s->store.versions(*e, *request.principal, *id);
    if (!versions) return problem(*s, versions.error(), request);
    boost::json::array items;
    for (const auto& v : *versions) {
      items.push_back({{"version", v.version},
                       {"action", v.action},
                       {"changed_at", v.changed_at.to_string()},
                       {"changed_by", v.changed_by ? boost::json::value(*v.changed_by) : boost::json::value(nullptr)},
                       {"changed_by_name", v.changed_by_name}});
    }
    return http::json_response(200, boost::json::object{{"items", items}});
  }, {.access = Access::permission(spec.name, "read"), .openapi = openapi_operation(*e, "versions")});

  router.get(base + "/{id}/versions/{version}", [s, e](Request& request) {
    auto id = request.id_param("id");
    auto version = request.id_param("version");
    if (!id || !version) return not_found(*s, request);
    auto snapshot = s->store.version_snapshot(*e, *request.principal, *id, *version);
    if (!snapshot) return problem(*s, snapshot.error(), request);
    return http::json_response(200, *snapshot);
  }, {.access = Access::permission(spec.name, "read"), .openapi = openapi_operation(*e, "version")});

  router.post(base + "/{id}/versions/{version}/restore", [s, e](Request& request) {
    auto id = request.id_param("id");
    auto version = request.id_param("version");
    if (!id || !version) return not_found(*s, request);
    http::JsonBody body(request);
    body.allow_only({"version"});
    auto current = body.integer("version", true);
    if (!body.ok()) return problem(*s, body.error(), request);
    auto record = s->store.restore_version(*e, *request.principal, *id, *version, *current, caller_of(request));
    if (!record) return problem(*s, record.error(), request);
    auto fields = s->store.fields_for(*e, request.principal->company_id);
    if (!fields) return problem(*s, fields.error(), request);
    return http::json_response(200, s->store.to_json(*e, *fields, *request.principal, *record));
  }, {.access = Access::permission(spec.name, "update"), .openapi = openapi_operation(*e, "restore_version")});

  router.get(base + "/{id}/diff", [s, e](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(*s, request);
    auto from = request.integer_query("from");
    auto to = request.integer_query("to");
    if (!from || !to) {
      Error error = make_error(ErrorKind::validation, "error.validation");
      if (!from) error.fields.push_back({"from", "required", "field.required", {}});
      if (!to) error.fields.push_back({"to", "required", "field.required", {}});
      return problem(*s, error, request);
    }
    auto differences = s->store.diff(*e, *request.principal, *id, *from, *to);
    if (!differences) return problem(*s, differences.error(), request);
    boost::json::array items;
    for (const auto& d : *differences) items.push_back({{"field", d.field}, {"before", d.before}, {"after", d.after}});
    return http::json_response(200, boost::json::object{{"from", *from}, {"to", *to}, {"changes", items}});
  }, {.access = Access::permission(spec.name, "read"), .openapi = openapi_operation(*e, "diff")});
}

boost::json::object attachment_json(const Attachment& a) {
  return {{"id", a.id},
          {"file_name", a.file_name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"has_thumbnail", a.thumbnail_sha256.has_value()},
          {"created_at", a.created_at.to_string()},
          {"created_by", a.created_by ? boost::json::value(*a.created_by) : boost::json::value(nullptr)}};
}


void add_attachment_routes(http::Router& router, const std::shared_ptr<const EntityServices>& s, const EntitySpec* e) {
  const std::string base = "/api/v1/" + e->path + "/{id}/attachments";

  router.post(base, [s, e](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(*s, request);
    auto parts = http::parse_multipart(request.headers.get("Content-Type"), request.body);
    if (!parts) return problem(*s, parts.error(), request);
    const http::FormPart* file = nullptr;
    for (const auto& part : *parts) {
      if (part.name == "file" && part.filename) file = &part;
    }
    if (file == nullptr) {
      Error error = make_error(ErrorKind::validation, "error.validation");
      error.fields.push_back({"file", "required", "field.required", {}});
      return problem(*s, error, request);
    }
    auto attached = s->store.attach(*e, *request.principal, *id, *file->filename, file->data, caller_of(request));
    if (!attached) return problem(*s, attached.error(), request);
    return http::json_response(201, attachment_json(*attached));
  }, {.access = Access::permission(e->name, "update"), .openapi = openapi_operation(*e, "attach")});

  router.get(base, [s, e](Request& request) {
    auto id = request.id_param("id");
    if (!id) return not_found(*s, request);
    auto list = s->store.attachments(*e, *request.principal, *id);
    if (!list) return problem(*s, list.error(), request);
    boost::json::array items;
    for (const auto& a : *list) items.push_back(attachment_json(a));
    return http::json_response(200, boost::json::object{{"items", std::move(items)}});
  }, {.access = Access::permission(e->name, "read"), .openapi = openapi_operation(*e, "attachments")});

  auto download = [s, e](Request& request, bool thumbnail) {
    auto id = request.id_param("id");
    auto attachment_id = request.id_param("attachment");
    if (!id || !attachment_id) return not_found(*s, request);
    auto content = s->store.attachment_content(*e, *request.principal, *id, *attachment_id, thumbnail);
    if (!content) return problem(*s, content.error(), request);
    Response response;
    response.status = 200;
    response.body = std::move(content->second);
    response.headers.set("Content-Type", thumbnail ? "image/png" : content->first.content_type);
    if (!thumbnail) response.headers.set("Content-Disposition", http::content_disposition(content->first.file_name));
    response.headers.set("Cache-Control", "private, max-age=3600");
    return response;
  };
  router.get(base + "/{attachment}", [download](Request& request) { return download(request, false); },
             {.access = Access::permission(e->name, "read"), .openapi = openapi_operation(*e, "download")});
  router.get(base + "/{attachment}/thumbnail", [download](Request& request) { return download(request, true); },
             {.access = Access::permission(e->name, "read"), .openapi = openapi_operation(*e, "thumbnail")});

  router.del(base + "/{attachment}", [s, e](Request& request) {
    auto id = request.id_param("id");
    auto attachment_id = request.id_param("attachment");
    if (!id || !attachment_id) return not_found(*s, request);
    if (Status done = s->store.detach(*e, *request.principal, *id, *attachment_id, caller_of(request)); !done) {
      return problem(*s, done.error(), request);
    }
    return Response::no_content();
  }, {.access = Access::permission(e->name, "update"), .openapi = openapi_operation(*e, "detach")});
}

}  // namespace

void add_entity_routes(http::Router& router, std::shared_ptr<const EntityServices> services) {
  for (const auto& spec : services->registry.all()) {
    add_routes_for(router, services, *spec);
    add_attachment_routes(router, services, spec.get());
  }
}

}  // namespace verp::entity
