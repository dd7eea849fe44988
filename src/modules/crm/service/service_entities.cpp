// The service area's entities: tickets (服务工单), the SLA policies and assignment rules that
// shape them, return visits (回访) and care plans (客户关怀计划).
#include <boost/json.hpp>

#include "modules/crm/crm_fields.hpp"
#include "modules/crm/service/service.hpp"

namespace verp::crm {

using entity::EntitySpec;
using entity::EnumOption;
using entity::Field;
using entity::FieldKind;

namespace {

std::vector<EnumOption> kind_options() {
  return {{"complaint", {"投诉", "Complaint"}},
          {"repair", {"维修", "Repair"}},
          {"support", {"技术支持", "Technical support"}},
          {"return_exchange", {"退换货", "Return / exchange"}},
          {"consultation", {"咨询", "Consultation"}}};
}

std::vector<EnumOption> priority_options() {
  return {{"urgent", {"紧急", "Urgent"}}, {"high", {"高", "High"}}, {"normal", {"普通", "Normal"}}, {"low", {"低", "Low"}}};
}

Field system_time(std::string name, entity::LocalText label) {
  return Field{.name = std::move(name), .kind = FieldKind::datetime, .label = std::move(label), .read_only = true,
               .in_list = false, .section = "sla"};
}

Field system_flag(std::string name, entity::LocalText label) {
  return Field{.name = std::move(name), .kind = FieldKind::boolean, .label = std::move(label),
               .default_value = "false", .read_only = true, .in_list = false, .section = "sla"};
}

Field minutes(std::string name, entity::LocalText label, bool required, std::string fallback = {}) {
  Field field{.name = std::move(name), .kind = FieldKind::integer, .label = std::move(label), .required = required,
              .minimum = Decimal::from_int(0)};
  if (!fallback.empty()) field.default_value = std::move(fallback);
  return field;
}

Field active_field() {
  return Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"}, .default_value = "true"};
}

// The priority is what the deadlines are computed from: it changes through
// POST /api/v1/tickets/{id}/priority, which recomputes them (CRM-S01). The assignee (owner)
// changes through POST …/assign, which checks the member, tells them and writes the history.
Status check_ticket(entity::RuleContext& context) {
  if (context.before == nullptr) return {};
  if (!(context.before->get("priority") == context.record.get("priority"))) {
    context.reject("priority", "by_step", "crm.ticket_priority_by_step");
  }
  if (context.before->owner_id != context.record.owner_id) {
    context.reject("owner_id", "by_step", "crm.ticket_assign_by_step");
  }
  return {};
}

EntitySpec ticket() {
  return EntitySpec{
      .name = "ticket",
      .table = "tickets",
      .path = "tickets",
      .label = {"服务工单", "Service ticket"},
      .fields = {number_field({"工单号", "Ticket number"}),
                 Field{.name = "subject", .kind = FieldKind::text, .label = {"主题", "Subject"}, .required = true,
                       .max_length = 200, .searchable = true},
                 link_field("customer_id", "customer", {"客户", "Customer"}, true),
                 link_field("contact_id", "contact", {"联系人", "Contact"}),
                 Field{.name = "kind", .kind = FieldKind::enumeration, .label = {"类型", "Kind"}, .required = true,
                       .options = kind_options(), .default_value = "support"},
                 Field{.name = "channel", .kind = FieldKind::enumeration, .label = {"渠道", "Channel"}, .required = true,
                       .options = {{"phone", {"电话", "Phone"}}, {"email", {"邮件", "E-mail"}},
                                   {"web_form", {"网站表单", "Web form"}}, {"portal", {"客户门户", "Portal"}},
                                   {"survey", {"满意度调查", "Survey"}}},
                       .default_value = "phone"},
                 Field{.name = "priority", .kind = FieldKind::enumeration, .label = {"优先级", "Priority"},
                       .required = true, .options = priority_options(), .default_value = "normal"},
                 Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                       .options = {{"new", {"新建", "New"}}, {"assigned", {"已分派", "Assigned"}},
                                   {"in_progress", {"处理中", "In progress"}}, {"waiting", {"等待客户", "Waiting on customer"}},
                                   {"resolved", {"已解决", "Resolved"}}, {"closed", {"已关闭", "Closed"}}},
                       .default_value = "new", .read_only = true},
                 link_field("sales_order_id", "sales_order", {"销售订单", "Sales order"}),
                 link_field("item_id", "item", {"物料", "Item"}),
                 Field{.name = "serial_number", .kind = FieldKind::text, .label = {"序列号", "Serial number"},
                       .max_length = 60, .searchable = true, .in_list = false},
                 Field{.name = "description", .kind = FieldKind::text, .label = {"问题描述", "Description"},
                       .max_length = 5000, .searchable = true, .in_list = false},
                 Field{.name = "resolution", .kind = FieldKind::text, .label = {"处理结果", "Resolution"},
                       .max_length = 2000, .read_only = true, .in_list = false},
                 Field{.name = "root_cause", .kind = FieldKind::text, .label = {"根本原因", "Root cause"},
                       .max_length = 1000, .read_only = true, .in_list = false},
                 Field{.name = "sla_policy_id", .kind = FieldKind::link, .label = {"SLA 策略", "SLA policy"},
                       .link_to = "sla_policy", .read_only = true, .in_list = false, .section = "sla"},
                 Field{.name = "response_due_at", .kind = FieldKind::datetime, .label = {"响应期限", "Respond by"},
                       .read_only = true, .section = "sla"},
                 Field{.name = "resolution_due_at", .kind = FieldKind::datetime, .label = {"解决期限", "Resolve by"},
                       .read_only = true, .section = "sla"},
                 system_time("first_response_at", {"首次响应时间", "First response"}),
                 system_time("resolved_at", {"解决时间", "Resolved at"}),
                 system_time("closed_at", {"关闭时间", "Closed at"}),
                 system_flag("response_breached", {"响应超时", "Response breached"}),
                 system_flag("resolution_breached", {"解决超时", "Resolution breached"}),
                 system_time("escalated_at", {"升级时间", "Escalated at"})},
      .title_field = "subject",
      .code_field = "code",
      .default_sort = "-id",
      .validate = check_ticket};
}

// One policy per priority (and kind, when given) among the active ones, so that a ticket's
// deadlines never depend on which of two rows a query meets first (CRM-S02).
Status check_sla_policy(entity::RuleContext& context) {
  const auto* response = context.record.get("response_minutes").get_if<std::int64_t>();
  const auto* resolution = context.record.get("resolution_minutes").get_if<std::int64_t>();
  if (response != nullptr && resolution != nullptr && *resolution < *response) {
    context.reject("resolution_minutes", "before_response", "crm.sla_resolution_before_response");
  }
  const auto* active = context.record.get("active").get_if<bool>();
  if (active == nullptr || !*active) return {};
  const storage::Value& kind = context.record.get("kind");
  auto clash = context.connection.query_row(
      "SELECT 1 FROM sla_policies WHERE company_id = $1 AND id <> $2 AND active AND archived_at IS NULL "
      "AND priority = $3 AND " +
          std::string(kind.is_null() ? "kind IS NULL" : "kind = $4"),
      kind.is_null() ? std::vector<storage::Value>{context.record.company_id, context.record.id,
                                                   context.record.get("priority")}
                     : std::vector<storage::Value>{context.record.company_id, context.record.id,
                                                   context.record.get("priority"), kind});
  if (!clash) return clash.error();
  if (*clash) context.reject("priority", "duplicate_policy", "crm.sla_policy_duplicate");
  return {};
}

EntitySpec sla_policy() {
  return EntitySpec{
      .name = "sla_policy",
      .table = "sla_policies",
      .path = "sla-policies",
      .label = {"SLA 策略", "SLA policy"},
      .fields = {Field{.name = "name", .kind = FieldKind::text, .label = {"名称", "Name"}, .required = true,
                       .max_length = 100, .searchable = true},
                 Field{.name = "priority", .kind = FieldKind::enumeration, .label = {"优先级", "Priority"},
                       .required = true, .options = priority_options()},
                 Field{.name = "kind", .kind = FieldKind::enumeration, .label = {"工单类型", "Ticket kind"},
                       .help = {"留空表示适用于所有类型", "Empty: every kind"}, .options = kind_options()},
                 minutes("response_minutes", {"响应时限（分钟）", "Respond within (minutes)"}, true),
                 minutes("resolution_minutes", {"解决时限（分钟）", "Resolve within (minutes)"}, true),
                 minutes("remind_before_minutes", {"提前提醒（分钟）", "Remind before (minutes)"}, true, "30"),
                 minutes("return_visit_days", {"回访间隔（天）", "Return visit after (days)"}, true, "3"),
                 active_field()},
      .default_sort = "priority",
      .validate = check_sla_policy};
}

// A rule gives its tickets to one user or to the least-loaded member of one department, and
// either must belong to the company (CRM-S03).
Status check_assignment_rule(entity::RuleContext& context) {
  const storage::Value& user = context.record.get("to_user_id");
  const storage::Value& department = context.record.get("to_department_id");
  if (user.is_null() == department.is_null()) {
    context.reject("to_user_id", "one_target", "crm.ticket_assignment_rule_one_target");
    return {};
  }
  if (!user.is_null()) {
    auto member = context.connection.query_row(
        "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $1 AND m.company_id = $2 "
        "AND u.is_active",
        {user, context.record.company_id});
    if (!member) return member.error();
    if (!*member) context.reject("to_user_id", "not_a_member", "crm.ticket_assignee_not_member");
  } else {
    auto found = context.connection.query_row("SELECT 1 FROM departments WHERE id = $1 AND company_id = $2",
                                              {department, context.record.company_id});
    if (!found) return found.error();
    if (!*found) context.reject("to_department_id", "unknown", "crm.ticket_assignment_department_unknown");
  }
  return {};
}

EntitySpec ticket_assignment_rule() {
  return EntitySpec{
      .name = "ticket_assignment_rule",
      .table = "ticket_assignment_rules",
      .path = "ticket-assignment-rules",
      .label = {"工单分派规则", "Ticket assignment rule"},
      .fields = {Field{.name = "name", .kind = FieldKind::text, .label = {"名称", "Name"}, .required = true,
                       .max_length = 100, .searchable = true},
                 Field{.name = "sequence", .kind = FieldKind::integer, .label = {"顺序", "Order"},
                       .help = {"数字小的规则先匹配", "Lower numbers are tried first"}, .required = true,
                       .minimum = Decimal::from_int(0), .default_value = "10"},
                 Field{.name = "kind", .kind = FieldKind::enumeration, .label = {"工单类型", "Ticket kind"},
                       .help = {"留空表示任意类型", "Empty: any kind"}, .options = kind_options()},
                 Field{.name = "region", .kind = FieldKind::text, .label = {"客户地区", "Customer region"},
                       .help = {"与客户的地区相同时匹配；留空表示任意地区", "Matches the customer's region; empty: any"},
                       .max_length = 50},
                 Field{.name = "to_user_id", .kind = FieldKind::integer, .label = {"指派给用户", "Assign to user"}},
                 Field{.name = "to_department_id", .kind = FieldKind::integer,
                       .label = {"指派给部门", "Assign to department"},
                       .help = {"部门中未结工单最少的在职成员", "The active member with the fewest open tickets"}},
                 active_field()},
      .default_sort = "sequence",
      .validate = check_assignment_rule};
}

Status check_return_visit(entity::RuleContext& context) {
  const auto* score = context.record.get("satisfaction").get_if<std::int64_t>();
  const auto* status = context.record.get("status").get_if<std::string>();
  if (score != nullptr && status != nullptr && *status != "done") {
    context.reject("satisfaction", "not_done", "crm.return_visit_score_when_done");
  }
  return {};
}

EntitySpec return_visit() {
  return EntitySpec{
      .name = "return_visit",
      .table = "return_visits",
      .path = "return-visits",
      .label = {"回访", "Return visit"},
      .fields = {link_field("ticket_id", "ticket", {"服务工单", "Ticket"}),
                 link_field("customer_id", "customer", {"客户", "Customer"}, true),
                 link_field("contact_id", "contact", {"联系人", "Contact"}),
                 Field{.name = "due_on", .kind = FieldKind::date, .label = {"回访日期", "Due on"}, .required = true},
                 Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                       .options = {{"planned", {"待回访", "Planned"}}, {"done", {"已回访", "Done"}},
                                   {"cancelled", {"已取消", "Cancelled"}}},
                       .default_value = "planned", .read_only = true},
                 Field{.name = "satisfaction", .kind = FieldKind::integer, .label = {"满意度（1–5）", "Satisfaction (1–5)"},
                       .minimum = Decimal::from_int(1), .maximum = Decimal::from_int(5), .read_only = true},
                 system_time("completed_at", {"回访时间", "Visited at"}),
                 notes_field()},
      .title_field = "due_on",
      .default_sort = "due_on",
      .validate = check_return_visit};
}

