// The general ledger as a small trading company's accountants live it: a month of vouchers
// entered by one accountant, reviewed and posted by another, profit and loss carried forward,
// the month closed — and every figure of the trial balance and the ledger worked out by hand.
// Then what the ledger refuses, red-letter reversals, the cashier's signature, closing in order,
// another company's books, and many accountants posting at once.
#include <set>
#include <thread>

#include "modules/finance/tests/ledger_story.hpp"

namespace verp::testing {
namespace {

class Ledger : public LedgerStory {};

TEST_P(Ledger, AMonthOfATradingCompanyIsCarriedForwardClosedAndAddsUpToTheCent) {
  trade_in_march();

  // Before the carry-forward the month's profit already shows in 未分配利润: the sheet balances.
  auto midway = app->call("GET", "/api/v1/finance/balance-sheet?at=2026-03", "", &zhou);
  ASSERT_EQ(midway.status, 200) << midway.body;
  EXPECT_TRUE(midway.json.at("balanced").as_bool()) << midway.body;
  EXPECT_EQ(statement_line(midway, "retained_earnings", "closing"), "17000.00");

  // 结转损益: revenue 80,000 against cost 60,000 and expenses 3,000 → profit 17,000.
  auto carry = app->call("POST", id_path("/api/v1/fiscal-periods", period_ids["2026-03"], "carry-forward"), "", &zhou);
  ASSERT_EQ(carry.status, 201) << carry.body;
  auto carried = app->call("GET", id_path("/api/v1/vouchers", carry.number("id")), "", &zhou);
  ASSERT_EQ(carried.status, 200);
  EXPECT_EQ(carried.text("date"), "2026-03-31");
  EXPECT_EQ(carried.text("debit_total"), "143000.00") << "80,000 out of revenue, 63,000 into profit";
  std::map<std::string, std::string> carry_lines;
  for (const auto& value : carried.json.at("lines").as_array()) {
    const auto& l = value.as_object();
    carry_lines[std::string(l.at("account").as_string()) + (l.at("debit").as_string() != "0.00" ? " Dr" : " Cr")] =
        std::string(l.at("debit").as_string() != "0.00" ? l.at("debit").as_string() : l.at("credit").as_string());
  }
  EXPECT_EQ(carry_lines, (std::map<std::string, std::string>{{"6001 Dr", "80000.00"},
                                                            {"4103 Cr", "80000.00"},
                                                            {"6401 Cr", "60000.00"},
                                                            {"6602 Cr", "3000.00"},
                                                            {"4103 Dr", "63000.00"}}));
  auto early_close = app->call("POST", id_path("/api/v1/fiscal-periods", period_ids["2026-03"], "close"), "", &li);
  EXPECT_EQ(early_close.status, 409) << "the carry-forward is not posted yet: " << early_close.body;
  EXPECT_EQ(act(carry.number("id"), "review", li).status, 200);
  EXPECT_EQ(act(carry.number("id"), "post", li).status, 200);
  auto again = app->call("POST", id_path("/api/v1/fiscal-periods", period_ids["2026-03"], "carry-forward"), "", &zhou);
  EXPECT_EQ(again.status, 409) << "nothing left to carry: " << again.body;

  // January and February are empty but open: periods close in order.
  auto out_of_order = app->call("POST", id_path("/api/v1/fiscal-periods", period_ids["2026-03"], "close"), "", &li);
  EXPECT_EQ(out_of_order.status, 409) << out_of_order.body;
  for (const char* month : {"2026-01", "2026-02", "2026-03"}) {
    auto closed = app->call("POST", id_path("/api/v1/fiscal-periods", period_ids[month], "close"), "", &li);
    ASSERT_EQ(closed.status, 200) << month << ": " << closed.body;
    EXPECT_EQ(closed.text("state"), "closed");
  }

  // The trial balance of March, worked out by hand: opening | debit | credit | closing.
  const object march = trial_balance("2026-03", "2026-03");
  EXPECT_EQ(row_of(march, "1002"), "0.00/0.00 | 550000.00 | 116000.00 | 434000.00/0.00");
  EXPECT_EQ(row_of(march, "1122"), "0.00/0.00 | 90400.00 | 50000.00 | 40400.00/0.00");
  EXPECT_EQ(row_of(march, "1405"), "0.00/0.00 | 100000.00 | 60000.00 | 40000.00/0.00");
  EXPECT_EQ(row_of(march, "2202"), "0.00/0.00 | 113000.00 | 113000.00 | 0.00/0.00");
  EXPECT_EQ(row_of(march, "2221"), "0.00/0.00 | 13000.00 | 10400.00 | 2600.00/0.00");
  EXPECT_EQ(row_of(march, "222101"), "0.00/0.00 | 13000.00 | 10400.00 | 2600.00/0.00");
  EXPECT_EQ(row_of(march, "22210101"), "0.00/0.00 | 13000.00 | 0.00 | 13000.00/0.00");
  EXPECT_EQ(row_of(march, "22210102"), "0.00/0.00 | 0.00 | 10400.00 | 0.00/10400.00");
  EXPECT_EQ(row_of(march, "4001"), "0.00/0.00 | 0.00 | 500000.00 | 0.00/500000.00");
  EXPECT_EQ(row_of(march, "4103"), "0.00/0.00 | 63000.00 | 80000.00 | 0.00/17000.00");
  EXPECT_EQ(row_of(march, "6001"), "0.00/0.00 | 80000.00 | 80000.00 | 0.00/0.00");
  EXPECT_EQ(row_of(march, "6401"), "0.00/0.00 | 60000.00 | 60000.00 | 0.00/0.00");
  EXPECT_EQ(row_of(march, "6602"), "0.00/0.00 | 3000.00 | 3000.00 | 0.00/0.00");
  EXPECT_EQ(march.at("rows").as_array().size(), 13u) << "only accounts that moved";
  const auto& totals = march.at("totals").as_object();
  EXPECT_EQ(totals.at("debit").as_string(), "1072400.00");
  EXPECT_EQ(totals.at("credit").as_string(), "1072400.00");
  EXPECT_EQ(totals.at("closing_debit").as_string(), "517000.00");
  EXPECT_EQ(totals.at("closing_credit").as_string(), "517000.00");
  EXPECT_TRUE(march.at("balanced").as_bool());

  // The same figures as a spreadsheet for the auditors; the export is on record.
  auto csv = app->call("GET", "/api/v1/finance/trial-balance?from=2026-03&to=2026-03&format=csv", "", &zhou);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("1002,Cash in bank,1,0.00,0.00,550000.00,116000.00,434000.00,0.00"), std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find(",Total,,0.00,0.00,1072400.00,1072400.00,517000.00,517000.00"), std::string::npos) << csv.body;
  auto xlsx = app->call("GET", "/api/v1/finance/balance-sheet?at=2026-03&format=xlsx", "", &zhou);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK") << "an Excel workbook";
  auto pdf = app->call("GET", "/api/v1/finance/income-statement?from=2026-03&to=2026-03&format=pdf", "", &zhou);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-") << "for the file and the auditors";
  EXPECT_NE(pdf.body.find("NotoSansCJK"), std::string::npos);
  auto exports = app->call("GET", "/api/v1/audit-log?action=ledger.export", "", &admin);
  EXPECT_NE(exports.body.find("trial-balance"), std::string::npos) << exports.body;

