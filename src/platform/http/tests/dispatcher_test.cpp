#include "platform/http/dispatcher.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <stdexcept>

namespace verp::http {
namespace {

Request make_request(std::string method, std::string path, std::string accept_language = {}) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.target = request.path;
  if (!accept_language.empty()) request.headers.add("Accept-Language", std::move(accept_language));
  return request;
}

boost::json::object body_of(const Response& response) { return boost::json::parse(response.body).as_object(); }

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.get("/ok", [](Request&) { return Response::json(200, "{}"); });
    router.get("/boom", [](Request&) -> Response { throw std::runtime_error("secret database password in message"); });
    router.get("/echo/{name}", [](Request& r) { return Response::text(200, std::string(r.param("name"))); });
  }
  Router router;
};

TEST_F(DispatcherTest, UnknownPathIsA404ProblemInChineseByDefault) {
  Dispatcher dispatcher(router, i18n::Catalog::built_in());
  Request request = make_request("GET", "/nothing-here");
  Response response = dispatcher.dispatch(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.headers.get("Content-Type"), "application/problem+json");
  auto body = body_of(response);
  EXPECT_EQ(body["status"].as_int64(), 404);
  EXPECT_EQ(body["type"].as_string(), "urn:verp:problem:not_found");
  EXPECT_EQ(body["detail"].as_string(), "/nothing-here 不存在。");
  EXPECT_EQ(body["request_id"].as_string(), response.headers.get("X-Request-Id"));
}

TEST_F(DispatcherTest, ProblemTextFollowsAcceptLanguage) {
  Dispatcher dispatcher(router, i18n::Catalog::built_in());
  Request request = make_request("GET", "/nothing-here", "en-US,en;q=0.9,zh;q=0.5");
  auto body = body_of(dispatcher.dispatch(request));
  EXPECT_EQ(body["detail"].as_string(), "Nothing exists at /nothing-here.");
}

TEST_F(DispatcherTest, WrongMethodIsA405WithAllowHeader) {
  Dispatcher dispatcher(router, i18n::Catalog::built_in());
  Request request = make_request("POST", "/ok");
  Response response = dispatcher.dispatch(request);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers.get("Allow"), "GET, HEAD");
}

TEST_F(DispatcherTest, AnEscapingExceptionBecomesA500WithoutLeakingItsMessage) {
  Dispatcher dispatcher(router, i18n::Catalog::built_in());
  Request request = make_request("GET", "/boom", "en");
  Response response = dispatcher.dispatch(request);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  auto body = body_of(response);
  const std::string id(body["request_id"].as_string());
  EXPECT_FALSE(id.empty());
  EXPECT_NE(std::string(body["detail"].as_string()).find(id), std::string::npos);
}

TEST_F(DispatcherTest, MiddlewareRunsOutermostFirstAndCanShortCircuit) {
  Dispatcher dispatcher(router, i18n::Catalog::built_in());
  std::vector<std::string> order;
  dispatcher.use([&](Request& r, const Handler& next) {
    order.push_back("outer");
    return next(r);
  });
  dispatcher.use([&](Request& r, const Handler& next) {
    order.push_back("inner");
    if (r.path == "/ok" && r.headers.has("X-Block")) return Response::json(403, "{}");
    return next(r);
  });
  Request allowed = make_request("GET", "/ok");
  EXPECT_EQ(dispatcher.dispatch(allowed).status, 200);
  Request blocked = make_request("GET", "/ok");
  blocked.headers.add("X-Block", "1");
  EXPECT_EQ(dispatcher.dispatch(blocked).status, 403);
  EXPECT_EQ(order, (std::vector<std::string>{"outer", "inner", "outer", "inner"}));
}

TEST_F(DispatcherTest, PathParametersReachTheHandler) {
  Dispatcher dispatcher(router, i18n::Catalog::built_in());
  Request request = make_request("GET", "/echo/上海仓");
  EXPECT_EQ(dispatcher.dispatch(request).body, "上海仓");
}

TEST_F(DispatcherTest, EveryResponseCarriesTheSecurityHeaders) {
  Dispatcher dispatcher(router, i18n::Catalog::built_in());
  for (const char* path : {"/ok", "/nothing", "/boom"}) {
    Request request = make_request("GET", path);
    Response response = dispatcher.dispatch(request);
    EXPECT_EQ(response.headers.get("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(response.headers.get("X-Frame-Options"), "DENY") << path;
    EXPECT_NE(response.headers.get("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_FALSE(response.headers.get("Referrer-Policy").empty());
  }
}

TEST_F(DispatcherTest, KeepsAPlainRequestIdFromTheProxyButReplacesAHostileOne) {
  EXPECT_EQ(choose_request_id("abc-123_XYZ"), "abc-123_XYZ");
  const std::string replaced = choose_request_id("evil\r\nSet-Cookie: x=1");
  EXPECT_EQ(replaced.size(), 16u);
  EXPECT_EQ(replaced.find('\n'), std::string::npos);
}

TEST_F(DispatcherTest, MetricsCountRequestsPerRouteAndStatusClass) {
  Dispatcher dispatcher(router, i18n::Catalog::built_in());
  for (int i = 0; i < 3; ++i) {
    Request request = make_request("GET", "/ok");
    dispatcher.dispatch(request);
  }
  Request missing = make_request("GET", "/missing");
  dispatcher.dispatch(missing);
  const std::string text = dispatcher.metrics().render();
  EXPECT_NE(text.find("verp_http_requests_total{route=\"GET /ok\",status=\"2xx\"} 3"), std::string::npos) << text;
  EXPECT_NE(text.find("verp_http_requests_total{route=\"unmatched\",status=\"4xx\"} 1"), std::string::npos);
  EXPECT_NE(text.find("verp_http_request_duration_seconds_count{route=\"GET /ok\"} 3"), std::string::npos);
}

}  // namespace
}  // namespace verp::http
