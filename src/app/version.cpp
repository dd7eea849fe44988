#include <cstdio>

#include "app/build_info.hpp"
#include "app/commands.hpp"

namespace verp::app {

// Library messages (libpq's, for one) span lines; an operator's terminal and log scrapers get
// them as one line.
void print_error(const std::string& what) {
  std::string line;
  bool pending_space = false;
  for (char c : what) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      pending_space = !line.empty();
      continue;
    }
    if (pending_space) line += ' ';
    pending_space = false;
    line += c;
  }
  std::fprintf(stderr, "verp: error: %s\n", line.c_str());
}

int run_version() {
  std::printf("verp %s (%s)\n", kVersion, kGitCommit);
  return 0;
}

}  // namespace verp::app
