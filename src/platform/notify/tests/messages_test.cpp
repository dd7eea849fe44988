// Every message id verp_notify can return has English and Chinese text, with the same
// placeholders in both.
#include "tests/support/message_files.hpp"

namespace verp::notify {
namespace {

TEST(Messages, EveryIdTheSendersUseHasTextInBothLanguages) {
  EXPECT_GT(testing::check_message_files(VERP_NOTIFY_DIR, "notify"), 8);
}

}  // namespace
}  // namespace verp::notify
