#include "modules/finance/report_tables.hpp"

#include <boost/json.hpp>

namespace verp::finance {

namespace json = boost::json;

std::string cell_text(const json::object& row, std::string_view key) {
  const json::value* value = row.if_contains(key);
  if (value == nullptr || value->is_null()) return {};
  if (value->is_string()) return std::string(value->as_string());
  return json::serialize(*value);
}

std::vector<std::string> cells(const json::object& row, std::initializer_list<std::string_view> keys) {
  std::vector<std::string> out;
  for (std::string_view key : keys) out.push_back(cell_text(row, key));
  return out;
}

json::object described_report(std::string_view zh, std::string_view en, std::initializer_list<ReportColumn> columns,
                              json::array rows) {
  json::array described;
  for (const ReportColumn& column : columns) {
    described.push_back(json::object{{"key", column.key}, {"zh", column.zh}, {"en", column.en}});
  }
  return json::object{
      {"title", json::object{{"zh", zh}, {"en", en}}}, {"columns", std::move(described)}, {"rows", std::move(rows)}};
}

exporting::Table report_table(std::string_view kind, const json::object& report, std::string_view locale) {
  const bool en = locale.starts_with("en");
  exporting::Table table;
  if (const json::value* described = report.if_contains("columns"); described != nullptr && described->is_array()) {
    // A report that describes its own columns (other modules' reports): one cell per column key.
    const json::value* title = report.if_contains("title");
    if (title != nullptr && title->is_object()) table.sheet_name = cell_text(title->as_object(), en ? "en" : "zh");
    std::vector<std::string> keys;
    for (const auto& column : described->as_array()) {
      keys.push_back(cell_text(column.as_object(), "key"));
      table.headers.push_back(cell_text(column.as_object(), en ? "en" : "zh"));
    }
    for (const auto& row : report.at("rows").as_array()) {
      std::vector<std::string> cells;
      for (const auto& key : keys) cells.push_back(cell_text(row.as_object(), key));
      table.rows.push_back(std::move(cells));
    }
    return table;
  }
  if (kind == "trial-balance") {
    table.sheet_name = en ? "Trial balance " + cell_text(report, "from") + " to " + cell_text(report, "to")
                          : "科目余额表 " + cell_text(report, "from") + " 至 " + cell_text(report, "to");
    table.headers = en ? std::vector<std::string>{"Code", "Account", "Level", "Opening debit", "Opening credit", "Debit",
                                                  "Credit", "Closing debit", "Closing credit"}
                       : std::vector<std::string>{"科目编码", "科目名称", "级次", "期初借方", "期初贷方", "本期借方",
                                                  "本期贷方", "期末借方", "期末贷方"};
    for (const auto& row : report.at("rows").as_array()) {
      table.rows.push_back(cells(row.as_object(), {"code", "name", "level", "opening_debit", "opening_credit", "debit",
                                                   "credit", "closing_debit", "closing_credit"}));
    }
    auto totals = cells(report.at("totals").as_object(),
                        {"opening_debit", "opening_credit", "debit", "credit", "closing_debit", "closing_credit"});
    totals.insert(totals.begin(), {"", en ? "Total" : "合计", ""});
    table.rows.push_back(std::move(totals));
  } else if (kind == "balance-sheet") {
    table.sheet_name = (en ? "Balance sheet " : "资产负债表 ") + cell_text(report, "at");
    table.headers = en ? std::vector<std::string>{"Item", "Closing balance", "Opening balance of the year"}
                       : std::vector<std::string>{"项目", "期末余额", "年初余额"};
    for (const auto& line : report.at("lines").as_array()) {
      table.rows.push_back(cells(line.as_object(), {"label", "closing", "year_opening"}));
    }
  } else if (kind == "income-statement") {
    table.sheet_name =
        (en ? "Income statement " : "利润表 ") + cell_text(report, "from") + "~" + cell_text(report, "to");
    table.headers = en ? std::vector<std::string>{"Item", "This period", "Year to date"}
                       : std::vector<std::string>{"项目", "本期金额", "本年累计金额"};
    for (const auto& line : report.at("lines").as_array()) {
      table.rows.push_back(cells(line.as_object(), {"label", "amount", "year_to_date"}));
    }
  } else if (kind == "cash-flow") {
    table.sheet_name = (en ? "Cash flow " : "现金流量表 ") + cell_text(report, "from") + "~" + cell_text(report, "to");
    table.headers = en ? std::vector<std::string>{"Item", "Amount"} : std::vector<std::string>{"项目", "金额"};
    for (const auto& line : report.at("lines").as_array()) {
      table.rows.push_back(cells(line.as_object(), {"label", "amount"}));
    }
  } else if (kind == "budget-execution") {
    table.sheet_name = (en ? "Budget execution " : "预算执行 ") + cell_text(report, "year");
    table.headers = en ? std::vector<std::string>{"Account", "Name", "Department / project", "Control", "Budget to date",
                                                  "Used", "Variance", "Used %", "Annual budget"}
                       : std::vector<std::string>{"科目", "科目名称", "部门/项目", "控制方式", "累计预算", "累计发生",
                                                  "差异", "执行率%", "年度预算"};
    for (const auto& row : report.at("rows").as_array()) {
      table.rows.push_back(cells(row.as_object(), {"account", "account_name", "dimension", "control", "budget", "used",
                                                   "variance", "share_used", "annual"}));
    }
  } else if (kind == "aging") {
    table.sheet_name = (en ? "Aging " : "账龄分析 ") + cell_text(report, "account") + " " + cell_text(report, "as_of");
    table.headers = {en ? "Partner" : "往来单位"};
    for (const auto& label : report.at("bucket_labels").as_array()) table.headers.emplace_back(label.as_string());
    for (const char* header : {en ? "Outstanding" : "未核销余额", en ? "Paid in advance" : "预收/预付", en ? "Net" : "净额"}) {
      table.headers.emplace_back(header);
    }
    auto row_of = [](const json::object& line, std::string name) {
      std::vector<std::string> out{std::move(name)};
      for (const auto& amount : line.at("buckets").as_array()) out.emplace_back(amount.as_string());
      for (const char* key : {"outstanding", "advance", "net"}) out.push_back(cell_text(line, key));
      return out;
    };
    for (const auto& line : report.at("partners").as_array()) {
      table.rows.push_back(row_of(line.as_object(), cell_text(line.as_object(), "partner_name")));
    }
    table.rows.push_back(row_of(report.at("totals").as_object(), en ? "Total" : "合计"));
  } else {
    table.sheet_name = (en ? "Ledger " : "明细账 ") + cell_text(report, "code");
    table.headers = en ? std::vector<std::string>{"Date", "Voucher", "Summary", "Debit", "Credit", "Side", "Balance"}
                       : std::vector<std::string>{"日期", "凭证号", "摘要", "借方", "贷方", "方向", "余额"};
    const auto& opening = report.at("opening").as_object();
    table.rows.push_back({"", "", en ? "Opening balance" : "期初余额", "", "", cell_text(opening, "side"),
                          cell_text(opening, "balance")});
    for (const auto& entry : report.at("entries").as_array()) {
      table.rows.push_back(cells(entry.as_object(), {"date", "voucher", "summary", "debit", "credit", "side", "balance"}));
    }
  }
  return table;
}

}  // namespace verp::finance
