// Clock: where verp asks for the time. Production uses the system clock; tests hand a
// ManualClock to whatever they test so that session timeouts, lockouts, TOTP windows and
// reminders can be checked without sleeping. Both are thread-safe.
#pragma once

#include <atomic>
#include <chrono>

namespace verp {

class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
  static const SystemClock& instance() {
    static const SystemClock clock;
    return clock;
  }
};

// A clock that stands still until told to move.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start = std::chrono::system_clock::now())
      : micros_(std::chrono::duration_cast<std::chrono::microseconds>(start.time_since_epoch()).count()) {}
  TimePoint now() const override { return TimePoint(std::chrono::microseconds(micros_.load())); }
  void advance(std::chrono::microseconds by) { micros_ += by.count(); }
  void set(TimePoint to) {
    micros_ = std::chrono::duration_cast<std::chrono::microseconds>(to.time_since_epoch()).count();
  }

 private:
  std::atomic<long long> micros_;
};

}  // namespace verp
