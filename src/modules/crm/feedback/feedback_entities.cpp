// Surveys (调查问卷).
#include "modules/crm/crm_fields.hpp"
#include "modules/crm/feedback/feedback.hpp"

namespace verp::crm {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

namespace {

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
                 notes_field()},
      .default_sort = "-id"};
}

}  // namespace

std::vector<entity::EntitySpec> feedback_entities() { return {survey()}; }

}  // namespace verp::crm
