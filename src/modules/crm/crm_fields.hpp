// Fields several CRM entities declare alike.
#pragma once

#include "platform/entity/entity_spec.hpp"

namespace verp::crm {

// The document number the module gives a record when it is created (LD-…, OP-…, TK-…).
inline entity::Field number_field(entity::LocalText label) {
  return entity::Field{.name = "code", .kind = entity::FieldKind::text, .label = std::move(label),
                       .unique = entity::Uniqueness::company, .max_length = 40, .searchable = true,
                       .read_only = true};
}

inline entity::Field notes_field() {
  return entity::Field{.name = "notes", .kind = entity::FieldKind::text, .label = {"备注", "Notes"},
                       .max_length = 2000, .in_list = false};
}

inline entity::Field link_field(std::string name, std::string to, entity::LocalText label, bool required = false) {
  return entity::Field{.name = std::move(name), .kind = entity::FieldKind::link, .label = std::move(label),
                       .required = required, .link_to = std::move(to)};
}

// Where a customer or lead came from; leads, opportunities and tickets use the same words.
inline std::vector<entity::EnumOption> source_options() {
  return {{"manual", {"手工录入", "Manual entry"}},   {"import", {"批量导入", "Import"}},
          {"web_form", {"网站表单", "Web form"}},    {"campaign", {"营销活动", "Campaign"}},
          {"referral", {"客户推荐", "Referral"}},    {"exhibition", {"展会", "Exhibition"}},
          {"other", {"其他", "Other"}}};
}

}  // namespace verp::crm
