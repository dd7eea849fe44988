// Every message id the sales module uses has English and Chinese text, with the same
// placeholders in both.
#include "tests/support/message_files.hpp"

namespace verp::sales {
namespace {

TEST(Messages, EveryIdTheModuleUsesHasTextInBothLanguages) {
  // Names in the sales namespace that are not messages: the reports' export audit action, the
  // reminder job's user name and its notification kind.
  EXPECT_GT(testing::check_message_files(VERP_SALES_DIR, "sales",
                                         {"sales.export", "sales.overdue_reminders", "sales.overdue_invoice"}),
            30);
}

}  // namespace
}  // namespace verp::sales
