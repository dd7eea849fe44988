// The order as people look at it: header, lines with what happened to each, its deliveries and
// invoices, and the timeline of who did what and when. And the company's sales settings.
#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/sales/order_lines.hpp"

namespace verp::sales {

namespace json = boost::json;
using storage::Connection;
using storage::Row;

namespace {

json::value text_or_null(const Row& row, std::size_t i) {
  return row.is_null(i) ? json::value() : json::value(row.text(i).value_or(""));
}
json::value id_or_null(const Row& row, std::size_t i) {
  return row.is_null(i) ? json::value() : json::value(row.int64(i).value_or(0));
}
json::value date_or_null(const Row& row, std::size_t i) {
  return row.is_null(i) ? json::value() : json::value(row.date(i).value_or(storage::Date{}).to_string());
}
std::string money_text(const Row& row, std::size_t i) {
  return row.decimal(i).value_or(Decimal()).rescale(2).value_or(Decimal()).to_string();
}

// The invoices of the order (credit notes too) with what is still open on each.
Result<json::array> invoices_of(Connection& c, std::int64_t order) {
  auto rows = c.query(
      "SELECT f.id, f.number, f.invoice_date, f.due_date, f.total, f.state, f.voucher_id, "
      "COALESCE((SELECT SUM(CASE WHEN o.side = 'debit' THEN o.amount - o.allocated ELSE o.allocated - o.amount END) "
      "FROM open_items o JOIN accounts a ON a.id = o.account_id WHERE o.voucher_id = f.voucher_id AND o.partner_type = 'customer' AND a.code LIKE '1122%'), NULL), "
      "(SELECT v.state FROM vouchers v WHERE v.id = f.voucher_id) FROM finance_invoices f WHERE f.id IN "
      "(SELECT invoice_id FROM sales_invoice_lines WHERE order_id = $1) ORDER BY f.id",
      {order});
  if (!rows) return rows.error();
  json::array items;
  for (const auto& row : *rows) {
    const bool voucher_posted = row.text(8).value_or("") == "posted";
    items.push_back(json::object{
        {"id", row.int64(0).value_or(0)},
        {"number", row.text(1).value_or("")},
        {"date", date_or_null(row, 2)},
        {"due_date", date_or_null(row, 3)},
        {"total", finance::format_amount(row.int64(4).value_or(0))},
        {"state", row.text(5).value_or("")},
        {"voucher_id", id_or_null(row, 6)},
        {"voucher_posted", voucher_posted},
        // Open items exist once the voucher is posted; until then the whole invoice is open.
        {"open", finance::format_amount(voucher_posted ? row.int64(7).value_or(0) : row.int64(4).value_or(0))}});
  }
  return items;
}

}  // namespace

Result<json::object> order_json(Connection& c, std::int64_t company, std::int64_t id) {
  auto row = c.query_row(
      "SELECT o.id, o.code, o.status, o.version, o.amount, o.tax, o.total, o.customer_id, cu.name, o.order_date, "
      "o.delivery_date, o.warehouse_id, w.name, o.revision, o.ship_to, o.salesperson_id, e.name, o.payment_term_id, "
      "o.customer_po, o.notes, o.held_from FROM sales_orders o JOIN customers cu ON cu.id = o.customer_id "
      "JOIN warehouses w ON w.id = o.warehouse_id LEFT JOIN employees e ON e.id = o.salesperson_id "
      "WHERE o.id = $1 AND o.company_id = $2 AND o.archived_at IS NULL",
      {id, company});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const Row& r = **row;
  const std::string status = r.text(2).value_or("");
  json::object order{{"id", r.int64(0).value_or(0)},
                     {"code", r.is_null(1) ? "" : r.text(1).value_or("")},
                     {"status", status},
                     {"version", r.int64(3).value_or(0)},
                     {"amount", money_text(r, 4)},
                     {"tax", money_text(r, 5)},
                     {"total", money_text(r, 6)},
                     {"customer_id", r.int64(7).value_or(0)},
                     {"customer", r.text(8).value_or("")},
                     {"order_date", date_or_null(r, 9)},
                     {"delivery_date", date_or_null(r, 10)},
                     {"warehouse_id", r.int64(11).value_or(0)},
                     {"warehouse", r.text(12).value_or("")},
                     {"revision", r.int64(13).value_or(0)},
                     {"ship_to", text_or_null(r, 14)},
                     {"salesperson_id", id_or_null(r, 15)},
                     {"salesperson", text_or_null(r, 16)},
                     {"payment_term_id", id_or_null(r, 17)},
                     {"customer_po", text_or_null(r, 18)},
                     {"notes", text_or_null(r, 19)},
                     {"held_from", text_or_null(r, 20)}};
  const bool open = status == "ordered" || status == "preparing" || status == "partly_shipped" || status == "on_hold";
  auto lines = c.query(
      "SELECT " + std::string(kPricedLineColumns) + ", l.shipped, l.returned, l.invoiced, l.cancelled, l.invoiced_amount, l.shipped_value, l.returned_value, "
      "COALESCE((SELECT SUM(r.open_quantity) FROM stock_reservations r WHERE r.company_id = $2 AND "
      "r.source_type = 'sales_order' AND r.source_id = l.order_id AND r.source_line = l.line_no AND r.state = 'open'), 0), "
      "COALESCE((SELECT SUM(dl.quantity) FROM sales_delivery_lines dl JOIN sales_deliveries d ON d.id = dl.delivery_id "
      "WHERE d.state = 'picking' AND dl.order_id = l.order_id AND dl.line_no = l.line_no), 0), "
      "COALESCE((SELECT p.on_hand - p.reserved FROM stock_positions p JOIN sales_orders so ON so.id = l.order_id "
      "WHERE p.company_id = $2 AND p.item_id = l.item_id AND p.warehouse_id = so.warehouse_id), 0) "
      "FROM sales_order_lines l JOIN items i ON i.id = l.item_id LEFT JOIN units_of_measure u ON u.id = l.uom_id "
      "WHERE l.order_id = $1 ORDER BY l.line_no",
      {id, company});
  if (!lines) return lines.error();
  json::array items;
  Cents cost = 0;
  for (const auto& line : *lines) {
    const Decimal factor = line.decimal(7).value_or(Decimal::from_int(1));
    auto unit = [&](Qty quantity) { return in_line_unit(quantity, factor); };
    const Qty quantity = line.int64(8).value_or(0), shipped = line.int64(17).value_or(0),
              cancelled = line.int64(20).value_or(0), reserved = line.int64(24).value_or(0);
    const Qty backorder = std::max<Qty>(quantity - cancelled - shipped, 0);
    const Qty shortfall = open ? std::max<Qty>(backorder - reserved, 0) : 0;
    cost += line.int64(22).value_or(0) - line.int64(23).value_or(0);
    json::object item = priced_line_json(line);
    item["shipped"] = unit(shipped);
    item["returned"] = unit(line.int64(18).value_or(0));
    item["invoiced"] = unit(line.int64(19).value_or(0));
    item["cancelled"] = unit(cancelled);
    item["invoiced_amount"] = finance::format_amount(line.int64(21).value_or(0));
    item["backorder"] = unit(backorder);
    item["reserved"] = unit(reserved);
    item["picking"] = unit(line.int64(25).value_or(0));
    item["shortfall"] = unit(shortfall);
    item["available"] = unit(line.int64(26).value_or(0));
    items.push_back(std::move(item));
  }
  order["lines"] = std::move(items);
  order["cost_of_sales"] = finance::format_amount(cost);
  auto deliveries = c.query(
      "SELECT DISTINCT d.id, d.kind, d.number, d.state, d.document_date, d.shipped_on, d.carrier, d.tracking_number, "
      "d.value FROM sales_deliveries d JOIN sales_delivery_lines l ON l.delivery_id = d.id WHERE l.order_id = $1 "
      "ORDER BY d.id",
      {id});
  if (!deliveries) return deliveries.error();
  json::array shipped;
  for (const auto& d : *deliveries) {
    shipped.push_back(json::object{{"id", d.int64(0).value_or(0)},
                                   {"kind", d.text(1).value_or("")},
                                   {"number", d.text(2).value_or("")},
                                   {"state", d.text(3).value_or("")},
                                   {"date", date_or_null(d, 4)},
                                   {"shipped_on", date_or_null(d, 5)},
                                   {"carrier", text_or_null(d, 6)},
                                   {"tracking_number", text_or_null(d, 7)},
                                   {"value", finance::format_amount(d.int64(8).value_or(0))}});
  }
  order["deliveries"] = std::move(shipped);
  auto invoices = invoices_of(c, id);
  if (!invoices) return invoices.error();
  Cents invoiced = 0, open_amount = 0;
  for (const auto& invoice : *invoices) {
    const auto& object = invoice.as_object();
    if (object.at("state").as_string() == "cancelled") continue;
    invoiced += finance::parse_amount(object.at("total").as_string()).value_or(0);
    open_amount += finance::parse_amount(object.at("open").as_string()).value_or(0);
  }
  order["invoices"] = std::move(*invoices);
  order["invoiced_total"] = finance::format_amount(invoiced);
  order["open_amount"] = finance::format_amount(open_amount);
  order["collected"] = finance::format_amount(invoiced - open_amount);
  return order;
}

Result<json::array> order_timeline(Connection& c, std::int64_t company, std::int64_t order) {
  auto exists = c.query_row("SELECT 1 FROM sales_orders WHERE id = $1 AND company_id = $2", {order, company});
  if (!exists) return exists.error();
  if (!*exists) return make_error(ErrorKind::not_found, "error.not_found");
  // The audit log is the order of events: the order's own entries (created, submitted, approved,
  // status changes, held, cancelled, returned), its delivery notes' and its invoices'.
  const std::string id = std::to_string(order);
  auto audited = c.query(
      "SELECT a.at, COALESCE(u.display_name, a.user_name), a.action, a.change FROM audit_log a "
      "LEFT JOIN users u ON u.id = a.user_id WHERE a.company_id = $2 AND ("
      "(a.target_type = 'sales_order' AND a.target_id = $1) OR (a.target_type = 'delivery' AND a.target_id IN "
      "(SELECT CAST(delivery_id AS TEXT) FROM sales_delivery_lines WHERE order_id = $3)) OR "
      "(a.target_type = 'customer_invoice' AND a.target_id IN (SELECT CAST(invoice_id AS TEXT) FROM sales_invoice_lines "
      "WHERE order_id = $3))) ORDER BY a.seq",
      {id, company, order});
  if (!audited) return audited.error();
  struct Entry {
    storage::Timestamp at;
    json::object event;
  };
  std::vector<Entry> entries;
  for (const auto& row : *audited) {
    std::string action = row.text(2).value_or("");
    // Pricing the lines is part of creating; hold, cancel… are told by the entry with the reason.
    if (action == "price_lines" || action == "hold" || action == "release" || action == "cancel" || action == "amend" ||
        action == "update") {
      continue;
    }
    static const std::map<std::string, std::string, std::less<>> kNamed = {
        {"delivery.create", "picking"}, {"delivery.ship", "shipped"}, {"delivery.cancel", "delivery_cancelled"},
        {"sales_invoice.create", "invoiced"}, {"sales_return.post", "returned"}};
    if (auto named = kNamed.find(action); named != kNamed.end()) action = named->second;
    else if (action.starts_with("sales_order.")) action = action.substr(12);
    json::object event{{"event", action}, {"user", row.text(1).value_or("")}};
    std::error_code ignored;
    auto change = json::parse(row.text(3).value_or("{}"), ignored);
    if (const json::object* object = change.if_object()) {
      for (const char* key : {"reason", "number", "status", "carrier", "tracking_number", "amount", "value"}) {
        if (const json::value* value = object->if_contains(key); value != nullptr && value->is_string() &&
                                                                 !value->as_string().empty()) {
          event[key] = *value;
        }
      }
    }
    entries.push_back({row.timestamp(0).value_or(storage::Timestamp{}), std::move(event)});
  }
  // Money received against the order's invoices, placed after what happened before it.
  auto paid = c.query(
      "SELECT a.allocated_at, u.display_name, a.amount, f.number FROM open_item_allocations a "
      "JOIN open_items o ON o.line_id = a.debit_line_id JOIN finance_invoices f ON f.voucher_id = o.voucher_id "
      "JOIN users u ON u.id = a.allocated_by WHERE a.cancelled_at IS NULL AND f.id IN "
      "(SELECT invoice_id FROM sales_invoice_lines WHERE order_id = $1) ORDER BY a.allocated_at, a.id",
      {order});
  if (!paid) return paid.error();
  for (const auto& row : *paid) {
    Entry entry{row.timestamp(0).value_or(storage::Timestamp{}),
                json::object{{"event", "paid"}, {"user", row.text(1).value_or("")},
                             {"amount", finance::format_amount(row.int64(2).value_or(0))},
                             {"number", row.text(3).value_or("")}}};
    auto after = std::find_if(entries.begin(), entries.end(),
                              [&](const Entry& other) { return other.at.micros > entry.at.micros; });
    entries.insert(after, std::move(entry));
  }
  json::array timeline;
  for (auto& entry : entries) {
    entry.event["at"] = entry.at.to_string();
    timeline.push_back(std::move(entry.event));
  }
  return timeline;
}

Result<Settings> settings_of(Connection& c, std::int64_t company) {
  auto row = c.query_row("SELECT invoice_basis FROM sales_settings WHERE company_id = $1", {company});
  if (!row) return row.error();
  if (!*row) return Settings{};
  return Settings{(*row)->text(0).value_or("shipment")};
}

Status save_settings(Connection& c, const Actor& actor, const Settings& settings) {
  if (settings.invoice_basis != "shipment" && settings.invoice_basis != "order") {
    return finance::field_error("invoice_basis", "invalid", "sales.invoice_basis_invalid");
  }
  auto saved = c.execute(
      "INSERT INTO sales_settings (company_id, invoice_basis) VALUES ($1, $2) ON CONFLICT (company_id) DO UPDATE SET "
      "invoice_basis = excluded.invoice_basis",
      {actor.principal.company_id, settings.invoice_basis});
  if (!saved) return saved.error();
  return finance::audit_ledger(c, actor, "sales_settings.update", "sales_settings", actor.principal.company_id,
                               {{"invoice_basis", settings.invoice_basis}});
}

}  // namespace verp::sales
