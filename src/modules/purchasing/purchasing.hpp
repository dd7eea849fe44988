// Purchasing (采购管理): purchase orders with their lines and approval, goods receipts with a
// quality check per line, returns to the supplier, supplier invoices matched three ways (order,
// receipt, invoice) and payments. Stock moves go through the inventory module's ledger and every
// value reaches the general ledger through the finance posting interface, each step in one
// transaction with the document's status:
//
//   draft ─submit─▶ pending ─approve─▶ approved ─receive─▶ partly_received ─▶ received ─invoice─▶ invoiced
//     ▲               └─reject─▶ rejected                    (returns lower what was received)
//     └──────────── amend (approved, nothing received yet) ──┘          close: the rest is not expected
//   cancel: before anything is received
#pragma once

#include <boost/json/object.hpp>

#include "modules/finance/ledger.hpp"
#include "modules/inventory/quantity.hpp"
#include "platform/entity/entity_spec.hpp"
#include "platform/entity/store.hpp"

namespace verp::purchasing {

using finance::Actor;
using finance::Cents;
using inventory::Qty;

entity::EntitySpec purchase_order_entity(entity::ApprovalSpec approval);
std::vector<storage::TableDef> purchasing_tables();

// The order entity and the store, which every step that changes an order's header needs.
struct Orders {
  const entity::EntityStore& store;
  const entity::EntitySpec& spec;
};

// ---- orders ----------------------------------------------------------------------------------

struct OrderLineInput {
  std::optional<std::int64_t> item_id;
  std::string item;      // a code or barcode, when item_id is absent
  std::string quantity;  // in uom_id's unit (default the item's stock unit)
  std::optional<std::int64_t> uom_id;
  std::string price;     // per unit of uom_id, excluding tax
  std::string tax_rate;  // a fraction (0.13); default the item's tax rate
  std::optional<storage::Date> expected_date;
};

struct OrderInput {
  boost::json::object header;  // the entity's fields (supplier_id, order_date, warehouse_id, …)
  std::vector<OrderLineInput> lines;
  std::optional<std::int64_t> version;  // replacing lines: the version the editor saw
  std::vector<FieldError> unreadable;
};

Result<OrderInput> order_from_json(const boost::json::value& body, bool lines_only = false);

// Creates a draft order with its lines, numbered PO-YYYYMM-NNNN. Errors: validation naming the
// header's fields and "lines[i].…"; the entity's create errors.
Result<std::int64_t> create_order(storage::Connection& c, const Orders& orders, const Actor& actor,
                                  const OrderInput& input);
// Replaces the lines of a draft or rejected order. Errors: not_found; conflict
// "entity.stale_version"; invalid_transition "purchasing.order_not_editable"; line problems.
Status replace_lines(storage::Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                     const OrderInput& input);

enum class OrderAction { cancel, close, amend };
// cancel: nothing received yet; close: an approved or partly received order expects no more;
// amend: an approved order with nothing received goes back to draft (revision + 1) for changes
// and a new approval. A reason is required and audited. Errors: not_found; validation "reason";
// invalid_transition "purchasing.order_not_<cancellable|closable|amendable>".
Status act_on_order(storage::Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                    OrderAction action, std::string_view reason);

// The order's lines with what was received, rejected, returned and invoiced of each.
Result<boost::json::array> order_lines_json(storage::Connection& c, std::int64_t company, std::int64_t order);

// What approval rules may test beyond the header's fields: "over_budget" (a warn budget of the
// goods' accounts would be overrun). A block budget refuses the submission: validation
// "purchasing.budget_blocked" naming the account.
Result<boost::json::object> order_facts(storage::Connection& c, const entity::Record& order);

// ---- receipts and returns --------------------------------------------------------------------

struct ReceiptLineInput {
  int line_no = 0;       // the order line
  std::string item;      // or a scanned code: the first open line of that item
  std::string quantity;  // arrived, in the order line's unit
  std::string rejected;  // of which refused by the quality check
  std::string reject_reason;
  std::string lot_number;
  std::optional<storage::Date> produced_on;
  std::optional<storage::Date> expires_on;
  std::optional<std::int64_t> location_id;
};

struct ReceiptInput {
  storage::Date date;
  // Rejected goods go to this (quarantine) warehouse, to be returned; without one they are
  // refused at the door and never enter stock.
  std::optional<std::int64_t> quarantine_warehouse_id;
  std::string note;
  std::vector<ReceiptLineInput> lines;
  std::vector<FieldError> unreadable;
};

Result<ReceiptInput> receipt_from_json(const boost::json::value& body);

// 采购入库: accepted goods into the order's warehouse at the order price (Dr inventory, Cr goods
// in transit 1402), rejected ones to quarantine or refused. Errors: validation "lines[i].…";
// conflict "purchasing.over_receipt" beyond the tolerance; invalid_transition
// "purchasing.order_not_receivable" unless approved or partly received.
Result<std::int64_t> receive_goods(storage::Connection& c, const Orders& orders, const Actor& actor,
                                   std::int64_t order, const ReceiptInput& input);

struct ReturnInput {
  storage::Date date;
  std::int64_t warehouse_id = 0;  // where the goods are (the receiving or quarantine warehouse)
  std::string reason;
  std::vector<ReceiptLineInput> lines;  // line_no, quantity, lot_number
  std::vector<FieldError> unreadable;
};
Result<ReturnInput> return_from_json(const boost::json::value& body);
// 采购退货: goods back to the supplier, out of stock at their cost, the receipt's posting reversed
// in red. Errors: validation; conflict "purchasing.return_exceeds_received".
Result<std::int64_t> return_goods(storage::Connection& c, const Orders& orders, const Actor& actor,
                                  std::int64_t order, const ReturnInput& input);

Result<boost::json::object> receipts_json(storage::Connection& c, std::int64_t company, std::int64_t order);

// ---- supplier invoices and payments ----------------------------------------------------------

struct InvoiceLineInput {
  int line_no = 0;
  std::string quantity;  // in the order line's unit
  std::string price;     // per that unit, excluding tax; default the order price
  std::string tax_rate;  // default the order line's
};

struct SupplierInvoiceInput {
  std::string number;  // the supplier's tax invoice number (发票号码)
  storage::Date date;
  std::optional<storage::Date> due_date;
  std::vector<InvoiceLineInput> lines;
  std::vector<FieldError> unreadable;
};
Result<SupplierInvoiceInput> supplier_invoice_from_json(const boost::json::value& body);

// Three-way match, then the payable invoice and its voucher (Dr 1402 goods in transit, Dr input
// VAT, Cr 2202 payable to the supplier) through finance's invoices. Errors: validation naming
// "lines[i].quantity" (more than received and not yet invoiced, beyond the tolerance) and
// "lines[i].price" (off the order price beyond the tolerance).
Result<std::int64_t> invoice_order(storage::Connection& c, const Orders& orders, const Actor& actor,
                                   std::int64_t order, const SupplierInvoiceInput& input);

struct PaymentInput {
  std::int64_t supplier_id = 0;
  storage::Date date;
  std::string amount;
  std::string bank_account = "1002";
  std::string note;
};
// 付款: the payment's voucher (Dr 2202 the supplier, Cr bank), a draft for the cashier and
// accountant; once posted it is allocated against the supplier's invoices like any payable.
Result<finance::VoucherRef> pay_supplier(storage::Connection& c, const Actor& actor, const PaymentInput& input);

// ---- settings --------------------------------------------------------------------------------

// The company's tolerances, as fractions: over-receipt (0.05 lets 105 of 100 in), invoice
// quantity and invoice price (three-way match).
struct Tolerances {
  Decimal over_receipt;
  Decimal invoice_quantity;
  Decimal invoice_price;
};
Result<Tolerances> tolerances_of(storage::Connection& c, std::int64_t company);
Status save_tolerances(storage::Connection& c, const Actor& actor, const Tolerances& tolerances);

}  // namespace verp::purchasing
