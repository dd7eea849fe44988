#include "modules/crm/customers/customer_360.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "modules/crm/customers/customer_lists.hpp"
#include "modules/crm/customers/data_scope.hpp"
#include "modules/finance/amount.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/open_items.hpp"
#include "modules/sales/sales.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::Cents;
using finance::format_amount;
using storage::Connection;
using storage::Row;
using storage::Timestamp;
using storage::Value;

namespace {

// What every section's query knows: whose documents, for whom, how many.
struct Reading {
  std::int64_t company = 0;
  std::int64_t customer = 0;
  const security::Principal& principal;
  bool zh = true;
};

// " AND <column> < $n" for a page after `before`.
std::string before_sql(const std::optional<std::int64_t>& before, std::string_view column, std::vector<Value>& params) {
  if (!before) return {};
  params.emplace_back(*before);
  return " AND " + std::string(column) + " < $" + std::to_string(params.size());
}

std::string limit_sql(std::size_t limit) { return " LIMIT " + std::to_string(limit + 1); }

std::string text_of(const Row& row, std::size_t i) { return row.text(i).value_or(""); }
json::value date_of(const Row& row, std::size_t i) {
  auto day = row.date(i);
  return day ? json::value(day->to_string()) : json::value();
}
json::value moment_of(const Row& row, std::size_t i) {
  auto at = row.timestamp(i);
  return at ? json::value(at->to_string()) : json::value();
}
// A money field of an entity (a decimal) as two-place text.
std::string money_of(const Row& row, std::size_t i) {
  return row.decimal(i).value_or(Decimal()).rescale(2).value_or(Decimal()).to_string();
}
std::string cents_of(const Row& row, std::size_t i) { return format_amount(row.int64(i).value_or(0)); }
// A money field of an entity (a decimal, two places) in cents, 0 when empty. Documents' totals are
// summed here rather than in SQL: SQLite keeps decimals as text, which its SUM would turn into
// floating point.
Cents cents_in(const Row& row, std::size_t i) {
  if (row.is_null(i)) return 0;
  auto two_places = row.decimal(i).value_or(Decimal()).rescale(2);
  return two_places ? static_cast<Cents>(two_places->units()) : 0;
}

// A section's rows and totals; the rows query answers at most limit + 1 rows, newest first.
struct Section {
  const char* name;
  const char* resource;  // the grant it needs: <resource>:read
  std::function<Result<json::array>(Connection&, const Reading&, const Page360&)> rows;
  std::function<Result<json::object>(Connection&, const Reading&)> totals;
};

Result<json::array> quotation_rows(Connection& c, const Reading& r, const Page360& page) {
  std::vector<Value> params{r.customer, r.company};
  // Two statements: each appends its parameters, and their numbers follow the order they run in.
  std::string where = scope_sql(r.principal, "quotation", "q", params);
  where += before_sql(page.before, "q.id", params);
  auto rows = c.query("SELECT q.id, q.code, q.quote_date, q.valid_until, q.status, q.total, q.revision, q.created_at "
                      "FROM quotations q WHERE q.customer_id = $1 AND q.company_id = $2 AND q.archived_at IS NULL" +
                          where + " ORDER BY q.id DESC" + limit_sql(page.limit),
                      params);
  if (!rows) return rows.error();
  json::array out;
  for (const Row& row : *rows) {
    out.push_back(json::object{{"id", row.int64(0).value_or(0)}, {"number", text_of(row, 1)},
                               {"date", date_of(row, 2)},       {"valid_until", date_of(row, 3)},
                               {"status", text_of(row, 4)},     {"total", money_of(row, 5)},
                               {"revision", row.int64(6).value_or(0)}, {"at", moment_of(row, 7)}});
  }
  return out;
}

Result<json::object> quotation_totals(Connection& c, const Reading& r) {
  std::vector<Value> params{r.customer, r.company};
  const std::string scope = scope_sql(r.principal, "quotation", "q", params);
  // One pass over the customer's quotations (their index), no lines: the header keeps the total.
  auto rows = c.query("SELECT q.status, q.total FROM quotations q WHERE q.customer_id = $1 AND q.company_id = $2 AND "
                      "q.archived_at IS NULL" + scope,
                      params);
  if (!rows) return rows.error();
  std::int64_t open = 0, ordered = 0;
  Cents total = 0;
  for (const Row& row : *rows) {
    const std::string status = text_of(row, 0);
    if (status == "draft" || status == "sent" || status == "accepted") ++open;
    if (status == "ordered") ++ordered;
    if (status != "rejected" && status != "expired") total += cents_in(row, 1);
  }
  return json::object{{"count", rows->size()}, {"open", open}, {"ordered", ordered}, {"total", format_amount(total)}};
}

Result<json::array> order_rows(Connection& c, const Reading& r, const Page360& page) {
  std::vector<Value> params{r.customer, r.company};
  // Two statements: each appends its parameters, and their numbers follow the order they run in.
  std::string where = scope_sql(r.principal, "sales_order", "o", params);
  where += before_sql(page.before, "o.id", params);
  auto rows = c.query("SELECT o.id, o.code, o.order_date, o.delivery_date, o.status, o.total, o.created_at "
                      "FROM sales_orders o WHERE o.customer_id = $1 AND o.company_id = $2 AND o.archived_at IS NULL" +
                          where + " ORDER BY o.id DESC" + limit_sql(page.limit),
                      params);
  if (!rows) return rows.error();
  json::array out;
  for (const Row& row : *rows) {
    out.push_back(json::object{{"id", row.int64(0).value_or(0)}, {"number", text_of(row, 1)},
                               {"date", date_of(row, 2)},       {"delivery_date", date_of(row, 3)},
                               {"status", text_of(row, 4)},     {"total", money_of(row, 5)},
                               {"at", moment_of(row, 6)}});
  }
  return out;
}

// Orders past confirmation: what the customer has agreed to buy (as sales' reports count them).
bool confirmed(std::string_view status) {
  return status != "draft" && status != "pending" && status != "rejected" && status != "cancelled";
}

Result<json::object> order_totals(Connection& c, const Reading& r) {
  std::vector<Value> params{r.customer, r.company};
  const std::string scope = scope_sql(r.principal, "sales_order", "o", params);
  // One pass over the customer's orders (their index), no lines: the header keeps amount and tax.
  auto rows = c.query("SELECT o.status, o.amount, o.tax FROM sales_orders o WHERE o.customer_id = $1 AND "
                      "o.company_id = $2 AND o.archived_at IS NULL" + scope,
                      params);
  if (!rows) return rows.error();
  std::int64_t open = 0;
  Cents amount = 0, tax = 0;
  for (const Row& row : *rows) {
    const std::string status = text_of(row, 0);
    if (status == "ordered" || status == "preparing" || status == "partly_shipped" || status == "on_hold") ++open;
    if (!confirmed(status)) continue;
    amount += cents_in(row, 1);
    tax += cents_in(row, 2);
  }
  return json::object{{"count", rows->size()}, {"open", open}, {"amount", format_amount(amount)},
                      {"total", format_amount(amount + tax)}};
}

Result<json::array> delivery_rows(Connection& c, const Reading& r, const Page360& page) {
  std::vector<Value> params{r.company, r.customer};
  const std::string where = before_sql(page.before, "d.id", params);
  auto rows = c.query("SELECT d.id, d.number, d.kind, d.document_date, d.shipped_on, d.state, d.carrier, "
                      "d.tracking_number, d.created_at FROM sales_deliveries d WHERE d.company_id = $1 AND "
                      "d.customer_id = $2" + where + " ORDER BY d.id DESC" + limit_sql(page.limit),
                      params);
  if (!rows) return rows.error();
  json::array out;
  for (const Row& row : *rows) {
    out.push_back(json::object{{"id", row.int64(0).value_or(0)}, {"number", text_of(row, 1)},
                               {"kind", text_of(row, 2)},        {"date", date_of(row, 3)},
                               {"shipped_on", date_of(row, 4)},  {"status", text_of(row, 5)},
                               {"carrier", text_of(row, 6)},     {"tracking_number", text_of(row, 7)},
                               {"at", moment_of(row, 8)}});
  }
  return out;
}

Result<json::object> delivery_totals(Connection& c, const Reading& r) {
  auto row = c.query_row(
      "SELECT COALESCE(SUM(CASE WHEN kind = 'delivery' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN kind = 'delivery' AND state = 'shipped' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN kind = 'return' THEN 1 ELSE 0 END), 0) FROM sales_deliveries WHERE company_id = $1 "
      "AND customer_id = $2",
      {r.company, r.customer});
  if (!row) return row.error();
  return json::object{{"count", (*row)->int64(0).value_or(0)},
                      {"shipped", (*row)->int64(1).value_or(0)},
                      {"returns", (*row)->int64(2).value_or(0)}};
}

Result<json::array> invoice_rows(Connection& c, const Reading& r, const Page360& page) {
  std::vector<Value> params{r.customer, r.company};
  const std::string where = before_sql(page.before, "i.id", params);
  auto rows = c.query("SELECT i.id, i.number, i.invoice_date, i.due_date, i.state, i.total, i.created_at "
                      "FROM finance_invoices i WHERE i.partner_id = $1 AND i.kind = 'receivable' AND i.company_id = $2" +
                          where + " ORDER BY i.id DESC" + limit_sql(page.limit),
                      params);
  if (!rows) return rows.error();
  json::array out;
  for (const Row& row : *rows) {
    out.push_back(json::object{{"id", row.int64(0).value_or(0)}, {"number", text_of(row, 1)},
                               {"date", date_of(row, 2)},       {"due_date", date_of(row, 3)},
                               {"status", text_of(row, 4)},     {"total", cents_of(row, 5)},
                               {"at", moment_of(row, 6)}});
  }
  return out;
}

Result<json::object> invoice_totals(Connection& c, const Reading& r) {
  auto row = c.query_row(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN state <> 'cancelled' THEN total ELSE 0 END), 0) FROM finance_invoices "
      "WHERE partner_id = $1 AND kind = 'receivable' AND company_id = $2",
      {r.customer, r.company});
  if (!row) return row.error();
  return json::object{{"count", (*row)->int64(0).value_or(0)}, {"total", cents_of(**row, 1)}};
}

