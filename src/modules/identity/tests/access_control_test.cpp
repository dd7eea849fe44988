// Who may do what, in which member company.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

class AccessControl : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
  }
  std::unique_ptr<TestApp> app;
  Client admin;
};

TEST_P(AccessControl, EveryRouteThatIsNotPublicAnswers401WithoutASession) {
  int checked = 0;
  for (const auto& route : app->router().routes()) {
    if (route.options.access.kind == http::Access::Kind::anyone) continue;
    std::string target = route.pattern;
    for (auto at = target.find('{'); at != std::string::npos; at = target.find('{')) {
      target.replace(at, target.find('}', at) - at + 1, "1");
    }
    auto reply = app->call(route.method, target, "{}");
    EXPECT_EQ(reply.status, 401) << route.method << " " << route.pattern;
    ++checked;
  }
  EXPECT_GT(checked, 15);
}

TEST_P(AccessControl, ANewUserWithoutRolesMayDoNothing) {
  Client nobody = app->user_with_roles(admin, "zhao", {});
  EXPECT_EQ(app->call("GET", "/api/v1/users", "", &nobody).status, 403);
  EXPECT_EQ(app->call("GET", "/api/v1/roles", "", &nobody).status, 403);
  EXPECT_EQ(app->call("GET", "/api/v1/audit-log", "", &nobody).status, 403);
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &nobody).status, 200) << "but may see who they are";
}

TEST_P(AccessControl, AGrantOpensExactlyWhatItNames) {
  ASSERT_EQ(app->call("POST", "/api/v1/roles",
                      R"({"code":"hr","name":"人事","grants":[{"resource":"user","action":"read"}]})", &admin)
                .status,
            201);
  Client hr = app->user_with_roles(admin, "hr.chen", {"hr"});
  EXPECT_EQ(app->call("GET", "/api/v1/users", "", &hr).status, 200);
  EXPECT_EQ(app->call("POST", "/api/v1/users", R"({"user_name":"x1","display_name":"x"})", &hr).status, 403);
}

TEST_P(AccessControl, AUserOfCompanyACannotSeeOrChangeCompanyBsUsers) {
  // The administrator founds a second member company and a user there.
  auto company_b = app->call("POST", "/api/v1/companies", R"({"code":"SZ","name":"深圳分公司"})", &admin);
  ASSERT_EQ(company_b.status, 201) << company_b.body;
  Client admin_in_b = app->admin();  // a second sign-in: switching rotates that session only
  ASSERT_EQ(app->call("POST", "/api/v1/auth/company",
                      boost::json::serialize(boost::json::object{{"company_id", company_b.number("id")}}), &admin_in_b)
                .status,
            200);
  std::int64_t bob_id = 0;
  app->user_with_roles(admin_in_b, "bob", {"administrator"}, &bob_id);

  // Alice administers company A only.
  std::int64_t alice_id = 0;
  Client alice = app->user_with_roles(admin, "alice", {"administrator"}, &alice_id);
  const std::string bob = "/api/v1/users/" + std::to_string(bob_id);

  EXPECT_EQ(app->call("GET", bob, "", &alice).status, 404) << "by id: not found, not forbidden";
  EXPECT_EQ(app->call("PATCH", bob, R"({"version":1,"display_name":"hacked"})", &alice).status, 404);
  EXPECT_EQ(app->call("POST", bob + "/reset-password", "", &alice).status, 404);
  EXPECT_EQ(app->call("PUT", bob + "/roles", R"({"roles":[]})", &alice).status, 404);
  auto list = app->call("GET", "/api/v1/users", "", &alice);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("\"bob\""), std::string::npos) << "by list";
  auto switch_b = app->call("POST", "/api/v1/auth/company",
                            boost::json::serialize(boost::json::object{{"company_id", company_b.number("id")}}), &alice);
  EXPECT_EQ(switch_b.status, 404) << "cannot act in a company one does not belong to";
  auto audit = app->call("GET", "/api/v1/audit-log?limit=1000&company_id=" + std::to_string(company_b.number("id")), "",
                         &alice);
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.body.find("\"bob\""), std::string::npos) << "by audit-log filter";
  auto export_csv = app->call("GET", "/api/v1/audit-log?format=csv&limit=1000", "", &alice);
  ASSERT_EQ(export_csv.status, 200);
  EXPECT_EQ(export_csv.body.find("深圳分公司"), std::string::npos) << "by export";
  EXPECT_EQ(app->call("GET", "/api/v1/users/" + std::to_string(alice_id), "", &alice).status, 200);
}

