// The workflow tasks (待办) the service area gives people: a return visit to make, a customer to
// greet or visit. They appear in the owner's task list and reminders like any other task.
#pragma once

#include "modules/crm/area.hpp"
#include "modules/finance/ledger.hpp"

namespace verp::crm::service {

struct TaskFor {
  std::int64_t company = 0;
  std::int64_t owner = 0;  // a member of the company; the task is theirs as if they had noted it
  std::string title;
  std::string description;
  storage::Timestamp due_at;
  std::string entity;  // what it is about ("return_visit", "contact", "customer")
  std::int64_t record_id = 0;
  std::string source;  // who gave it, for the audit log's request id ("crm.care_plans")
};

// Creates the open task inside the caller's transaction and answers its id.
Result<std::int64_t> give_task(storage::Connection& c, const CrmKit& kit, const TaskFor& task);

// Marks the open tasks about the record done (status "done") or "cancelled", with history.
Status finish_tasks_about(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor,
                          std::string_view entity, std::int64_t record_id, std::string_view status);

}  // namespace verp::crm::service