Status check_care_plan(entity::RuleContext& context) {
  const auto* kind = context.record.get("kind").get_if<std::string>();
  if (kind != nullptr && *kind == "periodic_visit" && context.record.get("interval_days").is_null()) {
    context.reject("interval_days", "required", "field.required");
  }
  return {};
}

EntitySpec care_plan() {
  return EntitySpec{
      .name = "care_plan",
      .table = "care_plans",
      .path = "care-plans",
      .label = {"客户关怀计划", "Care plan"},
      .fields = {Field{.name = "name", .kind = FieldKind::text, .label = {"名称", "Name"}, .required = true,
                       .max_length = 100, .searchable = true},
                 Field{.name = "kind", .kind = FieldKind::enumeration, .label = {"类型", "Kind"}, .required = true,
                       .options = {{"birthday_greeting", {"生日祝福", "Birthday greeting"}},
                                   {"periodic_visit", {"定期拜访", "Periodic visit"}}}},
                 Field{.name = "customer_id", .kind = FieldKind::link, .label = {"客户", "Customer"},
                       .help = {"留空表示所有客户（可按等级筛选）", "Empty: every customer (of the grade, if given)"},
                       .link_to = "customer"},
                 Field{.name = "grade", .kind = FieldKind::enumeration, .label = {"客户等级", "Customer grade"},
                       .options = {{"A", {"A", "A"}}, {"B", {"B", "B"}}, {"C", {"C", "C"}}, {"D", {"D", "D"}}}},
                 Field{.name = "interval_days", .kind = FieldKind::integer, .label = {"拜访间隔（天）", "Visit every (days)"},
                       .minimum = Decimal::from_int(1)},
                 active_field()},
      .validate = check_care_plan};
}

}  // namespace

std::vector<entity::EntitySpec> service_entities() {
  return {sla_policy(), ticket_assignment_rule(), ticket(), return_visit(), care_plan()};
}

}  // namespace verp::crm
