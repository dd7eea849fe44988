// to_table()/to_csv(): the audit log as a spreadsheet-safe download (platform/export writes it).
#include <array>

#include "platform/audit/audit_log.hpp"
#include "platform/audit/hash_chain.hpp"
#include "platform/export/table.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/storage/value.hpp"

namespace verp::audit {
namespace {

// Column labels are message ids, so the header follows the message files like any user text.
constexpr std::array<std::string_view, 12> kHeaderIds = {
    "audit.csv.seq",         "audit.csv.at",        "audit.csv.user_id",    "audit.csv.user_name",
    "audit.csv.company_id",  "audit.csv.address",   "audit.csv.request_id", "audit.csv.action",
    "audit.csv.target_type", "audit.csv.target_id", "audit.csv.change",     "audit.csv.hash"};

std::string optional_number(const std::optional<std::int64_t>& number) {
  return number ? std::to_string(*number) : std::string();
}

}  // namespace

exporting::Table to_table(const std::vector<Record>& records, std::string_view locale) {
  const std::string_view language = locale == i18n::kEnglish ? i18n::kEnglish : i18n::kDefaultLocale;
  const i18n::Catalog& catalog = i18n::Catalog::built_in();
  exporting::Table table;
  table.sheet_name = catalog.text(language, "audit.sheet_name");
  for (auto id : kHeaderIds) table.headers.push_back(catalog.text(language, id));
  for (const Record& record : records) {
    table.rows.push_back({std::to_string(record.seq),
                          storage::Timestamp::from_micros(to_micros(record.at)).to_string(),
                          optional_number(record.user_id),
                          record.user_name,
                          optional_number(record.company_id),
                          record.address,
                          record.request_id,
                          record.action,
                          record.target_type,
                          record.target_id,
                          record.change,
                          record.hash});
  }
  return table;
}

std::string to_csv(const std::vector<Record>& records, std::string_view locale) {
  return exporting::to_csv(to_table(records, locale));
}

}  // namespace verp::audit
