// Approvals as the people of a member company live them: an expense claim (费用报销) goes to
// the department head and, when large, to the finance manager; a rejection needs a reason and
// the claim can be fixed and resubmitted; nobody approves their own claim; someone away hands
// their approvals to a colleague; and another company never sees any of it.
//
// The expense claim is a document type only these tests declare (a module of their own), so the
// engine is tested through the same EntitySpec::approval contract purchasing and sales use.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <boost/json.hpp>

#include "platform/module/module.hpp"
#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

using namespace std::chrono_literals;
using boost::json::array;
using boost::json::object;
using boost::json::serialize;
using entity::Field;
using entity::FieldKind;

std::atomic<int> decided_hook_calls{0};

class ExpenseClaims final : public Module {
 public:
  std::string_view name() const override { return "expense_claims_for_tests"; }
  std::vector<entity::EntitySpec> entities() const override {
    entity::ApprovalSpec approval;
    approval.decided = [](storage::Connection&, const entity::Record&, std::string_view) -> Status {
      ++decided_hook_calls;
      return {};
    };
    return {entity::EntitySpec{
        .name = "expense_claim",
        .table = "expense_claims",
        .path = "expense-claims",
        .label = {"费用报销", "Expense claim"},
        .fields = {Field{.name = "title", .kind = FieldKind::text, .label = {"事由", "Purpose"}, .required = true},
                   Field{.name = "amount", .kind = FieldKind::money, .label = {"金额", "Amount"}, .required = true},
                   Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                         .options = {{"draft", {"草稿", "Draft"}},
                                     {"pending", {"审批中", "Pending"}},
                                     {"approved", {"已批准", "Approved"}},
                                     {"rejected", {"已驳回", "Rejected"}}},
                         .default_value = "draft", .read_only = true}},
        .title_field = "title",
        .approval = approval}};
  }
};

std::vector<std::unique_ptr<Module>> expense_claims() {
  std::vector<std::unique_ptr<Module>> modules;
  modules.push_back(std::make_unique<ExpenseClaims>());
  return modules;
}

constexpr const char* kPassword = "quiet river under seven stone bridges";

