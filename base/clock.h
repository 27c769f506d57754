#pragma once
// Time seam. Business logic never reads the system clock directly: it is handed a Clock, so SLA
// clocks and retention can be tested on any date (DESIGN.md house style 7).

#include <atomic>
#include <chrono>
#include <cstdint>

namespace kapi {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch, UTC. Thread-safe.
  virtual int64_t NowMillis() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMillis() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now_millis) : now_(now_millis) {}
  int64_t NowMillis() const override { return now_.load(); }
  void Set(int64_t now_millis) { now_.store(now_millis); }
  void Advance(int64_t millis) { now_.fetch_add(millis); }

 private:
  std::atomic<int64_t> now_;
};

// Formats milliseconds since the epoch as RFC 3339 UTC with millisecond precision.
std::string FormatRfc3339(int64_t millis);

}  // namespace kapi
