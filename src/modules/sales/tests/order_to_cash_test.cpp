// Order to cash at 深圳优品贸易: 张 sells speakers and milk to 华南电子, the order is confirmed and
// reserves stock, 王 picks and ships it in two deliveries (the second is the back order), 周
// invoices each delivery and registers the money, 李 posts the vouchers; stock, cost of sales,
// revenue, VAT and the receivable agree at every step.
#include <atomic>
#include <thread>

#include "modules/sales/tests/sales_story.hpp"

namespace verp::testing {
namespace {

class OrderToCash : public SalesStory {};

std::vector<std::string> events_of(const Reply& timeline) {
  std::vector<std::string> events;
  for (const auto& entry : timeline.json.at("items").as_array()) events.emplace_back(entry.at("event").as_string());
  return events;
}

bool has_in_order(const std::vector<std::string>& events, const std::vector<std::string>& wanted) {
  std::size_t next = 0;
  for (const auto& event : events) {
    if (next < wanted.size() && event == wanted[next]) ++next;
  }
  return next == wanted.size();
}

TEST_P(OrderToCash, AnOrderIsReservedShippedInTwoDeliveriesInvoicedAndPaid) {
  auto placed = order(array{sale_line(item, "60", "25", object{{"discount", "0.1"}}),
                            sale_line(milk, "2", "120", object{{"uom_id", box}})});
  ASSERT_EQ(placed.status, 201) << placed.body;
  const auto id = placed.number("id");
  EXPECT_EQ(placed.text("code"), "SO-202603-0001");
  EXPECT_EQ(placed.text("status"), "draft");
  EXPECT_EQ(placed.text("total"), "1796.70") << "1,350.00 + 240.00 and 13 % of each";
  EXPECT_EQ(placed.json.at("lines").at(1).at("stock_quantity").as_string(), "48") << "a box is 24";
  // A draft reserves nothing and cannot be shipped.
  EXPECT_EQ(position(item, shenzhen), "100/100");
  EXPECT_EQ(deliver(array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "1"}}}).status, 400);

  // Confirmed within the credit limit (none set): ordered at once, both lines reserved.
  ASSERT_EQ(confirm(id).status, 201);
  auto view = order_view(id);
  EXPECT_EQ(view.at("status").as_string(), "ordered");
  EXPECT_EQ(line_of(view, 1, "reserved"), "60");
  EXPECT_EQ(line_of(view, 2, "reserved"), "2") << "in boxes, as ordered";
  EXPECT_EQ(line_of(view, 1, "shortfall"), "0");
  EXPECT_EQ(position(item, shenzhen), "100/40");
  EXPECT_EQ(position(milk, shenzhen), "72/24");
  // A confirmed order is not edited behind the customer's back.
  EXPECT_EQ(app->call("PATCH", id_path("/api/v1/sales-orders", id), R"({"version":4,"notes":"改"})", &zhang).status, 409);

  // First delivery: 40 speakers and the milk. Picking makes the order 备货中.
  auto note = deliver(array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "40"}},
                            object{{"order_id", id}, {"line_no", 2}, {"quantity", "2"}}});
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(note.text("number"), "DN-202603-0001");
  EXPECT_EQ(note.text("ship_to"), "深圳市南山区科技园 8 号");
  EXPECT_EQ(status_of(id), "preparing");
  auto pick = app->call("GET", id_path("/api/v1/deliveries", note.number("id"), "pick-list") + "?format=csv", "", &wang);
  EXPECT_EQ(pick.status, 200);
  EXPECT_NE(pick.body.find("L-1"), std::string::npos) << "the milk is picked from its lot: " << pick.body;
  auto sent = ship(note.number("id"));
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.text("state"), "shipped");
  EXPECT_EQ(sent.text("tracking_number"), "SF1234567890");
  EXPECT_EQ(sent.text("value"), "592.00") << "40 × 10.00 + 48 × 4.00 at moving average";
  view = order_view(id);
  EXPECT_EQ(view.at("status").as_string(), "partly_shipped");
  EXPECT_EQ(line_of(view, 1, "shipped"), "40");
  EXPECT_EQ(line_of(view, 1, "backorder"), "20");
  EXPECT_EQ(line_of(view, 1, "reserved"), "20") << "the back order keeps its reservation";
  EXPECT_EQ(position(item, shenzhen), "60/40");
  EXPECT_EQ(position(milk, shenzhen), "24/24");
  EXPECT_EQ(cost(item), "60 @ 600.00");

  // The first delivery is invoiced: 900.00 of the speakers' 1,350.00 and the milk.
  auto billed = invoice(object{{"delivery_ids", array{sent.json.at("id")}}});
  ASSERT_EQ(billed.status, 201) << billed.body;
  auto first = app->call("GET", std::string(billed.headers.get("Location")), "", &zhou);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.text("total"), "1288.20") << "1,140.00 + 117.00 + 31.20 VAT";
  EXPECT_EQ(invoice(object{{"delivery_ids", array{sent.json.at("id")}}}).status, 400) << "a delivery is invoiced once";
  EXPECT_TRUE(app->call("GET", id_path("/api/v1/deliveries", sent.number("id")), "", &wang).json.at("invoiced").as_bool());

  // The back order ships; the rest is invoiced by line and takes what is left of the amount.
  auto rest = shipped(array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "20"}}});
  EXPECT_EQ(rest.at("value").as_string(), "200.00");
  EXPECT_EQ(status_of(id), "shipped");
  auto second = invoice(object{{"lines", array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "20"}}}}});
  ASSERT_EQ(second.status, 201) << second.body;
  auto last = app->call("GET", std::string(second.headers.get("Location")), "", &zhou);
  EXPECT_EQ(last.text("total"), "508.50") << "450.00 and 58.50 VAT";
  view = order_view(id);
  EXPECT_EQ(view.at("status").as_string(), "completed");
  EXPECT_EQ(view.at("invoiced_total").as_string(), "1796.70");
  EXPECT_EQ(view.at("cost_of_sales").as_string(), "792.00");
  EXPECT_EQ(position(item, shenzhen), "40/40");

  // The money comes in; the accountants post everything and allocate it.
  auto paid = app->call("POST", "/api/v1/customer-receipts",
                        serialize(object{{"customer_id", customer}, {"date", "2026-03-20"}, {"amount", "1796.70"}}), &zhou);
  ASSERT_EQ(paid.status, 201) << paid.body;
  post_voucher(sent.json.at("voucher_id").as_int64());
  post_voucher(rest.at("voucher_id").as_int64());
  post_voucher(first.json.at("voucher_id").as_int64());
  post_voucher(last.json.at("voucher_id").as_int64());
  post_voucher(paid.number("id"));
  auto settled = app->call("POST", "/api/v1/finance/allocations/auto",
                           serialize(object{{"account", "1122"}, {"partner_id", customer}}), &zhou);
  ASSERT_EQ(settled.status, 200) << settled.body;
  const object march = trial_balance("2026-03", "2026-03");
  EXPECT_EQ(row_of(march, "6001"), "0.00/0.00 | 0.00 | 1590.00 | 0.00/1590.00");
  EXPECT_EQ(row_of(march, "22210102"), "0.00/0.00 | 0.00 | 206.70 | 0.00/206.70");
  EXPECT_EQ(row_of(march, "6401"), "0.00/0.00 | 792.00 | 0.00 | 792.00/0.00");
  EXPECT_EQ(row_of(march, "1122"), "0.00/0.00 | 1796.70 | 1796.70 | 0.00/0.00");
  view = order_view(id);
  EXPECT_EQ(view.at("collected").as_string(), "1796.70");
  EXPECT_EQ(view.at("open_amount").as_string(), "0.00");

  auto timeline = app->call("GET", id_path("/api/v1/sales-orders", id, "timeline"), "", &zhang);
  ASSERT_EQ(timeline.status, 200) << timeline.body;
  EXPECT_TRUE(has_in_order(events_of(timeline), {"create", "submit", "approve", "picking", "shipped", "invoiced",
                                                 "shipped", "invoiced", "paid"}))
      << timeline.body;
  EXPECT_TRUE(problems_of_sales().empty()) << json_text(boost::json::value_from(problems_of_sales()));
}