// Receipts are the vouchers sales posts for money received from the customer (event
// customer_receipt, source the customer), refunds of returns among them.
Result<json::array> receipt_rows(Connection& c, const Reading& r, const Page360& page) {
  std::vector<Value> params{r.customer, r.company};
  const std::string where = before_sql(page.before, "v.id", params);
  auto rows = c.query("SELECT v.id, v.word, v.number, v.voucher_date, v.state, v.debit_total, v.summary, v.prepared_at "
                      "FROM vouchers v WHERE v.source_type = 'customer_receipt' AND v.source_id = $1 AND "
                      "v.company_id = $2" + where + " ORDER BY v.id DESC" + limit_sql(page.limit),
                      params);
  if (!rows) return rows.error();
  json::array out;
  for (const Row& row : *rows) {
    out.push_back(json::object{{"id", row.int64(0).value_or(0)},
                               {"number", text_of(row, 1) + "-" + std::to_string(row.int64(2).value_or(0))},
                               {"date", date_of(row, 3)},
                               {"status", text_of(row, 4)},
                               {"amount", cents_of(row, 5)},
                               {"summary", text_of(row, 6)},
                               {"at", moment_of(row, 7)}});
  }
  return out;
}

Result<json::object> receipt_totals(Connection& c, const Reading& r) {
  auto row = c.query_row(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN state = 'posted' THEN debit_total ELSE 0 END), 0) FROM vouchers "
      "WHERE source_type = 'customer_receipt' AND source_id = $1 AND company_id = $2 AND reverses_id IS NULL AND "
      "reversed_by_id IS NULL",
      {r.customer, r.company});
  if (!row) return row.error();
  return json::object{{"count", (*row)->int64(0).value_or(0)}, {"posted", cents_of(**row, 1)}};
}

