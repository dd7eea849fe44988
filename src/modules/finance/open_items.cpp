#include "modules/finance/open_items.hpp"

#include <boost/json.hpp>
#include <map>

#include "modules/finance/ledger_columns.hpp"
#include "modules/finance/ledger_internal.hpp"

namespace verp::finance {

namespace json = boost::json;
using storage::Column;
using storage::ColumnType;
using storage::Connection;
using storage::Date;
using storage::Index;
using storage::Reference;
using storage::Row;
using storage::TableDef;
using storage::Timestamp;
using storage::Value;

std::vector<TableDef> open_item_tables() {
  using namespace columns;
  return {
      TableDef{.name = "open_items",
               .columns = {refers("line_id", "voucher_lines"), refers("company_id", "companies"),
                           refers("account_id", "accounts"), refers("voucher_id", "vouchers"), words("partner_type"),
                           number("partner_id"), words("side"), number("amount"), number("allocated"),
                           day("item_date")},
               .primary_key = {"line_id"},
               .indexes = {Index{.name = "open_items_partner_idx", .columns = {"account_id", "partner_id", "item_date"}},
                           Index{.name = "open_items_company_idx", .columns = {"company_id", "account_id"}}}},
      TableDef{.name = "open_item_allocations",
               .columns = {key(), refers("company_id", "companies"), refers("account_id", "accounts"), number("partner_id"),
                           refers("debit_line_id", "voucher_lines"), refers("credit_line_id", "voucher_lines"),
                           number("amount"), refers("allocated_by", "users"), moment("allocated_at", true),
                           refers("cancelled_by", "users", false), moment("cancelled_at")},
               .indexes = {Index{.name = "open_item_allocations_debit_idx", .columns = {"debit_line_id"}},
                           Index{.name = "open_item_allocations_credit_idx", .columns = {"credit_line_id"}}}},
  };
}

Status add_open_items(Connection& c, std::int64_t company, std::int64_t voucher_id) {
  auto rows = c.query(
      "SELECT l.id, l.account_id, l.debit - l.credit, l.customer_id, l.supplier_id, l.employee_id, a.aux_customer, "
      "a.aux_supplier, v.voucher_date FROM voucher_lines l JOIN accounts a ON a.id = l.account_id "
      "JOIN vouchers v ON v.id = l.voucher_id "
      "WHERE l.voucher_id = $1 AND (a.aux_customer OR a.aux_supplier OR a.aux_employee)",
      {voucher_id});
  if (!rows) return rows.error();
  for (const Row& row : *rows) {
    const Cents net = row.int64(2).value_or(0);
    if (net == 0) continue;
    const bool by_customer = row.boolean(6).value_or(false);
    const bool by_supplier = row.boolean(7).value_or(false);
    const std::size_t partner_column = by_customer ? 3 : by_supplier ? 4 : 5;
    const char* partner_type = by_customer ? "customer" : by_supplier ? "supplier" : "employee";
    auto added = c.execute(
        "INSERT INTO open_items (line_id, company_id, account_id, voucher_id, partner_type, partner_id, side, amount, "
        "allocated, item_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9)",
        {row.int64(0).value_or(0), company, row.int64(1).value_or(0), voucher_id, partner_type,
         row.int64(partner_column).value_or(0), net > 0 ? "debit" : "credit", net > 0 ? net : -net,
         row.date(8).value_or(Date{})});
    if (!added) return added.error();
  }
  return {};
}

namespace {

struct Item {
  std::int64_t line_id = 0;
  std::int64_t account_id = 0;
  std::int64_t partner_id = 0;
  std::string side;
  Cents open = 0;
};

Result<std::optional<Item>> load_item(Connection& c, std::int64_t company, std::int64_t line) {
  auto row = c.query_row("SELECT line_id, account_id, partner_id, side, amount - allocated FROM open_items "
                         "WHERE line_id = $1 AND company_id = $2",
                         {line, company});
  if (!row) return row.error();
  if (!*row) return std::optional<Item>();
  return std::optional<Item>(Item{.line_id = (*row)->int64(0).value_or(0), .account_id = (*row)->int64(1).value_or(0),
                                  .partner_id = (*row)->int64(2).value_or(0), .side = (*row)->text(3).value_or(""),
                                  .open = (*row)->int64(4).value_or(0)});
}

// Adds `amount` to an item's allocated part if that much is open; false when it is not.
Result<bool> take(Connection& c, std::int64_t line, Cents amount) {
  auto taken = c.execute("UPDATE open_items SET allocated = allocated + $1 WHERE line_id = $2 AND amount - allocated >= $1",
                         {amount, line});
  if (!taken) return taken.error();
  return *taken == 1;
}

}  // namespace

Result<std::vector<std::int64_t>> allocate(Connection& c, const Actor& actor, const std::vector<Allocation>& allocations) {
  const std::int64_t company = actor.principal.company_id;
  std::vector<FieldError> problems;
  std::vector<std::int64_t> ids;
  json::array audited;
  if (allocations.empty()) return field_error("allocations", "required", "finance.allocations_required");
  for (std::size_t i = 0; i < allocations.size(); ++i) {
    const Allocation& wanted = allocations[i];
    const std::string at = "allocations[" + std::to_string(i) + "]";
    if (wanted.amount <= 0) {
      problems.push_back({at + ".amount", "not_positive", "finance.allocation_positive", {}});
      continue;
    }
    auto debit = load_item(c, company, wanted.debit_line_id);
    if (!debit) return debit.error();
    auto credit = load_item(c, company, wanted.credit_line_id);
    if (!credit) return credit.error();
    if (!*debit || (*debit)->side != "debit") {
      problems.push_back({at + ".debit_line_id", "not_debit_item", "finance.allocation_debit_item", {}});
      continue;
    }
    if (!*credit || (*credit)->side != "credit") {
      problems.push_back({at + ".credit_line_id", "not_credit_item", "finance.allocation_credit_item", {}});
      continue;
    }
    if ((*debit)->account_id != (*credit)->account_id || (*debit)->partner_id != (*credit)->partner_id) {
      problems.push_back({at, "different_partner", "finance.allocation_same_partner", {}});
      continue;
    }
    auto debit_taken = take(c, wanted.debit_line_id, wanted.amount);
    if (!debit_taken) return debit_taken.error();
    auto credit_taken = take(c, wanted.credit_line_id, wanted.amount);
    if (!credit_taken) return credit_taken.error();
    if (!*debit_taken || !*credit_taken) {
      problems.push_back({at + ".amount", "exceeds_open", "finance.allocation_exceeds_open",
                          {{"open", format_amount(std::min((*debit)->open, (*credit)->open))}}});
      continue;
    }
    auto id = c.query_row(
        "INSERT INTO open_item_allocations (company_id, account_id, partner_id, debit_line_id, credit_line_id, amount, "
        "allocated_by, allocated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        {company, (*debit)->account_id, (*debit)->partner_id, wanted.debit_line_id, wanted.credit_line_id,
         wanted.amount, actor.principal.user_id, Timestamp::from_system(actor.clock.now())});
    if (!id) return id.error();
    ids.push_back((*id)->int64(0).value_or(0));
    audited.push_back(json::object{{"id", ids.back()},
                                   {"debit_line_id", wanted.debit_line_id},
                                   {"credit_line_id", wanted.credit_line_id},
                                   {"amount", format_amount(wanted.amount)}});
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  if (Status logged = audit_ledger(c, actor, "open_item.allocate", "open_item_allocation", ids.front(),
                                   {{"allocations", std::move(audited)}});
      !logged) {
    return logged.error();
  }
  return ids;
}

Result<std::int64_t> allocate_oldest_first(Connection& c, const Actor& actor, std::int64_t account_id,
                                           std::int64_t partner_id) {
  auto rows = c.query("SELECT line_id, side, amount - allocated FROM open_items WHERE company_id = $1 "
                      "AND account_id = $2 AND partner_id = $3 AND amount > allocated ORDER BY item_date, line_id",
                      {actor.principal.company_id, account_id, partner_id});
  if (!rows) return rows.error();
  std::vector<std::pair<std::int64_t, Cents>> debits, credits;
  for (const Row& row : *rows) {
    (row.text(1).value_or("") == "debit" ? debits : credits)
        .emplace_back(row.int64(0).value_or(0), row.int64(2).value_or(0));
  }
  std::vector<Allocation> pairs;
  for (std::size_t d = 0, k = 0; d < debits.size() && k < credits.size();) {
    const Cents amount = std::min(debits[d].second, credits[k].second);
    pairs.push_back({debits[d].first, credits[k].first, amount});
    debits[d].second -= amount;
    credits[k].second -= amount;
    if (debits[d].second == 0) ++d;
    if (credits[k].second == 0) ++k;
  }
  if (pairs.empty()) return std::int64_t{0};
  auto made = allocate(c, actor, pairs);
  if (!made) return made.error();
  return static_cast<std::int64_t>(made->size());
}

Status cancel_allocation(Connection& c, const Actor& actor, std::int64_t allocation_id) {
  auto row = c.query_row(
      "UPDATE open_item_allocations SET cancelled_by = $1, cancelled_at = $2 "
      "WHERE id = $3 AND company_id = $4 AND cancelled_at IS NULL RETURNING debit_line_id, credit_line_id, amount",
      {actor.principal.user_id, Timestamp::from_system(actor.clock.now()), allocation_id, actor.principal.company_id});
  if (!row) return row.error();
  if (!*row) {
    auto exists = c.query_row("SELECT 1 FROM open_item_allocations WHERE id = $1 AND company_id = $2",
                              {allocation_id, actor.principal.company_id});
    if (!exists) return exists.error();
    return make_error(*exists ? ErrorKind::conflict : ErrorKind::not_found,
                      *exists ? "finance.allocation_cancelled" : "error.not_found");
  }
  const Cents amount = (*row)->int64(2).value_or(0);
  for (std::size_t side : {0u, 1u}) {
    auto released = c.execute("UPDATE open_items SET allocated = allocated - $1 WHERE line_id = $2",
                              {amount, (*row)->int64(side).value_or(0)});
    if (!released) return released.error();
  }
  return audit_ledger(c, actor, "open_item.cancel_allocation", "open_item_allocation", allocation_id,
                      {{"amount", format_amount(amount)}});
}

namespace {

// The partner's name, by the table its type lives in.
constexpr const char* kPartnerName =
    "CASE o.partner_type WHEN 'customer' THEN (SELECT name FROM customers WHERE id = o.partner_id) "
    "WHEN 'supplier' THEN (SELECT name FROM suppliers WHERE id = o.partner_id) "
    "ELSE (SELECT name FROM employees WHERE id = o.partner_id) END";

}  // namespace

Result<json::object> open_items(Connection& c, std::int64_t company, const OpenItemQuery& query) {
  std::string sql = std::string("SELECT o.line_id, o.voucher_id, v.word, v.number, o.item_date, l.summary, o.side, "
                                "o.amount, o.allocated, o.partner_type, o.partner_id, ") +
                    kPartnerName +
                    " FROM open_items o JOIN vouchers v ON v.id = o.voucher_id JOIN voucher_lines l ON l.id = o.line_id "
                    "WHERE o.company_id = $1 AND o.account_id = $2";
  std::vector<Value> params{company, query.account_id};
  if (query.partner_id) {
    params.push_back(*query.partner_id);
    sql += " AND o.partner_id = $3";
  }
  if (query.open_only) sql += " AND o.amount > o.allocated";
  auto rows = c.query(sql + " ORDER BY o.partner_id, o.item_date, o.line_id", params);
  if (!rows) return rows.error();
  json::array items;
  Cents debit_open = 0, credit_open = 0;
  for (const Row& row : *rows) {
    const Cents amount = row.int64(7).value_or(0);
    const Cents allocated = row.int64(8).value_or(0);
    const std::string side = row.text(6).value_or("");
    (side == "debit" ? debit_open : credit_open) += amount - allocated;
    items.push_back(json::object{{"line_id", row.int64(0).value_or(0)},
                                 {"voucher_id", row.int64(1).value_or(0)},
                                 {"voucher", voucher_label(row.text(2).value_or(""), row.int64(3).value_or(0))},
                                 {"date", row.date(4) ? row.date(4)->to_string() : std::string()},
                                 {"summary", row.text(5).value_or("")},
                                 {"side", side},
                                 {"amount", format_amount(amount)},
                                 {"allocated", format_amount(allocated)},
                                 {"open", format_amount(amount - allocated)},
                                 {"partner_type", row.text(9).value_or("")},
                                 {"partner_id", row.int64(10).value_or(0)},
                                 {"partner_name", row.text(11).value_or("")}});
  }
  return json::object{{"items", std::move(items)},
                      {"debit_open", format_amount(debit_open)},
                      {"credit_open", format_amount(credit_open)}};
}

Result<json::object> list_allocations(Connection& c, std::int64_t company, std::int64_t account_id,
                                      std::optional<std::int64_t> partner_id, bool with_cancelled) {
  std::string sql =
      "SELECT x.id, x.partner_id, x.debit_line_id, dv.word, dv.number, dl.summary, x.credit_line_id, cv.word, cv.number, "
      "cl.summary, x.amount, u.display_name, x.allocated_at, x.cancelled_at FROM open_item_allocations x "
      "JOIN voucher_lines dl ON dl.id = x.debit_line_id JOIN vouchers dv ON dv.id = dl.voucher_id "
      "JOIN voucher_lines cl ON cl.id = x.credit_line_id JOIN vouchers cv ON cv.id = cl.voucher_id "
      "JOIN users u ON u.id = x.allocated_by WHERE x.company_id = $1 AND x.account_id = $2";
  std::vector<Value> params{company, account_id};
  if (partner_id) {
    params.push_back(*partner_id);
    sql += " AND x.partner_id = $3";
  }
  if (!with_cancelled) sql += " AND x.cancelled_at IS NULL";
  auto rows = c.query(sql + " ORDER BY x.id DESC LIMIT 500", params);
  if (!rows) return rows.error();
  json::array items;
  for (const Row& row : *rows) {
    items.push_back(json::object{
        {"id", row.int64(0).value_or(0)},
        {"partner_id", row.int64(1).value_or(0)},
        {"debit_line_id", row.int64(2).value_or(0)},
        {"debit_voucher", voucher_label(row.text(3).value_or(""), row.int64(4).value_or(0))},
        {"debit_summary", row.text(5).value_or("")},
        {"credit_line_id", row.int64(6).value_or(0)},
        {"credit_voucher", voucher_label(row.text(7).value_or(""), row.int64(8).value_or(0))},
        {"credit_summary", row.text(9).value_or("")},
        {"amount", format_amount(row.int64(10).value_or(0))},
        {"allocated_by", row.text(11).value_or("")},
        {"allocated_at", row.timestamp(12) ? json::value(json::string(row.timestamp(12)->to_string())) : json::value(nullptr)},
        {"cancelled_at", row.is_null(13) ? json::value(nullptr)
                                         : json::value(json::string(row.timestamp(13).value_or(Timestamp{}).to_string()))}});
  }
  return json::object{{"items", std::move(items)}};
}

Result<json::object> aging(Connection& c, std::int64_t company, std::int64_t account_id, Date as_of,
                           const std::vector<int>& buckets, std::string_view locale) {
  auto account = c.query_row("SELECT code, name, direction FROM accounts WHERE id = $1 AND company_id = $2",
                             {account_id, company});
  if (!account) return account.error();
  if (!*account) return make_error(ErrorKind::not_found, "error.not_found");
  const std::string own_side = (*account)->text(2).value_or("debit");
  auto rows = c.query(std::string("SELECT o.partner_id, ") + kPartnerName +
                          ", o.side, o.item_date, o.amount - o.allocated FROM open_items o "
                          "WHERE o.company_id = $1 AND o.account_id = $2 AND o.amount > o.allocated AND o.item_date <= $3 "
                          "ORDER BY o.partner_id",
                      {company, account_id, as_of});
  if (!rows) return rows.error();
  struct Partner {
    std::string name;
    std::vector<Cents> buckets;
    Cents advance = 0;
  };
  std::map<std::int64_t, Partner> partners;
  std::vector<Cents> totals(buckets.size() + 1, 0);
  Cents total_advance = 0;
  for (const Row& row : *rows) {
    Partner& partner = partners[row.int64(0).value_or(0)];
    if (partner.buckets.empty()) {
      partner.name = row.text(1).value_or("");
      partner.buckets.assign(buckets.size() + 1, 0);
    }
    const Cents open = row.int64(4).value_or(0);
    if (row.text(2).value_or("") != own_side) {
      partner.advance += open;
      total_advance += open;
      continue;
    }
    const auto age = as_of.to_days() - row.date(3).value_or(as_of).to_days();
    std::size_t bucket = 0;
    while (bucket < buckets.size() && age > buckets[bucket]) ++bucket;
    partner.buckets[bucket] += open;
    totals[bucket] += open;
  }
  const bool english = locale.starts_with("en");
  json::array labels;
  for (std::size_t b = 0; b <= buckets.size(); ++b) {
    const int low = b == 0 ? 0 : buckets[b - 1] + 1;
    if (b < buckets.size()) {
      labels.push_back(json::string(std::to_string(low) + "-" + std::to_string(buckets[b]) + (english ? " days" : "天")));
    } else {
      labels.push_back(json::string((english ? "over " : "") + std::to_string(buckets.empty() ? 0 : buckets.back()) +
                                    (english ? " days" : "天以上")));
    }
  }
  json::array lines;
  auto amounts = [](const std::vector<Cents>& values) {
    json::array out;
    for (Cents value : values) out.push_back(json::string(format_amount(value)));
    return out;
  };
  auto sum = [](const std::vector<Cents>& values) {
    Cents total = 0;
    for (Cents value : values) total += value;
    return total;
  };
  for (const auto& [id, partner] : partners) {
    const Cents outstanding = sum(partner.buckets);
    lines.push_back(json::object{{"partner_id", id},
                                 {"partner_name", partner.name},
                                 {"buckets", amounts(partner.buckets)},
                                 {"outstanding", format_amount(outstanding)},
                                 {"advance", format_amount(partner.advance)},
                                 {"net", format_amount(outstanding - partner.advance)}});
  }
  return json::object{{"account", (*account)->text(0).value_or("")},
                      {"account_name", (*account)->text(1).value_or("")},
                      {"as_of", as_of.to_string()},
                      {"bucket_labels", std::move(labels)},
                      {"partners", std::move(lines)},
                      {"totals", json::object{{"buckets", amounts(totals)},
                                              {"outstanding", format_amount(sum(totals))},
                                              {"advance", format_amount(total_advance)},
                                              {"net", format_amount(sum(totals) - total_advance)}}}};
}

std::vector<Check> open_item_checks() {
  auto items_match_lines = [](storage::Database& database) -> Result<std::vector<std::string>> {
    return database.read([](Connection& c) -> Result<std::vector<std::string>> {
      std::vector<std::string> problems;
      auto wrong = c.query(
          "SELECT l.id FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.id = l.account_id "
          "LEFT JOIN open_items o ON o.line_id = l.id WHERE v.state = 'posted' "
          "AND (a.aux_customer OR a.aux_supplier OR a.aux_employee) AND l.debit <> l.credit "
          "AND (o.line_id IS NULL OR o.amount <> (CASE WHEN l.debit > l.credit THEN l.debit - l.credit "
          "ELSE l.credit - l.debit END) OR o.side <> (CASE WHEN l.debit > l.credit THEN 'debit' ELSE 'credit' END))");
      if (!wrong) return wrong.error();
      for (const Row& row : *wrong) problems.push_back("posted line " + std::to_string(row.int64(0).value_or(0)) +
                                                       " has no open item, or one of another amount or side");
      auto allocated = c.query(
          "SELECT o.line_id, o.allocated, o.amount FROM open_items o WHERE o.allocated < 0 OR o.allocated > o.amount "
          "OR o.allocated <> (SELECT COALESCE(SUM(x.amount), 0) FROM open_item_allocations x WHERE x.cancelled_at IS NULL "
          "AND (x.debit_line_id = o.line_id OR x.credit_line_id = o.line_id))");
      if (!allocated) return allocated.error();
      for (const Row& row : *allocated) {
        problems.push_back("open item " + std::to_string(row.int64(0).value_or(0)) + ": allocated " +
                           format_amount(row.int64(1).value_or(0)) + " of " + format_amount(row.int64(2).value_or(0)) +
                           " does not match its allocations");
      }
      return problems;
    });
  };
  return {Check{.name = "ledger: open items match their lines and allocations", .run = items_match_lines}};
}

}  // namespace verp::finance