class Approvals : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam(), expense_claims());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
    make_role("employee", "员工",
              array{object{{"resource", "expense_claim"}, {"action", "*"}, {"scope", "own"}},
                    object{{"resource", "approval_delegation"}, {"action", "*"}, {"scope", "own"}}});
    make_role("finance_manager", "财务经理",
              array{object{{"resource", "expense_claim"}, {"action", "read"}, {"scope", "company"}}});
  }

  void make_role(const std::string& code, const std::string& name, array grants) {
    auto role = app->call("POST", "/api/v1/roles",
                          serialize(object{{"code", code}, {"name", name}, {"grants", std::move(grants)}}), &admin);
    ASSERT_EQ(role.status, 201) << role.body;
  }

  std::int64_t department(const std::string& code, const std::string& name, std::int64_t head,
                          std::optional<std::int64_t> parent = std::nullopt) {
    object body{{"code", code}, {"name", name}, {"head_user_id", head}};
    if (parent) body["parent_id"] = *parent;
    auto made = app->call("POST", "/api/v1/departments", serialize(body), &admin);
    EXPECT_EQ(made.status, 201) << made.body;
    return made.number("id");
  }

  void place(std::int64_t user, std::int64_t department_id) {
    EXPECT_EQ(app->call("PUT", "/api/v1/users/" + std::to_string(user) + "/department",
                        serialize(object{{"department_id", department_id}}), &admin)
                  .status,
              204);
  }

  std::int64_t user(const std::string& name, const std::vector<std::string>& roles) {
    std::int64_t id = 0;
    people[name] = app->user_with_roles(admin, name, roles, &id);
    return id;
  }

  Client& as(const std::string& name) { return name == "admin" ? admin : people.at(name); }

  void rule(const std::string& name, array steps, array conditions = {}) {
    auto made = app->call("POST", "/api/v1/approval-rules",
                          serialize(object{{"name", name},
                                           {"document_type", "expense_claim"},
                                           {"conditions", std::move(conditions)},
                                           {"steps", std::move(steps)}}),
                          &admin);
    ASSERT_EQ(made.status, 201) << made.body;
  }

  // A claim created by `who`, as a draft; returns its id.
  std::int64_t claim(const std::string& who, const std::string& title, const std::string& amount) {
    auto made = app->call("POST", "/api/v1/expense-claims", serialize(object{{"title", title}, {"amount", amount}}),
                          &as(who));
    EXPECT_EQ(made.status, 201) << made.body;
    return made.number("id");
  }

  Reply submit(const std::string& who, std::int64_t claim_id) {
    return app->call("POST", "/api/v1/approvals",
                     serialize(object{{"document_type", "expense_claim"}, {"document_id", claim_id}}), &as(who));
  }

  Reply act(const std::string& who, std::int64_t flow, const std::string& verb, const std::string& comment = "") {
    object body;
    if (!comment.empty()) body["comment"] = comment;
    return app->call("POST", "/api/v1/approvals/" + std::to_string(flow) + "/" + verb, serialize(body), &as(who));
  }

  std::vector<std::string> inbox(const std::string& who, const std::string& box = "pending") {
    auto page = app->call("GET", "/api/v1/approvals?box=" + box, "", &as(who));
    EXPECT_EQ(page.status, 200) << page.body;
    std::vector<std::string> titles;
    if (!page.json.is_object()) return titles;
    for (const auto& item : page.json.at("items").as_array()) {
      titles.push_back(std::string(item.at("title").as_string()) + " @ " + std::string(item.at("step_name").as_string()));
    }
    return titles;
  }

  std::string status_of(std::int64_t claim_id, const std::string& who) {
    return app->call("GET", "/api/v1/expense-claims/" + std::to_string(claim_id), "", &as(who)).text("status");
  }

  std::vector<std::string> notices(const std::string& who) {
    std::vector<std::string> titles;
    auto list = app->call("GET", "/api/v1/notifications", "", &as(who));
    if (!list.json.is_object()) return titles;
    for (const auto& n : list.json.at("items").as_array()) titles.emplace_back(n.at("title").as_string());
    return titles;
  }

  // The usual office: 张三 in 市场部 headed by 李经理, under 总经办 headed by 陈总; 王会计 is the
  // finance manager, in 财务部, also headed by 陈总.
  void office() {
    const auto gm = user("gm.chen", {"employee"});
    const auto head = user("head.li", {"employee"});
    const auto zhang = user("zhang.san", {"employee"});
    const auto wang = user("fin.wang", {"employee", "finance_manager"});
    const auto top = department("GMO", "总经办", gm);
    const auto marketing = department("MKT", "市场部", head, top);
    const auto finance = department("FIN", "财务部", gm, top);
    place(gm, top);
    place(head, marketing);
    place(zhang, marketing);
    place(wang, finance);
  }

  static array conditional_two_steps() {
    return array{object{{"name", "部门负责人审批"}, {"approvers", array{object{{"type", "department_head"}}}}},
                 object{{"name", "财务经理审批"},
                        {"approvers", array{object{{"type", "role"}, {"role", "finance_manager"}}}},
                        {"when", array{object{{"field", "amount"}, {"op", "gte"}, {"value", "50000"}}}}}};
  }

  std::unique_ptr<TestApp> app;
  Client admin;
  std::map<std::string, Client> people;
};

