// A python3 helper script (smtp_sink.py, http_stub.py) run as a child of the test: it listens
// on 127.0.0.1, prints its port on stdout, and writes what it receives as NNNN.json files into a
// fresh temporary directory. The destructor kills the child and removes the directory.
#pragma once

#include <sys/types.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace verp::notify::testing {

class StubProcess {
 public:
  // Runs `python3 <tests dir>/<script> <directory> <extra_args...>` and waits up to 15 s for the
  // port. Debian's /usr/bin/python3 is preferred (python3-aiosmtpd is installed for it), then
  // python3 on the PATH. port() is 0 when the child failed to start (see its stderr).
  StubProcess(const std::string& script, const std::vector<std::string>& extra_args = {});
  ~StubProcess();
  StubProcess(const StubProcess&) = delete;
  StubProcess& operator=(const StubProcess&) = delete;

  int port() const { return port_; }
  const std::filesystem::path& directory() const { return directory_; }

  // The received items so far, in order, each parsed from its NNNN.json.
  std::vector<boost::json::object> received() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::filesystem::path directory_;
};

// A 127.0.0.1 port nothing listens on (bound, then closed at once).
int closed_port();

}  // namespace verp::notify::testing
