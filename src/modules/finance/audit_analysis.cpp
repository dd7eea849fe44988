#include "modules/finance/audit_analysis.hpp"

#include <boost/json.hpp>

namespace verp::finance {

namespace json = boost::json;
using storage::Connection;
using storage::Row;
using storage::Timestamp;

namespace {

constexpr std::int64_t kMicrosPerHour = 3'600'000'000;
constexpr std::int64_t kChinaOffsetHours = 8;

// Outside business hours in China: before day_starts, from day_ends, or on a weekend.
bool outside_hours(Timestamp at, const AuditAnalysisOptions& options) {
  const std::int64_t local_hours = at.micros / kMicrosPerHour + kChinaOffsetHours;
  const std::int64_t days = local_hours >= 0 ? local_hours / 24 : (local_hours - 23) / 24;
  const int hour = static_cast<int>(local_hours - days * 24);
  const int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday: 0 = Monday
  return weekday >= 5 || hour < options.day_starts || hour >= options.day_ends;
}

std::string local_time(Timestamp at) {
  const std::string utc = Timestamp::from_micros(at.micros + kChinaOffsetHours * kMicrosPerHour).to_string();
  return utc.substr(0, 10) + " " + utc.substr(11, 5);  // "2026-03-07 23:40" (UTC+8)
}

}  // namespace

Result<json::object> audit_analysis(Connection& c, std::int64_t company, const PeriodRange& range,
                                    const AuditAnalysisOptions& options) {
  const storage::Date from = range.from.starts_on;
  const storage::Date to = range.to.ends_on;
  const Timestamp from_time = Timestamp::from_micros((from.to_days() * 24 - kChinaOffsetHours) * kMicrosPerHour);
  const Timestamp to_time = Timestamp::from_micros(((to.to_days() + 1) * 24 - kChinaOffsetHours) * kMicrosPerHour);

  // Refused attempts are in the audit log (the voucher routes record them).
  auto refused = c.query("SELECT at, user_name, change FROM audit_log WHERE company_id = $1 AND action = 'voucher.refused' "
                         "AND at >= $2 AND at < $3 ORDER BY seq",
                         {company, from_time, to_time});
  if (!refused) return refused.error();
  json::array attempts;
  for (const Row& row : *refused) {
    json::value change = json::parse(row.text(2).value_or("{}"));
    attempts.push_back(json::object{{"at", local_time(row.timestamp(0).value_or(Timestamp{}))},
                                    {"user", row.text(1).value_or("")},
                                    {"detail", std::move(change)}});
  }

  auto vouchers = c.query(
      "SELECT v.id, v.word, v.number, v.voucher_date, v.state, v.preparer_id, pu.display_name, v.prepared_at, "
      "v.reviewer_id, v.poster_id, xu.display_name, v.posted_at, v.reverses_id, v.reviewed_at, ru.display_name "
      "FROM vouchers v JOIN users pu ON pu.id = v.preparer_id LEFT JOIN users xu ON xu.id = v.poster_id "
      "LEFT JOIN users ru ON ru.id = v.reviewer_id "
      "WHERE v.company_id = $1 AND v.voucher_date >= $2 AND v.voucher_date <= $3 AND v.state <> 'void' ORDER BY v.id",
      {company, from, to});
  if (!vouchers) return vouchers.error();
  json::array reversals, self_posted, after_role_change, late;
  for (const Row& row : *vouchers) {
    const std::int64_t id = row.int64(0).value_or(0);
    const std::string label = voucher_label(row.text(1).value_or(""), row.int64(2).value_or(0));
    json::object base{{"voucher_id", id}, {"voucher", label},
                      {"date", row.date(3) ? row.date(3)->to_string() : std::string()}};
    if (!row.is_null(12)) {
      json::object item = base;
      auto original = c.query_row("SELECT word, number FROM vouchers WHERE id = $1", {row.int64(12).value_or(0)});
      if (!original) return original.error();
      if (*original) item["reverses"] = voucher_label((*original)->text(0).value_or(""), (*original)->int64(1).value_or(0));
      item["by"] = row.text(6).value_or("");
      reversals.push_back(std::move(item));
    }
    if (!row.is_null(9) && row.int64(9).value_or(0) == row.int64(5).value_or(-1)) {
      json::object item = base;
      item["by"] = row.text(10).value_or("");
      self_posted.push_back(std::move(item));
    }
    // Reviewed or posted by someone whose roles changed in the days before.
    for (const auto& [user_column, at_column, name_column, what] :
         {std::tuple{8, 13, 14, "reviewed"}, std::tuple{9, 11, 10, "posted"}}) {
      if (row.is_null(user_column) || row.is_null(at_column)) continue;
      const Timestamp acted = row.timestamp(at_column).value_or(Timestamp{});
      auto changed = c.query_row(
          "SELECT at FROM audit_log WHERE action = 'role.assign' AND target_type = 'user' AND target_id = $1 "
          "AND at <= $2 AND at >= $3 ORDER BY seq DESC LIMIT 1",
          {std::to_string(row.int64(user_column).value_or(0)), acted,
           Timestamp::from_micros(acted.micros - options.role_change_days * 24 * kMicrosPerHour)});
      if (!changed) return changed.error();
      if (!*changed) continue;
      json::object item = base;
      item["by"] = row.text(name_column).value_or("");
      item["action"] = what;
      item["roles_changed_at"] = local_time((*changed)->timestamp(0).value_or(Timestamp{}));
      after_role_change.push_back(std::move(item));
    }
    for (const auto& [at_column, what] : {std::pair{7, "prepared"}, std::pair{11, "posted"}}) {
      if (row.is_null(at_column)) continue;
      const Timestamp at = row.timestamp(at_column).value_or(Timestamp{});
      if (!outside_hours(at, options)) continue;
      json::object item = base;
      item["action"] = what;
      item["at"] = local_time(at);
      late.push_back(std::move(item));
    }
  }

  auto round = c.query(
      "SELECT v.id, v.word, v.number, v.voucher_date, a.code, a.name, l.debit, l.credit, l.summary FROM voucher_lines l "
      "JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.id = l.account_id "
      "WHERE v.company_id = $1 AND v.voucher_date >= $2 AND v.voucher_date <= $3 AND v.state <> 'void' "
      "AND (l.debit >= $4 OR l.credit >= $4) AND (l.debit + l.credit) % $5 = 0 ORDER BY v.id, l.seq",
      {company, from, to, options.round_threshold, options.round_unit});
  if (!round) return round.error();
  json::array round_amounts;
  for (const Row& row : *round) {
    const Cents amount = row.int64(6).value_or(0) + row.int64(7).value_or(0);
    round_amounts.push_back(json::object{{"voucher_id", row.int64(0).value_or(0)},
                                         {"voucher", voucher_label(row.text(1).value_or(""), row.int64(2).value_or(0))},
                                         {"date", row.date(3) ? row.date(3)->to_string() : std::string()},
                                         {"account", row.text(4).value_or("")},
                                         {"account_name", row.text(5).value_or("")},
                                         {"summary", row.text(8).value_or("")},
                                         {"amount", format_amount(amount)}});
  }
  json::object counts{{"refused_attempts", attempts.size()},
                      {"reversals", reversals.size()},
                      {"posted_by_preparer", self_posted.size()},
                      {"after_role_change", after_role_change.size()},
                      {"outside_business_hours", late.size()},
                      {"large_round_amounts", round_amounts.size()}};
  return json::object{{"from", range.from.code()},
                      {"to", range.to.code()},
                      {"counts", std::move(counts)},
                      {"refused_attempts", std::move(attempts)},
                      {"reversals", std::move(reversals)},
                      {"posted_by_preparer", std::move(self_posted)},
                      {"after_role_change", std::move(after_role_change)},
                      {"outside_business_hours", std::move(late)},
                      {"large_round_amounts", std::move(round_amounts)}};
}

}  // namespace verp::finance
