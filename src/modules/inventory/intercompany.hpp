// Transfers between member companies (成员公司间调拨): goods leave one company's warehouse and
// travel to another member company, where they wait in its transit warehouse until the
// destination confirms their arrival (POST /api/v1/stock-documents/{id}/arrive). Two sets of
// books see it: the sender sold the goods at cost to the member company (Dr 1122 the member as a
// customer, Cr inventory), the receiver bought them (Dr inventory in transit, Cr 2202 the member
// as a supplier); consolidation eliminates the two balances. One transaction writes both.
#pragma once

#include "modules/inventory/stock_documents.hpp"

namespace verp::inventory {

struct IntercompanyLineInput {
  std::optional<std::int64_t> item_id;
  std::string item;      // a code or barcode, when item_id is absent
  std::string quantity;  // in the stock unit
  std::string lot_number;
};

struct IntercompanyInput {
  std::int64_t to_company_id = 0;
  std::int64_t from_warehouse_id = 0;  // the sender's
  std::int64_t to_warehouse_id = 0;    // the receiver's final warehouse
  storage::Date date;
  std::string note;
  std::vector<IntercompanyLineInput> lines;
  std::vector<FieldError> unreadable;
};

Result<IntercompanyInput> intercompany_from_json(const boost::json::value& body);

struct IntercompanyTransfer {
  std::int64_t sent_id = 0;      // the sender's document (ICT-…), posted
  std::string sent_number;
  std::int64_t received_id = 0;  // the receiver's document (ICR-…), in transit
  std::string received_number;
};

// Sends the goods. The user must belong to both companies. The sender keeps the receiver as a
// customer and the receiver the sender as a supplier (`member_company_id` on each); the receiver
// has the same item codes and a transit warehouse. Errors: validation naming "to_company_id"
// (unknown, not a member, no partner record, no transit warehouse), "from_warehouse_id",
// "to_warehouse_id", "lines[i].…" (unknown item, not in the receiver's items, quantity);
// conflict "inventory.insufficient_stock".
Result<IntercompanyTransfer> transfer_to_member(storage::Connection& c, const Actor& actor,
                                                const IntercompanyInput& input);

}  // namespace verp::inventory
