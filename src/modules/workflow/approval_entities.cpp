// The two things administrators and users configure for approvals, as entities (so they get
// lists, forms, history, audit and import like any master data): approval rules per document
// type and company, and delegations while someone is away.
#include <boost/json.hpp>
#include <regex>

#include "modules/workflow/approval_definition.hpp"
#include "modules/workflow/approvals.hpp"

namespace verp::workflow {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;
using entity::RuleContext;

namespace {

boost::json::value parsed_json(const storage::Value& value) {
  const auto* text = value.get_if<std::string>();
  if (text == nullptr) return nullptr;
  boost::system::error_code ec;
  auto json = boost::json::parse(*text, ec);
  return ec ? boost::json::value(nullptr) : json;
}

// The names a rule may test on documents of `spec`: its fields, the record's company, owner and
// department, and the facts its module computes.
bool testable(const EntitySpec& spec, std::string_view name) {
  if (spec.field(name) != nullptr || name == "company_id" || name == "owner_id" || name == "department_id") return true;
  const auto& facts = spec.approval->fact_names;
  return std::find(facts.begin(), facts.end(), name) != facts.end();
}

void check_condition_fields(const EntitySpec& spec, const std::vector<Condition>& conditions, const std::string& path,
                            RuleContext& context) {
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    if (!testable(spec, conditions[i].field)) {
      context.reject(path + "[" + std::to_string(i) + "].field", "unknown", "approval.condition_unknown_field",
                     {{"field", conditions[i].field}});
    }
  }
}

Status check_rule(const ApprovableTypes& types, RuleContext& context) {
  const auto* type = context.record.get("document_type").get_if<std::string>();
  const EntitySpec* spec = type != nullptr ? types.find(*type) : nullptr;
  if (spec == nullptr) {
    context.reject("document_type", "not_approvable", "approval.not_approvable");
    return {};
  }
  std::vector<FieldError> problems;
  const auto conditions = parse_conditions(parsed_json(context.record.get("conditions")), "conditions", problems);
  const auto steps = parse_steps(parsed_json(context.record.get("steps")), problems);
  for (auto& problem : problems) context.errors.push_back(std::move(problem));
  if (!problems.empty()) return {};
  check_condition_fields(*spec, conditions, "conditions", context);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    check_condition_fields(*spec, steps[i].when, "steps[" + std::to_string(i) + "].when", context);
    for (std::size_t j = 0; j < steps[i].approvers.size(); ++j) {
      const ApproverSpec& approver = steps[i].approvers[j];
      if (approver.type != ApproverType::user) continue;
      auto member = context.connection.query_row(
          "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $1 AND m.company_id = $2",
          {approver.user_id, storage::Value(context.record.company_id)});
      if (!member) return member.error();
      if (!*member) {
        context.reject("steps[" + std::to_string(i) + "].approvers[" + std::to_string(j) + "].user_id", "not_a_member",
                       "approval.approver_not_member");
      }
    }
  }
  return {};
}

Status check_delegation(RuleContext& context) {
  const entity::Record& record = context.record;
  // Someone who may only manage their own delegations cannot hand someone else's approvals over.
  const auto scope = context.principal.scope_for("approval_delegation", context.before ? "update" : "create");
  if ((!scope || *scope == security::DataScope::own) && record.owner_id != context.principal.user_id) {
    context.reject("owner_id", "not_yours", "approval.delegation_not_yours");
  }
  const auto* delegate = record.get("delegate_id").get_if<std::int64_t>();
  if (delegate != nullptr) {
    if (record.owner_id && *delegate == *record.owner_id) {
      context.reject("delegate_id", "self", "approval.delegate_self");
    } else {
      auto member = context.connection.query_row(
          "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id "
          "WHERE m.user_id = $1 AND m.company_id = $2 AND u.is_active",
          {*delegate, storage::Value(record.company_id)});
      if (!member) return member.error();
      if (!*member) context.reject("delegate_id", "not_a_member", "approval.approver_not_member");
    }
  }
  const auto* starts = record.get("starts_at").get_if<storage::Timestamp>();
  const auto* ends = record.get("ends_at").get_if<storage::Timestamp>();
  if (starts != nullptr && ends != nullptr && ends->micros <= starts->micros) {
    context.reject("ends_at", "before_start", "approval.delegation_ends_before_start");
  }
  return {};
}

}  // namespace

EntitySpec approval_rule_entity(std::shared_ptr<const ApprovableTypes> types) {
  return EntitySpec{
      .name = "approval_rule",
      .table = "approval_rules",
      .path = "approval-rules",
      .label = {"审批规则", "Approval rule"},
      .fields =
          {Field{.name = "name", .kind = FieldKind::text, .label = {"名称", "Name"}, .required = true, .max_length = 100,
                 .searchable = true},
           Field{.name = "document_type", .kind = FieldKind::text, .label = {"单据类型", "Document type"},
                 .help = {"如 purchase_order、sales_order", "e.g. purchase_order, sales_order"}, .required = true,
                 .max_length = 50, .pattern = "[a-z_]+"},
           Field{.name = "priority", .kind = FieldKind::integer, .label = {"优先级", "Priority"},
                 .help = {"数字小的规则先匹配", "Rules with a lower number are tried first"},
                 .minimum = Decimal::from_int(0), .maximum = Decimal::from_int(9999), .default_value = "100"},
           Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"}, .default_value = "true"},
           Field{.name = "conditions", .kind = FieldKind::json, .label = {"适用条件", "Applies when"},
                 .help = {"全部满足时使用本规则，如 [{\"field\":\"amount\",\"op\":\"gt\",\"value\":\"50000\"}]",
                          "The rule applies when all hold, e.g. [{\"field\":\"amount\",\"op\":\"gt\",\"value\":\"50000\"}]"},
                 .in_list = false},
           Field{.name = "steps", .kind = FieldKind::json, .label = {"审批步骤", "Steps"},
                 .help = {"按顺序审批；每步按角色、部门负责人或指定用户，任一或全部通过",
                          "In order; each step names approvers by role, department head or user, any one or all"},
                 .required = true, .in_list = false},
           Field{.name = "description", .kind = FieldKind::text, .label = {"说明", "Description"}, .max_length = 1000,
                 .in_list = false}},
      .default_sort = "priority",
      .validate = [types](RuleContext& context) { return check_rule(*types, context); }};
}

EntitySpec approval_delegation_entity() {
  return EntitySpec{
      .name = "approval_delegation",
      .table = "approval_delegations",
      .path = "approval-delegations",
      .label = {"审批委托", "Approval delegation"},
      .fields = {Field{.name = "delegate_id", .kind = FieldKind::integer, .label = {"受托人（用户ID）", "Delegate (user id)"},
                       .help = {"委托期间由此人代为审批", "Approves in the owner's place during the period"},
                       .required = true},
                 Field{.name = "starts_at", .kind = FieldKind::datetime, .label = {"开始时间", "Starts"}, .required = true},
                 Field{.name = "ends_at", .kind = FieldKind::datetime, .label = {"结束时间", "Ends"}, .required = true},
                 Field{.name = "document_type", .kind = FieldKind::text, .label = {"单据类型", "Document type"},
                       .help = {"留空表示全部单据", "Empty: every document type"}, .max_length = 50,
                       .pattern = "[a-z_]+"},
                 Field{.name = "reason", .kind = FieldKind::text, .label = {"原因", "Reason"}, .max_length = 200,
                       .searchable = true}},
      .title_field = "reason",
      .default_sort = "-starts_at",
      .validate = check_delegation};
}

}  // namespace verp::workflow