const std::vector<Section>& sections() {
  static const std::vector<Section> all{
      {"quotations", "quotation", quotation_rows, quotation_totals},
      {"orders", "sales_order", order_rows, order_totals},
      {"deliveries", "delivery", delivery_rows, delivery_totals},
      {"invoices", "customer_invoice", invoice_rows, invoice_totals},
      {"receipts", "receipt", receipt_rows, receipt_totals},
  };
  return all;
}

// {"rows", "next_before"}: the page, and the id to ask the next page before (null: no more).
json::object paged(json::array rows, std::size_t limit) {
  json::value next;
  if (rows.size() > limit) {
    rows.resize(limit);
    next = rows.back().as_object().at("id");
  }
  return json::object{{"rows", std::move(rows)}, {"next_before", std::move(next)}};
}

Result<json::object> section_page(Connection& c, const Reading& r, const Section& section, const Page360& page) {
  auto rows = section.rows(c, r, page);
  if (!rows) return rows.error();
  return paged(std::move(*rows), page.limit);
}

// ---- receivables, revenue ----------------------------------------------------------------------

Result<json::object> receivables(Connection& c, const Reading& r, std::size_t limit) {
  auto account = c.query_row("SELECT id FROM accounts WHERE company_id = $1 AND code = '1122'", {r.company});
  if (!account) return account.error();
  if (!*account) return json::object{{"items", json::array()}, {"debit_open", "0.00"}, {"credit_open", "0.00"}, {"net", "0.00"}};
  auto items = finance::open_items(c, r.company, {.account_id = (*account)->int64(0).value_or(0),
                                                  .partner_id = r.customer, .open_only = true});
  if (!items) return items.error();
  auto debit = finance::parse_amount(items->at("debit_open").as_string());
  auto credit = finance::parse_amount(items->at("credit_open").as_string());
  (*items)["net"] = format_amount((debit ? *debit : 0) - (credit ? *credit : 0));
  // Oldest first from finance; the newest `limit` are what a person looks at.
  json::array& all = (*items)["items"].as_array();
  (*items)["count"] = all.size();
  if (all.size() > limit) all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(limit));
  std::reverse(all.begin(), all.end());
  return *items;
}

