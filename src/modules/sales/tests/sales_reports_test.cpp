// What the sales manager reads on 20 April 2026 after a month of selling: 赵 sold speakers and
// milk to 华南电子 in March (shipped on the 12th, the milk a day after its promised date,
// invoiced, four speakers returned, 1,000.00 collected) and speakers to 华东机电 in April (not
// shipped yet); one more order is still a draft. The reports say how much was sold, what is still
// to ship, who got their goods on time, what was earned and what is owed — and another company
// sees none of it.
#include "modules/finance/report_tables.hpp"
#include "modules/sales/tests/sales_desk_story.hpp"

namespace verp::testing {
namespace {

class SalesReports : public SalesDeskStory {
 protected:
  void SetUp() override {
    SalesDeskStory::SetUp();
    // 60 speakers at 25.00 (1,500.00) and 24 cartons of milk at 5.00 (120.00) promised for the 11th.
    march = confirmed_order(customer, "2026-03-10", "2026-03-15",
                            array{sale_line(item, "60", "25"), sale_line(milk, "24", "5", object{{"delivery_date", "2026-03-11"}})},
                            object{{"salesperson_id", zhao_employee}});
    // 40 speakers (400.00 at cost) and the milk (96.00) leave on the 12th and are invoiced the next day.
    auto first = shipped(array{object{{"order_id", march}, {"line_no", 1}, {"quantity", "40"}},
                               object{{"order_id", march}, {"line_no", 2}, {"quantity", "24"}}});
    EXPECT_EQ(first.at("value").as_string(), "496.00");
    EXPECT_EQ(invoiced(customer, first, "2026-03-13").at("total").as_string(), "1265.60") << "1,120.00 and 13 % VAT";
    collected(customer, "1000.00", "2026-03-20");
    // Four speakers come back: 40.00 of cost and a credit note for 100.00 (not posted yet).
    auto back = app->call("POST", id_path("/api/v1/sales-orders", march, "returns"),
                          serialize(object{{"date", "2026-03-25"}, {"warehouse_id", shenzhen}, {"reason", "外壳破损"},
                                           {"lines", array{object{{"line_no", 1}, {"quantity", "4"}}}}}),
                          &zhao);
    EXPECT_EQ(back.status, 201) << back.body;
    april = confirmed_order(shanghai_customer, "2026-04-02", "2026-04-10", array{sale_line(item, "10", "30")});
    draft_order(customer, "2026-03-11", "2026-03-20", array{sale_line(item, "5", "20")});
  }

  Reply report(const std::string& path, Client* as = nullptr) {
    return app->call("GET", "/api/v1/sales/reports/" + path, "", as ? as : &zhou);
  }

