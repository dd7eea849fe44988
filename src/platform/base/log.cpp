#include "platform/base/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>

namespace verp::log {
namespace {

std::atomic<Level> g_level{Level::info};
std::atomic<Format> g_format{Format::text};

spdlog::logger& logger() {
  // stderr: stdout belongs to command output (e.g. `verp version`, the admin password).
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto created = std::make_shared<spdlog::logger>("verp", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    created->set_pattern("%v");
    created->set_level(spdlog::level::trace);
    return created;
  }();
  return *instance;
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static const char* kHex = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

const char* level_name(Level level) {
  switch (level) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
    case Level::off: return "off";
  }
  return "info";
}

std::string utc_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(micros % 1000000));
  return buffer;
}

}  // namespace

void configure(Level level, Format format) {
  g_level = level;
  g_format = format;
}

bool parse_level(std::string_view text, Level& level) {
  for (Level candidate : {Level::debug, Level::info, Level::warn, Level::error, Level::off}) {
    if (text == level_name(candidate)) {
      level = candidate;
      return true;
    }
  }
  return false;
}

bool enabled(Level level) { return level != Level::off && level >= g_level.load(std::memory_order_relaxed); }

void write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  if (!enabled(level)) return;
  std::string line;
  line.reserve(160);
  if (g_format.load(std::memory_order_relaxed) == Format::json) {
    line += "{\"time\":";
    append_json_string(line, utc_timestamp());
    line += ",\"level\":";
    append_json_string(line, level_name(level));
    line += ",\"event\":";
    append_json_string(line, event);
    for (const Field& field : fields) {
      line += ',';
      append_json_string(line, field.key);
      line += ':';
      append_json_string(line, field.value);
    }
    line += '}';
  } else {
    line += utc_timestamp();
    line += ' ';
    line += level_name(level);
    line += ' ';
    line += event;
    for (const Field& field : fields) {
      line += ' ';
      line += field.key;
      line += '=';
      line += field.value;
    }
  }
  try {
    logger().log(spdlog::level::info, line);
  } catch (...) {
    // A broken stderr must not take a request down with it.
  }
}

void flush() { logger().flush(); }

}  // namespace verp::log
