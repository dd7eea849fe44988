// What `verp check` proves of tickets: each is numbered and its status is where its status history
// (ticket_events) last took it — every step writes both in one transaction, so a difference means
// a write that went around the steps.
#include "modules/crm/service/service.hpp"

namespace verp::crm {

std::vector<Check> service_checks() {
  return {Check{
      .name = "crm.ticket_history",
      .run = [](storage::Database& database) -> Result<std::vector<std::string>> {
        auto rows = database.read([](storage::Connection& c) {
          return c.query(
              "SELECT t.id, t.code, t.status, (SELECT e.to_status FROM ticket_events e WHERE e.ticket_id = t.id "
              "ORDER BY e.seq DESC LIMIT 1) FROM tickets t WHERE t.archived_at IS NULL ORDER BY t.id");
        });
        if (!rows) return rows.error();
        std::vector<std::string> problems;
        for (const auto& row : *rows) {
          const std::string name = row.is_null(1) ? "ticket #" + std::to_string(row.int64(0).value_or(0))
                                                  : "ticket " + row.text(1).value_or("");
          const std::string status = row.text(2).value_or("");
          if (row.is_null(1)) problems.push_back(name + " has no number");
          if (row.is_null(3)) {
            problems.push_back(name + " has no status history");
          } else if (row.text(3).value_or("") != status) {
            problems.push_back(name + " is " + status + " but its history ends at " + row.text(3).value_or(""));
          }
        }
        return problems;
      }}};
}

}  // namespace verp::crm
