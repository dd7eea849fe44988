#include "app/demo_ledger.hpp"

#include <algorithm>

#include "modules/finance/ledger.hpp"
#include "platform/base/try.hpp"
#include "platform/security/password.hpp"
#include "platform/security/tokens.hpp"

namespace verp::app {

namespace {

using storage::Connection;
using storage::Date;

// The demo accountant, a member of the company; her password is random and unknown.
Result<std::int64_t> demo_accountant(Connection& c, std::int64_t company, const Clock& clock) {
  VERP_TRY(auto found, c.query_row("SELECT id FROM users WHERE user_name = 'kuaiji.zhang'", {}));
  std::int64_t id = 0;
  if (found) {
    VERP_TRY(id, found->int64(0));
  } else {
    VERP_TRY(auto hash, security::hash_password(security::random_token()));
    const auto now = storage::Timestamp::from_system(clock.now());
    VERP_TRY(auto made, c.query_row("INSERT INTO users (user_name, display_name, password_hash, must_change_password, "
                                    "is_active, totp_enabled, sms_mfa_enabled, created_at, updated_at, "
                                    "password_changed_at, version) VALUES ('kuaiji.zhang', '张会计', $1, true, true, "
                                    "false, false, $2, $2, $2, 1) RETURNING id",
                                    {hash, now}));
    VERP_TRY(id, made->int64(0));
  }
  VERP_CHECK(c.execute("INSERT INTO memberships (user_id, company_id, is_default) VALUES ($1, $2, true) "
                       "ON CONFLICT (user_id, company_id) DO NOTHING",
                       {id, company}));
  return id;
}

// The first record of a company's table (the demo's master data), or nullopt.
Result<std::optional<std::int64_t>> first_of(Connection& c, const char* table, std::int64_t company,
                                             const char* where = "") {
  VERP_TRY(auto row, c.query_row(std::string("SELECT id FROM ") + table + " WHERE company_id = $1" + where +
                                     " ORDER BY id LIMIT 1",
                                 {company}));
  if (!row) return std::optional<std::int64_t>();
  VERP_TRY(auto id, row->int64(0));
  return std::optional<std::int64_t>(id);
}

finance::LineInput line(const char* summary, const char* account, finance::Cents debit, finance::Cents credit) {
  return finance::LineInput{.summary = summary, .account_code = account, .debit = debit, .credit = credit};
}

}  // namespace

Result<std::int64_t> load_demo_ledger(Application& app, const security::Principal& reviewer, std::int64_t company) {
  const Clock& clock = app.context->clock;
  const auto today = Date::from_days(
      std::chrono::duration_cast<std::chrono::days>(clock.now().time_since_epoch()).count());
  return app.database->write([&](Connection& c) -> Result<std::int64_t> {
    VERP_TRY(auto any, c.query_row("SELECT 1 FROM vouchers WHERE company_id = $1 LIMIT 1", {company}));
    if (any) return std::int64_t{0};
    VERP_TRY(auto year, c.query_row("SELECT 1 FROM fiscal_periods WHERE company_id = $1 AND year = $2 LIMIT 1",
                                    {company, today.year}));
    security::Principal admin = reviewer;
    admin.company_id = company;
    const finance::Actor as_reviewer{admin, {"local", "verp demo"}, clock};
    if (!year) VERP_CHECK(finance::open_fiscal_year(c, as_reviewer, today.year));
    VERP_TRY(auto accountant_id, demo_accountant(c, company, clock));
    security::Principal accountant{.user_id = accountant_id, .user_name = "kuaiji.zhang", .display_name = "张会计",
                                   .company_id = company, .company_ids = {company}};
    const finance::Actor as_accountant{accountant, {"local", "verp demo"}, clock};

    VERP_TRY(auto customer, first_of(c, "customers", company));
    VERP_TRY(auto supplier, first_of(c, "suppliers", company));
    VERP_TRY(auto item, first_of(c, "items", company, " AND item_type IN ('merchandise', 'finished')"));
    if (!customer || !supplier || !item) return std::int64_t{0};

    auto on = [&](int day) { return Date{today.year, today.month, std::min(day, today.day)}; };
    auto with = [](finance::LineInput line, auto member, std::int64_t id) {
      line.*member = id;
      return line;
    };
    using L = finance::LineInput;
    // The purchase of the goods and their cost of sales come from documents (demo_trade.cpp).
    const std::vector<finance::VoucherInput> month = {
        {.date = on(1), .lines = {line("收到股东投资款", "1002", 500000000, 0), line("收到股东投资款", "4001", 0, 500000000)}},
        {.date = on(5),
         .lines = {with(line("销售商品", "1122", 16950000, 0), &L::customer_id, *customer),
                   with(line("销售商品", "6001", 0, 15000000), &L::customer_id, *customer),
                   line("销售商品", "22210102", 0, 1950000)}},
        {.date = on(8),
         .lines = {with(line("支付货款", "2202", 22600000, 0), &L::supplier_id, *supplier),
                   [&] {
                     auto paid = line("支付货款", "1002", 0, 22600000);
                     paid.cash_flow_item = "CFO-4";
                     return paid;
                   }()}},
        {.date = on(10),
         .lines = {[&] {
                     auto received = line("收回货款", "1002", 10000000, 0);
                     received.cash_flow_item = "CFO-1";
                     return received;
                   }(),
                   with(line("收回货款", "1122", 0, 10000000), &L::customer_id, *customer)}},
        {.date = on(12), .lines = {line("银行手续费", "6603", 15000, 0), line("银行手续费", "1002", 0, 15000)}},
    };
    std::int64_t made = 0;
    for (const finance::VoucherInput& input : month) {
      VERP_TRY(auto voucher, finance::create_voucher(c, as_accountant, input));
      VERP_CHECK(finance::act_on_voucher(c, as_reviewer, voucher.id, finance::VoucherAction::review));
      VERP_CHECK(finance::act_on_voucher(c, as_reviewer, voucher.id, finance::VoucherAction::post));
      ++made;
    }
    return made;
  });
}

}  // namespace verp::app
