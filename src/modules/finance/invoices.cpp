#include "modules/finance/invoices.hpp"

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
using storage::Reference;
using storage::Row;
using storage::TableDef;
using storage::Timestamp;
using storage::Value;

std::vector<TableDef> invoice_tables() {
  using namespace columns;
  return {
      TableDef{.name = "finance_invoices",
               .columns = {key(), refers("company_id", "companies"), words("kind"), number("partner_id"), words("number"),
                           day("invoice_date"), day("due_date", false), number("amount"), number("tax"),
                           number("total"), words("state"), refers("voucher_id", "vouchers", false),
                           refers("created_by", "users"), moment("created_at", true), number("version")},
               .indexes = {storage::Index{.name = "finance_invoices_company_idx", .columns = {"company_id", "kind", "id"}}}},
      TableDef{.name = "finance_invoice_lines",
               .columns = {refers("invoice_id", "finance_invoices"), number("seq"), words("description"),
                           refers("account_id", "accounts"), number("amount"),
                           Column{.name = "tax_rate", .type = ColumnType::decimal, .not_null = true}, number("tax"),
                           refers("item_id", "items", false), refers("department_id", "departments", false),
                           refers("project_id", "projects", false)},
               .primary_key = {"invoice_id", "seq"}},
  };
}

namespace {

// VAT on a line: amount × rate, rounded half away from zero to the cent.
Result<Cents> tax_of(Cents amount, const Decimal& rate) {
  auto tax = Decimal::from_units(amount, 2).mul(rate, 2);
  if (!tax) return tax.error();
  return static_cast<Cents>(tax->units());
}

}  // namespace