TEST_P(AccessControl, ABodyCannotSetFieldsTheRouteDoesNotOffer) {
  auto created = app->call("POST", "/api/v1/users",
                           R"({"user_name":"mallory","display_name":"M","company_id":2,"is_admin":true})", &admin);
  EXPECT_EQ(created.status, 400);
  EXPECT_NE(created.body.find("\"field\":\"company_id\""), std::string::npos) << created.body;
  EXPECT_NE(created.body.find("\"field\":\"is_admin\""), std::string::npos);
  std::int64_t id = 0;
  app->user_with_roles(admin, "mallory2", {}, &id);
  auto patched = app->call("PATCH", "/api/v1/users/" + std::to_string(id), R"({"version":1,"roles":["administrator"]})",
                           &admin);
  EXPECT_EQ(patched.status, 400);
  EXPECT_NE(patched.body.find("\"field\":\"roles\""), std::string::npos);
}

TEST_P(AccessControl, AStaleVersionIsAConflict) {
  std::int64_t id = 0;
  app->user_with_roles(admin, "sun", {}, &id);
  const std::string path = "/api/v1/users/" + std::to_string(id);
  auto current = app->call("GET", path, "", &admin);
  const auto version = current.number("version");
  auto first = app->call("PATCH", path, boost::json::serialize(boost::json::object{{"version", version},
                                                                                  {"display_name", "孙 1"}}),
                         &admin);
  EXPECT_EQ(first.status, 200) << first.body;
  auto second = app->call("PATCH", path, boost::json::serialize(boost::json::object{{"version", version},
                                                                                   {"display_name", "孙 2"}}),
                          &admin);
  EXPECT_EQ(second.status, 409);
}

TEST_P(AccessControl, AFieldHiddenForARoleIsAbsentFromReadAndList) {
  ASSERT_EQ(app->call("POST", "/api/v1/roles",
                      R"({"code":"desk","name":"前台","grants":[{"resource":"user","action":"read"}],)"
                      R"("field_rules":[{"resource":"user","field":"email","access":"hidden"}]})",
                      &admin)
                .status,
            201);
  std::int64_t id = 0;
  Client desk = app->user_with_roles(admin, "desk.liu", {"desk"}, &id);
  auto one = app->call("GET", "/api/v1/users/" + std::to_string(id), "", &desk);
  ASSERT_EQ(one.status, 200);
  EXPECT_FALSE(one.json.as_object().contains("email"));
  EXPECT_TRUE(one.json.as_object().contains("display_name"));
  auto list = app->call("GET", "/api/v1/users", "", &desk);
  EXPECT_EQ(list.body.find("\"email\""), std::string::npos);
  auto admins_view = app->call("GET", "/api/v1/users/" + std::to_string(id), "", &admin);
  EXPECT_TRUE(admins_view.json.as_object().contains("email"));
  // …and from the export, once the role may export.
  auto current = app->call("GET", "/api/v1/roles", "", &admin);
  std::int64_t role_id = 0, version = 0;
  for (const auto& role : current.json.at("items").as_array()) {
    if (role.at("code").as_string() == "desk") {
      role_id = role.at("id").as_int64();
      version = role.at("version").as_int64();
    }
  }
  ASSERT_EQ(app->call("PATCH", "/api/v1/roles/" + std::to_string(role_id),
                      boost::json::serialize(boost::json::object{
                          {"version", version},
                          {"grants", boost::json::array{{{"resource", "user"}, {"action", "read"}},
                                                        {{"resource", "user"}, {"action", "export"}}}}}),
                      &admin)
                .status,
            200);
  Client desk_again = app->sign_in("desk.liu", "quiet river under seven stone bridges");
  auto exported = app->call("GET", "/api/v1/users?format=csv", "", &desk_again);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_NE(exported.body.find("desk.liu"), std::string::npos);
  EXPECT_EQ(exported.body.find("E-mail"), std::string::npos) << exported.body;
  auto full = app->call("GET", "/api/v1/users?format=csv", "", &admin);
  EXPECT_NE(full.body.find("E-mail"), std::string::npos);
}

