#include "modules/crm/service/ticket_state.hpp"

#include "modules/finance/ledger_internal.hpp"

namespace verp::crm::service {

Result<TicketState> ticket_state(storage::Connection& c, std::int64_t company, std::int64_t ticket) {
  auto row = c.query_row(
      "SELECT id, company_id, code, subject, status, priority, kind, customer_id, contact_id, owner_id, created_at "
      "FROM tickets WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
      {ticket, company});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const storage::Row& r = **row;
  return TicketState{.id = r.int64(0).value_or(0),
                     .company = r.int64(1).value_or(0),
                     .code = r.is_null(2) ? "" : r.text(2).value_or(""),
                     .subject = r.text(3).value_or(""),
                     .status = r.text(4).value_or(""),
                     .priority = r.text(5).value_or(""),
                     .kind = r.text(6).value_or(""),
                     .customer_id = r.int64(7).value_or(0),
                     .contact_id = finance::optional_id(r, 8),
                     .owner = finance::optional_id(r, 9),
                     .created_at = r.timestamp(10).value_or(storage::Timestamp{})};
}

Result<std::optional<SlaPolicy>> sla_policy_for(storage::Connection& c, std::int64_t company, std::string_view priority,
                                                std::string_view kind) {
  // The policy for the kind sorts before the one for any kind (NULL sorts last on both databases
  // only when asked, hence the CASE).
  auto row = c.query_row(
      "SELECT id, response_minutes, resolution_minutes, remind_before_minutes, return_visit_days FROM sla_policies "
      "WHERE company_id = $1 AND active AND archived_at IS NULL AND priority = $2 AND (kind = $3 OR kind IS NULL) "
      "ORDER BY CASE WHEN kind IS NULL THEN 1 ELSE 0 END, id LIMIT 1",
      {company, std::string(priority), std::string(kind)});
  if (!row) return row.error();
  if (!*row) return std::optional<SlaPolicy>();
  const storage::Row& r = **row;
  return std::optional(SlaPolicy{.id = r.int64(0).value_or(0),
                                 .response_minutes = r.int64(1).value_or(0),
                                 .resolution_minutes = r.int64(2).value_or(0),
                                 .remind_before_minutes = r.int64(3).value_or(0),
                                 .return_visit_days = r.int64(4).value_or(3)});
}

}  // namespace verp::crm::service
