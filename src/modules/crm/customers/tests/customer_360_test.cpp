// 华南电子 on one page: in March 2026 赵 sold it 20 speakers (500.00 and VAT), the warehouse shipped
// them, 周 invoiced 565.00 and 200.00 came in; a quotation is out for more. The sales manager sees
// every document with its totals, what is still owed (365.00), March's revenue and one timeline;
// customer service sees the orders and invoices but not the quotations or receipts; another
// company sees nothing.
#include "modules/crm/customers/tests/customer_story.hpp"

namespace verp::testing {
namespace {

class Customer360 : public CustomerStory {
 protected:
  void SetUp() override {
    CustomerStory::SetUp();
    today_is(2026, 4, 20);
    auto quoted = app->call("POST", "/api/v1/quotations",
                            serialize(object{{"customer_id", customer}, {"quote_date", "2026-04-18"},
                                             {"valid_until", "2026-05-18"},
                                             {"lines", array{sale_line(item, "50", "24")}}}),
                            &admin);
    ASSERT_EQ(quoted.status, 201) << quoted.body;
    order = confirmed_order(customer, "2026-03-10", "2026-03-15", array{sale_line(item, "20", "25")});
    invoiced(customer, shipped(array{object{{"order_id", order}, {"line_no", 1}, {"quantity", "20"}}}), "2026-03-13");
    collected(customer, "200.00", "2026-03-20");
  }

  static const object& section(const object& view, std::string_view name) {
    return view.at("sections").at(name).as_object();
  }
  static std::string total(const object& view, std::string_view name, std::string_view figure) {
    const auto& value = section(view, name).at("totals").at(figure);
    return value.is_string() ? std::string(value.as_string()) : std::to_string(value.as_int64());
  }

  std::int64_t order = 0;
};

TEST_P(Customer360, TheSalesManagerSeesEveryDocumentWithTotalsAndWhatIsOwed) {
  auto view = view_360(customer);
  EXPECT_EQ(view.at("profile").at("name").as_string(), "华南电子");
  EXPECT_EQ(view.at("profile").at("region").as_string(), "广东");
  EXPECT_EQ(view.at("profile").at("credit").at("receivables").as_string(), "365.00");

  EXPECT_EQ(total(view, "quotations", "count"), "1");
  EXPECT_EQ(total(view, "quotations", "total"), "1356.00") << "50 × 24.00 and 13 % VAT";
  EXPECT_EQ(total(view, "orders", "count"), "1");
  EXPECT_EQ(total(view, "orders", "amount"), "500.00");
  EXPECT_EQ(total(view, "orders", "total"), "565.00");
  EXPECT_EQ(section(view, "orders").at("rows").at(0).at("id").as_int64(), order);
  EXPECT_EQ(total(view, "deliveries", "shipped"), "1");
  EXPECT_EQ(total(view, "invoices", "total"), "565.00");
  EXPECT_EQ(total(view, "receipts", "posted"), "200.00");
  EXPECT_EQ(view.at("receivables").at("net").as_string(), "365.00") << "565.00 invoiced, 200.00 received";

  const auto& months = view.at("revenue").at("months").as_array();
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(months.at(2).at("amount").as_string(), "500.00") << "March";
  EXPECT_EQ(view.at("revenue").at("total").as_string(), "500.00");

  std::vector<std::string> kinds;
  for (const auto& entry : view.at("timeline").at("entries").as_array()) kinds.emplace_back(entry.at("kind").as_string());
  for (const char* kind : {"quotation", "sales_order", "delivery", "invoice", "receipt"}) {
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), kind), kinds.end()) << kind << " on the timeline";
  }
  const auto& entries = view.at("timeline").at("entries").as_array();
  for (std::size_t i = 1; i < entries.size(); ++i) {
    EXPECT_GE(entries.at(i - 1).at("at").as_string(), entries.at(i).at("at").as_string()) << "newest first";
  }
}

