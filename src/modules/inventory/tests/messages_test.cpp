// Every message id the inventory module uses has English and Chinese text, with the same
// placeholders in both.
#include "tests/support/message_files.hpp"

namespace verp::inventory {
namespace {

TEST(Messages, EveryIdTheModuleUsesHasTextInBothLanguages) {
  EXPECT_GT(testing::check_message_files(VERP_INVENTORY_DIR, "inventory"), 40);
}

}  // namespace
}  // namespace verp::inventory
