// Every message id the sales module uses has English and Chinese text, with the same
// placeholders in both.
#include "tests/support/message_files.hpp"

namespace verp::sales {
namespace {

TEST(Messages, EveryIdTheModuleUsesHasTextInBothLanguages) {
  EXPECT_GT(testing::check_message_files(VERP_SALES_DIR, "sales"), 30);
}

}  // namespace
}  // namespace verp::sales