TEST_P(OrderToCash, AnOrderOverTheCreditLimitWaitsForTheCreditManager) {
  auto limited = app->call("PATCH", id_path("/api/v1/customers", customer), R"({"version":1,"credit_limit":"1000.00"})",
                           &admin);
  ASSERT_EQ(limited.status, 200) << limited.body;
  const auto id = usual_order();
  auto credit = app->call("GET", "/api/v1/sales/credit?customer_id=" + std::to_string(customer) + "&order_id=" +
                                     std::to_string(id),
                          "", &zhang);
  ASSERT_EQ(credit.status, 200) << credit.body;
  EXPECT_EQ(credit.text("exposure"), "1796.70");
  EXPECT_EQ(credit.text("available"), "-796.70");
  EXPECT_TRUE(credit.json.at("over_limit").as_bool());
  // Over the limit with no rule to send it to anyone: refused, nothing reserved.
  auto refused = confirm(id);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_TRUE(names_field(refused, "customer_id", "credit_blocked")) << refused.body;
  EXPECT_EQ(status_of(id), "draft");
  EXPECT_EQ(position(item, shenzhen), "100/100");

  // The company sends credit-blocked orders to its sales manager.
  ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"sales_manager","name":"销售经理","from_template":"sales"})", &admin)
                .status,
            201);
  Client manager = app->user_with_roles(admin, "xiaoshou.liu", {"sales_manager"});
  auto rule = app->call("POST", "/api/v1/approval-rules",
                        R"({"name":"信用审批","document_type":"sales_order","priority":10,
                            "conditions":[{"field":"credit_blocked","op":"eq","value":true}],
                            "steps":[{"name":"销售经理审批","approvers":[{"type":"role","role":"sales_manager"}]}]})",
                        &admin);
  ASSERT_EQ(rule.status, 201) << rule.body;
  auto submitted = confirm(id);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  EXPECT_EQ(status_of(id), "pending");
  EXPECT_EQ(position(item, shenzhen), "100/100") << "nothing is reserved before the approval";
  auto inbox = app->call("GET", "/api/v1/approvals?box=pending", "", &manager);
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  ASSERT_EQ(inbox.json.at("items").as_array().size(), 1u) << inbox.body;
  const auto flow = inbox.json.at("items").at(0).at("id").as_int64();
  auto approved = app->call("POST", id_path("/api/v1/approvals", flow, "approve"), R"({"comment":"老客户，同意"})", &manager);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(status_of(id), "ordered");
  EXPECT_EQ(position(item, shenzhen), "100/40");

  // A small order within the limit is not, but an overdue invoice blocks the customer too.
  auto small = order(array{sale_line(item, "1", "25")});
  ASSERT_EQ(small.status, 201);
  auto facts = app->call("GET", "/api/v1/sales/credit?customer_id=" + std::to_string(customer), "", &zhang);
  EXPECT_EQ(facts.text("open_orders"), "1796.70") << "the confirmed order counts against the limit";
}

