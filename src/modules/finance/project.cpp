// Projects (项目): what a company books costs and revenue to when an account keeps the project
// dimension (辅助核算-项目).
#include "modules/finance/finance_module.hpp"

namespace verp::finance {

using entity::Field;
using entity::FieldKind;

entity::EntitySpec project_entity() {
  return entity::EntitySpec{
      .name = "project",
      .table = "projects",
      .path = "projects",
      .label = {"项目", "Project"},
      .fields = {Field{.name = "code", .kind = FieldKind::text, .label = {"项目编码", "Code"}, .required = true,
                       .unique = entity::Uniqueness::company, .max_length = 30, .searchable = true},
                 Field{.name = "name", .kind = FieldKind::text, .label = {"项目名称", "Name"}, .required = true,
                       .max_length = 100, .searchable = true},
                 Field{.name = "manager_id", .kind = FieldKind::link, .label = {"项目经理", "Manager"},
                       .link_to = "employee"},
                 Field{.name = "starts_on", .kind = FieldKind::date, .label = {"开始日期", "Starts"}},
                 Field{.name = "ends_on", .kind = FieldKind::date, .label = {"结束日期", "Ends"}},
                 Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"},
                       .default_value = "true"}},
      .code_field = "code",
      .default_sort = "code"};
}

}  // namespace verp::finance
