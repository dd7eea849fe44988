#include "verp_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace verp::testing {
namespace {

std::string unique_path(const std::string& tag) {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() /
          ("verp-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
      .string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The child's environment: the parent's minus VERP_*, plus `env`.
std::vector<std::string> child_environment(const std::map<std::string, std::string>& env) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "VERP_", 5) != 0) out.emplace_back(*e);
  }
  for (const auto& [name, value] : env) {
    if (!value.empty()) out.push_back(name + "=" + value);
  }
  return out;
}

pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::string& out_path, const std::string& err_path) {
  std::vector<std::string> argv_storage = {VERP_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<std::string> env_storage = child_environment(env);
  std::vector<char*> argv, envp;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    const int null_in = ::open("/dev/null", O_RDONLY);
    ::dup2(null_in, 0);
    ::execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

std::optional<int> wait_exit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::nullopt;
}

}  // namespace

Finished run_verp(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                  std::chrono::seconds timeout) {
  const std::string base = unique_path("run");
  const pid_t pid = spawn(args, env, base + ".out", base + ".err");
  Finished finished;
  auto code = wait_exit(pid, timeout);
  if (!code) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  finished.exit_code = code.value_or(-1);
  finished.out = read_file(base + ".out");
  finished.err = read_file(base + ".err");
  std::filesystem::remove(base + ".out");
  std::filesystem::remove(base + ".err");
  return finished;
}

ServeProcess::ServeProcess(const std::vector<std::string>& extra_args, const std::map<std::string, std::string>& env) {
  const std::string base = unique_path("serve");
  err_path_ = base + ".err";
  std::vector<std::string> args = {"serve", "--listen", "127.0.0.1:0", "--log-format", "text"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn(args, env, base + ".out", err_path_);
  // The server logs "server.listening ... port=N" once it accepts connections.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = read_file(err_path_);
    const auto at = text.find("server.listening");
    if (at != std::string::npos) {
      const auto port_at = text.find(" port=", at);
      if (port_at != std::string::npos) {
        port_ = static_cast<std::uint16_t>(std::stoi(text.substr(port_at + 6)));
        return;
      }
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  std::filesystem::remove(err_path_);
  std::filesystem::remove(err_path_.substr(0, err_path_.size() - 4) + ".out");
}

std::optional<int> ServeProcess::stop(int signal, std::chrono::seconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  ::kill(pid_, signal);
  auto code = wait_exit(pid_, timeout);
  if (code) pid_ = -1;
  return code;
}

std::string ServeProcess::log() const { return read_file(err_path_); }

std::string postgres_url() {
  const char* url = std::getenv("VERP_TEST_POSTGRES_URL");
  return url == nullptr ? std::string() : std::string(url);
}

std::string temp_sqlite_path(const std::string& tag) { return unique_path(tag) + ".db"; }

}  // namespace verp::testing
