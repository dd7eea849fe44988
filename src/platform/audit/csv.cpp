// to_csv(): the audit log as a spreadsheet-safe download.
#include <array>

#include "platform/audit/audit_log.hpp"
#include "platform/audit/hash_chain.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/storage/value.hpp"

namespace verp::audit {
namespace {

// Column labels are message ids, so the header follows the message files like any user text.
constexpr std::array<std::string_view, 12> kHeaderIds = {
    "audit.csv.seq",         "audit.csv.at",        "audit.csv.user_id",    "audit.csv.user_name",
    "audit.csv.company_id",  "audit.csv.address",   "audit.csv.request_id", "audit.csv.action",
    "audit.csv.target_type", "audit.csv.target_id", "audit.csv.change",     "audit.csv.hash"};

void put_cell(std::string& out, std::string_view cell, bool first) {
  if (!first) out += ',';
  // A leading = + - @ (or tab/CR, which some spreadsheets skip before one) starts a formula.
  bool formula = !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
  bool quoted = cell.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quoted) out += '"';
  if (formula) out += '\'';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  if (quoted) out += '"';
}

std::string optional_number(const std::optional<std::int64_t>& number) {
  return number ? std::to_string(*number) : std::string();
}

}  // namespace

std::string to_csv(const std::vector<Record>& records, std::string_view locale) {
  const std::string_view language = locale == i18n::kEnglish ? i18n::kEnglish : i18n::kDefaultLocale;
  const i18n::Catalog& catalog = i18n::Catalog::built_in();
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < kHeaderIds.size(); ++i) put_cell(out, catalog.text(language, kHeaderIds[i]), i == 0);
  out += "\r\n";
  for (const Record& record : records) {
    const std::string cells[] = {std::to_string(record.seq),
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
                                 record.hash};
    static_assert(sizeof(cells) / sizeof(cells[0]) == kHeaderIds.size());
    bool first = true;
    for (const std::string& cell : cells) {
      put_cell(out, cell, first);
      first = false;
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace verp::audit