TEST_P(OrderToCash, AnOverdueInvoiceBlocksTheCustomerUntilItIsPaid) {
  const auto id = order(array{sale_line(item, "10", "25")}).number("id");
  ASSERT_EQ(confirm(id).status, 201);
  auto sent = shipped(array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "10"}}});
  auto billed = invoice(object{{"delivery_ids", array{sent.at("id")}}, {"due_date", "2026-04-12"}});
  ASSERT_EQ(billed.status, 201) << billed.body;
  auto receivable = app->call("GET", std::string(billed.headers.get("Location")), "", &zhou);
  post_voucher(receivable.json.at("voucher_id").as_int64());
  // The clock is past April: the invoice is overdue, and the next order waits for a person.
  const std::string credit_path = "/api/v1/sales/credit?customer_id=" + std::to_string(customer);
  auto credit = app->call("GET", credit_path, "", &zhang);
  EXPECT_TRUE(credit.json.at("overdue").as_bool()) << credit.body;
  EXPECT_EQ(credit.text("overdue_amount"), "282.50");
  const auto next = order(array{sale_line(item, "1", "25")}).number("id");
  EXPECT_TRUE(names_field(confirm(next), "customer_id", "credit_blocked"));
  EXPECT_EQ(status_of(next), "draft");
  // Paid and allocated, the customer is in good standing again.
  auto paid = app->call("POST", "/api/v1/customer-receipts",
                        serialize(object{{"customer_id", customer}, {"date", "2026-04-20"}, {"amount", "282.50"}}), &zhou);
  ASSERT_EQ(paid.status, 201) << paid.body;
  post_voucher(paid.number("id"));
  ASSERT_EQ(app->call("POST", "/api/v1/finance/allocations/auto",
                      serialize(object{{"account", "1122"}, {"partner_id", customer}}), &zhou)
                .status,
            200);
  EXPECT_FALSE(app->call("GET", credit_path, "", &zhang).json.at("overdue").as_bool());
  ASSERT_EQ(confirm(next).status, 201);
  EXPECT_EQ(status_of(next), "ordered");
}