// Confirmed orders' amount (excluding tax) by month of the order date in `year`.
Result<json::object> revenue_by_month(Connection& c, const Reading& r, int year) {
  std::vector<Value> params{r.customer, r.company, storage::Date{year, 1, 1}, storage::Date{year, 12, 31}};
  const std::string scope = scope_sql(r.principal, "sales_order", "o", params);
  auto rows = c.query("SELECT o.order_date, o.status, o.amount FROM sales_orders o WHERE o.customer_id = $1 AND "
                      "o.company_id = $2 AND o.archived_at IS NULL AND o.order_date >= $3 AND o.order_date <= $4" +
                          scope,
                      params);
  if (!rows) return rows.error();
  std::array<Cents, 12> months{};
  for (const Row& row : *rows) {
    auto day = row.date(0);
    if (!day || !confirmed(text_of(row, 1))) continue;
    months[static_cast<std::size_t>(day->month - 1)] += cents_in(row, 2);
  }
  json::array listed;
  Cents total = 0;
  for (std::size_t m = 0; m < 12; ++m) {
    total += months[m];
    char label[8];
    std::snprintf(label, sizeof label, "%04d-%02zu", year, m + 1);
    listed.push_back(json::object{{"month", label}, {"amount", format_amount(months[m])}});
  }
  return json::object{{"year", year}, {"months", std::move(listed)}, {"total", format_amount(total)}};
}

// ---- timeline ----------------------------------------------------------------------------------

json::object entry_json(const TimelineEntry& entry) {
  return json::object{{"at", entry.at.to_string()},
                      {"kind", entry.kind},
                      {"title", entry.title},
                      {"entity", entry.entity.empty() ? json::value() : json::value(entry.entity)},
                      {"record_id", entry.record_id}};
}

