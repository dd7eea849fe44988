// Departments (部门) of a member company, told as an administrator's stories; and the list
// of one's own API tokens.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>

#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

using boost::json::object;
using boost::json::serialize;

boost::json::value id_or_null(std::optional<std::int64_t> id) {
  return id ? boost::json::value(*id) : boost::json::value(nullptr);
}

class Departments : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
  }

  Reply create(const std::string& code, const std::string& name, std::optional<std::int64_t> parent = {},
               std::optional<std::int64_t> head = {}, Client* as = nullptr) {
    object body{{"code", code}, {"name", name}};
    if (parent) body["parent_id"] = *parent;
    if (head) body["head_user_id"] = *head;
    return app->call("POST", "/api/v1/departments", serialize(body), as ? as : &admin);
  }

  // Creates a department and returns its id; fails the test if that does not work.
  std::int64_t department(const std::string& code, const std::string& name, std::optional<std::int64_t> parent = {},
                          std::optional<std::int64_t> head = {}) {
    auto created = create(code, name, parent, head);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.number("id");
  }

  Reply get(std::int64_t id, Client* as = nullptr) {
    return app->call("GET", path(id), "", as ? as : &admin);
  }

  Reply reparent(std::int64_t id, std::optional<std::int64_t> parent, Client* as = nullptr) {
    const auto version = get(id).number("version");
    return app->call("PATCH", path(id), serialize(object{{"version", version}, {"parent_id", id_or_null(parent)}}),
                     as ? as : &admin);
  }

  Reply place(std::int64_t user_id, std::optional<std::int64_t> department_id, Client* as = nullptr) {
    return app->call("PUT", "/api/v1/users/" + std::to_string(user_id) + "/department",
                     serialize(object{{"department_id", id_or_null(department_id)}}), as ? as : &admin);
  }

  // "action:target_id" of every audit record on departments, oldest first.
  std::vector<std::string> department_audit() {
    auto log = app->call("GET", "/api/v1/audit-log?target_type=department&limit=1000", "", &admin);
    EXPECT_EQ(log.status, 200) << log.body;
    std::vector<std::string> out;
    if (!log.json.is_object()) return out;
    for (const auto& record : log.json.at("items").as_array()) {
      out.insert(out.begin(), std::string(record.at("action").as_string()) + ":" +
                                  std::string(record.at("target_id").as_string()));
    }
    return out;
  }

  static std::string path(std::int64_t id) { return "/api/v1/departments/" + std::to_string(id); }
  static std::string entry(const char* action, std::int64_t id) { return action + (":" + std::to_string(id)); }

  std::unique_ptr<TestApp> app;
  Client admin;
};

TEST_P(Departments, AnAdministratorBuildsATreeAndPlacesAUserInIt) {
  std::int64_t li_id = 0;
  Client li = app->user_with_roles(admin, "li.lei", {}, &li_id);
  const auto office = department("GM", "总经办");
  const auto sales = department("SALES", "销售部", office);
  const auto east = department("SALES-EAST", "华东销售组", sales, li_id);

  auto list = app->call("GET", "/api/v1/departments", "", &admin);
  ASSERT_EQ(list.status, 200) << list.body;
  const auto& items = list.json.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_TRUE(list.json.at("next_cursor").is_null());
  auto item = [&](std::int64_t id) {
    for (const auto& i : items) {
      if (i.at("id").as_int64() == id) return i.as_object();
    }
    ADD_FAILURE() << "department " << id << " is not listed";
    return object{};
  };
  EXPECT_TRUE(item(office).at("parent_id").is_null());
  EXPECT_EQ(item(sales).at("parent_id").as_int64(), office);
  EXPECT_EQ(item(east).at("parent_id").as_int64(), sales);
  EXPECT_EQ(item(east).at("name").as_string(), "华东销售组");
  EXPECT_EQ(item(east).at("head_display_name").as_string(), "li.lei") << "the head's display name";

  EXPECT_EQ(place(li_id, east).status, 204);
  auto me = app->call("GET", "/api/v1/auth/me", "", &li);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.number("department_id"), east) << me.body;

  EXPECT_EQ(department_audit(), (std::vector<std::string>{entry("create", office), entry("create", sales),
                                                          entry("create", east), entry("member.add", east)}));
}

TEST_P(Departments, ACodeIsUsedOnceInACompany) {
  department("FIN", "财务部");
  auto again = create("FIN", "财务二部");
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(names_field(again, "code", "identity.department_code_taken")) << again.body;
}

