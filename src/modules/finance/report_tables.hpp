// The ledger's reports as tables for CSV and Excel (platform/export): the same rows the API
// answers, with localised headers, for the report routes' `?format=` and for `verp ledger`.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "platform/export/table.hpp"

namespace verp::finance {

// kind: "trial-balance", "balance-sheet", "income-statement", "aging" or "ledger"; `report` is what the
// matching report function returned. A report holding "columns" ([{"key","zh","en"}]), "rows" and
// "title" ({"zh","en"}) describes itself and becomes that table whatever its kind: how other
// modules' reports (stock, purchasing) export without finance knowing them.
// Cells of a report row: a member as text ("" when absent or null, JSON for numbers), and the
// members named, in order. Other modules' report tables use them too.
std::string cell_text(const boost::json::object& row, std::string_view key);
std::vector<std::string> cells(const boost::json::object& row, std::initializer_list<std::string_view> keys);

exporting::Table report_table(std::string_view kind, const boost::json::object& report, std::string_view locale);

// A report that describes itself, as other modules build theirs: {"title":{"zh","en"},
// "columns":[{"key","zh","en"}], "rows"}; callers add their own totals and parameters.
struct ReportColumn {
  const char* key;
  const char* zh;
  const char* en;
};
boost::json::object described_report(std::string_view zh, std::string_view en,
                                     std::initializer_list<ReportColumn> columns, boost::json::array rows);

}  // namespace verp::finance
