// Internal: the one LISTEN session a PostgreSQL Database keeps for Database::listen().
//
// A thread owns a dedicated libpq connection (never one of the pool's: a pooled session is
// lent to transactions and would miss notifications between them). It LISTENs on every channel
// asked for, waits on the socket with poll(), and hands each notification to `deliver` with the
// channel name as the caller wrote it. When the session breaks it is re-opened with backoff
// (notifications sent meanwhile are lost: PostgreSQL queues them only for live listeners, so
// `gap` is called for each channel once it listens again).
//
// Channels are qualified by the session's schema ("verp_events" in public, else
// "verp_events@<schema>"), matching PgConnection::notify.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>

#include "platform/base/result.hpp"

namespace verp::storage {

std::string qualified_channel(std::string_view channel, std::string_view schema);

class PgListener {
 public:
  using Deliver = std::function<void(std::string_view channel, std::string_view payload)>;
  // A channel listens again after its session broke: notifications may have been missed.
  using Gap = std::function<void(std::string_view channel)>;

  PgListener(std::string url, std::chrono::seconds connect_timeout, Deliver deliver, Gap gap);
  ~PgListener();  // stops the thread and closes the session
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

  // Returns once the session LISTENs on `channel`; "storage.connect_failed" when that did not
  // happen within `wait`.
  Status add(const std::string& channel, std::chrono::milliseconds wait);

 private:
  void run();
  void wake();
  // Sleeps up to `pause` unless stopped; false when stopping.
  bool pause_unless_stopped(std::chrono::milliseconds pause);

  std::string url_;
  std::chrono::seconds connect_timeout_;
  Deliver deliver_;
  Gap gap_;
  std::set<std::string> ever_active_;  // on the thread only
  std::mutex mutex_;
  std::condition_variable changed_;
  std::set<std::string> wanted_;
  std::set<std::string> active_;
  std::string last_error_;
  bool stopping_ = false;
  int wake_pipe_[2] = {-1, -1};
  std::thread thread_;
};

}  // namespace verp::storage