TEST_P(Departments, ADepartmentCannotBePlacedUnderItselfOrBelowItself) {
  const auto office = department("GM", "总经办");
  const auto sales = department("SALES", "销售部", office);
  const auto east = department("SALES-EAST", "华东销售组", sales);

  auto below = reparent(office, east);
  EXPECT_EQ(below.status, 400);
  EXPECT_TRUE(names_field(below, "parent_id", "identity.department_cycle")) << below.body;
  auto itself = reparent(sales, sales);
  EXPECT_EQ(itself.status, 400);
  EXPECT_TRUE(names_field(itself, "parent_id", "identity.department_cycle")) << itself.body;

  auto up = reparent(east, office);
  EXPECT_EQ(up.status, 200) << "moving up the tree is fine: " << up.body;
  EXPECT_EQ(up.number("parent_id"), office);
  EXPECT_EQ(reparent(east, std::nullopt).status, 200) << "and so is becoming a top department";
  EXPECT_EQ(department_audit().back(), entry("update", east));
}

TEST_P(Departments, ADepartmentInUseIsKeptUntilItIsEmpty) {
  std::int64_t wang_id = 0;
  app->user_with_roles(admin, "wang", {}, &wang_id);
  const auto sales = department("SALES", "销售部");
  const auto east = department("SALES-EAST", "华东销售组", sales);
  ASSERT_EQ(place(wang_id, east).status, 204);

  auto with_child = app->call("DELETE", path(sales), "", &admin);
  EXPECT_EQ(with_child.status, 409);
  EXPECT_NE(with_child.text("detail").find("sub-departments (1)"), std::string::npos) << with_child.body;
  auto with_member = app->call("DELETE", path(east), "", &admin);
  EXPECT_EQ(with_member.status, 409);
  EXPECT_NE(with_member.text("detail").find("members (1)"), std::string::npos) << with_member.body;

  ASSERT_EQ(place(wang_id, std::nullopt).status, 204);
  EXPECT_EQ(app->call("DELETE", path(east), "", &admin).status, 204);
  EXPECT_EQ(app->call("DELETE", path(sales), "", &admin).status, 204);
  EXPECT_EQ(get(sales).status, 404);

  const auto audit = department_audit();
  ASSERT_GE(audit.size(), 4u);
  EXPECT_EQ(std::vector<std::string>(audit.end() - 4, audit.end()),
            (std::vector<std::string>{entry("member.add", east), entry("member.remove", east), entry("delete", east),
                                      entry("delete", sales)}));
}

TEST_P(Departments, AUserOfCompanyBFindsNothingOfCompanyAsDepartments) {
  const auto secret = department("RND", "研发中心");
  auto company_b = app->call("POST", "/api/v1/companies", R"({"code":"SZ","name":"深圳分公司"})", &admin);
  ASSERT_EQ(company_b.status, 201) << company_b.body;
  Client admin_in_b = app->admin();
  ASSERT_EQ(app->call("POST", "/api/v1/auth/company", serialize(object{{"company_id", company_b.number("id")}}),
                      &admin_in_b)
                .status,
            200);
  std::int64_t bob_id = 0;
  Client bob = app->user_with_roles(admin_in_b, "bob", {"administrator"}, &bob_id);

  EXPECT_EQ(get(secret, &bob).status, 404) << "by id: not found, not forbidden";
  EXPECT_EQ(app->call("PATCH", path(secret), R"({"version":1,"name":"hacked"})", &bob).status, 404);
  EXPECT_EQ(app->call("DELETE", path(secret), "", &bob).status, 404);
  auto list = app->call("GET", "/api/v1/departments", "", &bob);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("RND"), std::string::npos) << "by list";

  auto adopt = create("BOB-TEAM", "鲍勃组", secret, std::nullopt, &bob);
  EXPECT_EQ(adopt.status, 400) << "nor as a parent";
  EXPECT_TRUE(names_field(adopt, "parent_id", "identity.unknown_department")) << adopt.body;
  auto join = place(bob_id, secret, &bob);
  EXPECT_EQ(join.status, 400) << "nor to join";
  EXPECT_TRUE(names_field(join, "department_id", "identity.unknown_department")) << join.body;
  EXPECT_EQ(place(bob_id, secret).status, 404) << "company A cannot place a user it does not have";
  auto head = create("OPS", "运营部", std::nullopt, bob_id);
  EXPECT_EQ(head.status, 400) << "nor make them a head";
  EXPECT_TRUE(names_field(head, "head_user_id", "identity.head_not_member")) << head.body;
  EXPECT_EQ(get(secret).json.at("name").as_string(), "研发中心");
}