  // The rows as "name: column=value …" for the columns asked, one string a row.
  static std::vector<std::string> rows_of(const Reply& reply, std::initializer_list<std::string_view> columns) {
    std::vector<std::string> rows;
    if (row_count(reply) <= 0) return rows;
    for (const auto& value : reply.json.at("rows").as_array()) {
      std::string row;
      for (std::string_view column : columns) {
        row += (row.empty() ? "" : " ") + std::string(column) + "=" + finance::cell_text(value.as_object(), column);
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  // How many rows the report has; -1 when the answer is not a report.
  static std::int64_t row_count(const Reply& reply) {
    const auto* rows = reply.json.is_object() ? reply.json.as_object().if_contains("rows") : nullptr;
    return rows != nullptr && rows->is_array() ? static_cast<std::int64_t>(rows->as_array().size()) : -1;
  }

  std::int64_t march = 0, april = 0;
};

TEST_P(SalesReports, SalesAreCountedFromConfirmedOrdersByEveryGrouping) {
  auto by_customer = report("sales?group=customer");
  ASSERT_EQ(by_customer.status, 200) << by_customer.body;
  EXPECT_EQ(rows_of(by_customer, {"name", "orders", "amount", "tax", "cost_of_sales", "invoiced"}),
            (std::vector<std::string>{
                "name=华南电子 orders=1 amount=1620.00 tax=210.60 cost_of_sales=456.00 invoiced=1020.00",
                "name=华东机电 orders=1 amount=300.00 tax=39.00 cost_of_sales=0.00 invoiced=0.00"}))
      << "the draft is not a sale; the return takes back its cost and its credit note its revenue";
  EXPECT_EQ(by_customer.json.at("totals").at("amount").as_string(), "1920.00");
  EXPECT_EQ(by_customer.json.at("title").at("zh").as_string(), "销售汇总");
  EXPECT_EQ(rows_of(report("sales?group=item"), {"name", "orders", "amount"}),
            (std::vector<std::string>{"name=M-1 蓝牙音箱 orders=2 amount=1800.00", "name=F-1 纯牛奶 orders=1 amount=120.00"}));
  EXPECT_EQ(rows_of(report("sales?group=salesperson"), {"name", "amount"}),
            (std::vector<std::string>{"name=赵敏 amount=1620.00", "name= amount=300.00"}))
      << "an order without a salesperson is grouped apart";
  EXPECT_EQ(rows_of(report("sales?group=region"), {"name", "amount"}),
            (std::vector<std::string>{"name=广东 amount=1620.00", "name=上海 amount=300.00"}));
  EXPECT_EQ(rows_of(report("sales?group=month&from=2026-03-01&to=2026-03-31"), {"name", "orders", "amount"}),
            (std::vector<std::string>{"name=2026-03 orders=1 amount=1620.00"}));
  EXPECT_TRUE(names_field(report("sales?group=colour"), "group", "invalid"));
  EXPECT_TRUE(names_field(report("sales?from=2026-13-01"), "from", "invalid"));
  EXPECT_TRUE(names_field(report("sales?to=yesterday"), "to", "invalid"));
}

TEST_P(SalesReports, TheBacklogListsWhatIsStillToShipAndHowLate) {
  auto backlog = report("backlog");
  ASSERT_EQ(backlog.status, 200) << backlog.body;
  EXPECT_EQ(rows_of(backlog, {"customer", "item_code", "ordered", "shipped", "open", "open_value", "delivery_date",
                              "days_late"}),
            (std::vector<std::string>{
                "customer=华南电子 item_code=M-1 ordered=60 shipped=40 open=20 open_value=500.00 "
                "delivery_date=2026-03-15 days_late=36",
                "customer=华东机电 item_code=M-1 ordered=10 shipped=0 open=10 open_value=300.00 "
                "delivery_date=2026-04-10 days_late=10"}))
      << "the milk is all shipped; the draft is not promised to anyone";
  EXPECT_EQ(backlog.text("open_value"), "800.00");
  EXPECT_EQ(backlog.text("as_of"), "2026-04-20");
}

TEST_P(SalesReports, OnTimeDeliveryComparesTheShippingDayWithThePromise) {
  auto on_time = report("on-time-delivery?from=2026-03-01&to=2026-03-31");
  ASSERT_EQ(on_time.status, 200) << on_time.body;
  EXPECT_EQ(rows_of(on_time, {"customer", "lines", "on_time", "late", "on_time_rate", "average_days_late"}),
            (std::vector<std::string>{
                "customer=华南电子 lines=2 on_time=1 late=1 on_time_rate=50.0 average_days_late=1.0"}))
      << "speakers by the order's 15th, the milk a day after its line's 11th";
  EXPECT_EQ(row_count(report("on-time-delivery?from=2026-04-01")), 0);
  EXPECT_TRUE(names_field(report("on-time-delivery?to=2026-02-30"), "to", "invalid"));
}

TEST_P(SalesReports, MarginIsInvoicedRevenueNetOfCreditNotesLessTheCostOfWhatStayedSold) {
  auto by_order = report("margin?group=order");
  ASSERT_EQ(by_order.status, 200) << by_order.body;
  EXPECT_EQ(rows_of(by_order, {"name", "customer", "revenue", "cost", "margin", "margin_rate"}),
            (std::vector<std::string>{"name=SO-202603-0001 customer=华南电子 revenue=1020.00 cost=456.00 margin=564.00 "
                                      "margin_rate=55.3"}))
      << "1,120.00 less the 100.00 credit note; 496.00 less the 40.00 returned; nothing yet on April's order";
  auto by_customer = report("margin?group=customer&from=2026-03-01&to=2026-04-30");
  EXPECT_EQ(rows_of(by_customer, {"name", "margin"}), (std::vector<std::string>{"name=华南电子 margin=564.00"}));
  EXPECT_EQ(by_customer.json.at("totals").at("margin_rate").as_string(), "55.3");
  EXPECT_TRUE(names_field(report("margin?group=item"), "group", "invalid"));
}

TEST_P(SalesReports, AgingShowsWhatCustomersStillOweByAge) {
  auto aging = report("aging?as_of=2026-04-20");
  ASSERT_EQ(aging.status, 200) << aging.body;
  EXPECT_EQ(rows_of(aging, {"customer", "days_0_30", "days_31_60", "outstanding", "advance", "net"}),
            (std::vector<std::string>{
                "customer=华南电子 days_0_30=0.00 days_31_60=265.60 outstanding=265.60 advance=0.00 net=265.60"}))
      << "1,265.60 invoiced on 13 March less 1,000.00 collected; the credit note is not posted";
  EXPECT_EQ(aging.json.at("totals").at("outstanding").as_string(), "265.60");
  EXPECT_EQ(rows_of(report("aging?as_of=2026-04-01"), {"days_0_30"}), (std::vector<std::string>{"days_0_30=265.60"}));
  EXPECT_TRUE(names_field(report("aging?as_of=soon"), "as_of", "invalid"));
}

TEST_P(SalesReports, ReportsExportAsFilesAndStayWithinTheCallersScope) {
  auto sheet = report("sales?group=customer&format=xlsx");
  EXPECT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.body.substr(0, 2), "PK") << "an Excel workbook";
  auto csv = report("backlog?format=csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("华东机电"), std::string::npos) << csv.body;
  auto audit = app->call("GET", "/api/v1/audit-log?action=sales.export", "", &admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("backlog"), std::string::npos) << "every export is audited: " << audit.body;

  // 钱, another salesperson, owns none of these orders: the reports show her nothing.
  Client qian = app->user_with_roles(admin, "xiaoshou.qian", {"seller"});
  for (const char* path : {"sales", "backlog", "on-time-delivery", "margin", "aging?as_of=2026-04-20"}) {
    auto hers = report(path, &qian);
    EXPECT_EQ(row_count(hers), 0) << path << ": " << hers.body;
  }
  EXPECT_EQ(row_count(report("sales", &zhao)), 2) << "赵 entered both orders";
  EXPECT_EQ(row_count(report("aging?as_of=2026-04-20", &zhao)), 1);
  // The workshop does not read sales figures.
  Client workshop = app->user_from_template(admin, "shengchan.sun", "production");
  EXPECT_EQ(report("sales", &workshop).status, 403);

  // Another company's sales team sees none of it.
  Client beijing = app->admin_of_new_company(admin, "BJ", "北京分公司");
  for (const char* path : {"sales", "backlog", "on-time-delivery", "margin", "aging"}) {
    auto theirs = report(path, &beijing);
    EXPECT_EQ(row_count(theirs), 0) << path << ": " << theirs.body;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SalesReports, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