  // April opens where March closed.
  const object april = trial_balance("2026-04", "2026-04");
  EXPECT_EQ(row_of(april, "1002"), "434000.00/0.00 | 0.00 | 0.00 | 434000.00/0.00");
  EXPECT_EQ(row_of(april, "4103"), "0.00/17000.00 | 0.00 | 0.00 | 0.00/17000.00");
  EXPECT_EQ(row_of(april, "6001"), "(no row)") << "profit and loss starts April at zero";

  // 华南电子's receivable ledger: the sale, the collection, what is still owed.
  auto ledger = app->call("GET", "/api/v1/finance/ledger?account=1122&from=2026-03&to=2026-04&customer_id=" +
                                     std::to_string(customer), "", &zhou);
  ASSERT_EQ(ledger.status, 200) << ledger.body;
  const auto& entries = ledger.json.at("entries").as_array();
  ASSERT_EQ(entries.size(), 4u) << ledger.body;
  EXPECT_EQ(entries[0].at("voucher").as_string(), "记-0003");
  EXPECT_EQ(entries[0].at("debit").as_string(), "90400.00");
  EXPECT_EQ(entries[1].at("credit").as_string(), "50000.00");
  EXPECT_EQ(entries[1].at("balance").as_string(), "40400.00");
  EXPECT_EQ(entries[1].at("side").as_string(), "Dr");
  EXPECT_EQ(entries[2].at("kind").as_string(), "month_total");
  EXPECT_EQ(entries[3].at("kind").as_string(), "year_total");
  EXPECT_EQ(ledger.json.at("closing").at("balance").as_string(), "40400.00");

