// The posting interface (凭证接口): how purchasing, inventory and sales turn a business event into
// a voucher, inside the transaction that records the event.
//
// A module describes what happened in roles, not accounts: a customer invoice has a receivable,
// revenue and output VAT; a goods receipt has inventory and goods in transit. Each event type
// declares its roles and the side each is booked on (posting_event_types()). A company's posting
// rules (the entity `posting_rule`) map a role to an account, optionally only for items of one
// category (raw materials to 1403, merchandise to 1405); without a rule the role's standard
// account is used. Negative amounts (returns, credit notes) become red-letter lines on the same
// side. The voucher is a draft carrying the event as its source (source_type = event type,
// source_id = the document), for accountants to review and post like any other.
#pragma once

#include <boost/json/fwd.hpp>
#include <string_view>
#include <vector>

#include "modules/finance/ledger.hpp"

namespace verp::finance {

struct PostingRole {
  std::string_view name;
  std::string_view side;  // debit or credit
  std::string_view standard_account;
  std::string_view zh;
  std::string_view en;
};

struct PostingEventType {
  std::string_view name;
  std::string_view zh;
  std::string_view en;
  std::vector<PostingRole> roles;
};

const std::vector<PostingEventType>& posting_event_types();
const PostingEventType* find_posting_event_type(std::string_view name);

struct PostingLine {
  std::string role;
  Cents amount = 0;     // negative: a red-letter line on the role's side
  std::string summary;  // empty: the event's summary
  std::optional<std::int64_t> customer_id;
  std::optional<std::int64_t> supplier_id;
  std::optional<std::int64_t> department_id;
  std::optional<std::int64_t> employee_id;
  std::optional<std::int64_t> project_id;
  std::optional<std::int64_t> item_id;  // also selects a rule by the item's category
  std::string cash_flow_item;
};

struct BusinessEvent {
  std::string type;  // a posting_event_types() name
  std::int64_t source_id = 0;
  storage::Date date;
  std::string summary;  // e.g. "销售发票 SI-0001 华南电子"
  std::vector<PostingLine> lines;
};

// The voucher the event becomes, not saved: each line's account resolved. Errors: validation
// naming "type", "lines[i].role" (unknown role, or no account for it).
Result<VoucherInput> voucher_for_event(storage::Connection& c, std::int64_t company, const BusinessEvent& event);

// The same, saved as a draft voucher in the caller's transaction. Errors: the above and the
// voucher rules (create_voucher).
Result<VoucherRef> post_business_event(storage::Connection& c, const Actor& actor, const BusinessEvent& event);

// The vouchers recorded for a source document, oldest first (a document may be posted, reversed
// and posted again).
Result<std::vector<VoucherRef>> vouchers_of_source(storage::Connection& c, std::int64_t company,
                                                   std::string_view source_type, std::int64_t source_id);

entity::EntitySpec posting_rule_entity();

}  // namespace verp::finance