TEST_P(Customer360, SectionsArePagedNewestFirst) {
  // Drafts: with the March invoice overdue, 华南电子's orders wait for credit approval.
  const auto second = draft_order(customer, "2026-04-01", "2026-04-05", array{sale_line(item, "2", "25")});
  const auto third = draft_order(customer, "2026-04-02", "2026-04-05", array{sale_line(item, "3", "25")});
  auto view = view_360(customer, nullptr, "?limit=2");
  const auto& rows = section(view, "orders").at("rows").as_array();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows.at(0).at("id").as_int64(), third);
  EXPECT_EQ(rows.at(1).at("id").as_int64(), second);
  EXPECT_EQ(total(view, "orders", "count"), "3") << "totals count every order, not the page";
  const auto next = section(view, "orders").at("next_before").as_int64();
  auto more = view_360(customer, nullptr, "?section=orders&limit=2&before=" + std::to_string(next));
  ASSERT_EQ(more.at("rows").as_array().size(), 1u);
  EXPECT_EQ(more.at("rows").at(0).at("id").as_int64(), order);
  EXPECT_TRUE(more.at("next_before").is_null());

  auto timeline = view_360(customer, nullptr, "?section=timeline&limit=3");
  ASSERT_EQ(timeline.at("entries").as_array().size(), 3u);
  const std::string before(timeline.at("next_before").as_string());
  auto older = view_360(customer, nullptr, "?section=timeline&limit=50&before=" + before);
  for (const auto& entry : older.at("entries").as_array()) EXPECT_LT(entry.at("at").as_string(), before);

  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", customer, "360") + "?section=gossip", "", &admin).status, 400);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", customer, "360") + "?limit=0", "", &admin).status, 400);
}

TEST_P(Customer360, CustomerServiceSeesOnlyTheSectionsItMayRead) {
  ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"service","name":"客服","from_template":"customer_service"})",
                      &admin).status,
            201);
  auto kefu = app->user_with_roles(admin, "kefu.sun", {"service"});
  auto view = view_360(customer, &kefu);
  EXPECT_TRUE(view.at("sections").as_object().contains("orders"));
  EXPECT_TRUE(view.at("sections").as_object().contains("invoices"));
  EXPECT_FALSE(view.at("sections").as_object().contains("quotations")) << "customer service reads no quotations";
  EXPECT_FALSE(view.at("sections").as_object().contains("receipts"));
  EXPECT_FALSE(view.at("profile").as_object().contains("credit")) << "the credit limit is hidden from customer service";
  for (const auto& entry : view.at("timeline").at("entries").as_array()) {
    EXPECT_NE(entry.at("kind").as_string(), "quotation") << "nor on the timeline";
  }
  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", customer, "360") + "?section=quotations", "", &kefu).status,
            403);
}

TEST_P(Customer360, ASalespersonSeesTheirOwnCustomersAndOrdersOnly) {
  // 赵 signs up 佛山照明 himself; 张 also sold it something. 赵's grants reach his own records.
  auto signed_up = app->call("POST", "/api/v1/customers?confirm_duplicates=true",
                          serialize(object{{"code", "C-201"}, {"name", "佛山照明"}}), &zhao);
  ASSERT_EQ(signed_up.status, 201) << signed_up.body;
  const auto foshan = signed_up.number("id");
  const auto his = draft_order(foshan, "2026-04-18", "2026-04-25", array{sale_line(item, "4", "25")});
  auto theirs = SalesStory::order(array{sale_line(item, "6", "25")}, object{{"customer_id", foshan}});  // by 张
  ASSERT_EQ(theirs.status, 201) << theirs.body;

  auto view = view_360(foshan, &zhao);
  EXPECT_EQ(total(view, "orders", "count"), "1") << "张's order is not 赵's to see";
  EXPECT_EQ(section(view, "orders").at("rows").at(0).at("id").as_int64(), his);
  EXPECT_EQ(view_360(foshan).at("sections").at("orders").at("totals").at("count").as_int64(), 2)
      << "the sales manager sees both";
  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", customer, "360"), "", &zhao).status, 404)
      << "华南电子 is not 赵's customer";
}

TEST_P(Customer360, AnotherCompanySeesNothing) {
  auto other = app->admin_of_new_company(admin, "BJ", "北京分公司");
  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", customer, "360"), "", &other).status, 404);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", customer, "recommendations"), "", &other).status, 404);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", customer, "360") + "?section=orders", "", &other).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, Customer360, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
