// Receivables and payables as open items (往来核销): every posted line on an account kept per
// customer, supplier or employee (1122 应收账款, 2202 应付账款, 1123, 2203, 1221…) becomes an open
// item of its partner — on the debit side (an invoice on a receivable, a payment on a payable) or
// the credit side. Allocation (核销) matches a debit item with a credit item of the same account
// and partner, wholly or in part; what stays open is what the partner still owes or has paid in
// advance (预收/预付 stay open on the other side until an invoice arrives).
//
// The ledger lines themselves never change: `open_items` keeps each line's amount and how much of
// it is allocated, in the posting and allocating transactions; `verp check` proves both.
#pragma once

#include <boost/json/object.hpp>

#include "modules/finance/ledger.hpp"
#include "platform/module/module.hpp"

namespace verp::finance {

std::vector<storage::TableDef> open_item_tables();

// Records the open items of a voucher being posted (called by posting).
Status add_open_items(storage::Connection& c, std::int64_t company, std::int64_t voucher_id);

struct Allocation {
  std::int64_t debit_line_id = 0;
  std::int64_t credit_line_id = 0;
  Cents amount = 0;
};

// Allocates each pair (all or nothing). Errors: validation naming "allocations[i].amount"
// (not positive, more than either item has open), "allocations[i]" (not one account and
// partner, or not the company's lines).
Result<std::vector<std::int64_t>> allocate(storage::Connection& c, const Actor& actor,
                                           const std::vector<Allocation>& allocations);

// Matches the partner's open debit and credit items on the account oldest first; returns how
// many allocations it made.
Result<std::int64_t> allocate_oldest_first(storage::Connection& c, const Actor& actor, std::int64_t account_id,
                                           std::int64_t partner_id);

// Takes an allocation back (反核销); the items are open again. Errors: not_found; conflict
// "finance.allocation_cancelled".
Status cancel_allocation(storage::Connection& c, const Actor& actor, std::int64_t allocation_id);

// The allocations of an account (and partner), newest first, with both items' vouchers, so
// that one can be taken back; cancelled ones only when asked.
Result<boost::json::object> list_allocations(storage::Connection& c, std::int64_t company, std::int64_t account_id,
                                             std::optional<std::int64_t> partner_id, bool with_cancelled);

struct OpenItemQuery {
  std::int64_t account_id = 0;
  std::optional<std::int64_t> partner_id;
  bool open_only = true;
};
Result<boost::json::object> open_items(storage::Connection& c, std::int64_t company, const OpenItemQuery& query);

// 账龄分析: per partner, what is open on the account's own side (invoices of a receivable,
// bills of a payable) by age at `as_of` in the buckets (upper bounds in days, e.g. 30, 60, 90 and
// "over 90"), and what was paid in advance on the other side.
Result<boost::json::object> aging(storage::Connection& c, std::int64_t company, std::int64_t account_id,
                                  storage::Date as_of, const std::vector<int>& buckets, std::string_view locale);

std::vector<Check> open_item_checks();

}  // namespace verp::finance