TEST_P(Approvals, ALargeClaimNeedsTheDepartmentHeadThenTheFinanceManagerASmallOneOnlyTheHead) {
  office();
  rule("费用报销审批", conditional_two_steps());
  const int hooks_before = decided_hook_calls.load();

  const auto trip = claim("zhang.san", "北京展会差旅", "80000.00");
  auto submitted = submit("zhang.san", trip);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  EXPECT_EQ("pending", submitted.text("state"));
  const std::int64_t flow = submitted.number("id");
  EXPECT_EQ("pending", status_of(trip, "zhang.san"));
  auto edit = app->call("PATCH", "/api/v1/expense-claims/" + std::to_string(trip),
                        R"({"version":2,"amount":"90000.00"})", &as("zhang.san"));
  EXPECT_EQ(edit.status, 409) << "approvers approve what they saw: " << edit.body;

  EXPECT_EQ((std::vector<std::string>{"北京展会差旅 @ 部门负责人审批"}), inbox("head.li"));
  EXPECT_TRUE(inbox("fin.wang").empty()) << "not the finance manager's turn yet";
  EXPECT_EQ(act("fin.wang", flow, "approve").status, 404) << "nothing of theirs in it yet";
  EXPECT_EQ((std::vector<std::string>{"待审批：北京展会差旅"}), notices("head.li"));

  auto first = act("head.li", flow, "approve", "同意");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ("pending", first.text("state"));
  EXPECT_TRUE(inbox("head.li").empty());
  EXPECT_EQ((std::vector<std::string>{"北京展会差旅 @ 财务经理审批"}), inbox("head.li", "decided"))
      << "decided by them, now at the next step";
  EXPECT_EQ((std::vector<std::string>{"北京展会差旅 @ 财务经理审批"}), inbox("fin.wang"));
  EXPECT_EQ(act("head.li", flow, "approve").status, 409) << "their step is done";

  auto second = act("fin.wang", flow, "approve");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ("approved", second.text("state"));
  EXPECT_EQ("approved", status_of(trip, "zhang.san"));
  EXPECT_EQ(decided_hook_calls.load(), hooks_before + 1) << "the document's module heard the outcome once";
  EXPECT_EQ((std::vector<std::string>{"审批通过：北京展会差旅"}), notices("zhang.san"));

  auto detail = app->call("GET", "/api/v1/approvals/" + std::to_string(flow), "", &as("zhang.san"));
  ASSERT_EQ(detail.status, 200) << detail.body;
  const auto& steps = detail.json.at("steps").as_array();
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].at("state").as_string(), "approved");
  EXPECT_EQ(steps[0].at("approvers").at(0).at("name").as_string(), "head.li");
  EXPECT_EQ(steps[0].at("approvers").at(0).at("comment").as_string(), "同意");
  EXPECT_EQ(steps[1].at("state").as_string(), "approved");
  std::vector<std::string> timeline;
  for (const auto& a : detail.json.at("actions").as_array()) timeline.emplace_back(a.at("action").as_string());
  EXPECT_EQ((std::vector<std::string>{"submit", "approve", "approve"}), timeline);

  // A small claim: the finance step does not apply.
  const auto taxi = claim("zhang.san", "打车费", "300.00");
  auto small = submit("zhang.san", taxi);
  ASSERT_EQ(small.status, 201) << small.body;
  ASSERT_EQ(act("head.li", small.number("id"), "approve").status, 200);
  EXPECT_EQ("approved", status_of(taxi, "zhang.san"));
  auto small_detail = app->call("GET", "/api/v1/approvals/" + std::to_string(small.number("id")), "", &as("head.li"));
  EXPECT_EQ(small_detail.json.at("steps").at(1).at("state").as_string(), "skipped");

  // The audit log holds every decision.
  auto audit = app->call("GET", "/api/v1/audit-log?target_type=approval_flow&target_id=" + std::to_string(flow), "", &admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("approval.submit"), std::string::npos);
  EXPECT_NE(audit.body.find("approval.approve"), std::string::npos);
}

TEST_P(Approvals, ARejectionNeedsAReasonAndTheFixedClaimCanBeResubmitted) {
  office();
  rule("费用报销审批", conditional_two_steps());
  const auto claim_id = claim("zhang.san", "客户招待", "1200.00");
  const auto flow = submit("zhang.san", claim_id).number("id");

  auto bare = act("head.li", flow, "reject");
  EXPECT_EQ(bare.status, 400) << bare.body;
  EXPECT_TRUE(names_field(bare, "comment", "required")) << bare.body;
  auto rejected = act("head.li", flow, "reject", "缺少发票");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ("rejected", rejected.text("state"));
  EXPECT_EQ("rejected", status_of(claim_id, "zhang.san"));
  EXPECT_EQ((std::vector<std::string>{"审批被驳回：客户招待"}), notices("zhang.san"));

  auto current = app->call("GET", "/api/v1/expense-claims/" + std::to_string(claim_id), "", &as("zhang.san"));
  auto fixed = app->call("PATCH", "/api/v1/expense-claims/" + std::to_string(claim_id),
                         serialize(object{{"version", current.number("version")}, {"title", "客户招待（附发票）"}}),
                         &as("zhang.san"));
  ASSERT_EQ(fixed.status, 200) << "a rejected claim can be fixed: " << fixed.body;
  auto again = submit("zhang.san", claim_id);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_NE(again.number("id"), flow) << "a new flow; the rejected one stays as it was";
  EXPECT_EQ((std::vector<std::string>{"客户招待（附发票） @ 部门负责人审批"}), inbox("head.li"));
  EXPECT_EQ(submit("zhang.san", claim_id).status, 409) << "already under approval";
  ASSERT_EQ(act("head.li", again.number("id"), "approve").status, 200);
  EXPECT_EQ("approved", status_of(claim_id, "zhang.san"));
  EXPECT_EQ(inbox("zhang.san", "submitted").size(), 2u);
}

