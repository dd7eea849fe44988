// Every message id the pipeline area uses has English and Chinese text, with the same
// placeholders in both.
#include "tests/support/message_files.hpp"

namespace verp::crm {
namespace {

TEST(PipelineMessages, EveryIdTheAreaUsesHasTextInBothLanguages) {
  EXPECT_GT(testing::check_message_files(VERP_CRM_PIPELINE_DIR, "crm.pipeline"), 15);
}

}  // namespace
}  // namespace verp::crm