TEST_P(OrderToCash, WhenTheCompanyInvoicesFromOrdersAnOrderIsBilledBeforeItShips) {
  auto wrong = app->call("PUT", "/api/v1/sales/settings", R"({"invoice_basis":"payment"})", &admin);
  EXPECT_TRUE(names_field(wrong, "invoice_basis", "invalid")) << wrong.body;
  ASSERT_EQ(app->call("PUT", "/api/v1/sales/settings", R"({"invoice_basis":"order"})", &admin).status, 200);
  const auto id = order(array{sale_line(item, "10", "25")}).number("id");
  ASSERT_EQ(confirm(id).status, 201);
  auto billed = invoice(object{{"lines", array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "10"}}}}});
  ASSERT_EQ(billed.status, 201) << billed.body;
  auto view = order_view(id);
  EXPECT_EQ(view.at("status").as_string(), "ordered") << "billed, not yet shipped";
  EXPECT_EQ(line_of(view, 1, "invoiced"), "10");
  shipped(array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "10"}}});
  EXPECT_EQ(status_of(id), "completed");
  EXPECT_TRUE(problems_of_sales().empty()) << json_text(boost::json::value_from(problems_of_sales()));
}

TEST_P(OrderToCash, OneDeliveryNoteShipsTwoOrdersAndAPrepaymentSettlesPartOfTheirInvoice) {
  // 华南电子 pays 500.00 in advance: it is owed back until invoiced, so its exposure is negative.
  auto advance = app->call("POST", "/api/v1/customer-receipts",
                           serialize(object{{"customer_id", customer}, {"date", "2026-03-05"}, {"amount", "500.00"},
                                            {"note", "预收货款"}}),
                           &zhou);
  ASSERT_EQ(advance.status, 201) << advance.body;
  post_voucher(advance.number("id"));
  auto credit = app->call("GET", "/api/v1/sales/credit?customer_id=" + std::to_string(customer), "", &zhang);
  EXPECT_EQ(credit.text("receivables"), "-500.00");
  const auto first = order(array{sale_line(item, "10", "25")}).number("id");
  const auto second = order(array{sale_line(item, "6", "25")}).number("id");
  const auto other_customer = created("customers", object{{"code", "C-002"}, {"name", "华东商贸"}});
  const auto theirs = order(array{sale_line(item, "1", "25")}, object{{"customer_id", other_customer}}).number("id");
  for (auto id : {first, second, theirs}) ASSERT_EQ(confirm(id).status, 201);
  // One note goes to one customer.
  auto mixed = deliver(array{object{{"order_id", first}, {"line_no", 1}, {"quantity", "10"}},
                             object{{"order_id", theirs}, {"line_no", 1}, {"quantity", "1"}}});
  EXPECT_TRUE(names_field(mixed, "lines[1].order_id", "other_customer")) << mixed.body;
  auto both = shipped(array{object{{"order_id", first}, {"line_no", 1}, {"quantity", "10"}},
                            object{{"order_id", second}, {"line_no", 1}, {"quantity", "6"}}});
  EXPECT_EQ(both.at("lines").as_array().size(), 2u);
  EXPECT_EQ(status_of(first), "shipped");
  EXPECT_EQ(status_of(second), "shipped");
  auto billed = invoice(object{{"delivery_ids", array{both.at("id")}}});
  ASSERT_EQ(billed.status, 201) << billed.body;
  auto receivable = app->call("GET", std::string(billed.headers.get("Location")), "", &zhou);
  EXPECT_EQ(receivable.text("total"), "452.00") << "16 × 25.00 and 13 %";
  EXPECT_EQ(status_of(first), "completed");
  EXPECT_EQ(status_of(second), "completed");
  post_voucher(receivable.json.at("voucher_id").as_int64());
  ASSERT_EQ(app->call("POST", "/api/v1/finance/allocations/auto",
                      serialize(object{{"account", "1122"}, {"partner_id", customer}}), &zhou)
                .status,
            200);
  credit = app->call("GET", "/api/v1/sales/credit?customer_id=" + std::to_string(customer), "", &zhang);
  EXPECT_EQ(credit.text("receivables"), "-48.00") << "the advance covers the invoice, 48.00 is still to its credit";
  EXPECT_EQ(order_view(first).at("open_amount").as_string(), "0.00");
  EXPECT_TRUE(problems_of_sales().empty()) << json_text(boost::json::value_from(problems_of_sales()));
}

