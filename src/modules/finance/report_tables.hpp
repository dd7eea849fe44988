// The ledger's reports as tables for CSV and Excel (platform/export): the same rows the API
// answers, with localised headers, for the report routes' `?format=` and for `verp ledger`.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "platform/export/table.hpp"

namespace verp::finance {

// kind: "trial-balance", "balance-sheet", "income-statement", "aging" or "ledger"; `report` is what the
// matching report function returned. A report holding "columns" ([{"key","zh","en"}]), "rows" and
// "title" ({"zh","en"}) describes itself and becomes that table whatever its kind: how other
// modules' reports (stock, purchasing) export without finance knowing them.
exporting::Table report_table(std::string_view kind, const boost::json::object& report, std::string_view locale);

}  // namespace verp::finance
