#include "modules/inventory/intercompany.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/posting.hpp"
#include "modules/inventory/json_input.hpp"
#include "platform/events/bridge.hpp"

namespace verp::inventory {

namespace json = boost::json;
using storage::Connection;
using storage::Date;
using storage::Timestamp;
using storage::Value;

Result<IntercompanyInput> intercompany_from_json(const json::value& body) {
  const json::object* object = body.if_object();
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  IntercompanyInput input;
  JsonReader read(input.unreadable);
  read.only(*object, {"to_company_id", "from_warehouse_id", "to_warehouse_id", "date", "note", "lines"}, "");
  input.to_company_id = read.id(*object, "to_company_id", "to_company_id", true).value_or(0);
  input.from_warehouse_id = read.id(*object, "from_warehouse_id", "from_warehouse_id", true).value_or(0);
  input.to_warehouse_id = read.id(*object, "to_warehouse_id", "to_warehouse_id", true).value_or(0);
  input.date = read.date(*object, "date", "date", true).value_or(Date{});
  input.note = read.text(*object, "note", "note", false, 500);
  if (const json::array* lines = read.lines(*object, "lines")) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const json::object* line = (*lines)[i].if_object();
      auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
      IntercompanyLineInput parsed;
      if (line == nullptr) {
        read.fail("lines[" + std::to_string(i) + "]", "not_object", "http.body_not_json_object");
        continue;
      }
      read.only(*line, {"item_id", "item", "quantity", "lot_number"}, "lines[" + std::to_string(i) + "].");
      parsed.item_id = read.id(*line, "item_id", at("item_id"));
      parsed.item = read.text(*line, "item", at("item"), !parsed.item_id, 100);
      parsed.quantity = read.text(*line, "quantity", at("quantity"), true, 40);
      parsed.lot_number = read.text(*line, "lot_number", at("lot_number"), false, 64);
      input.lines.push_back(std::move(parsed));
    }
  }
  return input;
}

namespace {

// A line both companies agree on: the sender's item and the receiver's item of the same code.
struct Line {
  std::int64_t item_id = 0;
  std::int64_t their_item_id = 0;
  Qty quantity = 0;
  std::optional<std::int64_t> lot_id;
};

Result<std::optional<std::int64_t>> id_of(Connection& c, const std::string& sql, std::vector<Value> params) {
  auto row = c.query_row(sql, std::move(params));
  if (!row) return row.error();
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>((*row)->int64(0).value_or(0));
}

Result<std::int64_t> insert_document(Connection& c, const Actor& actor, std::string_view kind, const std::string& number,
                                     Date date, std::int64_t warehouse, std::optional<std::int64_t> to_warehouse,
                                     std::optional<std::int64_t> transit, std::string_view state, const std::string& note,
                                     std::optional<std::int64_t> source) {
  auto id = c.query_row(
      "INSERT INTO stock_documents (company_id, kind, number, document_date, warehouse_id, to_warehouse_id, note, "
      "source_type, source_id, value, created_by, created_at, state, transit_warehouse_id) VALUES ($1, $2, $3, $4, $5, "
      "$6, $7, $8, $9, 0, $10, $11, $12, $13) RETURNING id",
      {actor.principal.company_id, std::string(kind), number, date, warehouse, Value(to_warehouse),
       note.empty() ? Value() : Value(note), source ? Value("stock_document") : Value(), Value(source),
       actor.principal.user_id, Timestamp::from_system(actor.clock.now()), std::string(state), Value(transit)});
  if (!id) return id.error();
  return (*id)->int64(0).value_or(0);
}

// The document's voucher when the company books stock perpetually: inventory against the member
// as a partner, per item.
Result<std::optional<std::int64_t>> post_value(Connection& c, const Actor& actor, std::string_view type,
                                               std::int64_t document, const std::string& summary, Date date,
                                               const std::map<std::int64_t, Cents>& per_item,
                                               finance::PostingLine partner) {
  auto mode = valuation_posting_of(c, actor.principal.company_id);
  if (!mode) return mode.error();
  if (*mode != "perpetual") return std::optional<std::int64_t>();
  finance::BusinessEvent event{.type = std::string(type), .source_id = document, .date = date, .summary = summary};
  Cents total = 0;
  for (const auto& [item, value] : per_item) {
    if (value == 0) continue;
    event.lines.push_back({.role = "inventory", .amount = value, .item_id = item});
    total += value;
  }
  if (total == 0) return std::optional<std::int64_t>();
  partner.amount = total;
  event.lines.push_back(partner);
  auto voucher = finance::post_business_event(c, actor, event);
  if (!voucher) return voucher.error();
  return std::optional<std::int64_t>(voucher->id);
}

}  // namespace