TEST_P(OrderToCash, CancellingAfterAPartialShipmentReleasesTheRestAndTheOrderCompletesOnItsInvoice) {
  const auto id = usual_order();
  ASSERT_EQ(confirm(id).status, 201);
  shipped(array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "40"}}});
  EXPECT_EQ(position(item, shenzhen), "60/40");
  // Without a reason nothing happens; with one, what was not shipped is cancelled.
  auto bare = app->call("POST", id_path("/api/v1/sales-orders", id, "cancel"), R"({"reason":" "})", &zhang);
  EXPECT_TRUE(names_field(bare, "reason", "required")) << bare.body;
  auto cancelled = app->call("POST", id_path("/api/v1/sales-orders", id, "cancel"), R"({"reason":"客户取消余量"})", &zhang);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.text("status"), "shipped");
  auto view = order_view(id);
  EXPECT_EQ(line_of(view, 1, "cancelled"), "20");
  EXPECT_EQ(line_of(view, 2, "cancelled"), "2");
  EXPECT_EQ(line_of(view, 1, "reserved"), "0");
  EXPECT_EQ(position(item, shenzhen), "60/60") << "the reservation is given back";
  EXPECT_EQ(position(milk, shenzhen), "72/72");
  EXPECT_EQ(deliver(array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "1"}}}).status, 400);
  auto billed = invoice(object{{"lines", array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "40"}}}}});
  ASSERT_EQ(billed.status, 201) << billed.body;
  EXPECT_EQ(status_of(id), "completed");
  auto audit = app->call("GET", "/api/v1/audit-log?action=sales_order.cancel", "", &admin);
  EXPECT_NE(audit.body.find("客户取消余量"), std::string::npos) << audit.body;
  EXPECT_TRUE(problems_of_sales().empty()) << json_text(boost::json::value_from(problems_of_sales()));
}

TEST_P(OrderToCash, AReturnComesBackAtItsCostWithACreditNoteAndARefund) {
  auto placed = order(array{sale_line(item, "10", "25")});
  const auto id = placed.number("id");
  ASSERT_EQ(confirm(id).status, 201);
  auto sent = shipped(array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "10"}}});
  ASSERT_EQ(invoice(object{{"delivery_ids", array{sent.at("id")}}}).status, 201);
  EXPECT_EQ(status_of(id), "completed");
  // More than was shipped cannot come back.
  auto too_many = app->call("POST", id_path("/api/v1/sales-orders", id, "returns"),
                            serialize(object{{"date", "2026-03-18"}, {"warehouse_id", shenzhen}, {"reason", "质量问题"},
                                             {"lines", array{object{{"line_no", 1}, {"quantity", "11"}}}}}),
                            &zhang);
  EXPECT_TRUE(names_field(too_many, "lines[0].quantity", "exceeds_shipped")) << too_many.body;
  auto back = app->call("POST", id_path("/api/v1/sales-orders", id, "returns"),
                        serialize(object{{"date", "2026-03-18"}, {"warehouse_id", shenzhen}, {"reason", "质量问题"},
                                         {"refund", true}, {"lines", array{object{{"line_no", 1}, {"quantity", "4"}}}}}),
                        &zhang);
  ASSERT_EQ(back.status, 201) << back.body;
  auto view = order_view(id);
  EXPECT_EQ(line_of(view, 1, "returned"), "4");
  EXPECT_EQ(line_of(view, 1, "invoiced"), "6") << "the credit note takes back four";
  EXPECT_EQ(view.at("invoiced_total").as_string(), "169.50") << "282.50 − 113.00";
  EXPECT_EQ(view.at("cost_of_sales").as_string(), "60.00") << "the four came back at 10.00 each";
  EXPECT_EQ(position(item, shenzhen), "94/94");
  EXPECT_EQ(cost(item), "94 @ 940.00");
  const auto& returned = view.at("deliveries").as_array().back().as_object();
  EXPECT_EQ(returned.at("kind").as_string(), "return");
  auto document = app->call("GET", id_path("/api/v1/deliveries", returned.at("id").as_int64()), "", &wang);
  ASSERT_EQ(document.status, 200) << document.body;
  EXPECT_FALSE(document.json.at("credit_note_id").is_null());
  EXPECT_FALSE(document.json.at("refund_voucher_id").is_null());
  auto note = app->call("GET", id_path("/api/v1/invoices", document.json.at("credit_note_id").as_int64()), "", &zhou);
  EXPECT_EQ(note.text("total"), "-113.00");
  EXPECT_TRUE(problems_of_sales().empty()) << json_text(boost::json::value_from(problems_of_sales()));
}

