// Helpers the exchange tests share: read a file expecting a sheet or an error, and look at an
// error's arguments.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "platform/exchange/sheet.hpp"

namespace verp::exchange::test_support {

using Rows = std::vector<std::vector<std::string>>;

inline std::string describe(const Error& error) {
  std::string text = error.message_id;
  for (const MessageArg& arg : error.args) text += " " + arg.name + "=" + arg.value;
  if (!error.detail.empty()) text += " (" + error.detail + ")";
  return text;
}

// The value of the error's argument `name`, or "<none>".
inline std::string arg(const Error& error, std::string_view name) {
  for (const MessageArg& arg : error.args) {
    if (arg.name == name) return arg.value;
  }
  return "<none>";
}

inline Sheet expect_sheet(const Result<Sheet>& result) {
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : describe(result.error()));
  return result.ok() ? result.value() : Sheet{};
}

inline Error expect_error(const Result<Sheet>& result, ErrorKind kind, std::string_view message_id) {
  if (result.ok()) {
    ADD_FAILURE() << "expected " << message_id << " but read " << result->rows.size() << " rows";
    return Error{};
  }
  EXPECT_EQ(result.error().message_id, message_id) << describe(result.error());
  EXPECT_EQ(static_cast<int>(result.error().kind), static_cast<int>(kind)) << describe(result.error());
  return result.error();
}

}  // namespace verp::exchange::test_support