Result<InvoiceInput> invoice_from_json(const json::value& body) {
  InvoiceInput input;
  std::vector<FieldError> problems;
  auto fail = [&](std::string field, std::string code, std::string message_id) {
    problems.push_back(FieldError{std::move(field), std::move(code), std::move(message_id), {}});
  };
  const json::object* object = body.if_object();
  if (object == nullptr) return field_error("", "not_object", "http.body_not_json_object");
  auto text = [&](const json::object& from, std::string_view key, const std::string& path, bool required) {
    const json::value* value = from.if_contains(key);
    if (value == nullptr || value->is_null() || (value->is_string() && value->as_string().empty())) {
      if (required) fail(path, "required", "field.required");
      return std::string();
    }
    if (!value->is_string() || value->as_string().size() > 400) {
      fail(path, "not_text", "field.not_text");
      return std::string();
    }
    return std::string(value->as_string());
  };
  auto id = [&](const json::object& from, std::string_view key, const std::string& path) -> std::optional<std::int64_t> {
    const json::value* value = from.if_contains(key);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (value->is_int64() && value->as_int64() > 0) return value->as_int64();
    fail(path, "not_an_id", "finance.not_an_id");
    return std::nullopt;
  };
  for (const auto& member : *object) {
    static constexpr std::string_view kKnown[] = {"kind", "partner_id", "number", "date", "due_date", "lines"};
    if (std::find(std::begin(kKnown), std::end(kKnown), member.key()) == std::end(kKnown)) {
      fail(std::string(member.key()), "unknown", "finance.field_unknown");
    }
  }
  input.kind = text(*object, "kind", "kind", true);
  if (!input.kind.empty() && input.kind != "receivable" && input.kind != "payable") {
    fail("kind", "invalid", "finance.invoice_kind");
  }
  input.partner_id = id(*object, "partner_id", "partner_id").value_or(0);
  if (input.partner_id == 0 && object->if_contains("partner_id") == nullptr) fail("partner_id", "required", "field.required");
  input.number = text(*object, "number", "number", true);
  for (const auto& [key, target] : {std::pair{"date", &input.date}}) {
    const std::string value = text(*object, key, key, true);
    if (!value.empty()) {
      if (auto parsed = Date::parse(value); parsed) *target = *parsed;
      else fail(key, "invalid", "finance.date_invalid");
    }
  }
  if (const std::string due = text(*object, "due_date", "due_date", false); !due.empty()) {
    if (auto parsed = Date::parse(due); parsed) input.due_date = *parsed;
    else fail("due_date", "invalid", "finance.date_invalid");
  }
  const json::value* lines = object->if_contains("lines");
  if (lines == nullptr || !lines->is_array() || lines->as_array().empty()) {
    fail("lines", "required", "finance.lines_required");
  } else {
    for (std::size_t i = 0; i < lines->as_array().size() && i < 200; ++i) {
      const std::string at = "lines[" + std::to_string(i) + "]";
      const json::object* line = lines->as_array()[i].if_object();
      if (line == nullptr) {
        fail(at, "not_object", "http.body_not_json_object");
        continue;
      }
      InvoiceLineInput parsed{.description = text(*line, "description", at + ".description", true)};
      parsed.account_code = text(*line, "account", at + ".account", false);
      const std::string amount = text(*line, "amount", at + ".amount", true);
      if (!amount.empty()) {
        if (auto cents = parse_amount(amount); cents && *cents != 0) parsed.amount = *cents;
        else fail(at + ".amount", "invalid", cents ? "finance.voucher_zero" : cents.error().message_id);
      }
      const std::string rate = text(*line, "tax_rate", at + ".tax_rate", true);
      if (!rate.empty()) {
        auto parsed_rate = Decimal::parse(rate);
        if (!parsed_rate || parsed_rate->is_negative() || *parsed_rate > Decimal::from_units(17, 2) ||
            parsed_rate->scale() > 4) {
          fail(at + ".tax_rate", "invalid", "finance.tax_rate_invalid");
        } else {
          parsed.tax_rate = *parsed_rate;
        }
      }
      parsed.item_id = id(*line, "item_id", at + ".item_id");
      parsed.department_id = id(*line, "department_id", at + ".department_id");
      parsed.project_id = id(*line, "project_id", at + ".project_id");
      input.lines.push_back(std::move(parsed));
    }
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  return input;
}

Result<std::int64_t> create_invoice(Connection& c, const Actor& actor, const InvoiceInput& input) {
  const std::int64_t company = actor.principal.company_id;
  const bool receivable = input.kind == "receivable";
  std::vector<FieldError> problems;
  auto partner = c.query_row(std::string("SELECT 1 FROM ") + (receivable ? "customers" : "suppliers") +
                                 " WHERE id = $1 AND company_id = $2",
                             {input.partner_id, company});
  if (!partner) return partner.error();
  if (!*partner) problems.push_back({"partner_id", "unknown", "finance.dimension_unknown", {}});
  std::vector<std::pair<std::int64_t, Cents>> resolved;  // account, tax per line
  Cents amount = 0, tax = 0;
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    const InvoiceLineInput& line = input.lines[i];
    const std::string code = !line.account_code.empty() ? line.account_code : receivable ? "6001" : "1402";
    auto account = line.account_id != 0
                       ? c.query_row("SELECT id FROM accounts WHERE id = $1 AND company_id = $2", {line.account_id, company})
                       : c.query_row("SELECT id FROM accounts WHERE code = $1 AND company_id = $2", {code, company});
    if (!account) return account.error();
    if (!*account) {
      problems.push_back({"lines[" + std::to_string(i) + "].account", "unknown", "finance.account_unknown",
                          {{"account", code}}});
      continue;
    }
    auto line_tax = tax_of(line.amount, line.tax_rate);
    if (!line_tax) return line_tax.error();
    resolved.emplace_back((*account)->int64(0).value_or(0), *line_tax);
    amount += line.amount;
    tax += *line_tax;
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  auto id = c.query_row(
      "INSERT INTO finance_invoices (company_id, kind, partner_id, number, invoice_date, due_date, amount, tax, total, "
      "state, created_by, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11, 1) "
      "RETURNING id",
      {company, input.kind, input.partner_id, input.number, input.date, Value(input.due_date), amount, tax, amount + tax,
       actor.principal.user_id, Timestamp::from_system(actor.clock.now())});
  if (!id) return id.error();
  const std::int64_t invoice = (*id)->int64(0).value_or(0);
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    const InvoiceLineInput& line = input.lines[i];
    auto written = c.execute(
        "INSERT INTO finance_invoice_lines (invoice_id, seq, description, account_id, amount, tax_rate, tax, item_id, "
        "department_id, project_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {invoice, static_cast<std::int64_t>(i + 1), line.description, resolved[i].first, line.amount, line.tax_rate,
         resolved[i].second, Value(line.item_id), Value(line.department_id), Value(line.project_id)});
    if (!written) return written.error();
  }
  if (Status audited = audit_ledger(c, actor, "invoice.create", "finance_invoice", invoice,
                                    {{"kind", input.kind}, {"number", input.number}, {"amount", format_amount(amount)},
                                     {"tax", format_amount(tax)}});
      !audited) {
    return audited.error();
  }
  return invoice;
}

