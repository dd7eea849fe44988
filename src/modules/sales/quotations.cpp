// Quotations: the entity, the lines of every revision, and the steps of quotations.hpp.
#include "modules/sales/quotations.hpp"

#include <boost/json.hpp>

#include "modules/finance/ledger_columns.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/sales/order_lines.hpp"

namespace verp::sales {

namespace json = boost::json;
using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;
using storage::Connection;
using storage::Value;

namespace {

// What the customer was sent is not changed behind their back: only a draft is edited (a sent
// or rejected quotation is revised first). And an offer cannot end before it is made.
Status check_quotation(entity::RuleContext& context) {
  const auto* quoted = context.record.get("quote_date").get_if<storage::Date>();
  const auto* until = context.record.get("valid_until").get_if<storage::Date>();
  if (quoted != nullptr && until != nullptr && *until < *quoted) {
    context.reject("valid_until", "before_quote_date", "sales.valid_until_before_quote_date");
  }
  if (context.before != nullptr) {
    const auto* status = context.before->get("status").get_if<std::string>();
    if (status != nullptr && *status != "draft") context.reject("status", "not_editable", "sales.quotation_not_editable");
  }
  return {};
}

Field money_total(std::string name, entity::LocalText label) {
  return Field{.name = std::move(name), .kind = FieldKind::money, .label = std::move(label), .default_value = "0",
               .read_only = true, .section = "totals"};
}

}  // namespace

EntitySpec quotation_entity() {
  return EntitySpec{
      .name = "quotation",
      .table = "quotations",
      .path = "quotations",
      .label = {"报价单", "Quotation"},
      .fields =
          {Field{.name = "code", .kind = FieldKind::text, .label = {"报价单号", "Quotation number"},
                 .unique = entity::Uniqueness::company, .max_length = 40, .searchable = true, .read_only = true},
           Field{.name = "customer_id", .kind = FieldKind::link, .label = {"客户", "Customer"}, .required = true,
                 .link_to = "customer"},
           Field{.name = "quote_date", .kind = FieldKind::date, .label = {"报价日期", "Quote date"}, .required = true},
           Field{.name = "valid_until", .kind = FieldKind::date, .label = {"有效期至", "Valid until"}, .required = true},
           Field{.name = "warehouse_id", .kind = FieldKind::link, .label = {"发货仓库", "Shipping warehouse"},
                 .link_to = "warehouse", .in_list = false},
           Field{.name = "salesperson_id", .kind = FieldKind::link, .label = {"销售员", "Salesperson"},
                 .link_to = "employee"},
           Field{.name = "revision", .kind = FieldKind::integer, .label = {"修订版本", "Revision"},
                 .default_value = "0", .read_only = true},
           Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                 .options = {{"draft", {"草稿", "Draft"}},
                             {"sent", {"已发送", "Sent"}},
                             {"accepted", {"已接受", "Accepted"}},
                             {"rejected", {"已拒绝", "Rejected"}},
                             {"expired", {"已过期", "Expired"}},
                             {"ordered", {"已转订单", "Ordered"}}},
                 .default_value = "draft", .read_only = true},
           money_total("amount", {"金额（不含税）", "Amount excl. tax"}),
           money_total("tax", {"税额", "Tax"}),
           money_total("total", {"价税合计", "Total"}),
           // The order links back to its quotation (sales_order.quotation_id); a link both ways
           // would make each table refer to the other, which neither database can create first.
           Field{.name = "sales_order_id", .kind = FieldKind::integer, .label = {"销售订单", "Sales order"},
                 .help = {"转成的销售订单", "The sales order it became"}, .read_only = true},
           Field{.name = "notes", .kind = FieldKind::text, .label = {"备注", "Notes"}, .max_length = 1000,
                 .in_list = false}},
      .title_field = "code",
      .code_field = "code",
      .default_sort = "-quote_date",
      .validate = check_quotation};
}

storage::TableDef quotation_line_table() {
  using namespace finance::columns;
  auto fraction = [](std::string name) {
    return storage::Column{.name = std::move(name), .type = storage::ColumnType::decimal, .not_null = true};
  };
  // Quantities in ten-thousandths of the stock unit, amounts in cents, as an order's lines.
  return storage::TableDef{
      .name = "quotation_lines",
      .columns = {refers("quotation_id", "quotations"), number("revision"), number("line_no"), refers("item_id", "items"),
                  refers("uom_id", "units_of_measure"), fraction("factor"), number("quantity"),
                  words("entered_quantity"), fraction("list_price"), fraction("price"), fraction("discount"),
                  fraction("tax_rate"), cents("amount"), cents("tax"), day("delivery_date", false)},
      .primary_key = {"quotation_id", "revision", "line_no"}};
}