TEST_P(AccessControl, AnApiTokenDoesNoMoreThanItWasIssuedFor) {
  auto app_token = app->call("POST", "/api/v1/auth/tokens",
                             R"({"name":"ci","grants":[{"resource":"user","action":"read"}],"expires_in_days":30})",
                             &admin);
  ASSERT_EQ(app_token.status, 201) << app_token.body;
  Client integration;
  integration.bearer = app_token.text("token");
  EXPECT_EQ(app->call("GET", "/api/v1/users", "", &integration).status, 200);
  auto listed = app->call("GET", "/api/v1/auth/tokens", "", &admin);
  EXPECT_EQ(listed.json.at("items").as_array().at(0).at("last_used_at").is_string(), true) << listed.body;
  EXPECT_EQ(app->call("GET", "/api/v1/roles", "", &integration).status, 403);
  EXPECT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"x","name":"x"})", &integration).status, 403)
      << "no CSRF needed for bearer tokens, but still no grant";
  ASSERT_EQ(app->call("DELETE", "/api/v1/auth/tokens/" + std::to_string(app_token.number("id")), "", &admin).status, 204);
  EXPECT_EQ(app->call("GET", "/api/v1/users", "", &integration).status, 401);
}

TEST_P(AccessControl, AnAdministratorEditsACopiedTemplateRole) {
  auto copy = app->call("POST", "/api/v1/roles", R"({"code":"sales_east","name":"华东销售","from_template":"sales"})", &admin);
  ASSERT_EQ(copy.status, 201) << copy.body;
  const std::string path = "/api/v1/roles/" + std::to_string(copy.number("id"));
  auto edited = app->call("PATCH", path,
                          boost::json::serialize(boost::json::object{
                              {"version", copy.number("version")},
                              {"grants", boost::json::array{{{"resource", "customer"}, {"action", "read"}, {"scope", "department"}}}},
                              {"field_rules", boost::json::array{{{"resource", "customer"}, {"field", "credit_limit"}, {"access", "read_only"}}}}}),
                          &admin);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json.at("grants").as_array().size(), 1u);
  EXPECT_EQ(edited.json.at("grants").as_array()[0].at("scope").as_string(), "department");
  auto stale = app->call("PATCH", path, boost::json::serialize(boost::json::object{{"version", copy.number("version")},
                                                                                  {"name", "x"}}),
                         &admin);
  EXPECT_EQ(stale.status, 409);
  auto templates = app->call("GET", "/api/v1/roles?templates=true", "", &admin);
  EXPECT_NE(templates.body.find("\"code\":\"sales\""), std::string::npos) << "the template itself is untouched";
  auto log = app->call("GET", "/api/v1/audit-log?target_type=role&action=update", "", &admin);
  EXPECT_EQ(log.json.at("items").as_array().size(), 1u);
}

TEST_P(AccessControl, AUserCanBelongToSeveralMemberCompaniesWithDifferentRoles) {
  auto branch = app->call("POST", "/api/v1/companies", R"({"code":"HZ","name":"杭州分公司"})", &admin);
  ASSERT_EQ(branch.status, 201);
  std::int64_t id = 0;
  Client wu = app->user_with_roles(admin, "wu", {}, &id);
  Client admin_in_branch = app->admin();
  ASSERT_EQ(app->call("POST", "/api/v1/auth/company",
                      boost::json::serialize(boost::json::object{{"company_id", branch.number("id")}}), &admin_in_branch)
                .status,
            200);
  auto added = app->call("POST", "/api/v1/memberships", R"({"user_name":"wu","roles":["administrator"]})", &admin_in_branch);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(app->call("POST", "/api/v1/memberships", R"({"user_name":"wu"})", &admin_in_branch).status, 409);
  EXPECT_EQ(app->call("GET", "/api/v1/users", "", &wu).status, 403) << "no roles in the home company";
  ASSERT_EQ(app->call("POST", "/api/v1/auth/company",
                      boost::json::serialize(boost::json::object{{"company_id", branch.number("id")}}), &wu)
                .status,
            200);
  EXPECT_EQ(app->call("GET", "/api/v1/users", "", &wu).status, 200) << "administrator in the branch";
}

