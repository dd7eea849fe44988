// Other modules post business events through roles; the company's posting rules choose the
// accounts. A sale books receivable, revenue and output VAT; raw materials and merchandise land on
// different inventory accounts by item category; the voucher is written in the event's own
// transaction and found again from its source document.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/finance/posting.hpp"
#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::serialize;

class Posting : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
    ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"accountant","name":"会计","from_template":"finance"})",
                        &admin).status, 201);
    zhou = app->user_with_roles(admin, "kuaiji.zhou", {"accountant"});
    ASSERT_EQ(app->call("POST", "/api/v1/accounts/standard-chart", "", &zhou).status, 200);
    ASSERT_EQ(app->call("POST", "/api/v1/fiscal-years", R"({"year":2026})", &zhou).status, 201);
    customer = created("customers", object{{"code", "C-001"}, {"name", "华南电子"}});
    const auto pcs = created("units-of-measure", object{{"code", "PCS"}, {"name", "个"}});
    materials = created("item-categories", object{{"code", "RM"}, {"name", "原材料"}});
    resistor = created("items", object{{"code", "R-1"}, {"name", "电阻"}, {"uom_id", pcs}, {"item_type", "raw_material"},
                                      {"category_id", materials}});
    speaker = created("items", object{{"code", "M-1"}, {"name", "蓝牙音箱"}, {"uom_id", pcs}, {"item_type", "merchandise"}});
  }

  std::int64_t created(const std::string& path, const object& body) {
    auto reply = app->call("POST", "/api/v1/" + path + "?confirm_duplicates=true", serialize(body), &admin);
    EXPECT_EQ(reply.status, 201) << path << ": " << reply.body;
    return reply.number("id");
  }

  std::int64_t account(const std::string& code) {
    auto found = app->call("GET", "/api/v1/accounts?code=" + code, "", &zhou);
    return found.json.at("items").as_array().at(0).at("id").as_int64();
  }

  // "code Dr amount" per line of a preview.
  static std::vector<std::string> booked(const Reply& preview) {
    std::vector<std::string> lines;
    for (const auto& value : preview.json.at("lines").as_array()) {
      const auto& line = value.as_object();
      const bool debit = line.at("debit").as_string() != "0.00";
      lines.push_back(std::string(line.at("account").as_string()) + (debit ? " Dr " : " Cr ") +
                      std::string(debit ? line.at("debit").as_string() : line.at("credit").as_string()));
    }
    return lines;
  }

  std::unique_ptr<TestApp> app;
  Client admin, zhou;
  std::int64_t customer = 0, materials = 0, resistor = 0, speaker = 0;
};

TEST_P(Posting, ACustomerInvoiceBooksReceivableRevenueAndOutputVatOnTheStandardAccounts) {
  const object by_customer{{"customer_id", customer}};
  auto preview = app->call(
      "POST", "/api/v1/posting-rules/preview",
      serialize(object{{"event_type", "customer_invoice"}, {"date", "2026-03-10"}, {"summary", "销售发票 SI-0001"},
                       {"lines", array{object{{"role", "receivable"}, {"amount", "11300.00"}, {"customer_id", customer}},
                                       object{{"role", "revenue"}, {"amount", "10000.00"}, {"customer_id", customer}},
                                       object{{"role", "vat_output"}, {"amount", "1300.00"}}}}}),
      &zhou);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(booked(preview), (std::vector<std::string>{"1122 Dr 11300.00", "6001 Cr 10000.00", "22210102 Cr 1300.00"}));

  // A credit note is the same event with negative amounts: red-letter lines on the same sides.
  auto credit_note = app->call(
      "POST", "/api/v1/posting-rules/preview",
      serialize(object{{"event_type", "customer_invoice"}, {"date", "2026-03-12"}, {"summary", "红字发票"},
                       {"lines", array{object{{"role", "receivable"}, {"amount", "-1130.00"}, {"customer_id", customer}},
                                       object{{"role", "revenue"}, {"amount", "-1000.00"}, {"customer_id", customer}},
                                       object{{"role", "vat_output"}, {"amount", "-130.00"}}}}}),
      &zhou);
  ASSERT_EQ(credit_note.status, 200) << credit_note.body;
  EXPECT_EQ(booked(credit_note), (std::vector<std::string>{"1122 Dr -1130.00", "6001 Cr -1000.00", "22210102 Cr -130.00"}));

  auto wrong = app->call(
      "POST", "/api/v1/posting-rules/preview",
      serialize(object{{"event_type", "customer_invoice"}, {"date", "2026-03-10"}, {"summary", "x"},
                       {"lines", array{object{{"role", "discount"}, {"amount", "1.00"}},
                                       object{{"role", "revenue"}, {"amount", "1.00"}}}}}),
      &zhou);
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_TRUE(names_field(wrong, "lines[0].role", "unknown")) << wrong.body;
  auto forgetful = app->call(
      "POST", "/api/v1/posting-rules/preview",
      serialize(object{{"event_type", "customer_invoice"}, {"date", "2026-03-10"}, {"summary", "x"},
                       {"lines", array{object{{"role", "receivable"}, {"amount", "1.00"}},
                                       object{{"role", "revenue"}, {"amount", "1.00"}, {"customer_id", customer}}}}}),
      &zhou);
  EXPECT_TRUE(names_field(forgetful, "lines[0].customer_id", "required")) << "1122 is kept per customer: " << forgetful.body;
}