TEST_P(OrderToCash, OfOrdersRacingForTheLastUnitsExactlyOneGetsThem) {
  // 20 on hand in 广州仓; six salespeople confirm an order for all 20 at the same moment.
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-01"}, {"warehouse_id", guangzhou},
                         {"lines", array{stock_line(item, "20", object{{"unit_cost", "10"}})}}});
  constexpr int kOrders = 6;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kOrders; ++i) {
    auto placed = order(array{sale_line(item, "20", "25")}, object{{"warehouse_id", guangzhou}});
    ASSERT_EQ(placed.status, 201) << placed.body;
    ids.push_back(placed.number("id"));
  }
  std::atomic<int> confirmed{0}, other{0};
  std::vector<std::thread> sellers;
  for (std::int64_t id : ids) {
    sellers.emplace_back([&, id] {
      auto reply = confirm(id);
      if (reply.status == 201) ++confirmed;
      else ++other;
    });
  }
  for (auto& seller : sellers) seller.join();
  EXPECT_EQ(confirmed.load(), kOrders) << "every order is confirmed; only stock decides who gets it";
  EXPECT_EQ(other.load(), 0);
  int reserved = 0, short_by_all = 0;
  for (std::int64_t id : ids) {
    auto view = order_view(id);
    if (line_of(view, 1, "reserved") == "20") ++reserved;
    if (line_of(view, 1, "shortfall") == "20") ++short_by_all;
  }
  EXPECT_EQ(reserved, 1);
  EXPECT_EQ(short_by_all, kOrders - 1);
  EXPECT_EQ(position(item, guangzhou), "20/0");
  // A loser cannot ship what the winner holds.
  std::int64_t loser = 0;
  for (std::int64_t id : ids) {
    if (line_of(order_view(id), 1, "reserved") == "0") loser = id;
  }
  auto note = deliver(array{object{{"order_id", loser}, {"line_no", 1}, {"quantity", "20"}}});
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(ship(note.number("id")).status, 409);
  EXPECT_EQ(position(item, guangzhou), "20/0");
  // Its shortfall becomes a purchase requisition, once.
  auto wanted = app->call("POST", id_path("/api/v1/sales-orders", loser, "requisitions"), "", &admin);
  ASSERT_EQ(wanted.status, 201) << wanted.body;
  EXPECT_EQ(wanted.json.at("created").as_int64(), 1);
  EXPECT_EQ(app->call("POST", id_path("/api/v1/sales-orders", loser, "requisitions"), "", &admin).json.at("created").as_int64(), 0);
  EXPECT_TRUE(problems_of_sales().empty()) << json_text(boost::json::value_from(problems_of_sales()));
}

