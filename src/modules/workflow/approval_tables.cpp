// The approval engine's own tables. A flow is one submission of one document; its steps are
// copied from the rule at submission (editing a rule never changes a running flow); assignments
// are who must act on a step; actions are the timeline people read. Rows are only ever added or
// moved forward in state, never deleted.
#include "modules/workflow/approvals.hpp"

namespace verp::workflow {

using storage::Column;
using storage::ColumnType;
using storage::Index;
using storage::Reference;
using storage::TableDef;

namespace {

Column key() { return Column{.name = "id", .type = ColumnType::int64, .identity = true}; }
Column number(std::string name, bool required = true) {
  return Column{.name = std::move(name), .type = ColumnType::int64, .not_null = required};
}
Column words(std::string name) { return Column{.name = std::move(name), .type = ColumnType::text, .not_null = true}; }
Column moment(std::string name, bool required = true) {
  return Column{.name = std::move(name), .type = ColumnType::timestamp, .not_null = required};
}
Column refers(std::string name, std::string table, bool required = true) {
  return Column{.name = std::move(name), .type = ColumnType::int64, .not_null = required,
                .references = Reference{.table = std::move(table)}};
}

}  // namespace

std::vector<TableDef> approval_tables() {
  return {
      TableDef{.name = "approval_flows",
               .columns = {key(), refers("company_id", "companies"), words("document_type"), number("document_id"),
                           words("title"), number("rule_id", false), words("rule_name"),
                           refers("submitted_by", "users"), moment("submitted_at"), words("state"),
                           number("current_step"), moment("finished_at", false), words("facts"), number("version")},
               .indexes = {Index{.name = "approval_flows_document_idx", .columns = {"document_type", "document_id"}},
                           Index{.name = "approval_flows_submitter_idx", .columns = {"submitted_by", "id"}}}},
      TableDef{.name = "approval_steps",
               .columns = {key(), refers("flow_id", "approval_flows"), number("seq"), words("name"), words("mode"),
                           words("approvers"), words("state"), moment("decided_at", false)},
               .indexes = {Index{.name = "approval_steps_flow_idx", .columns = {"flow_id", "seq"}, .unique = true}}},
      TableDef{.name = "approval_assignments",
               .columns = {key(), refers("flow_id", "approval_flows"), refers("step_id", "approval_steps"),
                           refers("approver_id", "users"), number("on_behalf_of", false), words("state"),
                           words("comment"), moment("acted_at", false)},
               .indexes = {Index{.name = "approval_assignments_approver_idx",
                                 .columns = {"approver_id", "state", "flow_id"}},
                           Index{.name = "approval_assignments_flow_idx", .columns = {"flow_id", "step_id"}}}},
      TableDef{.name = "approval_actions",
               .columns = {key(), refers("flow_id", "approval_flows"), number("step_seq", false),
                           refers("actor_id", "users"), number("on_behalf_of", false), words("action"),
                           words("comment"), moment("at")},
               .indexes = {Index{.name = "approval_actions_flow_idx", .columns = {"flow_id", "id"}}}},
  };
}

}  // namespace verp::workflow
