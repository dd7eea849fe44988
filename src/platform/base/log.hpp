// Structured logging: one event name plus key/value fields per line, written as JSON lines
// (production) or as readable text (a terminal). spdlog stays inside log.cpp.
// Thread-safe. Logging never throws; a failing sink loses the line, not the request.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace verp::log {

enum class Level { debug, info, warn, error, off };
enum class Format { json, text };

struct Field {
  std::string_view key;
  std::string value;
};

// Call once at start-up; before that, lines go to stderr as text at info level.
void configure(Level level, Format format);
// Parses "debug", "info", "warn", "error", "off"; false for anything else.
bool parse_level(std::string_view text, Level& level);
bool enabled(Level level);

void write(Level level, std::string_view event, std::initializer_list<Field> fields = {});
inline void debug(std::string_view event, std::initializer_list<Field> fields = {}) { write(Level::debug, event, fields); }
inline void info(std::string_view event, std::initializer_list<Field> fields = {}) { write(Level::info, event, fields); }
inline void warn(std::string_view event, std::initializer_list<Field> fields = {}) { write(Level::warn, event, fields); }
inline void error(std::string_view event, std::initializer_list<Field> fields = {}) { write(Level::error, event, fields); }

void flush();

}  // namespace verp::log
