// Invoices with VAT as the accountant enters them: a sales invoice with goods at 13 % and a
// service at 6 %, tax worked out per line to the cent; posted, its voucher books the receivable,
// the income and the output VAT, and once that voucher is posted the customer owes the total as an
// open item. A supplier's invoice books input VAT and the payable. Bad input is named; another
// company sees nothing.
#include "modules/finance/tests/ledger_story.hpp"

namespace verp::testing {
namespace {

class Invoices : public LedgerStory {
 protected:
  Reply invoice(object body, Client* as = nullptr) {
    return app->call("POST", "/api/v1/invoices", serialize(body), as ? as : &zhou);
  }

  // The voucher's lines as "code Dr|Cr amount".
  std::vector<std::string> booked(std::int64_t voucher) {
    auto shown = app->call("GET", id_path("/api/v1/vouchers", voucher), "", &zhou);
    std::vector<std::string> lines;
    for (const auto& value : shown.json.at("lines").as_array()) {
      const auto& line = value.as_object();
      const bool debit = line.at("debit").as_string() != "0.00";
      lines.push_back(std::string(line.at("account").as_string()) + (debit ? " Dr " : " Cr ") +
                      std::string(debit ? line.at("debit").as_string() : line.at("credit").as_string()));
    }
    return lines;
  }
};

TEST_P(Invoices, ASalesInvoiceBooksReceivableIncomeAndOutputVatLineByLine) {
  auto made = invoice(object{{"kind", "receivable"}, {"partner_id", customer}, {"number", "04418273"}, {"date", "2026-03-10"},
                             {"due_date", "2026-04-09"},
                             {"lines", array{object{{"description", "蓝牙音箱 100 台"}, {"amount", "10000.00"}, {"tax_rate", "0.13"}},
                                             object{{"description", "安装服务"}, {"account", "6051"}, {"amount", "99.99"},
                                                    {"tax_rate", "0.06"}}}}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.text("amount"), "10099.99");
  EXPECT_EQ(made.text("tax"), "1306.00") << "1,300.00 + 6.00 (99.99 × 6 % = 5.9994, to the cent)";
  EXPECT_EQ(made.text("total"), "11405.99");
  EXPECT_EQ(made.text("state"), "draft");

  auto posted = app->call("POST", id_path("/api/v1/invoices", made.number("id"), "post"), "", &zhou);
  ASSERT_EQ(posted.status, 200) << posted.body;
  const auto voucher = posted.number("id");
  EXPECT_EQ(booked(voucher), (std::vector<std::string>{"1122 Dr 11405.99", "6001 Cr 10000.00", "6051 Cr 99.99",
                                                       "22210102 Cr 1306.00"}));
  EXPECT_EQ(app->call("GET", id_path("/api/v1/invoices", made.number("id")), "", &zhou).text("state"), "posted");
  EXPECT_EQ(app->call("POST", id_path("/api/v1/invoices", made.number("id"), "post"), "", &zhou).status, 409)
      << "posted once";
  ASSERT_EQ(act(voucher, "review", li).status, 200);
  ASSERT_EQ(act(voucher, "post", li).status, 200);
  auto open = app->call("GET", "/api/v1/finance/open-items?account=1122&partner_id=" + std::to_string(customer), "", &zhou);
  ASSERT_EQ(open.json.at("items").as_array().size(), 1u) << open.body;
  EXPECT_EQ(open.json.at("debit_open").as_string(), "11405.99");
  EXPECT_TRUE(problems_of_checks().empty());
}

TEST_P(Invoices, ASupplierInvoiceBooksInputVatAndThePayable) {
  auto made = invoice(object{{"kind", "payable"}, {"partner_id", supplier}, {"number", "31009921"}, {"date", "2026-03-12"},
                             {"lines", array{object{{"description", "五金配件"}, {"amount", "2000.00"}, {"tax_rate", "0.13"}},
                                             object{{"description", "运费"}, {"account", "6601"}, {"amount", "300.00"},
                                                    {"tax_rate", "0.09"}, {"department_id", department}}}}});
  ASSERT_EQ(made.status, 201) << made.body;
  auto posted = app->call("POST", id_path("/api/v1/invoices", made.number("id"), "post"), "", &zhou);
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(booked(posted.number("id")), (std::vector<std::string>{"1402 Dr 2000.00", "6601 Dr 300.00",
                                                                   "22210101 Dr 287.00", "2202 Cr 2587.00"}));
}

TEST_P(Invoices, BadInvoicesAreNamedAndOtherCompaniesSeeNone) {
  auto bad = invoice(object{{"kind", "sales"}, {"number", ""}, {"date", "2026-02-30"},
                            {"lines", array{object{{"description", "x"}, {"amount", "1.005"}, {"tax_rate", "0.25"}}}}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  for (const char* field : {"kind", "partner_id", "number", "date", "lines[0].amount", "lines[0].tax_rate"}) {
    EXPECT_TRUE(names_field(bad, field)) << field << ": " << bad.body;
  }
  auto no_partner = invoice(object{{"kind", "payable"}, {"partner_id", 999999}, {"number", "1"}, {"date", "2026-03-01"},
                                   {"lines", array{object{{"description", "x"}, {"amount", "1.00"}, {"tax_rate", "0"}}}}});
  EXPECT_TRUE(names_field(no_partner, "partner_id", "unknown")) << no_partner.body;

  auto mine = invoice(object{{"kind", "receivable"}, {"partner_id", customer}, {"number", "9"}, {"date", "2026-03-01"},
                             {"lines", array{object{{"description", "x"}, {"amount", "1.00"}, {"tax_rate", "0.13"}}}}});
  ASSERT_EQ(mine.status, 201) << mine.body;
  Client admin_b = app->admin_of_new_company(admin, "SZ", "深圳分公司");
  EXPECT_EQ(app->call("GET", id_path("/api/v1/invoices", mine.number("id")), "", &admin_b).status, 404);
  EXPECT_EQ(app->call("POST", id_path("/api/v1/invoices", mine.number("id"), "post"), "", &admin_b).status, 404);
  EXPECT_TRUE(app->call("GET", "/api/v1/invoices", "", &admin_b).json.at("items").as_array().empty());
  EXPECT_EQ(app->call("POST", id_path("/api/v1/invoices", mine.number("id"), "cancel"), "", &zhou).status, 204);
  EXPECT_EQ(app->call("POST", id_path("/api/v1/invoices", mine.number("id"), "post"), "", &zhou).status, 409);
}

INSTANTIATE_TEST_SUITE_P(Backends, Invoices, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