namespace {

struct QuotationState {
  std::string code;
  std::string status;
  std::int64_t version = 0;
  std::int64_t revision = 0;
  std::int64_t customer_id = 0;
  storage::Date quote_date;
  storage::Date valid_until;
  std::optional<std::int64_t> warehouse_id;
  std::optional<std::int64_t> salesperson_id;
};

Result<QuotationState> quotation_state(Connection& c, std::int64_t company, std::int64_t quotation) {
  auto row = c.query_row(
      "SELECT code, status, version, revision, customer_id, quote_date, valid_until, warehouse_id, salesperson_id "
      "FROM quotations WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
      {quotation, company});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const storage::Row& r = **row;
  return QuotationState{.code = r.is_null(0) ? "" : r.text(0).value_or(""),
                        .status = r.text(1).value_or(""),
                        .version = r.int64(2).value_or(0),
                        .revision = r.int64(3).value_or(0),
                        .customer_id = r.int64(4).value_or(0),
                        .quote_date = r.date(5).value_or(storage::Date{}),
                        .valid_until = r.date(6).value_or(storage::Date{}),
                        .warehouse_id = finance::optional_id(r, 7),
                        .salesperson_id = finance::optional_id(r, 8)};
}

// A quotation's lines are those of its current revision; earlier revisions stay as they were.
Result<std::pair<Cents, Cents>> store_current_lines(Connection& c, std::int64_t quotation,
                                                    const std::vector<ReadyLine>& lines) {
  auto revision = c.query_row("SELECT revision FROM quotations WHERE id = $1", {quotation});
  if (!revision) return revision.error();
  const std::int64_t current = *revision ? (*revision)->int64(0).value_or(0) : 0;
  auto cleared = c.execute("DELETE FROM quotation_lines WHERE quotation_id = $1 AND revision = $2", {quotation, current});
  if (!cleared) return cleared.error();
  return insert_lines(c, "quotation_lines", {{"quotation_id", quotation}, {"revision", current}}, lines);
}

PricedDocument quotation_document(const Orders& quotations) {
  return {.entity = quotations, .date_field = "quote_date", .prefix = "QT", .store_lines = store_current_lines};
}

Error expired(const QuotationState& state) {
  Error error = make_error(ErrorKind::conflict, "sales.quotation_expired");
  error.field = "valid_until";
  error.args = {{"valid_until", state.valid_until.to_string()}};
  return error;
}

Status changed(Connection& c, const Orders& quotations, const Actor& actor, std::int64_t quotation,
               const std::map<std::string, Value, std::less<>>& changes, std::string_view action) {
  auto done = quotations.store.transition_in(c, quotations.spec, actor.principal, quotation, changes, action,
                                             actor.caller);
  if (!done) return done.error();
  return {};
}

}  // namespace

Result<std::int64_t> create_quotation(Connection& c, const Orders& quotations, const Actor& actor,
                                      const OrderInput& input) {
  return create_priced(c, quotation_document(quotations), actor, input);
}

Status replace_quotation_lines(Connection& c, const Orders& quotations, const Actor& actor, std::int64_t quotation,
                               const OrderInput& input) {
  auto state = quotation_state(c, actor.principal.company_id, quotation);
  if (!state) return state.error();
  if (state->status != "draft") return make_error(ErrorKind::invalid_transition, "sales.quotation_not_editable");
  if (input.version && *input.version != state->version) return make_error(ErrorKind::conflict, "entity.stale_version");
  return reprice_lines(c, quotation_document(quotations), actor, quotation, state->customer_id, state->quote_date,
                       input);
}

Status act_on_quotation(Connection& c, const Orders& quotations, const Actor& actor, std::int64_t quotation,
                        QuotationAction action, std::string_view reason, storage::Date today) {
  auto state = quotation_state(c, actor.principal.company_id, quotation);
  if (!state) return state.error();
  const std::string& status = state->status;
  const bool valid = state->valid_until >= today;
  std::map<std::string, Value, std::less<>> changes;
  std::string verb;
  switch (action) {
    case QuotationAction::send:
      if (status != "draft") return make_error(ErrorKind::invalid_transition, "sales.quotation_not_sendable");
      if (!valid) return expired(*state);
      changes = {{"status", "sent"}};
      verb = "send";
      break;
    case QuotationAction::accept:
      if (status != "sent") return make_error(ErrorKind::invalid_transition, "sales.quotation_not_acceptable");
      if (!valid) return expired(*state);
      changes = {{"status", "accepted"}};
      verb = "accept";
      break;
    case QuotationAction::reject:
      if (status != "draft" && status != "sent") {
        return make_error(ErrorKind::invalid_transition, "sales.quotation_not_rejectable");
      }
      changes = {{"status", "rejected"}};
      verb = "reject";
      break;
    case QuotationAction::revise: {
      if (status == "ordered") return make_error(ErrorKind::invalid_transition, "sales.quotation_not_revisable");
      auto copied = c.execute(
          "INSERT INTO quotation_lines (quotation_id, revision, line_no, item_id, uom_id, factor, quantity, "
          "entered_quantity, list_price, price, discount, tax_rate, amount, tax, delivery_date) SELECT quotation_id, $3, "
          "line_no, item_id, uom_id, factor, quantity, entered_quantity, list_price, price, discount, tax_rate, amount, "
          "tax, delivery_date FROM quotation_lines WHERE quotation_id = $1 AND revision = $2",
          {quotation, state->revision, state->revision + 1});
      if (!copied) return copied.error();
      changes = {{"status", "draft"}, {"revision", state->revision + 1}};
      verb = "revise";
      break;
    }
  }
  if (Status done = changed(c, quotations, actor, quotation, changes, verb); !done) return done;
  json::object entry{{"code", state->code}, {"revision", state->revision}};
  if (!reason.empty()) entry["reason"] = std::string(reason);
  return finance::audit_ledger(c, actor, "quotation." + verb, "quotation", quotation, entry);
}