  // 资产负债表 at the end of March, worked out by hand; the year opened with nothing.
  auto sheet = app->call("GET", "/api/v1/finance/balance-sheet?at=2026-03", "", &zhou);
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  const std::map<std::string, std::string> expected_sheet{
      {"cash", "434000.00"},          {"receivables", "40400.00"},     {"inventories", "40000.00"},
      {"current_assets", "514400.00"}, {"assets", "514400.00"},         {"payables", "0.00"},
      {"taxes", "-2600.00"},          {"current_liabilities", "-2600.00"}, {"liabilities", "-2600.00"},
      {"paid_in_capital", "500000.00"},
      {"retained_earnings", "17000.00"}, {"equity", "517000.00"},      {"liabilities_and_equity", "514400.00"}};
  // Every line of the sheet: the ones above, the rest nil.
  for (const auto& value : sheet.json.at("lines").as_array()) {
    const std::string key(value.at("key").as_string());
    const auto expected = expected_sheet.find(key);
    EXPECT_EQ(value.at("closing").as_string(), expected == expected_sheet.end() ? "0.00" : expected->second) << key;
    EXPECT_EQ(value.at("year_opening").as_string(), "0.00") << key;
  }
  EXPECT_EQ(sheet.json.at("lines").as_array().size(), 37u) << "the 一般企业 balance sheet's lines";
  EXPECT_TRUE(sheet.json.at("balanced").as_bool());

  // 利润表 for March: the carry-forward voucher does not hide the month's revenue and costs.
  auto income = app->call("GET", "/api/v1/finance/income-statement?from=2026-03&to=2026-03", "", &zhou);
  ASSERT_EQ(income.status, 200) << income.body;
  const std::map<std::string, std::string> expected_income{
      {"revenue", "80000.00"},          {"cost_of_sales", "60000.00"}, {"administrative_expenses", "3000.00"},
      {"selling_expenses", "0.00"},     {"operating_profit", "17000.00"}, {"total_profit", "17000.00"},
      {"net_profit", "17000.00"}};
  for (const auto& value : income.json.at("lines").as_array()) {
    const std::string key(value.at("key").as_string());
    const auto expected = expected_income.find(key);
    const std::string amount = expected == expected_income.end() ? "0.00" : expected->second;
    EXPECT_EQ(value.at("amount").as_string(), amount) << key;
    EXPECT_EQ(value.at("year_to_date").as_string(), amount) << key;
  }

  // 现金流量表: 500,000 from the shareholders, 50,000 collected, 113,000 and 3,000 paid.
  auto cash = app->call("GET", "/api/v1/finance/cash-flow?from=2026-03&to=2026-03", "", &zhou);
  ASSERT_EQ(cash.status, 200) << cash.body;
  const std::map<std::string, std::string> expected_cash{
      {"CFO-1", "50000.00"},         {"CFO-4", "113000.00"},        {"CFO-7", "3000.00"},
      {"operating_inflow", "50000.00"}, {"operating_outflow", "116000.00"}, {"operating_net", "-66000.00"},
      {"investing_net", "0.00"},     {"CFF-1", "500000.00"},        {"financing_inflow", "500000.00"},
      {"financing_net", "500000.00"},
      {"unclassified", "0.00"},      {"net_change", "434000.00"},   {"opening_cash", "0.00"},
      {"closing_cash", "434000.00"}};
  for (const auto& value : cash.json.at("lines").as_array()) {
    const std::string key(value.at("key").as_string());
    const auto expected = expected_cash.find(key);
    EXPECT_EQ(value.at("amount").as_string(), expected == expected_cash.end() ? "0.00" : expected->second) << key;
  }
  EXPECT_TRUE(cash.json.at("reconciled").as_bool());

