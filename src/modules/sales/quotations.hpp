// Quotations (报价单): what a customer is offered, valid until a day, kept revision by revision,
// and turned into a sales order once accepted. The header is an entity (list, form, history,
// export come from the entity framework); the lines of every revision are the module's own table
// quotation_lines, priced like an order's (order_lines.hpp: ready_lines), so revisions can be
// compared. Each step is one transaction with the quotation's history and an audit entry.
//
//   draft ─send─▶ sent ─accept─▶ accepted ─to-order─▶ ordered 已转订单
//     │             │ └──────────────────to-order──────▲ (sent and still valid)
//     └──reject─────┴─reject─▶ rejected
//   revise (anything but ordered): the lines are copied to revision + 1 and it is a draft again
//   expired: a draft or sent quotation found past valid_until when someone sends or accepts it
#pragma once

#include "modules/sales/sales_http.hpp"

namespace verp::sales {

entity::EntitySpec quotation_entity();
storage::TableDef quotation_line_table();

// Creates a draft quotation (revision 0) numbered QT-YYYYMM-NNNN with its lines; missing prices
// come from the customer's price lists on the quote date. Errors: validation naming the header's
// fields (valid_until before quote_date…) and "lines[i].…", nothing written.
Result<std::int64_t> create_quotation(storage::Connection& c, const Orders& quotations, const Actor& actor,
                                      const OrderInput& input);
// Replaces the current revision's lines of a draft. Errors: not_found; conflict
// "entity.stale_version"; invalid_transition "sales.quotation_not_editable"; line problems.
Status replace_quotation_lines(storage::Connection& c, const Orders& quotations, const Actor& actor,
                               std::int64_t quotation, const OrderInput& input);

enum class QuotationAction { send, accept, reject, revise };
// send: draft → sent; accept: sent → accepted; both only while valid_until ≥ today, else conflict
// "sales.quotation_expired". reject: draft or sent → rejected. revise: anything but ordered →
// draft with revision + 1, the lines copied. The reason (optional) is audited. Errors: not_found;
// invalid_transition "sales.quotation_not_<sendable|acceptable|rejectable|revisable>".
Status act_on_quotation(storage::Connection& c, const Orders& quotations, const Actor& actor, std::int64_t quotation,
                        QuotationAction action, std::string_view reason, storage::Date today);
// A draft or sent quotation past valid_until becomes expired (history and audit); otherwise nothing.
Status expire_if_lapsed(storage::Connection& c, const Orders& quotations, const Actor& actor, std::int64_t quotation,
                        storage::Date today);

struct ToOrderInput {
  std::optional<storage::Date> order_date;
  std::optional<std::int64_t> warehouse_id;  // default the quotation's
  std::string customer_po;
  std::vector<FieldError> unreadable;
};
Result<ToOrderInput> to_order_from_json(const boost::json::value& body);

// A draft sales order with the current revision's lines at the quoted prices and discounts, from
// an accepted quotation (or a sent one still valid); both are linked and the quotation is ordered.
// Errors: not_found; invalid_transition "sales.quotation_not_orderable"; conflict
// "sales.quotation_expired"; the order's validation errors (warehouse_id…).
Result<std::int64_t> quotation_to_order(storage::Connection& c, const Orders& quotations, const Orders& orders,
                                        const Actor& actor, std::int64_t quotation, const ToOrderInput& input,
                                        storage::Date today);

// The quotation's header with the lines of `revision` (default the current one), and every
// revision's totals. Errors: not_found; validation "revision" when it has no such revision.
Result<boost::json::object> quotation_json(storage::Connection& c, std::int64_t company, std::int64_t quotation,
                                           std::optional<std::int64_t> revision);

// POST /api/v1/quotations, GET|PUT …/{id}/lines, POST …/{id}/send|accept|reject|revise|to-order.
void add_quotation_routes(http::Router& router, const SalesHttp& kit, const entity::EntitySpec& quotation_spec);

}  // namespace verp::sales
