#include "app/platform_routes.hpp"

#include <cctype>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <memory>
#include <boost/json/serialize.hpp>

#include "app/build_info.hpp"
#include "platform/http/problem.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::app {
namespace {

// Merges a route's own OpenAPI members over the generated operation: parameters are appended,
// responses replace the generic 200 (the problem default stays), other members are set.
void merge_operation(boost::json::object& operation, std::string_view extra) {
  if (extra.empty()) return;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(extra, ec);
  if (ec || !parsed.is_object()) return;
  for (auto& [key, value] : parsed.as_object()) {
    if (key == "parameters" && value.is_array()) {
      if (!operation.contains("parameters")) operation["parameters"] = boost::json::array();
      for (auto& p : value.as_array()) operation["parameters"].as_array().push_back(p);
    } else if (key == "responses" && value.is_object()) {
      auto& responses = operation["responses"].as_object();
      responses.erase("200");
      for (auto& [status, response] : value.as_object()) responses[status] = response;
    } else {
      operation[key] = value;
    }
  }
}

http::Response openapi_document(const http::Router& router, const boost::json::object& schemas) {
  boost::json::object paths;
  for (const http::Route& route : router.routes()) {
    boost::json::object operation;
    boost::json::array parameters;
    for (std::string_view segment : http::split_path(route.pattern)) {
      if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
        parameters.push_back({{"name", std::string(segment.substr(1, segment.size() - 2))},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", segment == "{id}" || segment == "{version}" || segment == "{attachment}" ? "integer" : "string"}}}});
      }
    }
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string operation_id = method;
    for (char c : route.pattern) operation_id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    operation["operationId"] = operation_id;
    operation["summary"] = route.method + " " + route.pattern;
    const boost::json::object problem = {
        {"description", "An RFC 9457 problem"},
        {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
    operation["responses"] = {{"200", {{"description", "OK"}}}, {"4XX", problem}, {"default", problem}};
    // Routes open to anyone need no credentials; the rest take the session cookie (browsers,
    // with the CSRF header on writes) or a bearer API token (integrations).
    if (route.options.access.kind == http::Access::Kind::anyone) operation["security"] = boost::json::array();
    merge_operation(operation, route.options.openapi);
    boost::json::value& path_item = paths[route.pattern];
    if (!path_item.is_object()) path_item = boost::json::object();
    path_item.as_object()[method] = std::move(operation);
  }
  boost::json::object problem_schema = {
      {"type", "object"},
      {"required", boost::json::array{"type", "title", "status"}},
      {"properties",
       {{"type", {{"type", "string"}}},
        {"title", {{"type", "string"}}},
        {"status", {{"type", "integer"}}},
        {"detail", {{"type", "string"}}},
        {"instance", {{"type", "string"}}},
        {"request_id", {{"type", "string"}}},
        {"errors",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"field", {{"type", "string"}}}, {"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}}};
  boost::json::object all_schemas = schemas;
  all_schemas["Problem"] = std::move(problem_schema);
  boost::json::object document = {
      {"openapi", "3.1.0"},
      {"info", {{"title", "verp API"},
                {"version", kVersion},
                {"description", "ERP and CRM for virtual enterprises. Errors are RFC 9457 problems; amounts are "
                                "decimal strings; texts follow Accept-Language (zh-CN, en)."}}},
      {"servers", boost::json::array{{{"url", "/"}}}},
      {"security", boost::json::array{{{"session", boost::json::array()}}, {{"bearer", boost::json::array()}}}},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", std::move(all_schemas)},
        {"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "verp_session"}}},
          {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
  return http::Response::json(200, boost::json::serialize(document));
}

}  // namespace

void add_platform_routes(http::Router& router, storage::Database& database,
                         std::function<std::string()> metrics_text, std::string schemas) {
  const http::RouteOptions open_to_anyone{.access = http::Access::anyone()};
  router.get("/healthz", [](http::Request&) { return http::Response::json(200, R"({"status":"ok"})"); },
             {.access = http::Access::anyone(), .execution = http::Execution::io_thread});
  router.get("/readyz", [&database](http::Request& request) {
    if (Status ping = database.ping(); !ping) {
      Error error = ping.error();
      error.kind = ErrorKind::unavailable;
      return http::problem_response(error, request, i18n::Catalog::built_in());
    }
    return http::Response::json(200, R"({"status":"ready"})");
  }, open_to_anyone);
  router.get("/metrics", [metrics_text = std::move(metrics_text)](http::Request&) {
    return http::Response::text(200, metrics_text(), "text/plain; version=0.0.4; charset=utf-8");
  }, open_to_anyone);
  router.get("/api/v1/version", [&database](http::Request&) {
    boost::json::object body = {{"name", "verp"},
                                {"version", kVersion},
                                {"commit", kGitCommit},
                                {"database", std::string(storage::to_string(database.dialect()))}};
    return http::Response::json(200, boost::json::serialize(body));
  }, open_to_anyone);
  boost::system::error_code ec;
  auto parsed = boost::json::parse(schemas, ec);
  auto component_schemas = std::make_shared<const boost::json::object>(
      !ec && parsed.is_object() ? parsed.as_object() : boost::json::object());
  router.get("/api/v1/openapi.json", [&router, component_schemas](http::Request&) {
    return openapi_document(router, *component_schemas);
  }, open_to_anyone);
}

void add_database_metrics(http::Metrics& metrics, storage::Database& database) {
  metrics.add_collector([&database](std::string& out) {
    const storage::PoolStats s = database.stats();
    auto line = [&out](const char* name, const char* type, const char* help, std::uint64_t value) {
      out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
      out += std::string(name) + " " + std::to_string(value) + "\n";
    };
    line("verp_db_pool_max_connections", "gauge", "Connections the pool may open.", s.max_size);
    line("verp_db_pool_open_connections", "gauge", "Connections open now.", s.open);
    line("verp_db_pool_in_use_connections", "gauge", "Connections lent to transactions now.", s.in_use);
    line("verp_db_pool_acquisitions_total", "counter", "Connections lent.", s.acquisitions);
    line("verp_db_pool_waits_total", "counter", "Acquisitions that waited for a connection.", s.waits);
    line("verp_db_pool_timeouts_total", "counter", "Acquisitions that gave up.", s.timeouts);
    line("verp_db_transactions_total", "counter", "Transactions run.", s.transactions);
    line("verp_db_transaction_retries_total", "counter", "Transactions re-run after a conflict.", s.retries);
  });
}

}  // namespace verp::app
