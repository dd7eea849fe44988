#include "platform/storage/postgres/pg_listener.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "platform/storage/errors.hpp"

namespace verp::storage {
namespace {

struct ConnectionCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using SessionPtr = std::unique_ptr<PGconn, ConnectionCloser>;

struct ResultCloser {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultCloser>;

SessionPtr connect(const std::string& url, std::chrono::seconds timeout, std::string& error) {
  std::string seconds = std::to_string(timeout.count());
  const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {seconds.c_str(), "verp-listener", url.c_str(), nullptr};
  SessionPtr session(PQconnectdbParams(keys, values, 1));
  if (!session || PQstatus(session.get()) != CONNECTION_OK) {
    error = session ? PQerrorMessage(session.get()) : "out of memory";
    return nullptr;
  }
  PQsetNoticeProcessor(session.get(), [](void*, const char*) {}, nullptr);
  return session;
}

bool run_command(PGconn* session, const std::string& sql, std::string& error) {
  ResultPtr result(PQexec(session, sql.c_str()));
  if (result && PQresultStatus(result.get()) == PGRES_COMMAND_OK) return true;
  error = PQerrorMessage(session);
  return false;
}

std::string current_schema(PGconn* session, std::string& error) {
  ResultPtr result(PQexec(session, "SELECT current_schema()"));
  if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) != 1 ||
      PQgetisnull(result.get(), 0, 0)) {
    error = PQerrorMessage(session);
    return {};
  }
  return PQgetvalue(result.get(), 0, 0);
}

}  // namespace

std::string qualified_channel(std::string_view channel, std::string_view schema) {
  if (schema == "public") return std::string(channel);
  return std::string(channel) + "@" + std::string(schema);
}

PgListener::PgListener(std::string url, std::chrono::seconds connect_timeout, Deliver deliver, Gap gap)
    : url_(std::move(url)), connect_timeout_(connect_timeout), deliver_(std::move(deliver)), gap_(std::move(gap)) {
  if (::pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) wake_pipe_[0] = wake_pipe_[1] = -1;
  thread_ = std::thread([this] { run(); });
}

PgListener::~PgListener() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  wake();
  thread_.join();
  for (int fd : wake_pipe_) {
    if (fd >= 0) ::close(fd);
  }
}

void PgListener::wake() {
  if (wake_pipe_[1] < 0) return;
  const char byte = 1;
  [[maybe_unused]] auto written = ::write(wake_pipe_[1], &byte, 1);  // a full pipe already wakes
}

Status PgListener::add(const std::string& channel, std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  wanted_.insert(channel);
  wake();
  if (changed_.wait_for(lock, wait, [&] { return active_.count(channel) > 0 || stopping_; }) && !stopping_) return {};
  return storage_error(ErrorKind::unavailable, kConnectFailed,
                       "cannot LISTEN on " + channel + (last_error_.empty() ? std::string() : ": " + last_error_));
}

bool PgListener::pause_unless_stopped(std::chrono::milliseconds pause) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, pause, [this] { return stopping_; });
}

void PgListener::run() {
  std::chrono::milliseconds backoff{100};
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      active_.clear();
    }
    std::string error;
    SessionPtr session = connect(url_, connect_timeout_, error);
    std::string schema = session ? current_schema(session.get(), error) : std::string();
    if (!session || schema.empty()) {
      {
        std::lock_guard lock(mutex_);
        last_error_ = error;
      }
      changed_.notify_all();
      if (!pause_unless_stopped(backoff)) return;
      backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
      continue;
    }
    backoff = std::chrono::milliseconds(100);
    // Channel as written, by its qualified name as the server reports it in notifications.
    std::vector<std::pair<std::string, std::string>> names;
    bool healthy = true;
    while (healthy) {
      std::vector<std::string> to_listen;
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        for (const auto& channel : wanted_) {
          if (active_.count(channel) == 0) to_listen.push_back(channel);
        }
      }
      for (const auto& channel : to_listen) {
        const std::string qualified = qualified_channel(channel, schema);
        char* quoted = PQescapeIdentifier(session.get(), qualified.c_str(), qualified.size());
        if (quoted == nullptr) {
          healthy = false;
          break;
        }
        std::string sql = std::string("LISTEN ") + quoted;
        PQfreemem(quoted);
        if (!run_command(session.get(), sql, error)) {
          healthy = false;
          break;
        }
        names.emplace_back(channel, qualified);
        {
          std::lock_guard lock(mutex_);
          active_.insert(channel);
        }
        changed_.notify_all();
        if (!ever_active_.insert(channel).second) gap_(channel);
      }
      if (!healthy) break;

      pollfd fds[2] = {{PQsocket(session.get()), POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
      const int ready = ::poll(fds, wake_pipe_[0] >= 0 ? 2 : 1, 1000);
      if (ready > 0 && (fds[1].revents & POLLIN) != 0) {
        char drain[64];
        while (::read(wake_pipe_[0], drain, sizeof drain) > 0) {
        }
      }
      if (PQconsumeInput(session.get()) == 0) {
        error = PQerrorMessage(session.get());
        healthy = false;
      }
      while (PGnotify* notification = PQnotifies(session.get())) {
        std::string_view relname(notification->relname);
        for (const auto& [channel, qualified] : names) {
          if (qualified == relname) deliver_(channel, notification->extra);
        }
        PQfreemem(notification);
      }
      if (PQstatus(session.get()) != CONNECTION_OK) healthy = false;
    }
    {
      std::lock_guard lock(mutex_);
      last_error_ = error;
    }
    if (!pause_unless_stopped(backoff)) return;
  }
}

}  // namespace verp::storage
