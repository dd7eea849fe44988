#include "modules/master_data/declarations.hpp"

#include "modules/master_data/master_data_module.hpp"

namespace verp::master_data {

using entity::Field;
using entity::FieldKind;

Field code_field() {
  return Field{.name = "code", .kind = FieldKind::text, .label = {"编码", "Code"}, .required = true,
               .unique = entity::Uniqueness::company, .max_length = 40, .pattern = "[A-Za-z0-9][A-Za-z0-9._-]*",
               .searchable = true};
}

Field name_field() {
  return Field{.name = "name", .kind = FieldKind::text, .label = {"名称", "Name"}, .required = true, .max_length = 100,
               .searchable = true};
}

Field active_field() {
  return Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"}, .default_value = "true"};
}

Field notes_field() {
  return Field{.name = "notes", .kind = FieldKind::text, .label = {"备注", "Notes"}, .max_length = 2000,
               .in_list = false};
}

std::vector<entity::EntitySpec> entities() {
  return {currency(),        tax_rate(),           payment_term(),      unit_of_measure(), item_category(),
          customer_group(),  customer(),        supplier(),           employee(),          item(),            item_unit_conversion(),
          bill_of_materials(), bom_line(),         warehouse(),         location()};
}

}  // namespace verp::master_data
