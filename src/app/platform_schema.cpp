#include "app/platform_schema.hpp"

#include <random>

#include "platform/jobs/job_queue.hpp"
#include "platform/jobs/schedule.hpp"

namespace verp::app {
namespace {

using storage::Column;
using storage::ColumnType;

// Facts about this installation: its id (names backups and metrics), when it was created.
storage::TableDef system_info_table() {
  return storage::TableDef{
      .name = "system_info",
      .columns = {Column{.name = "key", .type = ColumnType::text, .not_null = true},
                  Column{.name = "value", .type = ColumnType::text, .not_null = true},
                  Column{.name = "updated_at", .type = ColumnType::timestamp, .not_null = true}},
      .primary_key = {"key"},
      .indexes = {}};
}

std::string random_instance_id() {
  std::random_device entropy;
  static const char* kHex = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 32; ++i) id += kHex[entropy() % 16];
  return id;
}

}  // namespace

std::vector<storage::TableDef> platform_tables() {
  std::vector<storage::TableDef> tables{storage::schema_version_table(), system_info_table()};
  for (auto& table : jobs::tables()) tables.push_back(std::move(table));
  for (auto& table : jobs::schedule_tables()) tables.push_back(std::move(table));
  return tables;
}

std::vector<storage::Migration> platform_migrations() {
  return {
      storage::Migration{
          .version = 1,
          .name = "record the installation id and creation time",
          .apply = [](storage::Connection& connection) -> Status {
            const auto now = storage::Timestamp::from_system(std::chrono::system_clock::now());
            auto inserted = connection.execute(
                "INSERT INTO system_info (key, value, updated_at) VALUES ('instance_id', $1, $2), "
                "('created_at', $3, $2)",
                {storage::Value(random_instance_id()), storage::Value(now), storage::Value(now.to_string())});
            if (!inserted) return inserted.error();
            return {};
          }},
  };
}

}  // namespace verp::app