TEST_P(OrderToCash, BadInputIsNamedAndChangesNothing) {
  auto wrong = order(array{sale_line(item, "0", "25"), sale_line(item, "1", "25", object{{"uom_id", box}}),
                           sale_line(item, "1", "-1"), sale_line(item, "1", "25", object{{"discount", "1.5"}}),
                           object{{"item", "NO-SUCH-CODE"}, {"quantity", "1"}, {"price", "1"}}});
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_TRUE(names_field(wrong, "lines[0].quantity"));
  EXPECT_TRUE(names_field(wrong, "lines[1].uom_id", "no_conversion"));
  EXPECT_TRUE(names_field(wrong, "lines[2].price"));
  EXPECT_TRUE(names_field(wrong, "lines[3].discount"));
  EXPECT_TRUE(names_field(wrong, "lines[4].item", "unknown"));
  auto no_customer = app->call("POST", "/api/v1/sales-orders",
                               serialize(object{{"order_date", "2026-03-10"}, {"warehouse_id", shenzhen},
                                                {"lines", array{sale_line(item, "1", "25")}}}),
                               &zhang);
  EXPECT_TRUE(names_field(no_customer, "customer_id", "required")) << no_customer.body;
  EXPECT_EQ(count("sales_orders"), 0);
  const auto id = usual_order();
  ASSERT_EQ(confirm(id).status, 201);
  auto over = deliver(array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "61"}},
                            object{{"order_id", id}, {"line_no", 7}, {"quantity", "1"}}});
  ASSERT_EQ(over.status, 400) << over.body;
  EXPECT_TRUE(names_field(over, "lines[0].quantity", "exceeds_open"));
  EXPECT_TRUE(names_field(over, "lines[1].line_no", "unknown"));
  EXPECT_EQ(count("sales_deliveries"), 0);
  auto early = invoice(object{{"lines", array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "1"}}}}});
  EXPECT_TRUE(names_field(early, "lines[0].quantity", "exceeds_invoiceable")) << "nothing shipped yet: " << early.body;
  EXPECT_EQ(count("finance_invoices"), 0);
  EXPECT_EQ(position(item, shenzhen), "100/40");
}

TEST_P(OrderToCash, AnotherCompanySeesAndShipsNoneOfOurOrders) {
  const auto id = usual_order();
  ASSERT_EQ(confirm(id).status, 201);
  auto note = deliver(array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "1"}}});
  ASSERT_EQ(note.status, 201);
  Client founder = app->admin_of_new_company(admin, "BJ", "北京分公司");
  for (const char* role : {R"({"code":"seller","name":"销售员","from_template":"sales"})",
                           R"({"code":"keeper","name":"仓管","from_template":"warehouse"})",
                           R"({"code":"accountant","name":"会计","from_template":"finance"})"}) {
    ASSERT_EQ(app->call("POST", "/api/v1/roles", role, &founder).status, 201);
  }
  Client other = app->user_with_roles(founder, "bj.sales", {"seller", "keeper", "accountant"});
  EXPECT_EQ(app->call("GET", id_path("/api/v1/sales-orders", id), "", &other).status, 404);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/sales-orders", id, "lines"), "", &other).status, 404);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/sales-orders", id, "timeline"), "", &other).status, 404);
  EXPECT_EQ(app->call("POST", id_path("/api/v1/sales-orders", id, "cancel"), R"({"reason":"x"})", &other).status, 404);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/deliveries", note.number("id")), "", &other).status, 404);
  EXPECT_EQ(app->call("POST", id_path("/api/v1/deliveries", note.number("id"), "ship"), "{}", &other).status, 404);
  auto foreign = app->call("POST", "/api/v1/deliveries",
                           serialize(object{{"date", "2026-03-12"},
                                            {"lines", array{object{{"order_id", id}, {"line_no", 1}, {"quantity", "1"}}}}}),
                           &other);
  EXPECT_TRUE(names_field(foreign, "lines[0].order_id", "unknown")) << foreign.body;
  auto listed = app->call("GET", "/api/v1/deliveries", "", &other);
  EXPECT_EQ(listed.json.at("items").as_array().size(), 0u);
  EXPECT_EQ(app->call("GET", "/api/v1/sales/credit?customer_id=" + std::to_string(customer), "", &other).status, 404);
  EXPECT_EQ(count("stock_moves"), 2) << "only the opening receipt's two lines";
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderToCash, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
