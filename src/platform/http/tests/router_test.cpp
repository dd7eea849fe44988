#include "platform/http/router.hpp"

#include <gtest/gtest.h>

namespace verp::http {
namespace {

Handler answering(int status) {
  return [status](Request&) {
    Response r;
    r.status = status;
    return r;
  };
}

TEST(Router, MatchesLiteralPathsAndExtractsParameters) {
  Router router;
  router.get("/api/v1/customers", answering(200));
  router.get("/api/v1/customers/{id}", answering(201));
  auto list = router.match("GET", "/api/v1/customers");
  ASSERT_NE(list.route, nullptr);
  EXPECT_EQ(list.route->pattern, "/api/v1/customers");
  auto one = router.match("GET", "/api/v1/customers/42");
  ASSERT_NE(one.route, nullptr);
  ASSERT_EQ(one.params.size(), 1u);
  EXPECT_EQ(one.params[0].first, "id");
  EXPECT_EQ(one.params[0].second, "42");
}

TEST(Router, PrefersTheFirstRegisteredRouteSoLiteralsCanShadowParameters) {
  Router router;
  router.get("/api/v1/users/me", answering(200));
  router.get("/api/v1/users/{id}", answering(201));
  EXPECT_EQ(router.match("GET", "/api/v1/users/me").route->pattern, "/api/v1/users/me");
  EXPECT_EQ(router.match("GET", "/api/v1/users/7").route->pattern, "/api/v1/users/{id}");
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodIsWrong) {
  Router router;
  router.get("/api/v1/orders/{id}", answering(200));
  router.patch("/api/v1/orders/{id}", answering(200));
  auto match = router.match("DELETE", "/api/v1/orders/9");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allow, "GET, HEAD, PATCH");
}

TEST(Router, AnswersHeadWithTheGetRoute) {
  Router router;
  router.get("/healthz", answering(200));
  EXPECT_NE(router.match("HEAD", "/healthz").route, nullptr);
}

TEST(Router, DoesNotMatchPathsOfAnotherLengthOrEmptyParameters) {
  Router router;
  router.get("/api/v1/items/{id}", answering(200));
  EXPECT_EQ(router.match("GET", "/api/v1/items").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/v1/items/1/extra").route, nullptr);
  EXPECT_TRUE(router.match("GET", "/api/v1/items").allow.empty());
}

TEST(Router, OffersTheFallbackOnlyForGetOutsideTheApi) {
  Router router;
  router.set_fallback(answering(200), "/api/");
  EXPECT_NE(router.fallback_for("GET", "/customers/1"), nullptr);
  EXPECT_NE(router.fallback_for("HEAD", "/"), nullptr);
  EXPECT_EQ(router.fallback_for("POST", "/customers"), nullptr);
  EXPECT_EQ(router.fallback_for("GET", "/api/v1/nothing"), nullptr);
}

}  // namespace
}  // namespace verp::http