  // A closed month takes no more vouchers.
  auto late = enter("2026-03-31", array{line("补记", "1002", "1.00", ""), line("补记", "4001", "", "1.00")});
  ASSERT_EQ(late.status, 400) << late.body;
  EXPECT_TRUE(names_field(late, "date", "period_closed")) << late.body;
  EXPECT_TRUE(problems_of_checks().empty());
}

TEST_P(Ledger, WhatTheLedgerRefusesIsNamedAndNothingIsWritten) {
  auto unbalanced = enter("2026-03-05", array{line("差一分", "1002", "100.00", ""), line("差一分", "4001", "", "99.99")});
  ASSERT_EQ(unbalanced.status, 400) << unbalanced.body;
  EXPECT_TRUE(names_field(unbalanced, "lines", "unbalanced")) << unbalanced.body;

  auto careless = enter("2026-03-05",
                        array{line("两边都填", "1002", "100.00", "100.00"), line("非末级", "2221", "", "100.00"),
                              line("无此科目", "9999", "", "1.00"), line("少客户", "1122", "1.00", ""),
                              line("分", "1001", "0.001", "")});
  ASSERT_EQ(careless.status, 400) << careless.body;
  EXPECT_TRUE(names_field(careless, "lines[0].credit", "one_side")) << careless.body;
  EXPECT_TRUE(names_field(careless, "lines[1].account", "not_leaf")) << careless.body;
  EXPECT_TRUE(names_field(careless, "lines[2].account", "unknown")) << careless.body;
  EXPECT_TRUE(names_field(careless, "lines[3].customer_id", "required")) << careless.body;
  EXPECT_TRUE(names_field(careless, "lines[4].debit", "invalid")) << "no fractions of a cent: " << careless.body;

  auto floats = app->call("POST", "/api/v1/vouchers",
                          R"({"date":"2026-03-05","lines":[{"summary":"x","account":"1002","debit":100.5},)"
                          R"({"account":"4001","credit":"100.50"}]})",
                          &zhou);
  ASSERT_EQ(floats.status, 400);
  EXPECT_TRUE(names_field(floats, "lines[0].debit", "not_decimal_text")) << floats.body;
  auto no_year = enter("2031-01-05", array{line("x", "1002", "1.00", ""), line("x", "4001", "", "1.00")});
  EXPECT_TRUE(names_field(no_year, "date", "no_period")) << no_year.body;

  auto list = app->call("GET", "/api/v1/vouchers", "", &zhou);
  EXPECT_TRUE(list.json.at("items").as_array().empty()) << "nothing half-written: " << list.body;
  auto no_such_month = app->call("GET", "/api/v1/finance/trial-balance?to=2031-01", "", &zhou);
  ASSERT_EQ(no_such_month.status, 400);
  EXPECT_TRUE(names_field(no_such_month, "to", "unknown_period")) << no_such_month.body;
  EXPECT_EQ(no_such_month.json.at("errors").as_array().size(), 1u) << "named once, where it was sent";

  // The preparer cannot review; a posted voucher cannot be edited, deleted or voided.
  auto entered = enter("2026-03-05", array{line("投资", "1002", "100.00", ""), line("投资", "4001", "", "100.00")});
  ASSERT_EQ(entered.status, 201) << entered.body;
  EXPECT_EQ(entered.text("label"), "记-0001");
  const auto id = entered.number("id");
  auto self_review = act(id, "review", zhou);
  EXPECT_EQ(self_review.status, 403) << self_review.body;
  EXPECT_EQ(act(id, "post", li).status, 409) << "posting needs a review first";
  ASSERT_EQ(act(id, "review", li).status, 200);
  ASSERT_EQ(act(id, "post", li).status, 200);
  auto edit = app->call("PUT", id_path("/api/v1/vouchers", id),
                        serialize(object{{"version", 3}, {"date", "2026-03-05"},
                                         {"lines", array{line("改", "1002", "1.00", ""), line("改", "4001", "", "1.00")}}}),
                        &zhou);
  EXPECT_EQ(edit.status, 409) << edit.body;
  EXPECT_EQ(app->call("DELETE", id_path("/api/v1/vouchers", id), "", &zhou).status, 409);
  EXPECT_EQ(act(id, "void", zhou).status, 409);
  EXPECT_EQ(act(id, "unreview", li).status, 409) << "posting is final";
  auto shown = app->call("GET", id_path("/api/v1/vouchers", id), "", &zhou);
  EXPECT_EQ(shown.text("state"), "posted");
  EXPECT_EQ(shown.json.at("reviewer").at("name").as_string().empty(), false);
  EXPECT_TRUE(problems_of_checks().empty());
}

TEST_P(Ledger, NumbersStayGaplessADraftIsVoidedUnlessItIsTheLast) {
  const array lines{line("备用金", "1001", "10.00", ""), line("备用金", "1002", "", "10.00")};
  const auto first = enter("2026-03-02", lines).number("id");
  const auto second = enter("2026-03-02", lines).number("id");
  auto gap = app->call("DELETE", id_path("/api/v1/vouchers", first), "", &zhou);
  EXPECT_EQ(gap.status, 409) << "deleting 记-0001 would leave a gap: " << gap.body;
  EXPECT_EQ(act(first, "void", zhou).text("state"), "void");
  EXPECT_EQ(app->call("DELETE", id_path("/api/v1/vouchers", second), "", &zhou).status, 204);
  auto third = enter("2026-03-02", lines);
  EXPECT_EQ(third.text("label"), "记-0002") << "the last number is given again";
  auto april = enter("2026-04-01", lines);
  EXPECT_EQ(april.text("label"), "记-0001") << "each period numbers from one";

  // A draft is edited with its version; moving it to another month is refused (its number
  // belongs to March).
  const auto draft = third.number("id");
  auto moved = app->call("PUT", id_path("/api/v1/vouchers", draft),
                         serialize(object{{"version", 1}, {"date", "2026-04-02"}, {"lines", lines}}), &zhou);
  EXPECT_TRUE(names_field(moved, "date", "changes_period")) << moved.body;
  auto edited = app->call("PUT", id_path("/api/v1/vouchers", draft),
                          serialize(object{{"version", 1}, {"date", "2026-03-03"}, {"attachments", 2},
                                           {"lines", array{line("备用金", "1001", "20.00", ""), line("", "1002", "", "20.00")}}}),
                          &zhou);
  ASSERT_EQ(edited.status, 200) << edited.body;
  auto stale = app->call("PUT", id_path("/api/v1/vouchers", draft),
                         serialize(object{{"version", 1}, {"date", "2026-03-03"}, {"lines", lines}}), &zhou);
  EXPECT_EQ(stale.status, 409) << stale.body;
  auto shown = app->call("GET", id_path("/api/v1/vouchers", draft), "", &zhou);
  EXPECT_EQ(shown.text("debit_total"), "20.00");
  EXPECT_EQ(shown.json.at("attachments").as_int64(), 2);
  EXPECT_EQ(shown.json.at("lines").as_array()[1].at("summary").as_string(), "备用金") << "a blank summary repeats the one above";
}

TEST_P(Ledger, APostedMistakeIsReversedInRedAndBothVouchersPointAtEachOther) {
  const auto wrong = posted("2026-03-08", array{line("误记办公费", "6602", "800.00", "", object{{"department_id", department}}),
                                                line("误记办公费", "1002", "", "800.00")});
  auto reversal = app->call("POST", id_path("/api/v1/vouchers", wrong, "reverse"), R"({"date":"2026-03-09"})", &zhou);
  ASSERT_EQ(reversal.status, 201) << reversal.body;
  auto twice = app->call("POST", id_path("/api/v1/vouchers", wrong, "reverse"), R"({"date":"2026-03-09"})", &zhou);
  EXPECT_EQ(twice.status, 409) << twice.body;

  auto red = app->call("GET", id_path("/api/v1/vouchers", reversal.number("id")), "", &zhou);
  EXPECT_EQ(red.json.at("reverses_id").as_int64(), wrong);
  EXPECT_EQ(red.text("debit_total"), "-800.00");
  EXPECT_EQ(red.json.at("lines").as_array()[0].at("debit").as_string(), "-800.00");
  EXPECT_NE(red.json.at("lines").as_array()[0].at("summary").as_string().find("冲销记-0001号凭证"), std::string::npos);
  auto original = app->call("GET", id_path("/api/v1/vouchers", wrong), "", &zhou);
  EXPECT_EQ(original.json.at("reversed_by_id").as_int64(), reversal.number("id"));
  EXPECT_EQ(original.text("state"), "posted") << "the original stays as it was";

  ASSERT_EQ(act(reversal.number("id"), "review", li).status, 200);
  ASSERT_EQ(act(reversal.number("id"), "post", li).status, 200);
  const object march = trial_balance("2026-03", "2026-03");
  EXPECT_EQ(row_of(march, "6602"), "(no row)")
      << "red-letter amounts take the movement back on the same side: nothing moved";
  EXPECT_EQ(row_of(march, "1002"), "(no row)");
  EXPECT_TRUE(problems_of_checks().empty());
}

TEST_P(Ledger, WithReceiptAndPaymentVouchersTheCashierSignsBeforePosting) {
  auto set = app->call("PUT", "/api/v1/finance/settings", R"({"voucher_words":"split","cashier_sign_off":true})", &zhou);
  ASSERT_EQ(set.status, 200) << set.body;
  auto wrong_word = enter("2026-03-05", array{line("收到投资", "1002", "1000.00", ""), line("收到投资", "4001", "", "1000.00")},
                          nullptr, "transfer");
  EXPECT_TRUE(names_field(wrong_word, "word", "transfer_with_cash")) << wrong_word.body;
  auto single = enter("2026-03-05", array{line("收到投资", "1002", "1000.00", ""), line("收到投资", "4001", "", "1000.00")},
                      nullptr, "general");
  EXPECT_TRUE(names_field(single, "word", "not_allowed")) << single.body;
  auto receipt = enter("2026-03-05", array{line("收到投资", "1002", "1000.00", ""), line("收到投资", "4001", "", "1000.00")},
                       nullptr, "receipt");
  ASSERT_EQ(receipt.status, 201) << receipt.body;
  EXPECT_EQ(receipt.text("label"), "收-0001");
  const auto id = receipt.number("id");
  ASSERT_EQ(act(id, "review", li).status, 200);
  auto unsigned_post = act(id, "post", li);
  EXPECT_EQ(unsigned_post.status, 409) << unsigned_post.body;
  Client cashier = app->user_with_roles(admin, "chuna.wang", {"accountant"});
  ASSERT_EQ(act(id, "cashier-sign", cashier).status, 200);
  ASSERT_EQ(act(id, "post", li).status, 200);
  auto shown = app->call("GET", id_path("/api/v1/vouchers", id), "", &zhou);
  EXPECT_EQ(shown.json.at("cashier").at("id").as_int64() != 0, true);
}

TEST_P(Ledger, AClosedPeriodIsReopenedOnlyFromTheLatestWithAReasonOnRecord) {
  for (const char* month : {"2026-01", "2026-02"}) {
    ASSERT_EQ(app->call("POST", id_path("/api/v1/fiscal-periods", period_ids[month], "close"), "", &li).status, 200);
  }
  auto draft = enter("2026-03-03", array{line("x", "1001", "5.00", ""), line("x", "1002", "", "5.00")});
  auto unposted = app->call("POST", id_path("/api/v1/fiscal-periods", period_ids["2026-03"], "close"), "", &li);
  EXPECT_EQ(unposted.status, 409) << unposted.body;
  auto not_latest = app->call("POST", id_path("/api/v1/fiscal-periods", period_ids["2026-01"], "reopen"),
                              R"({"reason":"补录一月费用"})", &li);
  EXPECT_EQ(not_latest.status, 409) << not_latest.body;
  auto reasonless = app->call("POST", id_path("/api/v1/fiscal-periods", period_ids["2026-02"], "reopen"), "{}", &li);
  EXPECT_TRUE(names_field(reasonless, "reason")) << reasonless.body;
  auto reopened = app->call("POST", id_path("/api/v1/fiscal-periods", period_ids["2026-02"], "reopen"),
                            R"({"reason":"补录二月费用发票"})", &li);
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.text("state"), "open");
  auto audit = app->call("GET", "/api/v1/audit-log?action=fiscal_period.reopen", "", &admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("补录二月费用发票"), std::string::npos) << audit.body;

