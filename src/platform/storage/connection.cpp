#include "platform/storage/connection.hpp"

#include <algorithm>

namespace verp::storage {

std::string_view to_string(Dialect dialect) {
  switch (dialect) {
    case Dialect::sqlite:
      return "sqlite";
    case Dialect::postgres:
      return "postgres";
  }
  return "unknown";
}

Result<std::int64_t> Connection::execute(std::string_view sql, Params params) {
  auto result = query(sql, params);
  if (!result) return std::move(result).error();
  return result->affected_rows();
}

Result<std::optional<Row>> Connection::query_row(std::string_view sql, Params params) {
  auto result = query(sql, params);
  if (!result) return std::move(result).error();
  if (result->empty()) return std::optional<Row>();
  return std::optional<Row>((*result)[0]);
}

Status Connection::savepoint(const std::function<Status(Connection&)>& body) {
  // Nested savepoints get distinct names so an inner release never releases an outer one.
  std::string name = "verp_savepoint_" + std::to_string(++savepoint_depth_);
  struct DepthGuard {
    int& depth;
    ~DepthGuard() { --depth; }
  } guard{savepoint_depth_};

  if (auto begun = execute_script("SAVEPOINT " + name); !begun) return begun;
  const std::size_t notifications_before = pending_notifications_.size();
  Status status = body(*this);
  if (status) return execute_script("RELEASE SAVEPOINT " + name);
  pending_notifications_.resize(notifications_before);  // they belonged to the work undone
  if (auto rolled_back = execute_script("ROLLBACK TO SAVEPOINT " + name); !rolled_back) return rolled_back;
  (void)execute_script("RELEASE SAVEPOINT " + name);
  return status;
}

Status Connection::check_channel(std::string_view channel) {
  const bool plain = !channel.empty() && channel.size() <= 40 &&
                     std::all_of(channel.begin(), channel.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                     });
  if (!plain) return make_error(ErrorKind::validation, "storage.bad_channel", std::string(channel));
  return {};
}

Status Connection::check_notification(std::string_view channel, std::string_view payload) {
  if (Status checked = check_channel(channel); !checked) return checked;
  if (payload.size() >= 8000) {
    return make_error(ErrorKind::validation, "storage.notification_too_large", std::to_string(payload.size()));
  }
  return {};
}

Status Connection::notify(std::string_view channel, std::string_view payload) {
  if (Status checked = check_notification(channel, payload); !checked) return checked;
  for (const auto& pending : pending_notifications_) {
    if (pending.channel == channel && pending.payload == payload) return {};
  }
  pending_notifications_.push_back({std::string(channel), std::string(payload)});
  return {};
}

}  // namespace verp::storage
