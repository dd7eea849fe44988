// Every message id the campaigns area uses has English and Chinese text, with the same
// placeholders in both.
#include "tests/support/message_files.hpp"

namespace verp::crm {
namespace {

TEST(CampaignMessages, EveryIdTheAreaUsesHasTextInBothLanguages) {
  // The job's name is not a message.
  EXPECT_GT(testing::check_message_files(VERP_CRM_CAMPAIGNS_DIR, "crm", {"crm.campaigns"}), 12);
}

}  // namespace
}  // namespace verp::crm
