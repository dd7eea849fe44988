// Every message id the feedback area uses has English and Chinese text, with the same
// placeholders in both.
#include "tests/support/message_files.hpp"

namespace verp::crm {
namespace {

TEST(FeedbackMessages, EveryIdTheAreaUsesHasTextInBothLanguages) {
  // Names in the crm namespace that are not messages: the answer page's user name and request
  // id, the results export's audit action, and the prefix of the category labels.
  EXPECT_GT(testing::check_message_files(VERP_CRM_FEEDBACK_DIR, "crm",
                                         {"crm.survey_answer", "crm.survey_export", "crm.survey_category_"}),
            30);
}

}  // namespace
}  // namespace verp::crm
