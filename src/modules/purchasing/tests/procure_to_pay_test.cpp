// Procure to pay at 深圳优品贸易: 陈 the buyer orders speakers and milk from 东莞五金, the order is
// approved, 王 receives it in two deliveries (rejecting damaged goods into quarantine and sending
// them back), 周 enters the supplier's invoice, which must match order and receipts, and pays it;
// stock, its moving-average value, the vouchers and the payable agree at every step.
#include "modules/purchasing/tests/purchase_story.hpp"

namespace verp::testing {
namespace {

class ProcureToPay : public PurchaseStory {};

TEST_P(ProcureToPay, AnOrderGoesFromApprovalThroughTwoDeliveriesAReturnAndAMatchedInvoiceToPayment) {
  auto placed = order();
  ASSERT_EQ(placed.status, 201) << placed.body;
  const auto id = placed.number("id");
  EXPECT_EQ(placed.text("code"), "PO-202603-0001");
  EXPECT_EQ(placed.text("total"), "1238.48") << "1,000.00 + 96.00 and 13 % of each";
  EXPECT_EQ(placed.json.at("lines").at(1).at("stock_quantity").as_string(), "48") << "a box is 24";
  // Nothing can be received before approval; with no rule for the amount it is approved at once.
  EXPECT_EQ(receive(id, array{object{{"line_no", 1}, {"quantity", "1"}}}).status, 409);
  ASSERT_EQ(submit(id).status, 201);
  EXPECT_EQ(status_of(id), "approved");
  // An approved order is not edited behind the approvers' backs.
  EXPECT_EQ(app->call("PATCH", id_path("/api/v1/purchase-orders", id), R"({"version":3,"terms":"改"})", &chen).status, 409);

  // First delivery: 60 speakers and the milk, lot L-9.
  auto first = receive(id, array{object{{"line_no", 1}, {"quantity", "60"}},
                                 object{{"line_no", 2}, {"quantity", "2"}, {"lot_number", "L-9"},
                                        {"produced_on", "2026-03-01"}}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.text("status"), "partly_received");
  EXPECT_EQ(cost(item), "60 @ 600.00");
  EXPECT_EQ(cost(milk), "48 @ 96.00");
  // Second delivery: 45 more speakers, of which 5 are damaged and go to quarantine. The line is
  // complete and takes what is left of its amount.
  auto second = receive(id, array{object{{"line_no", 1}, {"quantity", "45"}, {"rejected", "5"},
                                         {"reject_reason", "外箱破损"}}},
                        object{{"quarantine_warehouse_id", quarantine}});
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.text("status"), "received");
  EXPECT_EQ(position(item, shenzhen), "100/100");
  EXPECT_EQ(position(item, quarantine), "5/5");
  EXPECT_EQ(cost(item), "105 @ 1050.00");
  // The damaged five go back to the supplier.
  auto returned = app->call("POST", id_path("/api/v1/purchase-orders", id, "returns"),
                            serialize(object{{"date", "2026-03-06"}, {"warehouse_id", quarantine}, {"reason", "质量不合格退货"},
                                             {"lines", array{object{{"line_no", 1}, {"quantity", "5"}}}}}),
                            &wang);
  ASSERT_EQ(returned.status, 201) << returned.body;
  EXPECT_EQ(position(item, quarantine), "0/0");
  EXPECT_EQ(cost(item), "100 @ 1000.00");
  EXPECT_EQ(returned.text("status"), "received") << "rejected goods going back leave the received quantity";

  // The invoice must match: 101 speakers or a price of 10.60 are refused, and nothing is written.
  auto too_many = invoice(id, array{object{{"line_no", 1}, {"quantity", "101"}}});
  EXPECT_TRUE(names_field(too_many, "lines[0].quantity", "exceeds_received")) << too_many.body;
  auto dearer = invoice(id, array{object{{"line_no", 1}, {"quantity", "100"}, {"price", "10.60"}}});
  EXPECT_TRUE(names_field(dearer, "lines[0].price", "price_mismatch")) << dearer.body;
  EXPECT_EQ(count("finance_invoices"), 0);
  auto billed = invoice(id, array{object{{"line_no", 1}, {"quantity", "100"}}, object{{"line_no", 2}, {"quantity", "2"}}});
  ASSERT_EQ(billed.status, 201) << billed.body;
  EXPECT_EQ(billed.text("status"), "invoiced");
  auto payable = app->call("GET", std::string(billed.headers.get("Location")), "", &zhou);
  ASSERT_EQ(payable.status, 200) << payable.body;
  EXPECT_EQ(payable.text("total"), "1238.48");
  EXPECT_EQ(invoice(id, array{object{{"line_no", 1}, {"quantity", "1"}}}, "44031235").status, 409)
      << "an invoiced order takes no further invoice";

  // Payment, and the accountants post everything: 1402 clears, the payable is settled.
  auto paid = app->call("POST", "/api/v1/supplier-payments",
                        serialize(object{{"supplier_id", supplier}, {"date", "2026-03-20"}, {"amount", "1238.48"}}), &zhou);
  ASSERT_EQ(paid.status, 201) << paid.body;
  auto receipts = app->call("GET", id_path("/api/v1/purchase-orders", id, "receipts"), "", &chen);
  for (const auto& receipt : receipts.json.at("items").as_array()) post_voucher(receipt.at("voucher_id").as_int64());
  post_voucher(payable.json.at("voucher_id").as_int64());
  post_voucher(paid.number("id"));
  const object march = trial_balance("2026-03", "2026-03");
  EXPECT_EQ(row_of(march, "1402"), "0.00/0.00 | 1096.00 | 1096.00 | 0.00/0.00") << "goods in transit clears";
  EXPECT_EQ(row_of(march, "1405"), "0.00/0.00 | 1096.00 | 0.00 | 1096.00/0.00") << "the return in red: 1,146.00 − 50.00";
  auto settled = app->call("POST", "/api/v1/finance/allocations/auto",
                           serialize(object{{"account", "2202"}, {"partner_id", supplier}}), &zhou);
  ASSERT_EQ(settled.status, 200) << settled.body;
  auto open = app->call("GET", "/api/v1/finance/open-items?account=2202&partner_id=" + std::to_string(supplier), "", &zhou);
  EXPECT_EQ(open.json.at("items").as_array().size(), 0u) << open.body;
  EXPECT_TRUE(problems_of_everything().empty()) << json_text(boost::json::value_from(problems_of_everything()));
}

TEST_P(ProcureToPay, ReceiptsBeyondTheToleranceAndBadLinesChangeNothing) {
  const auto id = order().number("id");
  ASSERT_EQ(submit(id).status, 201);
  auto over = receive(id, array{object{{"line_no", 1}, {"quantity", "106"}}});
  EXPECT_EQ(over.status, 409) << over.body;
  EXPECT_TRUE(names_field(over, "lines[0].quantity", "purchasing.over_receipt"));
  // With a 5 % tolerance, 105 may come in; 106 still may not.
  ASSERT_EQ(app->call("PUT", "/api/v1/purchasing/settings",
                      R"({"over_receipt":"0.05","invoice_quantity":"0","invoice_price":"0.01"})", &admin)
                .status,
            200);
  EXPECT_EQ(receive(id, array{object{{"line_no", 1}, {"quantity", "106"}}}).status, 409);
  auto bad = receive(id, array{object{{"line_no", 9}, {"quantity", "1"}},
                               object{{"line_no", 1}, {"quantity", "-3"}},
                               object{{"line_no", 1}, {"quantity", "2"}, {"rejected", "3"}},
                               object{{"line_no", 2}, {"quantity", "1"}}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(names_field(bad, "lines[0].line_no", "unknown"));
  EXPECT_TRUE(names_field(bad, "lines[1].quantity"));
  EXPECT_TRUE(names_field(bad, "lines[2].rejected", "exceeds_arrived"));
  EXPECT_TRUE(names_field(bad, "lines[3].lot_number", "required"));
  EXPECT_EQ(count("stock_moves"), 0);
  EXPECT_EQ(count("goods_receipts"), 0);
  EXPECT_EQ(receive(id, array{object{{"line_no", 1}, {"quantity", "105"}}}).status, 201);
  EXPECT_EQ(cost(item), "105 @ 1050.00") << "the over-received five at the order price";
  // Lines with bad units, prices or quantities are named on entry.
  auto wrong = app->call("POST", "/api/v1/purchase-orders",
                         serialize(object{{"supplier_id", supplier}, {"order_date", "2026-03-02"}, {"warehouse_id", shenzhen},
                                          {"lines", array{object{{"item_id", item}, {"quantity", "0"}, {"price", "1"}, {"tax_rate", "0.13"}},
                                                          object{{"item_id", item}, {"quantity", "1"}, {"uom_id", box}, {"price", "1"}, {"tax_rate", "0.13"}},
                                                          object{{"item_id", item}, {"quantity", "1"}, {"price", "-1"}},
                                                          object{{"item_id", item}, {"quantity", "1.00001"}, {"price", 3}}}}}),
                         &chen);
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_TRUE(names_field(wrong, "lines[0].quantity"));
  EXPECT_TRUE(names_field(wrong, "lines[1].uom_id", "no_conversion"));
  EXPECT_TRUE(names_field(wrong, "lines[2].price"));
  EXPECT_TRUE(names_field(wrong, "lines[2].tax_rate", "required")) << "M-1 has no default rate";
  EXPECT_TRUE(names_field(wrong, "lines[3].price", "not_text"));
  EXPECT_TRUE(problems_of_everything().empty()) << json_text(boost::json::value_from(problems_of_everything()));
}

TEST_P(ProcureToPay, ABlockingBudgetStopsTheOrderAtSubmissionAndARuleSendsLargeOrdersToTheManager) {
  auto budget = app->call("POST", "/api/v1/budgets",
                          R"({"year":2026,"account":"1405","control":"block","annual":"1200.00"})", &zhou);
  ASSERT_EQ(budget.status, 201) << budget.body;
  const auto id = order().number("id");
  auto refused = submit(id);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_TRUE(names_field(refused, "total", "over_budget"));
  EXPECT_EQ(status_of(id), "draft");
  // Fewer speakers fit the budget (300.00 from January to March); the draft's lines can be changed.
  auto version = app->call("GET", id_path("/api/v1/purchase-orders", id), "", &chen).number("version");
  auto changed = app->call("PUT", id_path("/api/v1/purchase-orders", id, "lines"),
                           serialize(object{{"version", version},
                                            {"lines", array{object{{"item_id", item}, {"quantity", "25"}, {"price", "10.00"},
                                                                   {"tax_rate", "0.13"}}}}}),
                           &chen);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.text("total"), "282.50");
  // Orders over 200 go to the purchasing manager, who approves this one.
  ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"buying_manager","name":"采购经理","from_template":"purchasing"})", &admin).status, 201);
  Client zhao = app->user_with_roles(admin, "jingli.zhao", {"buying_manager"});
  auto rule = app->call("POST", "/api/v1/approval-rules",
                        serialize(object{{"name", "采购订单审批"}, {"document_type", "purchase_order"},
                                         {"conditions", array{object{{"field", "total"}, {"op", "gt"}, {"value", "200"}}}},
                                         {"steps", array{object{{"name", "采购经理审批"},
                                                                {"approvers", array{object{{"type", "role"}, {"role", "buying_manager"}}}}}}}}),
                        &admin);
  ASSERT_EQ(rule.status, 201) << rule.body;
  auto flow = submit(id);
  ASSERT_EQ(flow.status, 201) << flow.body;
  EXPECT_EQ(status_of(id), "pending");
  auto approved = app->call("POST", "/api/v1/approvals/" + std::to_string(flow.number("id")) + "/approve", "{}", &zhao);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(status_of(id), "approved");
  // Amending sends it back to draft with a new revision; cancelling needs a reason.
  EXPECT_TRUE(names_field(app->call("POST", id_path("/api/v1/purchase-orders", id, "cancel"), "{}", &chen), "reason"));
  auto amended = app->call("POST", id_path("/api/v1/purchase-orders", id, "amend"), R"({"reason":"供应商调价"})", &chen);
  ASSERT_EQ(amended.status, 200) << amended.body;
  EXPECT_EQ(amended.text("status"), "draft");
  EXPECT_EQ(amended.number("revision"), 1);
  auto cancelled = app->call("POST", id_path("/api/v1/purchase-orders", id, "cancel"), R"({"reason":"不再需要"})", &chen);
  EXPECT_EQ(cancelled.text("status"), "cancelled");
}

TEST_P(ProcureToPay, AnotherCompanySeesAndReceivesNoneOfOurOrders) {
  const auto id = order().number("id");
  ASSERT_EQ(submit(id).status, 201);
  Client founder = app->admin_of_new_company(admin, "BJ", "北京分公司");
  ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"buyer","name":"采购员","from_template":"purchasing"})", &founder)
                .status,
            201);
  ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"keeper","name":"仓管","from_template":"warehouse"})", &founder)
                .status,
            201);
  Client other = app->user_with_roles(founder, "bj.buyer", {"buyer", "keeper"});
  EXPECT_EQ(app->call("GET", id_path("/api/v1/purchase-orders", id), "", &other).status, 404);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/purchase-orders", id, "lines"), "", &other).status, 404);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/purchase-orders", id, "pdf"), "", &other).status, 404);
  EXPECT_EQ(app->call("POST", id_path("/api/v1/purchase-orders", id, "receipts"),
                      R"({"date":"2026-03-05","lines":[{"line_no":1,"quantity":"1"}]})", &other)
                .status,
            404);
  EXPECT_EQ(app->call("POST", id_path("/api/v1/purchase-orders", id, "cancel"), R"({"reason":"x"})", &other).status, 404);
  EXPECT_EQ(count("stock_moves"), 0);
  auto pdf = app->call("GET", id_path("/api/v1/purchase-orders", id, "pdf"), "", &chen);
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
}

INSTANTIATE_TEST_SUITE_P(Backends, ProcureToPay, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
