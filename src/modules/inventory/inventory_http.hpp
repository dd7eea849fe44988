// What the inventory module's route files share: the ledger's HTTP kit (database, catalogue,
// clock, problem answers, the acting user) and the route groups.
#pragma once

#include "modules/finance/ledger_http.hpp"

namespace verp::inventory {

using finance::LedgerHttp;

void add_stock_document_routes(http::Router& router, const LedgerHttp& kit);
void add_stocktake_routes(http::Router& router, const LedgerHttp& kit);
void add_stock_query_routes(http::Router& router, const LedgerHttp& kit);

// A stock report (kind "stock", "stock-moves", "lots", "reorder" or "valuation") as a table for
// CSV, Excel and PDF downloads; `report` is what the matching query returned.
exporting::Table stock_report_table(std::string_view kind, const boost::json::object& report, std::string_view locale);

// An optional date query parameter; a malformed one is named.
Result<std::optional<storage::Date>> date_param(const http::Request& request, std::string_view name);

}  // namespace verp::inventory