TEST_P(Departments, AStaleVersionIsAConflict) {
  const auto id = department("HR", "人事部");
  const auto version = get(id).number("version");
  auto first = app->call("PATCH", path(id), serialize(object{{"version", version}, {"name", "人力资源部"}}), &admin);
  EXPECT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.number("version"), version + 1);
  auto second = app->call("PATCH", path(id), serialize(object{{"version", version}, {"name", "人事行政部"}}), &admin);
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(get(id).json.at("name").as_string(), "人力资源部");
}

TEST_P(Departments, ABodyCannotSetFieldsTheRouteDoesNotOffer) {
  auto created = app->call("POST", "/api/v1/departments", R"({"code":"X","name":"X","company_id":2,"version":7})",
                           &admin);
  EXPECT_EQ(created.status, 400);
  EXPECT_TRUE(names_field(created, "company_id", "not_writable")) << created.body;
  EXPECT_TRUE(names_field(created, "version", "not_writable"));
  const auto id = department("QA", "质量部");
  auto patched = app->call("PATCH", path(id), R"({"version":1,"code":"QC"})", &admin);
  EXPECT_EQ(patched.status, 400);
  EXPECT_TRUE(names_field(patched, "code", "not_writable")) << patched.body;
  EXPECT_EQ(app->call("PATCH", path(id), R"({"name":"质检部"})", &admin).status, 400) << "the version is required";
}

TEST_P(Departments, AUserWithoutDepartmentGrantsIsForbidden) {
  const auto id = department("OPS", "运营部");
  std::int64_t zhao_id = 0;
  Client zhao = app->user_with_roles(admin, "zhao", {}, &zhao_id);
  EXPECT_EQ(app->call("GET", "/api/v1/departments", "", &zhao).status, 403);
  EXPECT_EQ(get(id, &zhao).status, 403);
  EXPECT_EQ(create("X", "X", std::nullopt, std::nullopt, &zhao).status, 403);
  EXPECT_EQ(app->call("PATCH", path(id), R"({"version":1,"name":"x"})", &zhao).status, 403);
  EXPECT_EQ(app->call("DELETE", path(id), "", &zhao).status, 403);
  EXPECT_EQ(place(zhao_id, id, &zhao).status, 403) << "nor place themselves";
}

INSTANTIATE_TEST_SUITE_P(Backends, Departments, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

class ApiTokens : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
  }
  std::unique_ptr<TestApp> app;
  Client admin;
};

TEST_P(ApiTokens, TheListShowsOnesOwnTokensWithoutSecretsAndMarksRevokedOnes) {
  auto issued = app->call("POST", "/api/v1/auth/tokens",
                          R"({"name":"ci","grants":[{"resource":"user","action":"read"}],"expires_in_days":30})",
                          &admin);
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string secret = issued.text("token");
  Client other = app->user_with_roles(admin, "qian", {});

  auto list = app->call("GET", "/api/v1/auth/tokens", "", &admin);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json.at("items").as_array().size(), 1u);
  const auto& token = list.json.at("items").as_array().at(0).as_object();
  EXPECT_EQ(token.at("id").as_int64(), issued.number("id"));
  EXPECT_EQ(token.at("name").as_string(), "ci");
  EXPECT_EQ(token.at("grants").as_array().at(0).at("resource").as_string(), "user");
  EXPECT_EQ(token.at("expires_at").as_string(), issued.text("expires_at"));
  EXPECT_TRUE(token.contains("created_at"));
  EXPECT_FALSE(token.at("revoked").as_bool());
  EXPECT_EQ(list.body.find(secret), std::string::npos) << "never the token";
  EXPECT_EQ(list.body.find("digest"), std::string::npos) << "nor its digest";
  EXPECT_TRUE(app->call("GET", "/api/v1/auth/tokens", "", &other).json.at("items").as_array().empty())
      << "another user's tokens are not listed";

  ASSERT_EQ(app->call("DELETE", "/api/v1/auth/tokens/" + std::to_string(issued.number("id")), "", &admin).status, 204);
  auto after = app->call("GET", "/api/v1/auth/tokens", "", &admin);
  EXPECT_TRUE(after.json.at("items").as_array().at(0).at("revoked").as_bool()) << after.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTokens, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