Status expire_if_lapsed(Connection& c, const Orders& quotations, const Actor& actor, std::int64_t quotation,
                        storage::Date today) {
  auto state = quotation_state(c, actor.principal.company_id, quotation);
  if (!state) return state.error();
  if ((state->status != "draft" && state->status != "sent") || state->valid_until >= today) return {};
  if (Status done = changed(c, quotations, actor, quotation, {{"status", "expired"}}, "expire"); !done) return done;
  return finance::audit_ledger(c, actor, "quotation.expire", "quotation", quotation,
                               {{"code", state->code}, {"valid_until", state->valid_until.to_string()}});
}

Result<ToOrderInput> to_order_from_json(const json::value& body) {
  const json::object* object = body.if_object();
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  ToOrderInput input;
  inventory::JsonReader read(input.unreadable);
  read.only(*object, {"order_date", "warehouse_id", "customer_po"}, "");
  input.order_date = read.date(*object, "order_date", "order_date", true);
  input.warehouse_id = read.id(*object, "warehouse_id", "warehouse_id");
  input.customer_po = read.text(*object, "customer_po", "customer_po", false, 60);
  return input;
}

Result<std::int64_t> quotation_to_order(Connection& c, const Orders& quotations, const Orders& orders,
                                        const Actor& actor, std::int64_t quotation, const ToOrderInput& input,
                                        storage::Date today) {
  if (Status refused = inventory::problems_as_error(input.unreadable); !refused) return refused.error();
  if (!input.order_date) return finance::field_error("order_date", "required", "field.required");
  auto state = quotation_state(c, actor.principal.company_id, quotation);
  if (!state) return state.error();
  if (state->status != "accepted" && state->status != "sent") {
    return make_error(ErrorKind::invalid_transition, "sales.quotation_not_orderable");
  }
  // An accepted offer binds both sides after its date too; a sent one only while it is open.
  if (state->status == "sent" && state->valid_until < today) return expired(*state);
  OrderInput order;
  order.header = {{"customer_id", state->customer_id}, {"order_date", input.order_date->to_string()}};
  if (auto warehouse = input.warehouse_id ? input.warehouse_id : state->warehouse_id) order.header["warehouse_id"] = *warehouse;
  if (state->salesperson_id) order.header["salesperson_id"] = *state->salesperson_id;
  if (!input.customer_po.empty()) order.header["customer_po"] = input.customer_po;
  auto lines = c.query(
      "SELECT item_id, uom_id, entered_quantity, price, discount, tax_rate, delivery_date FROM quotation_lines "
      "WHERE quotation_id = $1 AND revision = $2 ORDER BY line_no",
      {quotation, state->revision});
  if (!lines) return lines.error();
  for (const auto& line : *lines) {
    order.lines.push_back(OrderLineInput{
        .item_id = line.int64(0).value_or(0),
        .quantity = line.text(2).value_or(""),
        .uom_id = line.int64(1).value_or(0),
        .price = line.decimal(3).value_or(Decimal()).to_string(),
        .discount = line.decimal(4).value_or(Decimal()).to_string(),
        .tax_rate = line.decimal(5).value_or(Decimal()).to_string(),
        .delivery_date = line.is_null(6) ? std::nullopt : std::optional(line.date(6).value_or(storage::Date{}))});
  }
  auto made = create_order(c, orders, actor, order);
  if (!made) return made.error();
  if (Status linked = set_order_fields(c, orders, actor, *made, {{"quotation_id", quotation}}, "from_quotation");
      !linked) {
    return linked.error();
  }
  if (Status done = changed(c, quotations, actor, quotation, {{"status", "ordered"}, {"sales_order_id", *made}}, "to_order");
      !done) {
    return done.error();
  }
  auto code = c.query_row("SELECT code FROM sales_orders WHERE id = $1", {*made});
  if (!code) return code.error();
  if (Status audited = finance::audit_ledger(c, actor, "quotation.to_order", "quotation", quotation,
                                             {{"code", state->code},
                                              {"revision", state->revision},
                                              {"order", *code ? (*code)->text(0).value_or("") : ""}});
      !audited) {
    return audited.error();
  }
  return *made;
}

}  // namespace verp::sales