// The sales documents of the readable sections as timeline entries, newest `limit` before `before_at`.
Result<std::vector<TimelineEntry>> document_entries(Connection& c, const Reading& r, const Page360& page) {
  std::vector<TimelineEntry> entries;
  // Ids grow with time, so each section's newest rows come through its index; the timestamp
  // narrows them to the page.
  struct Kind {
    const char* section;
    const char* kind;
    const char* entity;
    const char* zh;
    const char* en;
  };
  static const Kind kinds[] = {{"quotations", "quotation", "quotation", "报价单", "Quotation"},
                               {"orders", "sales_order", "sales_order", "销售订单", "Sales order"},
                               {"deliveries", "delivery", "delivery", "发货单", "Delivery"},
                               {"invoices", "invoice", "customer_invoice", "销售发票", "Invoice"},
                               {"receipts", "receipt", "voucher", "收款", "Receipt"}};
  for (const Kind& kind : kinds) {
    const auto found = std::find_if(sections().begin(), sections().end(),
                                    [&](const Section& s) { return std::string_view(s.name) == kind.section; });
    if (!r.principal.may(found->resource, "read")) continue;
    // Enough rows of this kind to fill the page once the older-than filter has been applied.
    Page360 wide{.limit = page.limit * 4 + 20};
    auto rows = found->rows(c, r, wide);
    if (!rows) return rows.error();
    for (const auto& value : *rows) {
      const json::object& row = value.as_object();
      if (!row.at("at").is_string()) continue;
      auto at = Timestamp::parse(row.at("at").as_string());
      if (!at || (page.before_at && !(*at < *page.before_at))) continue;
      std::string title = std::string(r.zh ? kind.zh : kind.en) + " " + std::string(row.at("number").as_string());
      if (const auto* status = row.if_contains("status"); status && status->is_string()) {
        title += " · " + std::string(status->as_string());
      }
      for (const char* money : {"total", "amount"}) {
        if (const auto* figure = row.if_contains(money); figure && figure->is_string()) {
          title += " · " + std::string(figure->as_string());
        }
      }
      entries.push_back({.at = *at, .kind = kind.kind, .title = std::move(title), .entity = kind.entity,
                         .record_id = row.at("id").as_int64()});
    }
  }
  return entries;
}

Result<json::object> timeline(Connection& c, const CrmKit& kit, const Reading& r, const Page360& page,
                              std::string_view locale) {
  auto entries = document_entries(c, r, page);
  if (!entries) return entries.error();
  for (const TimelineSource& source : kit.timelines) {
    auto more = source(c, r.company, r.customer, locale, kTimelineDepth);
    if (!more) return more.error();
    for (TimelineEntry& entry : *more) {
      if (page.before_at && !(entry.at < *page.before_at)) continue;
      // An entry about a record the caller may not read stays out, like the sections.
      if (!entry.entity.empty() && !r.principal.may(entry.entity, "read")) continue;
      entries->push_back(std::move(entry));
    }
  }
  std::stable_sort(entries->begin(), entries->end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) { return b.at < a.at; });
  json::array listed;
  json::value next;
  for (std::size_t i = 0; i < entries->size() && i < page.limit; ++i) listed.push_back(entry_json((*entries)[i]));
  if (entries->size() > page.limit) next = (*entries)[page.limit - 1].at.to_string();
  return json::object{{"entries", std::move(listed)}, {"next_before", std::move(next)}};
}

// ---- profile -----------------------------------------------------------------------------------

Result<json::array> contacts_of(Connection& c, const Reading& r) {
  auto rows = c.query("SELECT id, name, title, phone, email, primary_contact FROM contacts WHERE customer_id = $1 AND "
                      "company_id = $2 AND archived_at IS NULL ORDER BY primary_contact DESC, name LIMIT 100",
                      {r.customer, r.company});
  if (!rows) return rows.error();
  json::array out;
  for (const Row& row : *rows) {
    out.push_back(json::object{{"id", row.int64(0).value_or(0)}, {"name", text_of(row, 1)},
                               {"title", text_of(row, 2)},       {"phone", text_of(row, 3)},
                               {"email", text_of(row, 4)},       {"primary", row.boolean(5).value_or(false)}});
  }
  return out;
}