TEST_P(Approvals, NobodyApprovesTheirOwnClaim) {
  office();
  rule("费用报销审批", conditional_two_steps());
  // The finance manager's own large claim: they are the only finance manager.
  const auto own = claim("fin.wang", "财务软件年费", "60000.00");
  auto refused = submit("fin.wang", own);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("财务经理审批"), std::string::npos) << "names the step: " << refused.body;
  EXPECT_EQ("draft", status_of(own, "fin.wang")) << "nothing half-written";

  user("fin.zhao", {"finance_manager"});
  auto flow = submit("fin.wang", own);
  ASSERT_EQ(flow.status, 201) << flow.body;
  EXPECT_EQ(act("fin.wang", flow.number("id"), "approve").status, 403) << "segregation of duties";
  ASSERT_EQ(act("gm.chen", flow.number("id"), "approve").status, 200);
  EXPECT_TRUE(inbox("fin.wang").empty()) << "never in their own inbox";
  EXPECT_EQ((std::vector<std::string>{"财务软件年费 @ 财务经理审批"}), inbox("fin.zhao"));
  EXPECT_EQ(act("fin.wang", flow.number("id"), "approve").status, 403);
  EXPECT_EQ(act("fin.zhao", flow.number("id"), "approve").status, 200);

  // A department head's own claim goes to the head above them.
  const auto heads = claim("head.li", "团队建设", "5000.00");
  auto up = submit("head.li", heads);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ((std::vector<std::string>{"团队建设 @ 部门负责人审批"}), inbox("gm.chen"));
  EXPECT_EQ(act("head.li", up.number("id"), "approve").status, 403);
  EXPECT_EQ(act("gm.chen", up.number("id"), "approve").status, 200);
}

TEST_P(Approvals, EveryApproverOfAnAllStepMustApproveAndADelegateActsForSomeoneAway) {
  office();
  const auto a = user("board.a", {"employee"});
  const auto b = user("board.b", {"employee"});
  const auto c = user("deputy.c", {"employee"});
  rule("董事会会签",
       array{object{{"name", "会签"},
                    {"mode", "all"},
                    {"approvers", array{object{{"type", "user"}, {"user_id", a}}, object{{"type", "user"}, {"user_id", b}}}}}});

  const auto now = storage::Timestamp::from_system(app->clock().now());
  const auto later = storage::Timestamp{now.micros + 24LL * 3600 * 1'000'000};
  auto not_yours = app->call("POST", "/api/v1/approval-delegations",
                             serialize(object{{"owner_id", a}, {"delegate_id", b}, {"starts_at", now.to_string()},
                                              {"ends_at", later.to_string()}, {"reason", "出差"}}),
                             &as("board.b"));
  EXPECT_EQ(not_yours.status, 400) << not_yours.body;
  EXPECT_TRUE(names_field(not_yours, "owner_id")) << "nobody hands over someone else's approvals";
  auto away = app->call("POST", "/api/v1/approval-delegations",
                        serialize(object{{"delegate_id", c}, {"starts_at", now.to_string()},
                                         {"ends_at", later.to_string()}, {"reason", "出差"}}),
                        &as("board.b"));
  ASSERT_EQ(away.status, 201) << away.body;

  const auto claim_id = claim("zhang.san", "年度审计费", "30000.00");
  auto flow = submit("zhang.san", claim_id);
  ASSERT_EQ(flow.status, 201) << flow.body;
  EXPECT_TRUE(inbox("board.b").empty()) << "away: their delegate has it";
  EXPECT_EQ(inbox("deputy.c").size(), 1u);
  auto one = act("board.a", flow.number("id"), "approve");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ("pending", one.text("state")) << "all must approve";
  auto two = act("deputy.c", flow.number("id"), "approve", "代王董审批");
  ASSERT_EQ(two.status, 200) << two.body;
  EXPECT_EQ("approved", two.text("state"));
  auto detail = app->call("GET", "/api/v1/approvals/" + std::to_string(flow.number("id")), "", &as("zhang.san"));
  const auto& approvers = detail.json.at("steps").at(0).at("approvers").as_array();
  ASSERT_EQ(approvers.size(), 2u);
  EXPECT_EQ(approvers[1].at("name").as_string(), "deputy.c");
  EXPECT_EQ(approvers[1].at("on_behalf_of_name").as_string(), "board.b");
}

TEST_P(Approvals, TheSubmitterMayWithdrawAndTheClaimReturnsToDraft) {
  office();
  rule("费用报销审批", conditional_two_steps());
  const auto claim_id = claim("zhang.san", "培训费", "2000.00");
  const auto flow = submit("zhang.san", claim_id).number("id");
  EXPECT_EQ(act("head.li", flow, "withdraw").status, 404) << "only the submitter withdraws";
  auto back = act("zhang.san", flow, "withdraw", "金额有误");
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ("withdrawn", back.text("state"));
  EXPECT_EQ("draft", status_of(claim_id, "zhang.san"));
  EXPECT_TRUE(inbox("head.li").empty());
  EXPECT_EQ(act("head.li", flow, "approve").status, 409);
  EXPECT_EQ(act("zhang.san", flow, "withdraw").status, 409) << "already ended";
}

