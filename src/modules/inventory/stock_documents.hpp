// Stock documents of the warehouse itself (库存单据): other receipts and issues (其他入库 / 其他出库),
// adjustments with a reason (库存调整), transfers between warehouses and locations (调拨) and
// scrap (报废). Each is entered and posted in one transaction: numbered, its moves applied
// (stock_ledger.hpp), its value posted to the ledger as a draft voucher when the company books
// stock perpetually, audited and announced. A posted document is never changed; a wrong one is
// corrected by another document.
#pragma once

#include <boost/json/object.hpp>

#include "modules/inventory/stock_ledger.hpp"

namespace verp::inventory {

struct StockLineInput {
  std::optional<std::int64_t> item_id;
  std::string item;  // a code or barcode (scanned), when item_id is absent
  std::string quantity;  // decimal text in `uom_id`'s unit (default the stock unit); adjustments signed
  std::optional<std::int64_t> uom_id;
  std::optional<std::int64_t> location_id;
  std::optional<std::int64_t> to_location_id;  // transfers
  std::optional<std::int64_t> lot_id;
  std::string lot_number;  // receipts: a new or existing lot of the item
  std::optional<storage::Date> produced_on;
  std::optional<storage::Date> expires_on;
  std::string unit_cost;  // receipts: cost per stock unit (default: average, else standard cost)
  std::string reason;
  bool exact_place = false;  // adjustments: out of exactly this location and lot (MoveInput)
};

struct StockDocumentInput {
  std::string kind;  // receipt, issue, adjustment, transfer, scrap
  storage::Date date;
  std::int64_t warehouse_id = 0;
  std::optional<std::int64_t> to_warehouse_id;  // transfers
  // Transfers that take time: the goods wait in the company's transit warehouse (kind
  // "transit") until the destination confirms their arrival (arrive_transfer).
  bool in_transit = false;
  std::string reason;  // adjustments and scrap: one of stock_reasons()
  std::string note;
  std::vector<StockLineInput> lines;
  std::vector<FieldError> unreadable;
};

// The reasons an adjustment or scrap must give (库存调整原因).
const std::vector<std::string_view>& stock_reasons();

Result<StockDocumentInput> stock_document_from_json(const boost::json::value& body);

// Enters and posts the document. Errors: validation naming each field ("lines[1].quantity",
// "reason", …); conflict "inventory.insufficient_stock"; the ledger's errors when its voucher
// cannot be written (no open period on the date).
Result<std::int64_t> post_stock_document(storage::Connection& c, const Actor& actor, const StockDocumentInput& input);

// 调拨到货: the goods of an in-transit transfer leave the transit warehouse for the destination,
// lot by lot, on `date`. Errors: not_found; invalid_transition "inventory.transfer_not_in_transit".
Status arrive_transfer(storage::Connection& c, const Actor& actor, std::int64_t document, storage::Date date);

Result<std::optional<boost::json::object>> stock_document_json(storage::Connection& c, std::int64_t company,
                                                               std::int64_t id);
Result<boost::json::object> list_stock_documents(storage::Connection& c, std::int64_t company, std::string_view kind,
                                                 std::optional<storage::Date> from, std::optional<storage::Date> to);

// What a scanned code is: an item's barcode or code, a packing unit's barcode (with its unit and
// factor), or "<item code>/<lot number>" from a lot label.
struct Scanned {
  std::int64_t item_id = 0;
  std::optional<std::int64_t> uom_id;  // a packing unit: quantities are in it
  Decimal factor = Decimal::from_int(1);
  std::optional<std::int64_t> lot_id;
};
Result<std::optional<Scanned>> resolve_scan(storage::Connection& c, std::int64_t company, std::string_view code);

// How the company books stock: "perpetual" (every valued document gets its voucher, the
// default) or "periodic" (none; stock is valued in the ledger at period end by the accountant).
Result<std::string> valuation_posting_of(storage::Connection& c, std::int64_t company);
Status save_valuation_posting(storage::Connection& c, const Actor& actor, std::string_view mode);

}  // namespace verp::inventory
