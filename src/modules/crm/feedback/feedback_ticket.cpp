// Negative feedback opens a complaint ticket (负面反馈自动建投诉工单) through the service area, so
// it is numbered, given its SLA deadlines and assigned by the company's rules like any other.
#include "modules/crm/feedback/feedback.hpp"
#include "modules/crm/service/service.hpp"

namespace verp::crm {

// A high-priority complaint from the survey channel for the customer (and contact) who answered,
// created inside the caller's transaction (the answer's), with the ticket's history and audit.
Result<std::int64_t> open_ticket_for_feedback(storage::Connection& c, const CrmKit& kit,
                                              const security::Principal& actor, const FeedbackTicket& ticket) {
  const finance::Actor acting{actor, entity::Caller{"", "crm.survey_answer"}, *kit.http.clock};
  return open_ticket(c, kit, acting,
                     TicketInput{.subject = ticket.subject,
                                 .customer_id = ticket.customer_id,
                                 .contact_id = ticket.contact_id,
                                 .kind = "complaint",
                                 .channel = "survey",
                                 .priority = "high",
                                 .description = ticket.description});
}

}  // namespace verp::crm