Result<json::array> addresses_of(Connection& c, const Reading& r) {
  auto rows = c.query("SELECT id, kind, address, region, postcode, recipient, phone, is_default FROM customer_addresses "
                      "WHERE customer_id = $1 AND company_id = $2 AND archived_at IS NULL ORDER BY is_default DESC, id "
                      "LIMIT 100",
                      {r.customer, r.company});
  if (!rows) return rows.error();
  json::array out;
  for (const Row& row : *rows) {
    out.push_back(json::object{{"id", row.int64(0).value_or(0)}, {"kind", text_of(row, 1)},
                               {"address", text_of(row, 2)},     {"region", text_of(row, 3)},
                               {"postcode", text_of(row, 4)},    {"recipient", text_of(row, 5)},
                               {"phone", text_of(row, 6)},       {"default", row.boolean(7).value_or(false)}});
  }
  return out;
}

}  // namespace

const std::vector<std::string>& section_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const Section& section : sections()) all.emplace_back(section.name);
    return all;
  }();
  return names;
}

Result<json::object> customer_360(Connection& c, const CrmKit& kit, const Viewer& viewer, std::int64_t customer,
                                  const Page360& page, int year, storage::Date today) {
  const Reading r{.company = viewer.principal.company_id, .customer = customer, .principal = viewer.principal,
                  .zh = viewer.locale != "en"};
  const entity::EntitySpec& spec = kit.spec("customer");
  auto record = kit.store->get_in(c, spec, viewer.principal, customer, "read");
  if (!record) return record.error();
  auto fields = kit.store->fields_for(spec, viewer.principal.company_id);
  if (!fields) return fields.error();
  json::object profile = kit.store->to_json(spec, *fields, viewer.principal, *record);
  if (viewer.principal.may("contact", "read")) {
    auto contacts = contacts_of(c, r);
    if (!contacts) return contacts.error();
    profile["contacts"] = std::move(*contacts);
  }
  if (viewer.principal.may("customer_address", "read")) {
    auto addresses = addresses_of(c, r);
    if (!addresses) return addresses.error();
    profile["addresses"] = std::move(*addresses);
  }
  auto scores = scores_of(c, customer);
  if (!scores) return scores.error();
  profile["scores"] = std::move(*scores);
  // The credit position, as the order desk sees it, for callers who see the credit limit.
  if (viewer.principal.may("sales_order", "read") && profile.contains("credit_limit")) {
    auto credit = sales::credit_of(c, r.company, customer, std::nullopt, today);
    if (!credit) return credit.error();
    profile["credit"] = sales::credit_json(*credit);
  }
  json::object view{{"profile", std::move(profile)}};
  json::object listed;
  for (const Section& section : sections()) {
    if (!viewer.principal.may(section.resource, "read")) continue;
    auto rows = section_page(c, r, section, page);
    if (!rows) return rows.error();
    auto totals = section.totals(c, r);
    if (!totals) return totals.error();
    (*rows)["totals"] = std::move(*totals);
    listed[section.name] = std::move(*rows);
  }
  view["sections"] = std::move(listed);
  if (viewer.principal.may("customer_invoice", "read")) {
    auto owed = receivables(c, r, page.limit);
    if (!owed) return owed.error();
    view["receivables"] = std::move(*owed);
  }
  if (viewer.principal.may("sales_order", "read")) {
    auto revenue = revenue_by_month(c, r, year);
    if (!revenue) return revenue.error();
    view["revenue"] = std::move(*revenue);
  }
  auto entries = timeline(c, kit, r, page, viewer.locale);
  if (!entries) return entries.error();
  view["timeline"] = std::move(*entries);
  return view;
}

Result<json::object> customer_section(Connection& c, const CrmKit& kit, const Viewer& viewer, std::int64_t customer,
                                      std::string_view section, const Page360& page) {
  const Reading r{.company = viewer.principal.company_id, .customer = customer, .principal = viewer.principal,
                  .zh = viewer.locale != "en"};
  if (section == "timeline") return timeline(c, kit, r, page, viewer.locale);
  for (const Section& each : sections()) {
    if (section != each.name) continue;
    if (!viewer.principal.may(each.resource, "read")) return make_error(ErrorKind::forbidden, "error.forbidden");
    return section_page(c, r, each, page);
  }
  return finance::field_error("section", "invalid", "crm.section_unknown");
}

}  // namespace verp::crm
