// Every message id the service area uses has English and Chinese text, with the same
// placeholders in both.
#include "tests/support/message_files.hpp"

namespace verp::crm {
namespace {

TEST(ServiceMessages, EveryIdTheAreaUsesHasTextInBothLanguages) {
  // Names in the crm namespace that are not messages: job, check and notification names, and the
  // prefixes of ids completed at run time (crm.ticket_cannot_<verb>, crm.ticket_escalated_<deadline>).
  EXPECT_GT(
      testing::check_message_files(VERP_CRM_SERVICE_DIR, "crm",
                                   {"crm.ticket_sla", "crm.care_plans", "crm.return_visits", "crm.ticket_assigned",
                                    "crm.ticket_sla_reminder", "crm.ticket_sla_breached", "crm.ticket_escalated",
                                    "crm.ticket_cannot_", "crm.ticket_escalated_", "crm.ticket_", "crm.ticket_history"}),
      20);
}

}  // namespace
}  // namespace verp::crm