Result<VoucherRef> post_invoice(Connection& c, const Actor& actor, std::int64_t id) {
  const std::int64_t company = actor.principal.company_id;
  auto header = c.query_row("SELECT kind, partner_id, number, invoice_date, total, tax, state FROM finance_invoices "
                            "WHERE id = $1 AND company_id = $2",
                            {id, company});
  if (!header) return header.error();
  if (!*header) return make_error(ErrorKind::not_found, "error.not_found");
  const Row& h = **header;
  if (h.text(6).value_or("") != "draft") return make_error(ErrorKind::invalid_transition, "finance.invoice_not_draft");
  const bool receivable = h.text(0).value_or("") == "receivable";
  const std::int64_t partner = h.int64(1).value_or(0);
  const std::string summary = std::string(receivable ? "销售发票 " : "采购发票 ") + h.text(2).value_or("");
  auto lines = c.query("SELECT description, account_id, amount, item_id, department_id, project_id FROM "
                       "finance_invoice_lines WHERE invoice_id = $1 ORDER BY seq",
                       {id});
  if (!lines) return lines.error();
  VoucherInput voucher{.date = h.date(3).value_or(Date{}), .source_type = receivable ? "ar_invoice" : "ap_invoice",
                       .source_id = id};
  const Cents total = h.int64(4).value_or(0);
  const Cents tax = h.int64(5).value_or(0);
  LineInput partner_line{.summary = summary, .account_code = receivable ? "1122" : "2202"};
  (receivable ? partner_line.debit : partner_line.credit) = total;
  (receivable ? partner_line.customer_id : partner_line.supplier_id) = partner;
  if (receivable) voucher.lines.push_back(partner_line);
  for (const Row& row : *lines) {
    LineInput line{.summary = summary + " " + row.text(0).value_or(""), .account_id = row.int64(1).value_or(0),
                   .department_id = optional_id(row, 4), .project_id = optional_id(row, 5), .item_id = optional_id(row, 3)};
    (receivable ? line.credit : line.debit) = row.int64(2).value_or(0);
    // Income accounts kept per customer, cost accounts per supplier, get the invoice's partner.
    (receivable ? line.customer_id : line.supplier_id) = partner;
    voucher.lines.push_back(std::move(line));
  }
  if (tax != 0) {
    LineInput vat{.summary = summary, .account_code = receivable ? "22210102" : "22210101"};
    (receivable ? vat.credit : vat.debit) = tax;
    voucher.lines.push_back(std::move(vat));
  }
  if (!receivable) voucher.lines.push_back(partner_line);
  auto settings = settings_of(c, company);
  if (!settings) return settings.error();
  if (settings->voucher_words == "split") voucher.word = "transfer";
  auto made = create_voucher(c, actor, voucher);
  if (!made) return made.error();
  auto moved = c.execute("UPDATE finance_invoices SET state = 'posted', voucher_id = $1, version = version + 1 "
                         "WHERE id = $2 AND state = 'draft'",
                         {made->id, id});
  if (!moved) return moved.error();
  if (*moved == 0) return make_error(ErrorKind::invalid_transition, "finance.invoice_not_draft");
  if (Status audited = audit_ledger(c, actor, "invoice.post", "finance_invoice", id, {{"voucher_id", made->id}}); !audited) {
    return audited.error();
  }
  return made;
}

