// Every message id the readers can return has English and Chinese text, with the same
// placeholders in both.
#include "tests/support/message_files.hpp"

namespace verp::exchange {
namespace {

TEST(Messages, EveryIdTheReadersUseHasTextInBothLanguages) {
  EXPECT_GT(testing::check_message_files(VERP_EXCHANGE_DIR, "exchange"), 15);
}

}  // namespace
}  // namespace verp::exchange
