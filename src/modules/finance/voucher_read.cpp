// Vouchers as the API shows them: the list (newest first, cursor pages) and one voucher with its
// lines, account names, dimension names and who signed it.
#include <boost/json.hpp>

#include "modules/finance/ledger.hpp"

namespace verp::finance {

namespace json = boost::json;
using storage::Connection;
using storage::Row;
using storage::Value;

namespace {

constexpr const char* kHeaderColumns =
    "v.id, v.word, v.number, v.voucher_date, v.state, v.attachments, v.summary, v.debit_total, v.credit_total, "
    "v.preparer_id, pu.display_name, v.reviewer_id, ru.display_name, v.cashier_id, cu.display_name, v.poster_id, "
    "xu.display_name, v.source_type, v.source_id, v.reverses_id, v.reversed_by_id, v.version, p.year, p.month, "
    "v.prepared_at, v.reviewed_at, v.posted_at";

constexpr const char* kHeaderJoins =
    " FROM vouchers v JOIN fiscal_periods p ON p.id = v.period_id JOIN users pu ON pu.id = v.preparer_id "
    "LEFT JOIN users ru ON ru.id = v.reviewer_id LEFT JOIN users cu ON cu.id = v.cashier_id "
    "LEFT JOIN users xu ON xu.id = v.poster_id";

json::value optional_int(const Row& row, std::size_t index) {
  if (row.is_null(index)) return nullptr;
  return row.int64(index).value_or(0);
}
json::value optional_text(const Row& row, std::size_t index) {
  if (row.is_null(index)) return nullptr;
  return json::string(row.text(index).value_or(""));
}
json::value optional_time(const Row& row, std::size_t index) {
  if (row.is_null(index)) return nullptr;
  auto at = row.timestamp(index);
  return at ? json::value(json::string(at->to_string())) : json::value(nullptr);
}
json::value person(const Row& row, std::size_t id_index) {
  if (row.is_null(id_index)) return nullptr;
  return json::object{{"id", row.int64(id_index).value_or(0)}, {"name", row.text(id_index + 1).value_or("")}};
}

json::object header_json(const Row& row) {
  const std::string word = row.text(1).value_or("");
  const std::int64_t number = row.int64(2).value_or(0);
  const std::string period =
      period_code(static_cast<int>(row.int64(22).value_or(0)), static_cast<int>(row.int64(23).value_or(0)));
  return json::object{{"id", row.int64(0).value_or(0)},
                      {"word", word},
                      {"number", number},
                      {"label", voucher_label(word, number)},
                      {"period", period},
                      {"date", row.date(3) ? row.date(3)->to_string() : std::string()},
                      {"state", row.text(4).value_or("")},
                      {"attachments", row.int64(5).value_or(0)},
                      {"summary", row.text(6).value_or("")},
                      {"debit_total", format_amount(row.int64(7).value_or(0))},
                      {"credit_total", format_amount(row.int64(8).value_or(0))},
                      {"preparer", person(row, 9)},
                      {"reviewer", person(row, 11)},
                      {"cashier", person(row, 13)},
                      {"poster", person(row, 15)},
                      {"source_type", optional_text(row, 17)},
                      {"source_id", optional_int(row, 18)},
                      {"reverses_id", optional_int(row, 19)},
                      {"reversed_by_id", optional_int(row, 20)},
                      {"version", row.int64(21).value_or(0)},
                      {"prepared_at", optional_time(row, 24)},
                      {"reviewed_at", optional_time(row, 25)},
                      {"posted_at", optional_time(row, 26)}};
}

}  // namespace

Result<std::optional<json::object>> voucher_json(Connection& c, const security::Principal& who, std::int64_t id) {
  auto header = c.query_row(std::string("SELECT ") + kHeaderColumns + kHeaderJoins +
                                " WHERE v.id = $1 AND v.company_id = $2",
                            {id, who.company_id});
  if (!header) return header.error();
  if (!*header) return std::optional<json::object>();
  json::object voucher = header_json(**header);
  auto lines = c.query(
      "SELECT l.seq, l.summary, l.account_id, a.code, a.name, a.name_en, l.debit, l.credit, "
      "l.customer_id, cu.name, l.supplier_id, su.name, l.department_id, d.name, l.employee_id, e.name, "
      "l.project_id, pr.name, l.item_id, i.name, l.cash_flow_item "
      "FROM voucher_lines l JOIN accounts a ON a.id = l.account_id "
      "LEFT JOIN customers cu ON cu.id = l.customer_id LEFT JOIN suppliers su ON su.id = l.supplier_id "
      "LEFT JOIN departments d ON d.id = l.department_id LEFT JOIN employees e ON e.id = l.employee_id "
      "LEFT JOIN projects pr ON pr.id = l.project_id LEFT JOIN items i ON i.id = l.item_id "
      "WHERE l.voucher_id = $1 ORDER BY l.seq",
      {id});
  if (!lines) return lines.error();
  json::array items;
  for (const Row& row : *lines) {
    json::object line{{"seq", row.int64(0).value_or(0)},
                      {"summary", row.text(1).value_or("")},
                      {"account_id", row.int64(2).value_or(0)},
                      {"account", row.text(3).value_or("")},
                      {"account_name", row.text(4).value_or("")},
                      {"account_name_en", optional_text(row, 5)},
                      {"debit", format_amount(row.int64(6).value_or(0))},
                      {"credit", format_amount(row.int64(7).value_or(0))},
                      {"cash_flow_item", optional_text(row, 20)}};
    static constexpr const char* kDimensions[] = {"customer", "supplier", "department", "employee", "project", "item"};
    for (std::size_t d = 0; d < std::size(kDimensions); ++d) {
      const std::size_t at = 8 + 2 * d;
      line[std::string(kDimensions[d]) + "_id"] = optional_int(row, at);
      if (!row.is_null(at)) line[std::string(kDimensions[d]) + "_name"] = optional_text(row, at + 1);
    }
    items.push_back(std::move(line));
  }
  voucher["lines"] = std::move(items);
  return std::optional<json::object>(std::move(voucher));
}

Result<json::object> list_vouchers(Connection& c, std::int64_t company, const VoucherQuery& query) {
  std::string where = " WHERE v.company_id = $1";
  std::vector<Value> params{company};
  auto bind = [&](std::string clause, Value value) {
    params.push_back(std::move(value));
    where += " AND " + clause + " $" + std::to_string(params.size());
  };
  if (query.period_id) bind("v.period_id =", *query.period_id);
  if (!query.state.empty()) bind("v.state =", query.state);
  if (!query.word.empty()) bind("v.word =", query.word);
  if (query.preparer_id) bind("v.preparer_id =", *query.preparer_id);
  if (!query.source_type.empty()) bind("v.source_type =", query.source_type);
  if (query.source_id) bind("v.source_id =", *query.source_id);
  if (query.before > 0) bind("v.id <", query.before);
  if (query.account_id) {
    params.push_back(*query.account_id);
    where += " AND EXISTS (SELECT 1 FROM voucher_lines l WHERE l.voucher_id = v.id AND l.account_id = $" +
             std::to_string(params.size()) + ")";
  }
  auto rows = c.query(std::string("SELECT ") + kHeaderColumns + kHeaderJoins + where + " ORDER BY v.id DESC LIMIT " +
                          std::to_string(query.limit + 1),
                      params);
  if (!rows) return rows.error();
  json::array items;
  std::int64_t last = 0;
  bool more = false;
  for (const Row& row : *rows) {
    if (static_cast<int>(items.size()) == query.limit) {
      more = true;
      break;
    }
    items.push_back(header_json(row));
    last = row.int64(0).value_or(0);
  }
  json::object page{{"items", std::move(items)}};
  page["next_cursor"] = more ? json::value(std::to_string(last)) : json::value(nullptr);
  return page;
}

}  // namespace verp::finance
