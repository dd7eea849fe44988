// Workflow: tasks with owners, due times, reminders, escalation and repeats; and the approval
// engine (approvals.hpp) with its rules, delegations, inbox and decisions.
//   /api/v1/tasks…                     the generic entity routes (owner = the person responsible)
//   POST /api/v1/tasks/{id}/complete   {"version"}: done; a repeating task gets its next occurrence
//   POST /api/v1/tasks/{id}/snooze     {"version","until"}: remind again at `until`
#pragma once

#include <memory>

#include "platform/module/module.hpp"

namespace verp::workflow {

std::unique_ptr<Module> make_workflow_module();
entity::EntitySpec task_entity();

}  // namespace verp::workflow
