#include "platform/storage/connection.hpp"

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
  Status status = body(*this);
  if (status) return execute_script("RELEASE SAVEPOINT " + name);
  if (auto rolled_back = execute_script("ROLLBACK TO SAVEPOINT " + name); !rolled_back) return rolled_back;
  (void)execute_script("RELEASE SAVEPOINT " + name);
  return status;
}

}  // namespace verp::storage
