#include "xlsxwriter_workbook.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace verp::exchange::test_support {

std::string write_workbook(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill, bool constant_memory) {
  std::string directory = std::filesystem::temp_directory_path().string();
  std::string path = directory + "/verp-exchange-test-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd < 0) {
    ADD_FAILURE() << "mkstemp failed";
    return {};
  }
  ::close(fd);
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.tmpdir = directory.data();
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (workbook == nullptr) {
    ADD_FAILURE() << "workbook_new_opt failed";
    std::filesystem::remove(path);
    return {};
  }
  fill(workbook, workbook_add_worksheet(workbook, nullptr));
  lxw_error closed = workbook_close(workbook);
  EXPECT_EQ(closed, LXW_NO_ERROR) << lxw_strerror(closed);
  std::ostringstream bytes;
  bytes << std::ifstream(path, std::ios::binary).rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

}  // namespace verp::exchange::test_support
