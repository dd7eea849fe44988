// Runs the real `verp` binary as a child process, the way an operator or `make run` does.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace verp::testing {

struct Finished {
  int exit_code = -1;  // -1: killed by a signal or timed out
  std::string out;
  std::string err;
};

// Runs `verp args...` to completion (killed after `timeout`). `env` adds to or, with an empty
// value, removes from a clean environment that has no VERP_* variables.
Finished run_verp(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                  std::chrono::seconds timeout = std::chrono::seconds(60));

// A `verp serve` in the background on 127.0.0.1 and an ephemeral port.
class ServeProcess {
 public:
  // Starts `verp serve --listen 127.0.0.1:0 extra_args...` and waits until it logs the port.
  ServeProcess(const std::vector<std::string>& extra_args, const std::map<std::string, std::string>& env = {});
  ~ServeProcess();  // SIGKILL if still running

  bool started() const { return port_ != 0; }
  std::uint16_t port() const { return port_; }
  // Sends `signal` and waits for the exit code (nullopt when it did not exit in time).
  std::optional<int> stop(int signal, std::chrono::seconds timeout = std::chrono::seconds(30));
  std::string log() const;  // everything written to stderr so far

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string err_path_;
};

// A URL of the test PostgreSQL cluster (VERP_TEST_POSTGRES_URL), or "" when unset.
std::string postgres_url();
// A fresh SQLite file path under the temp folder.
std::string temp_sqlite_path(const std::string& tag);

}  // namespace verp::testing
