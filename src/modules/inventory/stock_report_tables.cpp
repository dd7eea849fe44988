// The stock reports as tables for ?format=csv|xlsx|pdf: the rows the JSON answer holds, with
// headers in the caller's language.
#include <boost/json.hpp>

#include "modules/finance/report_tables.hpp"
#include "modules/inventory/inventory_http.hpp"

namespace verp::inventory {

namespace json = boost::json;
using finance::cell_text;
using finance::cells;

namespace {

using Headers = std::vector<std::string>;

void add_rows(exporting::Table& table, const json::object& report, std::string_view key,
              std::initializer_list<std::string_view> columns) {
  for (const auto& row : report.at(key).as_array()) table.rows.push_back(cells(row.as_object(), columns));
}

void on_hand_table(exporting::Table& table, const json::object& report, bool en) {
  const std::string group = cell_text(report, "group");
  const std::string as_of = cell_text(report, "as_of");
  table.sheet_name = (en ? "Stock " : "库存 ") + (as_of.empty() ? std::string() : as_of);
  table.headers = en ? Headers{"Item code", "Item", "Unit"} : Headers{"物料编码", "物料名称", "单位"};
  std::vector<std::string_view> keys{"item_code", "item_name", "unit"};
  if (group != "item") {
    table.headers.push_back(en ? "Warehouse" : "仓库");
    keys.push_back("warehouse");
  }
  if (group == "location") {
    table.headers.insert(table.headers.end(), {en ? "Location code" : "库位编码", en ? "Location" : "库位"});
    keys.insert(keys.end(), {"location_code", "location"});
  }
  if (group == "lot") {
    table.headers.insert(table.headers.end(), {en ? "Lot" : "批号", en ? "Expires on" : "失效日期"});
    keys.insert(keys.end(), {"lot_number", "expires_on"});
  }
  const std::size_t leading = keys.size();
  table.headers.insert(table.headers.end(), {en ? "On hand" : "现存量", en ? "Reserved" : "预留量",
                                             en ? "Available" : "可用量", en ? "Value" : "金额"});
  keys.insert(keys.end(), {"on_hand", "reserved", "available", "value"});
  for (const auto& row : report.at("rows").as_array()) {
    std::vector<std::string> line;
    for (std::string_view key : keys) line.push_back(cell_text(row.as_object(), key));
    table.rows.push_back(std::move(line));
  }
  std::vector<std::string> totals(leading);
  totals[0] = en ? "Total" : "合计";
  for (const auto& cell : cells(report.at("totals").as_object(), {"on_hand", "reserved", "available", "value"})) {
    totals.push_back(cell);
  }
  table.rows.push_back(std::move(totals));
}

std::string status_label(std::string_view status, bool en) {
  if (status == "below_safety") return en ? "Below safety stock" : "低于安全库存";
  if (status == "below_minimum") return en ? "Below minimum" : "低于最低库存";
  if (status == "above_maximum") return en ? "Above maximum" : "超过最高库存";
  return en ? "OK" : "正常";
}

void valuation_table(exporting::Table& table, const json::object& report, bool en) {
  const std::string as_of = cell_text(report, "as_of");
  table.sheet_name = (en ? "Stock value " : "存货价值 ") + as_of;
  table.headers = en ? Headers{"Code", "Name", "Quantity", "Value"} : Headers{"编码", "名称", "数量", "金额"};
  add_rows(table, report, "rows", {"code", "name", "quantity", "value"});
  const auto& total = report.at("total").as_object();
  table.rows.push_back({"", en ? "Total" : "合计", cell_text(total, "quantity"), cell_text(total, "value")});
  const auto& reconciled = report.at("reconciliation").as_object();
  table.rows.push_back({});
  table.rows.push_back({"", en ? "Inventory accounts, posted" : "存货科目余额（已过账）", "", cell_text(reconciled, "posted")});
  table.rows.push_back({"", en ? "Inventory accounts, not yet posted" : "存货科目余额（未过账）", "",
                        cell_text(reconciled, "unposted")});
  table.rows.push_back({"", en ? "Stock value − posted" : "存货价值 − 已过账", "", cell_text(reconciled, "difference")});
  table.rows.push_back({"", en ? "Stock value − all vouchers" : "存货价值 − 全部凭证", "",
                        cell_text(reconciled, "difference_with_unposted")});
}

}  // namespace

exporting::Table stock_report_table(std::string_view kind, const json::object& report, std::string_view locale) {
  const bool en = locale.starts_with("en");
  exporting::Table table;
  if (kind == "stock") {
    on_hand_table(table, report, en);
  } else if (kind == "stock-moves") {
    table.sheet_name = en ? "Stock moves" : "出入库流水";
    table.headers = en ? Headers{"Date", "Document", "Number", "Type", "Item code", "Item", "Warehouse", "Lot",
                                 "Quantity", "Unit", "Value"}
                       : Headers{"日期", "单据类型", "单据号", "业务类型", "物料编码", "物料名称", "仓库", "批号",
                                 "数量", "单位", "金额"};
    add_rows(table, report, "items", {"date", "document_type", "document_number", "move_type", "item_code", "item_name",
                                      "warehouse", "lot_number", "quantity", "unit", "value"});
  } else if (kind == "lots") {
    table.sheet_name = en ? "Lots" : "批次";
    table.headers = en ? Headers{"Item code", "Item", "Lot", "Produced on", "Expires on", "Days to expiry", "Supplier",
                                 "On hand"}
                       : Headers{"物料编码", "物料名称", "批号", "生产日期", "失效日期", "剩余天数", "供应商", "现存量"};
    add_rows(table, report, "items", {"item_code", "item_name", "lot_number", "produced_on", "expires_on",
                                      "days_to_expiry", "supplier", "on_hand"});
  } else if (kind == "reorder") {
    table.sheet_name = en ? "Reorder" : "补货建议";
    table.headers = en ? Headers{"Item code", "Item", "Warehouse", "Available", "Minimum", "Safety stock", "Maximum",
                                 "Status", "Suggested order"}
                       : Headers{"物料编码", "物料名称", "仓库", "可用量", "最低库存", "安全库存", "最高库存", "状态",
                                 "建议采购量"};
    for (const auto& value : report.at("rows").as_array()) {
      const auto& row = value.as_object();
      auto line = cells(row, {"item_code", "item_name", "warehouse", "available", "min_quantity", "safety_stock",
                              "max_quantity", "status", "suggested"});
      if (line[2].empty()) line[2] = en ? "(all warehouses)" : "（全部仓库）";
      line[7] = status_label(line[7], en);
      table.rows.push_back(std::move(line));
    }
  } else {
    valuation_table(table, report, en);
  }
  return table;
}

}  // namespace verp::inventory
