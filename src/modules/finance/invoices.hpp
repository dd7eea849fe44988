// Invoices of receivables and payables (应收单 / 应付单) with VAT: what a customer owes for a sale
// or service, or what the company owes a supplier, line by line with the tax rate of each line
// (13 %, 9 %, 6 %, 3 % …). Posting an invoice writes its voucher (a draft for review, like every
// business voucher) in the same transaction:
//   receivable  Dr 1122 应收账款 (customer) total      Cr each line's income account, Cr 22210102 销项税额
//   payable     Dr each line's account, Dr 22210101 进项税额      Cr 2202 应付账款 (supplier) total
// Once that voucher is posted the invoice is an open item of the partner (open_items.hpp).
// Purchasing and sales issue their own invoices through this when they arrive (issues 8, 9).
#pragma once

#include <boost/json/object.hpp>

#include "modules/finance/ledger.hpp"

namespace verp::finance {

std::vector<storage::TableDef> invoice_tables();

struct InvoiceLineInput {
  std::string description;
  std::int64_t account_id = 0;
  std::string account_code;  // when account_id is 0; default: 6001 (receivable) or 1402 (payable)
  Cents amount = 0;          // excluding tax; negative on a credit note
  Decimal tax_rate;          // a fraction: 0.13
  std::optional<std::int64_t> item_id;
  std::optional<std::int64_t> department_id;
  std::optional<std::int64_t> project_id;
};

struct InvoiceInput {
  std::string kind;  // receivable, payable
  std::int64_t partner_id = 0;  // a customer (receivable) or supplier (payable)
  std::string number;           // the tax invoice's number (发票号码)
  storage::Date date;
  std::optional<storage::Date> due_date;
  std::vector<InvoiceLineInput> lines;
};

// Reads the JSON body; amounts and rates as decimal text. Field problems are named.
Result<InvoiceInput> invoice_from_json(const boost::json::value& body);

// Errors: validation naming each field ("lines[1].tax_rate", "partner_id", …).
Result<std::int64_t> create_invoice(storage::Connection& c, const Actor& actor, const InvoiceInput& input);
// Writes the invoice's voucher; the invoice becomes posted. Errors: not_found; invalid_transition
// "finance.invoice_not_draft"; the voucher's rules (an account that keeps a dimension the line lacks…).
Result<VoucherRef> post_invoice(storage::Connection& c, const Actor& actor, std::int64_t id);
// Errors: not_found; invalid_transition "finance.invoice_not_draft".
Status cancel_invoice(storage::Connection& c, const Actor& actor, std::int64_t id);

Result<std::optional<boost::json::object>> invoice_json(storage::Connection& c, std::int64_t company, std::int64_t id);
Result<boost::json::object> list_invoices(storage::Connection& c, std::int64_t company, std::string_view kind,
                                          std::string_view state);

}  // namespace verp::finance
