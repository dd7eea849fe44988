// The service area's own tables, beside its entities': the tickets' status history, the SLA
// alerts already sent and the care-plan occurrences already given out (both claim tables: a row
// inserted first wins, so a job running on several nodes tells people once).
#include "modules/crm/service/service.hpp"
#include "modules/finance/ledger_columns.hpp"

namespace verp::crm {

std::vector<storage::TableDef> service_tables() {
  using namespace finance::columns;
  using storage::TableDef;
  return {
      TableDef{.name = "ticket_events",
               .columns = {refers("ticket_id", "tickets"), number("seq"), moment("at", true),
                           refers("by_user", "users", false), words("from_status", false), words("to_status"),
                           words("note", false)},
               .primary_key = {"ticket_id", "seq"}},
      // alert: response_reminder | resolution_reminder | response_breach | resolution_breach, for
      // the deadline it was about (a moved deadline is told again).
      TableDef{.name = "ticket_sla_alerts",
               .columns = {refers("ticket_id", "tickets"), words("alert"), moment("due_at", true),
                           refers("company_id", "companies"), moment("sent_at", true)},
               .primary_key = {"ticket_id", "alert", "due_at"}},
      // occurrence: the birthday's date, or the day a periodic visit fell due.
      TableDef{
          .name = "care_plan_claims",
          .columns = {refers("care_plan_id", "care_plans"), words("subject"), number("subject_id"), day("occurrence"),
                      refers("company_id", "companies"), refers("task_id", "tasks", false), moment("claimed_at", true)},
          .primary_key = {"care_plan_id", "subject", "subject_id", "occurrence"}},
  };
}

}  // namespace verp::crm
