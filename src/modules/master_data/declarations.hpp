// The master-data declarations and the fields several of them share. Internal to the module.
#pragma once

#include "platform/entity/entity_spec.hpp"

namespace verp::master_data {

// A business code, unique per member company: letters, digits, '-', '_' and '.'.
entity::Field code_field();
entity::Field name_field();  // required, searchable
entity::Field active_field();
entity::Field notes_field();

entity::EntitySpec currency();
entity::EntitySpec tax_rate();
entity::EntitySpec payment_term();
entity::EntitySpec unit_of_measure();
entity::EntitySpec customer_group();
entity::EntitySpec customer();
entity::EntitySpec supplier();
entity::EntitySpec employee();
entity::EntitySpec item_category();
entity::EntitySpec item();
entity::EntitySpec item_unit_conversion();
entity::EntitySpec bill_of_materials();
entity::EntitySpec bom_line();
entity::EntitySpec warehouse();
entity::EntitySpec location();

}  // namespace verp::master_data
