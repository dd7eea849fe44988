#include "modules/crm/service/service_tasks.hpp"

#include <boost/json.hpp>

namespace verp::crm::service {

Result<std::int64_t> give_task(storage::Connection& c, const CrmKit& kit, const TaskFor& task) {
  // The task's owner is given it as if they had noted it themselves: the history and the audit
  // name them, the request id names what gave it.
  const security::Principal owner{.user_id = task.owner,
                                  .user_name = task.source,
                                  .company_id = task.company,
                                  .company_ids = {task.company},
                                  .grants = {{"task", "create", security::DataScope::own}}};
  auto created = kit.store->create_in(c, kit.spec("task"), owner,
                                      boost::json::object{{"title", task.title},
                                                          {"description", task.description},
                                                          {"due_at", task.due_at.to_string()},
                                                          {"entity", task.entity},
                                                          {"record_id", task.record_id}},
                                      true, {"", "job:" + task.source});
  if (!created) return created.error();
  return created->record->id;
}

Status finish_tasks_about(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor,
                          std::string_view entity, std::int64_t record_id, std::string_view status) {
  auto open =
      c.query("SELECT id FROM tasks WHERE company_id = $1 AND entity = $2 AND record_id = $3 AND status = 'open'",
              {actor.principal.company_id, std::string(entity), record_id});
  if (!open) return open.error();
  for (const auto& row : *open) {
    auto done = kit.store->transition_in(c, kit.spec("task"), actor.principal, row.int64(0).value_or(0),
                                         {{"status", std::string(status)}}, status == "done" ? "complete" : "cancel",
                                         actor.caller);
    if (!done) return done.error();
  }
  return {};
}

}  // namespace verp::crm::service