  // Someone without the grant cannot close or reopen.
  auto clerk_role = app->call("POST", "/api/v1/roles",
                              R"({"code":"clerk","name":"录入员","grants":[{"resource":"voucher","action":"create"},)"
                              R"({"resource":"voucher","action":"read"}]})",
                              &admin);
  ASSERT_EQ(clerk_role.status, 201) << clerk_role.body;
  Client clerk = app->user_with_roles(admin, "luru.chen", {"clerk"});
  EXPECT_EQ(app->call("POST", id_path("/api/v1/fiscal-periods", period_ids["2026-02"], "close"), "", &clerk).status, 403);
  EXPECT_EQ(act(draft.number("id"), "review", clerk).status, 403);
}

TEST_P(Ledger, AnotherMemberCompanysBooksAreNeitherSeenNorTouched) {
  const auto mine = posted("2026-03-05", array{line("投资", "1002", "100.00", ""), line("投资", "4001", "", "100.00")});
  const auto draft = enter("2026-03-06", array{line("x", "1001", "5.00", ""), line("x", "1002", "", "5.00")}).number("id");
  Client admin_b = app->admin_of_new_company(admin, "SZ", "深圳分公司");
  auto role = app->call("POST", "/api/v1/roles", R"({"code":"accountant","name":"会计","from_template":"finance"})",
                        &admin_b);
  ASSERT_EQ(role.status, 201) << role.body;
  Client other = app->user_with_roles(admin_b, "kuaiji.sz", {"accountant"});
  EXPECT_EQ(app->call("GET", id_path("/api/v1/vouchers", mine), "", &other).status, 404);
  EXPECT_EQ(act(draft, "review", other).status, 404);
  EXPECT_EQ(app->call("DELETE", id_path("/api/v1/vouchers", draft), "", &other).status, 404);
  EXPECT_EQ(app->call("POST", id_path("/api/v1/fiscal-periods", period_ids["2026-01"], "close"), "", &other).status, 404);
  auto list = app->call("GET", "/api/v1/vouchers", "", &other);
  EXPECT_TRUE(list.json.at("items").as_array().empty()) << list.body;
  // B has no periods of its own yet, and cannot post to A's accounts by id.
  auto periods = app->call("GET", "/api/v1/fiscal-periods", "", &other);
  EXPECT_TRUE(periods.json.at("items").as_array().empty()) << periods.body;
  ASSERT_EQ(app->call("POST", "/api/v1/fiscal-years", R"({"year":2026})", &other).status, 201);
  auto reply = app->call("GET", "/api/v1/vouchers/" + std::to_string(mine), "", &zhou);
  const auto bank_of_a = reply.json.at("lines").as_array()[0].at("account_id").as_int64();
  auto borrowed = app->call("POST", "/api/v1/vouchers",
                            serialize(object{{"date", "2026-03-05"},
                                             {"lines", array{object{{"summary", "x"}, {"account_id", bank_of_a}, {"debit", "1.00"}},
                                                             object{{"account_id", bank_of_a}, {"credit", "1.00"}}}}}),
                            &other);
  EXPECT_TRUE(names_field(borrowed, "lines[0].account", "unknown")) << borrowed.body;
}