TEST_P(Posting, RawMaterialsAndMerchandiseLandOnTheirOwnInventoryAccountsByRule) {
  auto rule = app->call("POST", "/api/v1/posting-rules",
                        serialize(object{{"event_type", "goods_receipt"}, {"role", "inventory"},
                                         {"item_category_id", materials}, {"account_id", account("1403")}}),
                        &zhou);
  ASSERT_EQ(rule.status, 201) << rule.body;
  auto twin = app->call("POST", "/api/v1/posting-rules",
                        serialize(object{{"event_type", "goods_receipt"}, {"role", "inventory"},
                                         {"item_category_id", materials}, {"account_id", account("1405")}}),
                        &zhou);
  EXPECT_TRUE(names_field(twin, "role", "duplicate")) << twin.body;
  auto stray = app->call("POST", "/api/v1/posting-rules",
                         serialize(object{{"event_type", "goods_receipt"}, {"role", "revenue"}, {"account_id", account("6001")}}),
                         &zhou);
  EXPECT_TRUE(names_field(stray, "role", "unknown")) << stray.body;

  auto preview = app->call(
      "POST", "/api/v1/posting-rules/preview",
      serialize(object{{"event_type", "goods_receipt"}, {"date", "2026-03-03"}, {"summary", "采购入库 GR-0001"},
                       {"lines", array{object{{"role", "inventory"}, {"amount", "200.00"}, {"item_id", resistor}},
                                       object{{"role", "inventory"}, {"amount", "800.00"}, {"item_id", speaker}},
                                       object{{"role", "in_transit"}, {"amount", "1000.00"}}}}}),
      &zhou);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(booked(preview), (std::vector<std::string>{"1403 Dr 200.00", "1405 Dr 800.00", "1402 Cr 1000.00"}));

  auto types = app->call("GET", "/api/v1/posting-rules/event-types", "", &zhou);
  ASSERT_EQ(types.status, 200);
  EXPECT_NE(types.body.find("\"standard_account\":\"22210101\""), std::string::npos) << "input VAT of supplier invoices";
}

TEST_P(Posting, TheVoucherIsWrittenInTheEventsTransactionAndFoundFromItsSource) {
  auto me = app->call("GET", "/api/v1/auth/me", "", &zhou);
  security::Principal who;
  who.user_id = me.number("user_id");
  who.user_name = "kuaiji.zhou";
  who.company_id = me.number("company_id");
  const finance::Actor actor{who, entity::Caller{"127.0.0.1", "test"}, app->clock()};
  const finance::BusinessEvent invoice{
      .type = "customer_invoice", .source_id = 42, .date = storage::Date{2026, 3, 10}, .summary = "销售发票 SI-0042",
      .lines = {{.role = "receivable", .amount = 113000, .customer_id = customer},
                {.role = "revenue", .amount = 100000, .customer_id = customer},
                {.role = "vat_output", .amount = 13000}}};
  auto& database = *app->application().database;

  // The invoice fails after posting: its voucher goes with it.
  Status failed = database.write([&](storage::Connection& c) -> Status {
    auto posted = finance::post_business_event(c, actor, invoice);
    if (!posted) return posted.error();
    return make_error(ErrorKind::conflict, "test.invoice_failed_later");
  });
  ASSERT_FALSE(failed);
  EXPECT_TRUE(app->call("GET", "/api/v1/vouchers", "", &zhou).json.at("items").as_array().empty());

  auto posted = database.write([&](storage::Connection& c) { return finance::post_business_event(c, actor, invoice); });
  ASSERT_TRUE(posted) << posted.error().message_id;
  EXPECT_EQ(posted->state, "draft") << "accountants review machine vouchers like their own";
  auto found = app->call("GET", "/api/v1/vouchers?source_type=customer_invoice&source_id=42", "", &zhou);
  ASSERT_EQ(found.json.at("items").as_array().size(), 1u) << found.body;
  EXPECT_EQ(found.json.at("items").as_array()[0].at("debit_total").as_string(), "1130.00");
  auto sources = database.read(
      [&](storage::Connection& c) { return finance::vouchers_of_source(c, who.company_id, "customer_invoice", 42); });
  ASSERT_TRUE(sources);
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ(sources->front().id, posted->id);
}

INSTANTIATE_TEST_SUITE_P(Backends, Posting, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
