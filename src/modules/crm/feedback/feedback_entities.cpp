// Surveys (调查问卷) and their responses (问卷答卷). A survey's questions are the survey's own table
// (survey_tables.cpp): they are designed, reordered and replaced as one list, never one by one,
// and the survey's history records each replacement. A response is an entity so that customer
// service lists, filters, exports and follows it like any record; only the answer page writes it.
#include "modules/crm/crm_fields.hpp"
#include "modules/crm/feedback/feedback.hpp"

namespace verp::crm {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

namespace {

Field counter(std::string name, entity::LocalText label) {
  return Field{.name = std::move(name), .kind = FieldKind::integer, .label = std::move(label), .default_value = "0",
               .read_only = true};
}

EntitySpec survey() {
  return EntitySpec{
      .name = "survey",
      .table = "surveys",
      .path = "surveys",
      .label = {"调查问卷", "Survey"},
      .fields = {Field{.name = "name", .kind = FieldKind::text, .label = {"问卷名称", "Survey"}, .required = true,
                       .max_length = 100, .searchable = true},
                 Field{.name = "category", .kind = FieldKind::enumeration, .label = {"类别", "Category"},
                       .required = true,
                       .options = {{"satisfaction", {"满意度", "Satisfaction"}}, {"nps", {"推荐度 NPS", "NPS"}},
                                   {"service", {"服务回访", "Service follow-up"}}, {"product", {"产品反馈", "Product feedback"}},
                                   {"other", {"其他", "Other"}}},
                       .default_value = "satisfaction"},
                 Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                       .options = {{"draft", {"设计中", "Draft"}}, {"open", {"收集中", "Open"}},
                                   {"closed", {"已结束", "Closed"}}},
                       .default_value = "draft", .read_only = true},
                 Field{.name = "introduction", .kind = FieldKind::text, .label = {"开头语", "Introduction"},
                       .max_length = 1000, .in_list = false},
                 Field{.name = "anonymous_link", .kind = FieldKind::boolean, .label = {"公开匿名链接", "Anonymous link"},
                       .help = {"开始收集后，任何人可通过问卷的公开链接匿名回答（每个网络地址每小时限 5 份）",
                                "Once open, anyone may answer through the survey's public link, without a name (5 answers an "
                                "hour per network address)"},
                       .default_value = "false", .in_list = false},
                 Field{.name = "public_key", .kind = FieldKind::text, .label = {"公开链接码", "Public link key"},
                       .max_length = 40, .read_only = true, .in_list = false},
                 counter("question_count", {"题目数", "Questions"}),
                 counter("invited_count", {"已邀请", "Invited"}),
                 notes_field()},
      .default_sort = "-id"};
}

// What a customer answered is evidence: nobody edits it afterwards, and nobody enters one on the
// customer's behalf. Only the public answer page (acting as kAnswerPageActor) saves responses.
Status only_the_answer_page(entity::RuleContext& context) {
  if (context.principal.user_name != kAnswerPageActor) {
    context.reject("survey_id", "answer_page_only", "crm.survey_response_read_only");
  }
  return {};
}

EntitySpec survey_response() {
  return EntitySpec{
      .name = "survey_response",
      .table = "survey_responses",
      .path = "survey-responses",
      .label = {"问卷答卷", "Survey response"},
      .fields = {link_field("survey_id", "survey", {"调查问卷", "Survey"}, true),
                 link_field("customer_id", "customer", {"客户", "Customer"}),
                 link_field("contact_id", "contact", {"联系人", "Contact"}),
                 Field{.name = "answered_at", .kind = FieldKind::datetime, .label = {"回答时间", "Answered at"},
                       .required = true},
                 Field{.name = "nps", .kind = FieldKind::integer, .label = {"推荐度", "NPS score"},
                       .help = {"答卷中第一个 NPS 题的分数 (0–10)", "The score of the survey's first NPS question (0–10)"},
                       .minimum = Decimal::from_int(0), .maximum = Decimal::from_int(10)},
                 Field{.name = "rating", .kind = FieldKind::integer, .label = {"评分", "Rating"},
                       .help = {"答卷中第一个评分题的星级 (1–5)", "The stars of the survey's first rating question (1–5)"},
                       .minimum = Decimal::from_int(1), .maximum = Decimal::from_int(5)},
                 Field{.name = "negative", .kind = FieldKind::boolean, .label = {"负面反馈", "Negative"},
                       .default_value = "false"},
                 link_field("ticket_id", "ticket", {"投诉工单", "Complaint ticket"}),
                 Field{.name = "summary", .kind = FieldKind::text, .label = {"答卷摘要", "Summary"}, .max_length = 4000,
                       .searchable = true, .in_list = false}},
      .title_field = "summary",
      .default_sort = "-answered_at",
      .validate = only_the_answer_page};
}

}  // namespace

std::vector<entity::EntitySpec> feedback_entities() { return {survey(), survey_response()}; }

}  // namespace verp::crm