TEST_P(Ledger, TheInvoiceScanIsKeptWithItsVoucherAndOnlyADraftLosesIt) {
  const auto id = enter("2026-03-05", array{line("采购办公用品", "6602", "565.00", "", object{{"department_id", department}}),
                                            line("采购办公用品", "1002", "", "565.00")})
                      .number("id");
  // Any PDF will do as the supplier's invoice: the income statement's.
  const std::string invoice = app->call("GET", "/api/v1/finance/income-statement?from=2026-03&format=pdf", "", &zhou).body;
  const std::string boundary = "verp-voucher-file";
  auto upload = [&](const std::string& name) {
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
                             "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + invoice + "\r\n--" + boundary +
                             "--\r\n";
    return app->call("POST", id_path("/api/v1/vouchers", id, "files"), body, &zhou,
                     {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  };
  auto attached = upload("增值税专用发票.pdf");
  ASSERT_EQ(attached.status, 201) << attached.body;
  EXPECT_EQ(attached.text("content_type"), "application/pdf");
  const std::string file = id_path("/api/v1/vouchers", id, "files") + "/" + std::to_string(attached.number("id"));
  auto fetched = app->call("GET", file, "", &li);
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.body, invoice);
  EXPECT_NE(fetched.headers.get("Content-Disposition").find("filename*=UTF-8''%E5%A2%9E"), std::string::npos);

  Client admin_b = app->admin_of_new_company(admin, "SZ", "深圳分公司");
  EXPECT_EQ(app->call("GET", id_path("/api/v1/vouchers", id, "files"), "", &admin_b).status, 404);
  EXPECT_EQ(app->call("GET", file, "", &admin_b).status, 404);

  // Posted, the voucher keeps what it was posted with; the archive may still add a scan.
  ASSERT_EQ(act(id, "review", li).status, 200);
  ASSERT_EQ(act(id, "post", li).status, 200);
  EXPECT_EQ(app->call("DELETE", file, "", &zhou).status, 409);
  EXPECT_EQ(upload("付款回单.pdf").status, 201);
  auto listed = app->call("GET", id_path("/api/v1/vouchers", id, "files"), "", &zhou);
  EXPECT_EQ(listed.json.at("items").as_array().size(), 2u) << listed.body;
  auto audit = app->call("GET", "/api/v1/audit-log?action=voucher.attach", "", &admin);
  EXPECT_NE(audit.body.find("增值税专用发票.pdf"), std::string::npos) << audit.body;
}

TEST_P(Ledger, AccountantsPostingAtOnceNeverBreakNumbersOrBalances) {
  constexpr int kThreads = 4;
  constexpr int kEach = 6;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string amount = std::to_string(100 + t) + "." + std::to_string(10 + i);
        auto entered = enter("2026-03-1" + std::to_string(t),
                             array{line("并发", "1001", amount, ""), line("并发", "1002", "", amount)});
        if (entered.status != 201 || act(entered.number("id"), "review", li).status != 200 ||
            act(entered.number("id"), "post", li).status != 200) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto list = app->call("GET", "/api/v1/vouchers?period=2026-03&limit=100", "", &zhou);
  std::set<std::int64_t> numbers;
  for (const auto& v : list.json.at("items").as_array()) numbers.insert(v.at("number").as_int64());
  EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*numbers.rbegin(), kThreads * kEach) << "gapless: 1 to " << kThreads * kEach;
  const object march = trial_balance("2026-03", "2026-03");
  // Thread t posts 6 × (100 + t) and 0.10 + … + 0.15 = 0.75: together 2,436 + 3.00.
  EXPECT_EQ(row_of(march, "1001"), "0.00/0.00 | 2439.00 | 0.00 | 2439.00/0.00");
  EXPECT_TRUE(march.at("balanced").as_bool());
  EXPECT_TRUE(problems_of_checks().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Ledger, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
