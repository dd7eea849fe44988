// Small helpers the pipeline's files share.
#pragma once

#include "modules/crm/pipeline/pipeline.hpp"
#include "modules/inventory/stock_queries.hpp"

namespace verp::crm {

// The day in China of a moment (the day documents are numbered and opportunities closed on).
inline storage::Date local_day(Clock::TimePoint at) { return inventory::local_today(ManualClock(at)); }

// The error with every field it names put under `prefix` ("customer." + "name"), so that a
// step that saves several records says which one a problem belongs to.
inline Error prefixed(Error error, std::string_view prefix) {
  if (!error.field.empty()) error.field = std::string(prefix) + error.field;
  for (auto& field : error.fields) field.field = std::string(prefix) + field.field;
  return error;
}

// The record's text field, "" when null.
inline std::string text_of(const entity::Record& record, std::string_view field) {
  const auto* text = record.get(field).get_if<std::string>();
  return text != nullptr ? *text : std::string();
}

// The record within the caller's data scope for `action` and of the company they act in: a
// consortium administrator whose scope reaches every company still works on one at a time, so
// another company's record is not found (404) here either.
inline Result<entity::Record> record_of(storage::Connection& c, const CrmKit& kit, std::string_view entity_name,
                                        const security::Principal& who, std::int64_t id, std::string_view action) {
  auto record = kit.store->get_in(c, kit.spec(entity_name), who, id, action);
  if (!record) return record;
  if (record->company_id != who.company_id) return make_error(ErrorKind::not_found, "error.not_found");
  return record;
}

}  // namespace verp::crm
