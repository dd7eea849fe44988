// Leads (线索), pipeline stages, opportunities (销售机会) and follow-ups (跟进记录).
#include "modules/crm/crm_fields.hpp"
#include "modules/crm/pipeline/pipeline.hpp"

namespace verp::crm {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

namespace {

std::vector<entity::EnumOption> industry_options() {
  return {{"manufacturing", {"制造业", "Manufacturing"}}, {"wholesale_retail", {"批发零售", "Wholesale & retail"}},
          {"construction", {"建筑业", "Construction"}},   {"it", {"信息技术", "Information technology"}},
          {"logistics", {"交通物流", "Logistics"}},        {"healthcare", {"医疗卫生", "Healthcare"}},
          {"education", {"教育", "Education"}},            {"government", {"政府机构", "Government"}},
          {"other", {"其他", "Other"}}};
}

// A follow-up is about someone: a customer, a lead or an opportunity.
Status check_follow_up(entity::RuleContext& context) {
  for (const char* field : {"customer_id", "lead_id", "opportunity_id"}) {
    if (!context.record.get(field).is_null()) return {};
  }
  context.reject("customer_id", "required", "crm.pipeline.follow_up_needs_subject");
  return {};
}

EntitySpec lead() {
  return EntitySpec{
      .name = "lead",
      .table = "leads",
      .path = "leads",
      .label = {"线索", "Lead"},
      .fields = {number_field({"线索编号", "Lead number"}),
                 Field{.name = "name", .kind = FieldKind::text, .label = {"联系人", "Contact name"}, .required = true,
                       .max_length = 50, .searchable = true},
                 Field{.name = "company_name", .kind = FieldKind::text, .label = {"公司名称", "Company"},
                       .max_length = 100, .searchable = true, .duplicate_key = entity::DuplicateKey::name},
                 Field{.name = "title", .kind = FieldKind::text, .label = {"职务", "Job title"}, .max_length = 50,
                       .in_list = false},
                 Field{.name = "phone", .kind = FieldKind::phone, .label = {"电话", "Phone"}, .searchable = true,
                       .duplicate_key = entity::DuplicateKey::phone},
                 Field{.name = "email", .kind = FieldKind::email, .label = {"电子邮箱", "E-mail"}, .searchable = true,
                       .duplicate_key = entity::DuplicateKey::email},
                 Field{.name = "region", .kind = FieldKind::text, .label = {"地区", "Region"}, .max_length = 50},
                 Field{.name = "industry", .kind = FieldKind::enumeration, .label = {"行业", "Industry"},
                       .options = industry_options(), .in_list = false},
                 Field{.name = "source", .kind = FieldKind::enumeration, .label = {"来源", "Source"}, .required = true,
                       .options = source_options(), .default_value = "manual"},
                 link_field("campaign_id", "campaign", {"营销活动", "Campaign"}),
                 Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                       .options = {{"new", {"新线索", "New"}},
                                   {"contacted", {"已联系", "Contacted"}},
                                   {"qualified", {"已确认", "Qualified"}},
                                   {"converted", {"已转化", "Converted"}},
                                   {"disqualified", {"无效", "Disqualified"}}},
                       .default_value = "new", .read_only = true},
                 Field{.name = "customer_id", .kind = FieldKind::link, .label = {"客户", "Customer"},
                       .help = {"转化成的（或查重匹配到的）客户", "The customer it became or matched"},
                       .link_to = "customer", .read_only = true},
                 Field{.name = "disqualified_reason", .kind = FieldKind::text, .label = {"无效原因", "Why disqualified"},
                       .max_length = 500, .read_only = true, .in_list = false},
                 notes_field()},
      .code_field = "code",
      .default_sort = "-id"};
}

EntitySpec opportunity_stage() {
  return EntitySpec{
      .name = "opportunity_stage",
      .table = "opportunity_stages",
      .path = "opportunity-stages",
      .label = {"商机阶段", "Pipeline stage"},
      .fields =
          {Field{.name = "name",
                 .kind = FieldKind::text,
                 .label = {"阶段名称", "Stage"},
                 .required = true,
                 .unique = entity::Uniqueness::company,
                 .max_length = 50},
           Field{.name = "position",
                 .kind = FieldKind::integer,
                 .label = {"顺序", "Position"},
                 .required = true,
                 .minimum = Decimal::from_int(0),
                 .maximum = Decimal::from_int(999),
                 .default_value = "10"},
           Field{.name = "probability",
                 .kind = FieldKind::decimal,
                 .label = {"赢单概率", "Win probability"},
                 .help = {"0 到 1 的小数，如 0.6 表示 60%", "A fraction from 0 to 1: 0.6 means 60 %"},
                 .required = true,
                 .minimum = Decimal::from_int(0),
                 .maximum = Decimal::from_int(1)},
           Field{.name = "outcome",
                 .kind = FieldKind::enumeration,
                 .label = {"结果", "Outcome"},
                 .required = true,
                 .options = {{"open", {"进行中", "Open"}}, {"won", {"赢单", "Won"}}, {"lost", {"输单", "Lost"}}},
                 .default_value = "open"},
           Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"}, .default_value = "true"}},
      .default_sort = "position"};
}

// An opportunity changes stage only through its steps (move, win, lose, reopen), which keep the
// stage history the statistics read; and a closed one is reopened before it is edited.
Status check_opportunity(entity::RuleContext& context) {
  if (context.before == nullptr) return {};
  const auto* status = context.before->get("status").get_if<std::string>();
  if (status != nullptr && *status != "open") {
    context.reject("status", "closed", "crm.pipeline.opportunity_not_open");
    return {};
  }
  const auto* was = context.before->get("stage_id").get_if<std::int64_t>();
  const auto* now = context.record.get("stage_id").get_if<std::int64_t>();
  if (was != nullptr && now != nullptr && *was != *now) {
    context.reject("stage_id", "use_move", "crm.pipeline.stage_by_move");
  }
  return {};
}

EntitySpec opportunity() {
  return EntitySpec{
      .name = "opportunity",
      .table = "opportunities",
      .path = "opportunities",
      .label = {"销售机会", "Opportunity"},
      .fields = {number_field({"商机编号", "Opportunity number"}),
                 Field{.name = "name", .kind = FieldKind::text, .label = {"商机名称", "Opportunity"}, .required = true,
                       .max_length = 100, .searchable = true},
                 link_field("customer_id", "customer", {"客户", "Customer"}, true),
                 link_field("contact_id", "contact", {"联系人", "Contact"}),
                 link_field("stage_id", "opportunity_stage", {"阶段", "Stage"}, true),
                 Field{.name = "amount", .kind = FieldKind::money, .label = {"预计金额", "Expected amount"},
                       .minimum = Decimal::from_int(0), .default_value = "0.00"},
                 Field{.name = "expected_close_date", .kind = FieldKind::date, .label = {"预计成交日期", "Expected close"}},
                 Field{.name = "source", .kind = FieldKind::enumeration, .label = {"来源", "Source"},
                       .options = source_options(), .default_value = "manual"},
                 Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                       .options = {{"open", {"进行中", "Open"}}, {"won", {"赢单", "Won"}}, {"lost", {"输单", "Lost"}}},
                       .default_value = "open", .read_only = true},
                 Field{.name = "closed_on", .kind = FieldKind::date, .label = {"结束日期", "Closed on"}, .read_only = true},
                 Field{.name = "close_reason", .kind = FieldKind::text, .label = {"赢单/输单原因", "Won / lost reason"},
                       .max_length = 500, .read_only = true, .in_list = false},
                 Field{.name = "competitors", .kind = FieldKind::text, .label = {"竞争对手", "Competitors"},
                       .max_length = 1000, .in_list = false},
                 link_field("lead_id", "lead", {"来源线索", "Lead"}),
                 link_field("quotation_id", "quotation", {"报价单", "Quotation"}),
                 link_field("sales_order_id", "sales_order", {"销售订单", "Sales order"}),
                 notes_field()},
      .code_field = "code",
      .default_sort = "-id",
      .validate = check_opportunity};
}

EntitySpec follow_up() {
  auto linked = [](std::string name, std::string to, entity::LocalText label) {
    Field field = link_field(std::move(name), std::move(to), std::move(label));
    field.in_list = false;
    return field;
  };
  return EntitySpec{
      .name = "follow_up",
      .table = "follow_ups",
      .path = "follow-ups",
      .label = {"跟进记录", "Follow-up"},
      .fields = {link_field("customer_id", "customer", {"客户", "Customer"}),
                 linked("lead_id", "lead", {"线索", "Lead"}),
                 linked("opportunity_id", "opportunity", {"销售机会", "Opportunity"}),
                 linked("contact_id", "contact", {"联系人", "Contact"}),
                 Field{.name = "kind", .kind = FieldKind::enumeration, .label = {"方式", "Kind"}, .required = true,
                       .options = {{"call", {"电话", "Call"}}, {"visit", {"拜访", "Visit"}}, {"email", {"邮件", "E-mail"}},
                                   {"meeting", {"会议", "Meeting"}}, {"wechat", {"微信", "WeChat"}},
                                   {"other", {"其他", "Other"}}},
                       .default_value = "call"},
                 Field{.name = "occurred_at", .kind = FieldKind::datetime, .label = {"时间", "When"}, .required = true},
                 Field{.name = "content", .kind = FieldKind::text, .label = {"内容", "What was said"}, .required = true,
                       .max_length = 2000, .searchable = true},
                 Field{.name = "reaction", .kind = FieldKind::enumeration, .label = {"客户反应", "Customer reaction"},
                       .options = {{"positive", {"积极", "Positive"}}, {"neutral", {"一般", "Neutral"}},
                                   {"negative", {"消极", "Negative"}}}},
                 Field{.name = "next_follow_up_at", .kind = FieldKind::datetime, .label = {"下次跟进时间", "Next follow-up"}},
                 Field{.name = "next_action", .kind = FieldKind::text, .label = {"下次跟进事项", "Next step"},
                       .max_length = 500, .in_list = false}},
      .title_field = "content",
      .default_sort = "-occurred_at",
      .validate = check_follow_up};
}

// A public web form (网站表单) that makes leads for its owner; its key is made when it is created
// (POST /api/v1/lead-forms), its signing secret kept apart in lead_form_keys.
EntitySpec lead_form() {
  return EntitySpec{.name = "lead_form",
                    .table = "lead_forms",
                    .path = "lead-forms",
                    .label = {"线索表单", "Lead form"},
                    .fields = {Field{.name = "name",
                                     .kind = FieldKind::text,
                                     .label = {"表单名称", "Form"},
                                     .required = true,
                                     .max_length = 100,
                                     .searchable = true},
                               Field{.name = "intro",
                                     .kind = FieldKind::text,
                                     .label = {"表单说明", "Introduction"},
                                     .help = {"显示在公开表单顶部", "Shown above the public form"},
                                     .max_length = 500,
                                     .in_list = false},
                               Field{.name = "form_key",
                                     .kind = FieldKind::text,
                                     .label = {"表单密钥", "Form key"},
                                     .help = {"公开链接 /forms/lead/<密钥>", "The public link is /forms/lead/<key>"},
                                     .unique = entity::Uniqueness::global,
                                     .max_length = 40,
                                     .read_only = true},
                               Field{.name = "active",
                                     .kind = FieldKind::boolean,
                                     .label = {"启用", "Active"},
                                     .default_value = "true"}},
                    .default_sort = "-id"};
}

}  // namespace

std::vector<entity::EntitySpec> pipeline_entities() {
  return {lead(), opportunity_stage(), opportunity(), follow_up(), lead_form()};
}

}  // namespace verp::crm