Result<IntercompanyTransfer> transfer_to_member(Connection& c, const Actor& actor, const IntercompanyInput& input) {
  const std::int64_t sender = actor.principal.company_id;
  const std::int64_t receiver = input.to_company_id;
  std::vector<FieldError> problems = input.unreadable;
  const auto& member_of = actor.principal.company_ids;
  std::optional<std::int64_t> customer, supplier, transit;
  if (receiver != 0) {
    auto company = c.query_row("SELECT name FROM companies WHERE id = $1", {receiver});
    if (!company) return company.error();
    if (!*company || receiver == sender || std::find(member_of.begin(), member_of.end(), receiver) == member_of.end()) {
      problems.push_back({"to_company_id", "unknown", "inventory.member_company_unknown", {}});
    } else {
      // Each company keeps the other as a partner: that is whom the balances are with.
      auto as_customer = id_of(c, "SELECT id FROM customers WHERE company_id = $1 AND member_company_id = $2 "
                                  "AND archived_at IS NULL ORDER BY id LIMIT 1",
                               {sender, receiver});
      if (!as_customer) return as_customer.error();
      auto as_supplier = id_of(c, "SELECT id FROM suppliers WHERE company_id = $1 AND member_company_id = $2 "
                                  "AND archived_at IS NULL ORDER BY id LIMIT 1",
                               {receiver, sender});
      if (!as_supplier) return as_supplier.error();
      auto in_transit = id_of(c, "SELECT id FROM warehouses WHERE company_id = $1 AND kind = 'transit' AND active "
                                 "AND archived_at IS NULL ORDER BY id LIMIT 1",
                              {receiver});
      if (!in_transit) return in_transit.error();
      customer = *as_customer;
      supplier = *as_supplier;
      transit = *in_transit;
      if (!customer) problems.push_back({"to_company_id", "no_customer", "inventory.member_not_a_customer", {}});
      if (!supplier) problems.push_back({"to_company_id", "no_supplier", "inventory.member_not_a_supplier", {}});
      if (!transit) problems.push_back({"to_company_id", "no_transit_warehouse", "inventory.no_transit_warehouse", {}});
    }
  }
  auto from = id_of(c, "SELECT id FROM warehouses WHERE id = $1 AND company_id = $2 AND kind <> 'transit'",
                    {input.from_warehouse_id, sender});
  if (!from) return from.error();
  if (input.from_warehouse_id != 0 && !*from) {
    problems.push_back({"from_warehouse_id", "unknown", "inventory.warehouse_unknown", {}});
  }
  auto to = id_of(c, "SELECT id FROM warehouses WHERE id = $1 AND company_id = $2 AND kind <> 'transit'",
                  {input.to_warehouse_id, receiver});
  if (!to) return to.error();
  if (input.to_warehouse_id != 0 && !*to) problems.push_back({"to_warehouse_id", "unknown", "inventory.warehouse_unknown", {}});

  std::vector<Line> lines;
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    const IntercompanyLineInput& in = input.lines[i];
    auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
    Line line;
    if (in.item_id) {
      line.item_id = *in.item_id;
    } else if (!in.item.empty()) {
      auto scanned = resolve_scan(c, sender, in.item);
      if (!scanned) return scanned.error();
      if (!*scanned) {
        problems.push_back({at("item"), "unknown", "inventory.code_unknown", {}});
        continue;
      }
      line.item_id = (*scanned)->item_id;
      line.lot_id = (*scanned)->lot_id;
    } else {
      continue;  // named by the reader
    }
    auto item = c.query_row("SELECT code FROM items WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
                            {line.item_id, sender});
    if (!item) return item.error();
    if (!*item) {
      problems.push_back({at(in.item_id ? "item_id" : "item"), "unknown", "inventory.item_unknown", {}});
      continue;
    }
    auto theirs = id_of(c, "SELECT id FROM items WHERE company_id = $1 AND code = $2 AND archived_at IS NULL",
                        {receiver, (*item)->text(0).value_or("")});
    if (!theirs) return theirs.error();
    if (!*theirs) {
      problems.push_back({at(in.item_id ? "item_id" : "item"), "not_at_receiver", "inventory.item_not_at_member", {}});
      continue;
    }
    line.their_item_id = **theirs;
    auto quantity = parse_quantity(in.quantity);
    if (!quantity || *quantity <= 0) {
      problems.push_back({at("quantity"), "invalid", "inventory.quantity_not_positive", {}});
      continue;
    }
    line.quantity = *quantity;
    if (!in.lot_number.empty()) {
      auto lot = id_of(c, "SELECT id FROM lots WHERE company_id = $1 AND item_id = $2 AND lot_number = $3",
                       {sender, line.item_id, in.lot_number});
      if (!lot) return lot.error();
      if (!*lot) {
        problems.push_back({at("lot_number"), "unknown", "inventory.lot_unknown", {}});
        continue;
      }
      line.lot_id = *lot;
    }
    lines.push_back(line);
  }
  if (Status refused = problems_as_error(std::move(problems)); !refused) return refused.error();

  // The sender: out of its warehouse at moving average, a debt of the member company.
  IntercompanyTransfer result;
  auto sent_number = next_document_number(c, sender, "ICT", input.date);
  if (!sent_number) return sent_number.error();
  result.sent_number = *sent_number;
  auto sent = insert_document(c, actor, "intercompany_out", *sent_number, input.date, input.from_warehouse_id,
                              std::nullopt, std::nullopt, "posted", input.note, std::nullopt);
  if (!sent) return sent.error();
  result.sent_id = *sent;
  StockPosting out{.document_type = "stock_document", .document_id = *sent, .document_number = *sent_number,
                   .date = input.date, .move_type = "intercompany_out"};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out.moves.push_back({.item_id = lines[i].item_id, .warehouse_id = input.from_warehouse_id, .lot_id = lines[i].lot_id,
                         .quantity = -lines[i].quantity, .line_no = static_cast<int>(i + 1)});
  }
  auto left = apply_moves(c, actor, out);
  if (!left) return left.error();

  // The receiver: into its transit warehouse at the same value, lot by lot, owed to the sender.
  security::Principal receiving = actor.principal;
  receiving.company_id = receiver;
  const Actor as_receiver{.principal = receiving, .caller = actor.caller, .clock = actor.clock};
  auto received_number = next_document_number(c, receiver, "ICR", input.date);
  if (!received_number) return received_number.error();
  result.received_number = *received_number;
  auto received = insert_document(c, as_receiver, "intercompany_in", *received_number, input.date, *transit,
                                  input.to_warehouse_id, transit, "in_transit", input.note, *sent);
  if (!received) return received.error();
  result.received_id = *received;
  StockPosting in{.document_type = "stock_document", .document_id = *received, .document_number = *received_number,
                  .date = input.date, .move_type = "intercompany_in"};
  std::map<std::int64_t, Cents> sent_value, received_value;
  Cents total = 0;
  for (const AppliedMove& move : *left) {
    const Line& line = lines.at(static_cast<std::size_t>(move.line_no - 1));
    std::optional<std::int64_t> their_lot;
    if (move.lot_id) {
      auto lot = c.query_row("SELECT lot_number, produced_on, expires_on FROM lots WHERE id = $1", {*move.lot_id});
      if (!lot) return lot.error();
      auto made = lot_for(c, as_receiver,
                          {.item_id = line.their_item_id, .number = (*lot)->text(0).value_or(""),
                           .produced_on = (*lot)->is_null(1) ? std::nullopt : std::optional((*lot)->date(1).value_or(Date{})),
                           .expires_on = (*lot)->is_null(2) ? std::nullopt : std::optional((*lot)->date(2).value_or(Date{}))});
      if (!made) return made.error();
      their_lot = *made;
    }
    in.moves.push_back({.item_id = line.their_item_id, .warehouse_id = *transit, .lot_id = their_lot,
                        .quantity = -move.quantity, .value = -move.value, .line_no = move.line_no});
    sent_value[move.item_id] -= move.value;
    received_value[line.their_item_id] -= move.value;
    total -= move.value;
  }
  auto arrived = apply_moves(c, as_receiver, in);
  if (!arrived) return arrived.error();

  auto names = c.query_row("SELECT (SELECT name FROM companies WHERE id = $1), (SELECT name FROM companies WHERE id = $2)",
                           {sender, receiver});
  if (!names) return names.error();
  const std::string sender_name = (*names)->text(0).value_or(""), receiver_name = (*names)->text(1).value_or("");
  auto sent_voucher = post_value(c, actor, "intercompany_out", *sent, "调出 " + *sent_number + " 至 " + receiver_name,
                                 input.date, sent_value,
                                 finance::PostingLine{.role = "receivable", .customer_id = *customer});
  if (!sent_voucher) return sent_voucher.error();
  auto received_voucher = post_value(c, as_receiver, "intercompany_in", *received,
                                     "调入 " + *received_number + " 自 " + sender_name, input.date, received_value,
                                     finance::PostingLine{.role = "payable", .supplier_id = *supplier});
  if (!received_voucher) return received_voucher.error();
  for (const auto& [id, voucher] : {std::pair{*sent, *sent_voucher}, std::pair{*received, *received_voucher}}) {
    auto finished = c.execute("UPDATE stock_documents SET value = $2, voucher_id = $3, source_type = 'stock_document', "
                              "source_id = $4 WHERE id = $1",
                              {id, total, Value(voucher), id == *sent ? *received : *sent});
    if (!finished) return finished.error();
  }
  for (const auto& [who, id, number] : {std::tuple{&actor, *sent, *sent_number},
                                        std::tuple{&as_receiver, *received, *received_number}}) {
    if (Status audited = finance::audit_ledger(c, *who, "stock_document.intercompany", "stock_document", id,
                                               {{"number", number}, {"value", finance::format_amount(total)},
                                                {"from", sender_name}, {"to", receiver_name}});
        !audited) {
      return audited.error();
    }
    if (Status announced = events::publish(c, {.kind = events::Kind::record, .company_id = who->principal.company_id,
                                               .entity = "stock_document", .record_id = id, .action = "created",
                                               .owner_id = actor.principal.user_id});
        !announced) {
      return announced.error();
    }
  }
  return result;
}

}  // namespace verp::inventory
