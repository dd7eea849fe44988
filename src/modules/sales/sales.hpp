// Sales (销售管理): price lists, sales orders with credit control through the approval engine,
// stock reservation, delivery notes with pick lists, sales invoices, collections and returns.
// Stock moves through the inventory ledger; values reach the general ledger through finance's
// posting interface and receivable invoices; each step is one transaction with the order's
// status, history and audit entry. The order's life is drawn in README.md.
#pragma once

#include <boost/json/object.hpp>

#include "modules/finance/ledger.hpp"
#include "modules/inventory/quantity.hpp"
#include "platform/base/clock.hpp"
#include "platform/entity/entity_spec.hpp"
#include "platform/entity/store.hpp"

namespace verp::sales {

using finance::Actor;
using finance::Cents;
using inventory::Qty;

entity::EntitySpec sales_order_entity(entity::ApprovalSpec approval);
entity::EntitySpec customer_group_entity();
entity::EntitySpec price_list_entity();
entity::EntitySpec price_list_item_entity();
std::vector<storage::TableDef> sales_tables();

// The order entity and the store, which every step that changes an order's header needs.
struct Orders {
  const entity::EntityStore& store;
  const entity::EntitySpec& spec;
};

// ---- prices ----------------------------------------------------------------------------------

struct PriceQuery {
  std::int64_t customer_id = 0;
  std::int64_t item_id = 0;
  std::optional<std::int64_t> uom_id;  // default the item's stock unit
  Decimal quantity = Decimal::from_int(1);  // in uom_id, for quantity breaks
  storage::Date date;
};

struct Price {
  Decimal price;       // per uom_id, excluding tax, before discount
  Decimal discount;    // a fraction
  Decimal list_price;  // the item's own list price per uom_id
  std::optional<std::int64_t> price_list_id;
  std::string source;  // customer, group, general, item
};

// The price a customer pays for an item on a day: the customer's own list, else their group's,
// else a general list, else the item's list price; the break with the largest minimum quantity
// not above the quantity. Errors: not_found when the item or customer is not the company's.
Result<Price> price_for(storage::Connection& c, std::int64_t company, const PriceQuery& query);

// ---- orders ----------------------------------------------------------------------------------

struct OrderLineInput {
  std::optional<std::int64_t> item_id;
  std::string item;      // a code or barcode, when item_id is absent
  std::string quantity;  // in uom_id's unit (default the item's stock unit)
  std::optional<std::int64_t> uom_id;
  std::string price;     // per unit of uom_id, excluding tax; default from the price lists
  std::string discount;  // a fraction (0.05); default the price list's
  std::string tax_rate;  // a fraction (0.13); default the item's tax rate
  std::optional<storage::Date> delivery_date;
};

struct OrderInput {
  boost::json::object header;  // the entity's fields (customer_id, order_date, warehouse_id, …)
  std::vector<OrderLineInput> lines;
  std::optional<std::int64_t> version;  // replacing lines: the version the editor saw
  std::vector<FieldError> unreadable;
};

Result<OrderInput> order_from_json(const boost::json::value& body, bool lines_only = false);

// Creates a draft order with its lines, numbered SO-YYYYMM-NNNN. Errors: validation naming the
// header's fields and "lines[i].…"; the entity's create errors.
Result<std::int64_t> create_order(storage::Connection& c, const Orders& orders, const Actor& actor,
                                  const OrderInput& input);
// Replaces the lines of a draft or rejected order. Errors: not_found; conflict
// "entity.stale_version"; invalid_transition "sales.order_not_editable"; line problems.
Status replace_lines(storage::Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                     const OrderInput& input);

// The order's header, lines (ordered, reserved, shortfall, shipped, returned, invoiced, cancelled)
// and money (total, invoiced, collected).
Result<boost::json::object> order_json(storage::Connection& c, std::int64_t company, std::int64_t order);

// ---- credit ----------------------------------------------------------------------------------

struct Credit {
  Cents limit = 0;  // 0: none set
  Cents receivables = 0;
  Cents unposted_invoices = 0;
  Cents open_orders = 0;
  Cents this_order = 0;
  Cents overdue_amount = 0;
  std::int64_t overdue_invoices = 0;
  Cents exposure() const { return receivables + unposted_invoices + open_orders + this_order; }
  bool over_limit() const { return limit > 0 && exposure() > limit; }
  bool overdue() const { return overdue_invoices > 0; }
};

// The customer's credit on `today`, with `order` (a draft being confirmed) counted as its own
// line and left out of the open orders.
Result<Credit> credit_of(storage::Connection& c, std::int64_t company, std::int64_t customer,
                         std::optional<std::int64_t> order, storage::Date today);
boost::json::object credit_json(const Credit& credit);

// What approval rules may test: over_credit_limit, overdue, credit_blocked, credit_exposure.
Result<boost::json::object> order_facts(storage::Connection& c, const entity::Record& order, const Clock& clock);
// The approval's outcome: approved reserves stock (refused when credit-blocked and nobody
// approved it), withdrawn and rejected do nothing more.
Status order_decided(storage::Connection& c, const entity::Record& order, std::string_view outcome,
                     const Clock& clock);

// ---- reservation, changes --------------------------------------------------------------------

// Reserves what is still unreserved of each open line, as much as is available; answers the
// total shortfall in stock units.
Result<Qty> reserve_order(storage::Connection& c, const Actor& actor, std::int64_t order);

// One purchase requisition (source sales) per line short of stock, unless one is open for it.
Result<std::vector<std::int64_t>> requisitions_for_shortfall(storage::Connection& c, const Actor& actor,
                                                              const entity::EntitySpec& requisition_spec,
                                                              const entity::EntityStore& store, std::int64_t order);

enum class OrderAction { hold, release, cancel, amend };
// hold: ordered, preparing or partly shipped orders wait (nothing ships); release: back to where
// it was; cancel: nothing shipped → cancelled, else the rest is cancelled; amend: nothing shipped →
// draft with revision + 1. Cancel and amend release the reservations; a picking delivery of the
// order blocks them. A reason is required and audited. Errors: not_found; validation "reason";
// invalid_transition "sales.order_not_<holdable|held|cancellable|amendable>".
Status act_on_order(storage::Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                    OrderAction action, std::string_view reason);

// ---- deliveries ------------------------------------------------------------------------------

struct DeliveryLineInput {
  std::int64_t order_id = 0;
  int line_no = 0;
  std::string quantity;  // in the order line's unit
  std::string lot_number;
  std::optional<std::int64_t> location_id;
};

struct DeliveryInput {
  storage::Date date;
  std::string carrier;
  std::string tracking_number;
  std::string ship_to;
  std::vector<DeliveryLineInput> lines;
  std::vector<FieldError> unreadable;
};
Result<DeliveryInput> delivery_from_json(const boost::json::value& body);

// A delivery note in state picking. Errors: validation "lines[i].…" (unknown line, more than is
// open, another customer's or warehouse's order); invalid_transition "sales.order_not_shippable".
Result<std::int64_t> create_delivery(storage::Connection& c, const Orders& orders, const Actor& actor,
                                     const DeliveryInput& input);

struct ShipInput {
  std::optional<storage::Date> date;
  std::string carrier;
  std::string tracking_number;
};
// The goods leave: stock out consuming the reservations, the shipment's voucher, the orders'
// shipped quantities and statuses. Errors: not_found; invalid_transition "sales.delivery_not_picking";
// conflict "inventory.insufficient_stock".
Status ship_delivery(storage::Connection& c, const Orders& orders, const Actor& actor, std::int64_t delivery,
                     const ShipInput& input);
Status cancel_delivery(storage::Connection& c, const Orders& orders, const Actor& actor, std::int64_t delivery);

Result<boost::json::object> delivery_json(storage::Connection& c, std::int64_t company, std::int64_t delivery);

// ---- invoices, collections, returns ---------------------------------------------------------

struct InvoiceLineInput {
  std::int64_t order_id = 0;
  int line_no = 0;
  std::string quantity;  // in the order line's unit
};

struct SalesInvoiceInput {
  std::int64_t customer_id = 0;
  std::string number;
  storage::Date date;
  std::optional<storage::Date> due_date;
  std::vector<std::int64_t> delivery_ids;  // or lines
  std::vector<InvoiceLineInput> lines;
  std::vector<FieldError> unreadable;
};
Result<SalesInvoiceInput> sales_invoice_from_json(const boost::json::value& body);

// The receivable invoice and its voucher; lines at the order price less discount. Errors:
// validation "lines[i].quantity" (more than invoiceable), "delivery_ids[i]"; "customer_id".
Result<std::int64_t> invoice_sales(storage::Connection& c, const Orders& orders, const Actor& actor,
                                   const SalesInvoiceInput& input);

struct ReceiptInput {
  std::int64_t customer_id = 0;
  storage::Date date;
  std::string amount;
  std::string note;
};
// 收款: the receipt's voucher (Dr bank, Cr 1122 the customer), a draft.
Result<finance::VoucherRef> receive_payment(storage::Connection& c, const Actor& actor, const ReceiptInput& input);

struct ReturnLineInput {
  int line_no = 0;
  std::string quantity;  // in the order line's unit
  std::string lot_number;
};
struct ReturnInput {
  storage::Date date;
  std::int64_t warehouse_id = 0;
  std::string reason;
  bool refund = false;
  std::vector<ReturnLineInput> lines;
  std::vector<FieldError> unreadable;
};
Result<ReturnInput> return_from_json(const boost::json::value& body);
struct ReturnResult {
  std::int64_t return_id = 0;
  std::optional<std::int64_t> credit_note_id;
  std::optional<std::int64_t> refund_voucher_id;
};
// 退货: goods back at the cost they left with, the shipment's voucher reversed in red, a credit
// note for what was invoiced, optionally the refund. Errors: validation; conflict
// "sales.return_exceeds_shipped".
Result<ReturnResult> return_goods(storage::Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                                  const ReturnInput& input);

// The order's story for the timeline: who did what, when.
Result<boost::json::array> order_timeline(storage::Connection& c, std::int64_t company, std::int64_t order);

// ---- settings --------------------------------------------------------------------------------

struct Settings {
  std::string invoice_basis = "shipment";  // or "order"
};
Result<Settings> settings_of(storage::Connection& c, std::int64_t company);
Status save_settings(storage::Connection& c, const Actor& actor, const Settings& settings);

}  // namespace verp::sales
