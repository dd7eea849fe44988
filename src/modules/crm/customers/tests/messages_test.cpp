// Every message id the customers area uses has English and Chinese text, with the same
// placeholders in both.
#include "tests/support/message_files.hpp"

namespace verp::crm {
namespace {

TEST(CustomerMessages, EveryIdTheAreaUsesHasTextInBothLanguages) {
  // Names in the crm namespace that are not messages: the job, the audit actions, the export, a log event.
  EXPECT_GE(testing::check_message_files(VERP_CRM_CUSTOMERS_DIR, "crm",
                                         {"crm.grades", "crm.grades_recompute", "crm.customer_settings", "crm.export", "crm.customers_failed"}),
            8);
}

}  // namespace
}  // namespace verp::crm
