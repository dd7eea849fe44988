// Negative feedback opens a complaint ticket (负面反馈自动建投诉工单).
//
// TODO(merge): the service area's open_ticket (numbering, SLA deadlines, assignment) should
// replace this function once the service and feedback branches are merged: this one creates the
// ticket through the generic entity store only, so it has no number, deadline or assignee yet.
#include <boost/json.hpp>

#include "modules/crm/feedback/feedback.hpp"

namespace verp::crm {

// A high-priority complaint from the survey channel for the customer (and contact) who answered,
// created inside the caller's transaction (the answer's), with the ticket's history and audit.
Result<std::int64_t> open_ticket_for_feedback(storage::Connection& c, const CrmKit& kit,
                                              const security::Principal& actor, const FeedbackTicket& ticket) {
  boost::json::object body{{"subject", ticket.subject},         {"customer_id", ticket.customer_id},
                           {"kind", "complaint"},               {"channel", "survey"},
                           {"priority", "high"},                {"description", ticket.description}};
  if (ticket.contact_id) body["contact_id"] = *ticket.contact_id;
  auto made = kit.store->create_in(c, kit.spec("ticket"), actor, body, true, {"", "crm.survey_answer"});
  if (!made) return made.error();
  if (!made->record) return make_error(ErrorKind::internal, "error.internal", "survey ticket not created");
  return made->record->id;
}

}  // namespace verp::crm