Status cancel_invoice(Connection& c, const Actor& actor, std::int64_t id) {
  auto moved = c.execute("UPDATE finance_invoices SET state = 'cancelled', version = version + 1 "
                         "WHERE id = $1 AND company_id = $2 AND state = 'draft'",
                         {id, actor.principal.company_id});
  if (!moved) return moved.error();
  if (*moved == 0) {
    auto exists = c.query_row("SELECT 1 FROM finance_invoices WHERE id = $1 AND company_id = $2",
                              {id, actor.principal.company_id});
    if (!exists) return exists.error();
    return make_error(*exists ? ErrorKind::invalid_transition : ErrorKind::not_found,
                      *exists ? "finance.invoice_not_draft" : "error.not_found");
  }
  return audit_ledger(c, actor, "invoice.cancel", "finance_invoice", id, {});
}

namespace {

constexpr const char* kInvoiceColumns =
    "i.id, i.kind, i.partner_id, CASE i.kind WHEN 'receivable' THEN (SELECT name FROM customers WHERE id = i.partner_id) "
    "ELSE (SELECT name FROM suppliers WHERE id = i.partner_id) END, i.number, i.invoice_date, i.due_date, i.amount, "
    "i.tax, i.total, i.state, i.voucher_id, i.version";

json::object invoice_header(const Row& row) {
  return json::object{{"id", row.int64(0).value_or(0)},
                      {"kind", row.text(1).value_or("")},
                      {"partner_id", row.int64(2).value_or(0)},
                      {"partner_name", row.text(3).value_or("")},
                      {"number", row.text(4).value_or("")},
                      {"date", row.date(5) ? row.date(5)->to_string() : std::string()},
                      {"due_date", row.is_null(6) ? json::value(nullptr) : json::value(json::string(row.date(6)->to_string()))},
                      {"amount", format_amount(row.int64(7).value_or(0))},
                      {"tax", format_amount(row.int64(8).value_or(0))},
                      {"total", format_amount(row.int64(9).value_or(0))},
                      {"state", row.text(10).value_or("")},
                      {"voucher_id", row.is_null(11) ? json::value(nullptr) : json::value(row.int64(11).value_or(0))},
                      {"version", row.int64(12).value_or(0)}};
}

}  // namespace

Result<std::optional<json::object>> invoice_json(Connection& c, std::int64_t company, std::int64_t id) {
  auto row = c.query_row(std::string("SELECT ") + kInvoiceColumns + " FROM finance_invoices i WHERE i.id = $1 AND i.company_id = $2",
                         {id, company});
  if (!row) return row.error();
  if (!*row) return std::optional<json::object>();
  json::object invoice = invoice_header(**row);
  auto lines = c.query("SELECT l.seq, l.description, a.code, a.name, l.amount, l.tax_rate, l.tax FROM finance_invoice_lines l "
                       "JOIN accounts a ON a.id = l.account_id WHERE l.invoice_id = $1 ORDER BY l.seq",
                       {id});
  if (!lines) return lines.error();
  json::array items;
  for (const Row& line : *lines) {
    items.push_back(json::object{{"seq", line.int64(0).value_or(0)},
                                 {"description", line.text(1).value_or("")},
                                 {"account", line.text(2).value_or("")},
                                 {"account_name", line.text(3).value_or("")},
                                 {"amount", format_amount(line.int64(4).value_or(0))},
                                 {"tax_rate", line.decimal(5) ? line.decimal(5)->to_string() : std::string()},
                                 {"tax", format_amount(line.int64(6).value_or(0))}});
  }
  invoice["lines"] = std::move(items);
  return std::optional<json::object>(std::move(invoice));
}

Result<json::object> list_invoices(Connection& c, std::int64_t company, std::string_view kind, std::string_view state) {
  std::string sql = std::string("SELECT ") + kInvoiceColumns + " FROM finance_invoices i WHERE i.company_id = $1";
  std::vector<Value> params{company};
  if (!kind.empty()) {
    params.push_back(std::string(kind));
    sql += " AND i.kind = $" + std::to_string(params.size());
  }
  if (!state.empty()) {
    params.push_back(std::string(state));
    sql += " AND i.state = $" + std::to_string(params.size());
  }
  auto rows = c.query(sql + " ORDER BY i.id DESC LIMIT 500", params);
  if (!rows) return rows.error();
  json::array items;
  for (const Row& row : *rows) items.push_back(invoice_header(row));
  return json::object{{"items", std::move(items)}};
}

}  // namespace verp::finance