TEST_P(AccessControl, AFieldReadOnlyForARoleCannotBeChangedByIt) {
  ASSERT_EQ(app->call("POST", "/api/v1/roles",
                      R"({"code":"clerk","name":"文员","grants":[{"resource":"user","action":"read"},)"
                      R"({"resource":"user","action":"update"}],)"
                      R"("field_rules":[{"resource":"user","field":"is_active","access":"read_only"}]})",
                      &admin)
                .status,
            201);
  std::int64_t id = 0;
  Client clerk = app->user_with_roles(admin, "clerk.he", {"clerk"}, &id);
  const std::string path = "/api/v1/users/" + std::to_string(id);
  auto current = app->call("GET", path, "", &clerk);
  auto refused = app->call("PATCH", path, boost::json::serialize(boost::json::object{{"version", current.number("version")},
                                                                                    {"is_active", false}}),
                           &clerk);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("\"field\":\"is_active\""), std::string::npos) << refused.body;
  auto allowed = app->call("PATCH", path, boost::json::serialize(boost::json::object{{"version", current.number("version")},
                                                                                    {"display_name", "何 文员"}}),
                           &clerk);
  EXPECT_EQ(allowed.status, 200) << allowed.body;
}

// Regression: a deactivated owner's token answered 404 on every route, the public ones included.
TEST_P(AccessControl, DeactivatingAUserEndsTheirSessionsAndTokens) {
  std::int64_t id = 0;
  Client zhou = app->user_with_roles(admin, "zhou", {"administrator"}, &id);
  auto token = app->call("POST", "/api/v1/auth/tokens",
                         R"({"name":"sync","grants":[{"resource":"user","action":"read"}],"expires_in_days":5})", &zhou);
  ASSERT_EQ(token.status, 201) << token.body;
  Client integration;
  integration.bearer = token.text("token");
  ASSERT_EQ(app->call("GET", "/api/v1/users", "", &integration).status, 200);
  auto current = app->call("GET", "/api/v1/users/" + std::to_string(id), "", &admin);
  auto patched = app->call("PATCH", "/api/v1/users/" + std::to_string(id),
                           boost::json::serialize(boost::json::object{{"version", current.number("version")},
                                                                      {"is_active", false}}),
                           &admin);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(app->call("GET", "/api/v1/users", "", &integration).status, 401);
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &zhou).status, 401);
  EXPECT_EQ(app->call("GET", "/healthz", "", &integration).status, 200) << "public routes stay public";
}

TEST_P(AccessControl, TheAccessReviewListsEveryUsersPermissions) {
  app->user_with_roles(admin, "qian", {});
  auto review = app->call("GET", "/api/v1/access-review", "", &admin);
  ASSERT_EQ(review.status, 200) << review.body;
  bool found_admin = false;
  for (const auto& row : review.json.at("items").as_array()) {
    if (row.at("user_name").as_string() == "admin") {
      found_admin = true;
      EXPECT_EQ(row.at("permissions").as_array().at(0).as_string(), "*:*@all_companies");
    }
  }
  EXPECT_TRUE(found_admin);
}

TEST_P(AccessControl, TheAccessReviewAndTheAuditLogExportToCsvAndExcelAndTheExportIsAudited) {
  Client chinese = admin;
  chinese.locale = "zh-CN";
  auto csv = app->call("GET", "/api/v1/access-review?format=csv", "", &chinese);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF")) << "a BOM, so Excel reads the Chinese header";
  EXPECT_NE(csv.body.find("admin"), std::string::npos);
  EXPECT_NE(csv.body.find("*:*@all_companies"), std::string::npos);
  auto xlsx = app->call("GET", "/api/v1/access-review?format=xlsx", "", &admin);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK")) << "an .xlsx is a zip";
  auto log = app->call("GET", "/api/v1/audit-log?format=xlsx", "", &admin);
  ASSERT_EQ(log.status, 200);
  EXPECT_TRUE(log.body.starts_with("PK"));
  auto exports = app->call("GET", "/api/v1/audit-log?action=export", "", &admin);
  EXPECT_EQ(exports.json.at("items").as_array().size(), 3u) << exports.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessControl, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
