#include "modules/finance/posting.hpp"

#include <boost/json.hpp>

#include "modules/finance/finance_module.hpp"
#include "modules/finance/ledger_internal.hpp"

namespace verp::finance {

using storage::Connection;
using storage::Row;

const std::vector<PostingEventType>& posting_event_types() {
  static const std::vector<PostingEventType> types = {
      {"goods_receipt", "采购入库", "Goods receipt",
       {{"inventory", "debit", "1405", "存货", "Inventory"},
        {"in_transit", "credit", "1402", "在途物资", "Goods in transit"}}},
      {"supplier_invoice", "采购发票", "Supplier invoice",
       {{"in_transit", "debit", "1402", "在途物资", "Goods in transit"},
        {"vat_input", "debit", "22210101", "进项税额", "Input VAT"},
        {"payable", "credit", "2202", "应付账款", "Accounts payable"}}},
      {"supplier_payment", "付款", "Supplier payment",
       {{"payable", "debit", "2202", "应付账款", "Accounts payable"},
        {"prepayment", "debit", "1123", "预付账款", "Prepayment to suppliers"},
        {"cash", "credit", "1002", "银行存款", "Cash in bank"}}},
      {"shipment", "销售出库", "Shipment",
       {{"cost_of_sales", "debit", "6401", "主营业务成本", "Cost of sales"},
        {"inventory", "credit", "1405", "存货", "Inventory"}}},
      {"customer_invoice", "销售发票", "Customer invoice",
       {{"receivable", "debit", "1122", "应收账款", "Accounts receivable"},
        {"revenue", "credit", "6001", "主营业务收入", "Revenue"},
        {"vat_output", "credit", "22210102", "销项税额", "Output VAT"}}},
      {"customer_receipt", "收款", "Customer receipt",
       {{"cash", "debit", "1002", "银行存款", "Cash in bank"},
        {"receivable", "credit", "1122", "应收账款", "Accounts receivable"},
        {"advance", "credit", "2203", "预收账款", "Advance from customers"}}},
      {"stock_adjustment", "库存调整", "Stock adjustment",
       {{"inventory", "debit", "1405", "存货", "Inventory"},
        {"gain_loss", "credit", "1901", "待处理财产损溢", "Unsettled gains and losses"}}},
      {"stock_receipt", "其他入库", "Other stock receipt",
       {{"inventory", "debit", "1405", "存货", "Inventory"},
        {"counterpart", "credit", "1901", "待处理财产损溢", "Unsettled gains and losses"}}},
      {"stock_issue", "其他出库", "Other stock issue",
       {{"expense", "debit", "1901", "领用去向", "Where the goods went"},
        {"inventory", "credit", "1405", "存货", "Inventory"}}},
      {"stock_scrap", "报废", "Scrap",
       {{"loss", "debit", "1901", "待处理财产损溢", "Unsettled gains and losses"},
        {"inventory", "credit", "1405", "存货", "Inventory"}}},
      {"intercompany_out", "成员公司调出", "Transfer to a member company",
       {{"receivable", "debit", "1122", "应收账款（成员公司）", "Receivable from the member company"},
        {"inventory", "credit", "1405", "存货", "Inventory"}}},
      {"intercompany_in", "成员公司调入", "Transfer from a member company",
       {{"inventory", "debit", "1405", "存货（在途）", "Inventory (in transit)"},
        {"payable", "credit", "2202", "应付账款（成员公司）", "Payable to the member company"}}},
      {"production_issue", "生产领料", "Material issue to production",
       {{"work_in_process", "debit", "5001", "生产成本", "Work in process"},
        {"materials", "credit", "1403", "原材料", "Raw materials"}}},
      {"production_receipt", "完工入库", "Finished goods receipt",
       {{"finished_goods", "debit", "1405", "库存商品", "Finished goods"},
        {"work_in_process", "credit", "5001", "生产成本", "Work in process"}}},
  };
  return types;
}

const PostingEventType* find_posting_event_type(std::string_view name) {
  for (const PostingEventType& type : posting_event_types()) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

namespace {

// The account for one role: the company's rule for the item's category, else its rule for any
// item, else the standard account.
Result<std::optional<std::int64_t>> account_for(Connection& c, std::int64_t company, std::string_view event,
                                                const PostingRole& role, std::optional<std::int64_t> item) {
  std::optional<std::int64_t> category;
  if (item) {
    auto row = c.query_row("SELECT category_id FROM items WHERE id = $1 AND company_id = $2", {*item, company});
    if (!row) return row.error();
    if (*row && !(*row)->is_null(0)) category = (*row)->int64(0).value_or(0);
  }
  auto rules = c.query(
      "SELECT account_id, item_category_id FROM posting_rules WHERE company_id = $1 AND event_type = $2 "
      "AND role = $3 AND active AND archived_at IS NULL",
      {company, std::string(event), std::string(role.name)});
  if (!rules) return rules.error();
  std::optional<std::int64_t> general;
  for (const Row& rule : *rules) {
    if (rule.is_null(1)) {
      general = rule.int64(0).value_or(0);
    } else if (category && rule.int64(1).value_or(0) == *category) {
      return std::optional<std::int64_t>(rule.int64(0).value_or(0));
    }
  }
  if (general) return general;
  auto standard = c.query_row("SELECT id FROM accounts WHERE company_id = $1 AND code = $2",
                              {company, std::string(role.standard_account)});
  if (!standard) return standard.error();
  if (!*standard) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>((*standard)->int64(0).value_or(0));
}

}  // namespace

Result<VoucherInput> voucher_for_event(Connection& c, std::int64_t company, const BusinessEvent& event) {
  const PostingEventType* type = find_posting_event_type(event.type);
  if (type == nullptr) return field_error("type", "unknown", "finance.event_type_unknown", {{"type", event.type}});
  VoucherInput input{.date = event.date, .source_type = event.type, .source_id = event.source_id};
  std::vector<FieldError> problems;
  for (std::size_t i = 0; i < event.lines.size(); ++i) {
    const PostingLine& line = event.lines[i];
    const std::string at = "lines[" + std::to_string(i) + "].role";
    const PostingRole* role = nullptr;
    for (const PostingRole& candidate : type->roles) {
      if (candidate.name == line.role) role = &candidate;
    }
    if (role == nullptr) {
      problems.push_back(FieldError{at, "unknown", "finance.posting_role_unknown", {{"role", line.role}}});
      continue;
    }
    if (line.amount == 0) continue;
    auto account = account_for(c, company, event.type, *role, line.item_id);
    if (!account) return account.error();
    if (!*account) {
      problems.push_back(FieldError{at, "no_account", "finance.posting_role_without_account",
                                    {{"role", line.role}, {"account", std::string(role->standard_account)}}});
      continue;
    }
    LineInput voucher_line{.summary = line.summary.empty() ? event.summary : line.summary,
                           .account_id = **account,
                           .customer_id = line.customer_id,
                           .supplier_id = line.supplier_id,
                           .department_id = line.department_id,
                           .employee_id = line.employee_id,
                           .project_id = line.project_id,
                           .item_id = line.item_id,
                           .cash_flow_item = line.cash_flow_item};
    (role->side == "debit" ? voucher_line.debit : voucher_line.credit) = line.amount;
    input.lines.push_back(std::move(voucher_line));
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  return input;
}

Result<VoucherRef> post_business_event(Connection& c, const Actor& actor, const BusinessEvent& event) {
  auto input = voucher_for_event(c, actor.principal.company_id, event);
  if (!input) return input.error();
  auto settings = settings_of(c, actor.principal.company_id);
  if (!settings) return settings.error();
  if (settings->voucher_words == "split") {
    // The word follows the cash lines: money in is 收, money out is 付, the rest 转.
    input->word = "transfer";
    auto cash = c.query("SELECT id FROM accounts WHERE company_id = $1 AND is_cash", {actor.principal.company_id});
    if (!cash) return cash.error();
    for (const LineInput& line : input->lines) {
      for (const Row& row : *cash) {
        if (row.int64(0).value_or(0) != line.account_id) continue;
        if (line.debit > 0 || line.credit < 0) input->word = "receipt";
        else if (input->word != "receipt") input->word = "payment";
      }
    }
  }
  return create_voucher(c, actor, *input);
}

Result<std::vector<VoucherRef>> vouchers_of_source(Connection& c, std::int64_t company, std::string_view source_type,
                                                   std::int64_t source_id) {
  auto rows = c.query("SELECT id, word, number, state, version FROM vouchers WHERE company_id = $1 "
                      "AND source_type = $2 AND source_id = $3 ORDER BY id",
                      {company, std::string(source_type), source_id});
  if (!rows) return rows.error();
  std::vector<VoucherRef> refs;
  for (const Row& row : *rows) {
    refs.push_back(VoucherRef{.id = row.int64(0).value_or(0), .word = row.text(1).value_or(""),
                              .number = row.int64(2).value_or(0), .state = row.text(3).value_or(""),
                              .version = row.int64(4).value_or(0)});
  }
  return refs;
}

namespace {

// A rule names a role of its event type, once per event, role and item category.
Status check_posting_rule(entity::RuleContext& context) {
  const entity::Record& record = context.record;
  const auto* event = record.get("event_type").get_if<std::string>();
  const auto* role = record.get("role").get_if<std::string>();
  if (event == nullptr || role == nullptr) return {};
  const PostingEventType* type = find_posting_event_type(*event);
  if (type == nullptr) return {};  // the enumeration check names it
  bool known = false;
  std::string roles;
  for (const PostingRole& candidate : type->roles) {
    known = known || candidate.name == *role;
    roles += (roles.empty() ? "" : ", ") + std::string(candidate.name);
  }
  if (!known) {
    context.reject("role", "unknown", "finance.posting_role_of_event", {{"roles", roles}});
    return {};
  }
  const auto* category = record.get("item_category_id").get_if<std::int64_t>();
  auto twin = category != nullptr
                  ? context.connection.query_row(
                        "SELECT id FROM posting_rules WHERE company_id = $1 AND event_type = $2 AND role = $3 "
                        "AND item_category_id = $4 AND id <> $5 AND archived_at IS NULL",
                        {record.company_id.value_or(context.principal.company_id), *event, *role, *category, record.id})
                  : context.connection.query_row(
                        "SELECT id FROM posting_rules WHERE company_id = $1 AND event_type = $2 AND role = $3 "
                        "AND item_category_id IS NULL AND id <> $4 AND archived_at IS NULL",
                        {record.company_id.value_or(context.principal.company_id), *event, *role, record.id});
  if (!twin) return twin.error();
  if (*twin) context.reject("role", "duplicate", "finance.posting_rule_exists");
  return {};
}

}  // namespace

entity::EntitySpec posting_rule_entity() {
  using entity::Field;
  using entity::FieldKind;
  std::vector<entity::EnumOption> events;
  for (const PostingEventType& type : posting_event_types()) {
    events.push_back({std::string(type.name), {std::string(type.zh), std::string(type.en)}});
  }
  return entity::EntitySpec{
      .name = "posting_rule",
      .table = "posting_rules",
      .path = "posting-rules",
      .label = {"凭证模板", "Posting rule"},
      .fields = {Field{.name = "event_type", .kind = FieldKind::enumeration, .label = {"业务类型", "Business event"},
                       .required = true, .options = std::move(events)},
                 Field{.name = "role", .kind = FieldKind::text, .label = {"分录角色", "Role"},
                       .help = {"如 receivable、revenue、vat_output", "e.g. receivable, revenue, vat_output"},
                       .required = true, .max_length = 30},
                 Field{.name = "item_category_id", .kind = FieldKind::link, .label = {"物料分类", "Item category"},
                       .help = {"只用于该分类的物料；留空为默认", "Only for items of this category; empty for all"},
                       .link_to = "item_category"},
                 Field{.name = "account_id", .kind = FieldKind::link, .label = {"会计科目", "Account"},
                       .required = true, .link_to = "account"},
                 Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"},
                       .default_value = "true"}},
      .title_field = "role",
      .default_sort = "event_type",
      .validate = check_posting_rule};
}

}  // namespace verp::finance