TEST_P(Approvals, WithoutAMatchingRuleAClaimIsApprovedAtOnceAndTheFlowSaysSo) {
  office();
  rule("大额报销", conditional_two_steps(), array{object{{"field", "amount"}, {"op", "gt"}, {"value", "10000"}}});
  const auto claim_id = claim("zhang.san", "办公用品", "88.50");
  auto flow = submit("zhang.san", claim_id);
  ASSERT_EQ(flow.status, 201) << flow.body;
  EXPECT_EQ("approved", flow.text("state"));
  EXPECT_EQ("approved", status_of(claim_id, "zhang.san"));
  auto detail = app->call("GET", "/api/v1/approvals/" + std::to_string(flow.number("id")), "", &as("zhang.san"));
  EXPECT_EQ(detail.json.at("actions").at(1).at("action").as_string(), "auto_approve");
}

TEST_P(Approvals, ARuleIsCheckedWhenSavedAndNamesEveryBadPart) {
  auto types = app->call("GET", "/api/v1/approvals/types", "", &admin);
  ASSERT_EQ(types.status, 200) << types.body;
  std::set<std::string> names;
  for (const auto& type : types.json.at("items").as_array()) names.insert(std::string(type.at("name").as_string()));
  EXPECT_TRUE(names.contains("expense_claim")) << types.body;
  EXPECT_TRUE(names.contains("purchase_order")) << types.body;
  EXPECT_FALSE(names.contains("customer")) << "only documents that declare approval";

  auto bad = app->call(
      "POST", "/api/v1/approval-rules",
      serialize(object{{"name", "坏规则"},
                       {"document_type", "expense_claim"},
                       {"conditions", array{object{{"field", "amout"}, {"op", "gt"}, {"value", "1"}}}},
                       {"steps", array{object{{"name", "一审"}, {"approvers", array{object{{"type", "robot"}}}}},
                                       object{{"approvers", array{object{{"type", "role"}}}}, {"mode", "some"}}}}}),
      &admin);
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(names_field(bad, "steps[0].approvers[0].type")) << bad.body;
  EXPECT_TRUE(names_field(bad, "steps[1].name")) << bad.body;
  EXPECT_TRUE(names_field(bad, "steps[1].mode")) << bad.body;
  EXPECT_TRUE(names_field(bad, "steps[1].approvers[0].role")) << bad.body;

  auto typo = app->call(
      "POST", "/api/v1/approval-rules",
      serialize(object{{"name", "拼错字段"},
                       {"document_type", "expense_claim"},
                       {"conditions", array{object{{"field", "amout"}, {"op", "gt"}, {"value", "1"}}}},
                       {"steps", conditional_two_steps()}}),
      &admin);
  ASSERT_EQ(typo.status, 400) << typo.body;
  EXPECT_TRUE(names_field(typo, "conditions[0].field", "unknown")) << typo.body;

  auto customer = app->call("POST", "/api/v1/approval-rules",
                            serialize(object{{"name", "客户"}, {"document_type", "customer"}, {"steps", conditional_two_steps()}}),
                            &admin);
  ASSERT_EQ(customer.status, 400) << customer.body;
  EXPECT_TRUE(names_field(customer, "document_type", "not_approvable")) << customer.body;
}

TEST_P(Approvals, AnotherCompanyNeverSeesOrDecidesAFlow) {
  office();
  rule("费用报销审批", conditional_two_steps());
  const auto flow = submit("zhang.san", claim("zhang.san", "展位费", "9000.00")).number("id");

  Client admin_in_b = app->admin_of_new_company(admin, "SZ", "深圳分公司");
  ASSERT_FALSE(admin_in_b.cookie.empty());
  people["sz.boss"] = app->user_with_roles(admin_in_b, "sz.boss", {"administrator"});
  const std::string path = "/api/v1/approvals/" + std::to_string(flow);
  EXPECT_EQ(app->call("GET", path, "", &as("sz.boss")).status, 404) << "even an administrator of company B";
  EXPECT_EQ(act("sz.boss", flow, "approve").status, 404);
  EXPECT_EQ(act("sz.boss", flow, "reject", "不行").status, 404);
  EXPECT_EQ(act("sz.boss", flow, "withdraw").status, 404);
  EXPECT_TRUE(inbox("sz.boss", "submitted").empty());
  EXPECT_EQ(app->call("GET", path, "", &as("head.li")).status, 200) << "the approver in company A does";
}

INSTANTIATE_TEST_SUITE_P(Backends, Approvals, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
