#include "app/demo_trade.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "modules/finance/ledger.hpp"
#include "modules/inventory/stock_documents.hpp"
#include "modules/purchasing/purchasing.hpp"
#include "modules/sales/sales.hpp"
#include "modules/workflow/approvals.hpp"
#include "platform/base/try.hpp"

namespace verp::app {

using storage::Connection;
using storage::Date;

namespace {

Result<std::optional<std::int64_t>> first_id(Connection& c, const std::string& sql, std::int64_t company) {
  VERP_TRY(auto row, c.query_row(sql, {company}));
  if (!row) return std::optional<std::int64_t>();
  VERP_TRY(auto id, row->int64(0));
  return std::optional<std::int64_t>(id);
}

}  // namespace

Result<std::int64_t> load_demo_trade(Application& app, const entity::EntityStore& store,
                                     const security::Principal& reviewer, std::int64_t company) {
  const Clock& clock = app.context->clock;
  const auto today = Date::from_days(std::chrono::duration_cast<std::chrono::days>(clock.now().time_since_epoch()).count());
  auto on = [&](int day) { return Date{today.year, today.month, std::min(day, today.day)}; };
  security::Principal admin = reviewer;
  admin.company_id = company;
  const finance::Actor actor{admin, {"local", "verp demo"}, clock};
  workflow::ApprovableTypes types;
  types.fill_from(*app.entities);
  const workflow::ApprovalServices approvals{store, types, clock};
  const purchasing::Orders orders{store, *app.entities->find("purchase_order")};
  return app.database->write([&](Connection& c) -> Result<std::int64_t> {
    VERP_TRY(auto any, c.query_row("SELECT 1 FROM purchase_orders WHERE company_id = $1 LIMIT 1", {company}));
    if (any) return std::int64_t{0};
    VERP_TRY(auto supplier, first_id(c, "SELECT id FROM suppliers WHERE company_id = $1 ORDER BY id LIMIT 1", company));
    VERP_TRY(auto item, first_id(c, "SELECT id FROM items WHERE company_id = $1 AND item_type IN ('merchandise', "
                                    "'finished') AND lot_tracked = false ORDER BY id LIMIT 1",
                                 company));
    VERP_TRY(auto warehouse, first_id(c, "SELECT id FROM warehouses WHERE company_id = $1 AND kind IN ('finished', "
                                         "'general') ORDER BY id LIMIT 1",
                                      company));
    VERP_TRY(auto cogs, first_id(c, "SELECT id FROM accounts WHERE company_id = $1 AND code = '6401'", company));
    if (!supplier || !item || !warehouse || !cogs) return std::int64_t{0};
    VERP_TRY(auto period, finance::period_of(c, company, on(2)));
    if (!period) return std::int64_t{0};

    purchasing::OrderInput order{.header = {{"supplier_id", *supplier},
                                            {"order_date", on(2).to_string()},
                                            {"expected_date", on(2).to_string()},
                                            {"warehouse_id", *warehouse},
                                            {"terms", "货到验收合格后 30 天内付款"}}};
    order.lines.push_back({.item_id = *item, .quantity = "2000", .price = "100.00", .tax_rate = "0.13"});
    VERP_TRY(auto id, purchasing::create_order(c, orders, actor, order));
    VERP_CHECK(workflow::submit(c, approvals, admin, "purchase_order", id, "", actor.caller));
    purchasing::ReceiptInput receipt{.date = on(2)};
    receipt.lines.push_back({.line_no = 1, .quantity = "2000"});
    VERP_TRY(auto received, purchasing::receive_goods(c, orders, actor, id, receipt));
    purchasing::SupplierInvoiceInput invoice{.number = "44030001", .date = on(2)};
    invoice.lines.push_back({.line_no = 1, .quantity = "2000"});
    VERP_CHECK(purchasing::invoice_order(c, orders, actor, id, invoice));
    // Half of it is sold to a customer whose credit allows it: ordered, reserved, shipped and invoiced.
    VERP_TRY(auto customer, first_id(c, "SELECT id FROM customers WHERE company_id = $1 AND status = 'active' AND "
                                        "(credit_limit = 0 OR credit_limit >= 200000) ORDER BY id LIMIT 1",
                                     company));
    if (customer) {
      const sales::Orders sales_orders{store, *app.entities->find("sales_order")};
      sales::OrderInput sale{.header = {{"customer_id", *customer},
                                        {"order_date", on(4).to_string()},
                                        {"delivery_date", on(5).to_string()},
                                        {"warehouse_id", *warehouse},
                                        {"ship_to", "客户仓库（收货人：李经理）"}}};
      sale.lines.push_back({.item_id = *item, .quantity = "1000", .price = "150.00", .tax_rate = "0.13"});
      VERP_TRY(auto sold, sales::create_order(c, sales_orders, actor, sale));
      VERP_CHECK(workflow::submit(c, approvals, admin, "sales_order", sold, "", actor.caller));
      sales::DeliveryInput delivery{.date = on(5), .carrier = "顺丰速运"};
      delivery.lines.push_back({.order_id = sold, .line_no = 1, .quantity = "1000"});
      VERP_TRY(auto note, sales::create_delivery(c, sales_orders, actor, delivery));
      VERP_CHECK(sales::ship_delivery(c, sales_orders, actor, note, {.tracking_number = "SF1000000001"}));
      sales::SalesInvoiceInput billed{.customer_id = *customer, .date = on(5), .delivery_ids = {note}};
      VERP_CHECK(sales::invoice_sales(c, sales_orders, actor, billed));
    }
    (void)received;

    // The accountant's review and posting of what the documents wrote.
    VERP_TRY(auto drafts, c.query("SELECT id FROM vouchers WHERE company_id = $1 AND state = 'draft' AND source_type "
                                  "IS NOT NULL ORDER BY id",
                                  {company}));
    security::Principal accountant = admin;
    VERP_TRY(auto zhang, c.query_row("SELECT id FROM users WHERE user_name = 'kuaiji.zhang'", {}));
    if (zhang) {
      VERP_TRY(accountant.user_id, zhang->int64(0));
    }
    const finance::Actor as_accountant{accountant, {"local", "verp demo"}, clock};
    for (const auto& row : drafts) {
      VERP_TRY(auto voucher, row.int64(0));
      VERP_CHECK(finance::act_on_voucher(c, as_accountant, voucher, finance::VoucherAction::review));
      VERP_CHECK(finance::act_on_voucher(c, as_accountant, voucher, finance::VoucherAction::post));
    }
    return std::int64_t{customer ? 6 : 3};
  });
}

}  // namespace verp::app
