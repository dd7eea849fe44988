// The chart of accounts (会计科目): an entity per member company, coded 4-2-2-2 as Chinese practice
// has it (1122 应收账款, 222101 应交增值税, 22210102 销项税额), with the auxiliary dimensions
// (辅助核算) each account keeps per journal line.
#include "modules/finance/finance_module.hpp"

namespace verp::finance {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;
using entity::RuleContext;

namespace {

Field dimension(std::string name, std::string zh, std::string en) {
  return Field{.name = std::move(name), .kind = FieldKind::boolean, .label = {std::move(zh), std::move(en)},
               .default_value = "false", .in_list = false, .section = "dimensions"};
}

// A sub-account extends its parent's code by two digits and shares its category; a first-level
// account (four digits) has no parent.
Status check_account(RuleContext& context) {
  const entity::Record& record = context.record;
  const auto* code = record.get("code").get_if<std::string>();
  if (code == nullptr) return {};
  const auto* parent = record.get("parent_id").get_if<std::int64_t>();
  if (code->size() == 4) {
    if (parent != nullptr) context.reject("parent_id", "first_level", "finance.first_level_has_no_parent");
    return {};
  }
  if (parent == nullptr) {
    context.reject("parent_id", "required", "finance.sub_account_needs_parent");
    return {};
  }
  auto row = context.connection.query_row("SELECT code, category FROM accounts WHERE id = $1", {*parent});
  if (!row) return row.error();
  if (!*row) return {};  // the link check reports a missing parent
  const std::string parent_code = (*row)->text(0).value_or("");
  if (parent_code.size() + 2 != code->size() || !code->starts_with(parent_code)) {
    context.reject("code", "not_under_parent", "finance.code_extends_parent", {{"parent", parent_code}});
  }
  const auto* category = record.get("category").get_if<std::string>();
  if (category != nullptr && *category != (*row)->text(1).value_or("")) {
    context.reject("category", "not_parents", "finance.category_of_parent");
  }
  return {};
}

}  // namespace

EntitySpec account_entity() {
  return EntitySpec{
      .name = "account",
      .table = "accounts",
      .path = "accounts",
      .label = {"会计科目", "Account"},
      .fields =
          {Field{.name = "code", .kind = FieldKind::text, .label = {"科目编码", "Code"},
                 .help = {"一级科目 4 位，每级明细加 2 位，如 222101", "4 digits, then 2 per sub-level, e.g. 222101"},
                 .required = true, .unique = entity::Uniqueness::company, .max_length = 12,
                 .pattern = "[1-9][0-9]{3}([0-9]{2}){0,4}", .searchable = true},
           Field{.name = "name", .kind = FieldKind::text, .label = {"科目名称", "Name"}, .required = true,
                 .max_length = 100, .searchable = true},
           Field{.name = "name_en", .kind = FieldKind::text, .label = {"英文名称", "English name"}, .max_length = 100,
                 .searchable = true, .in_list = false},
           Field{.name = "parent_id", .kind = FieldKind::link, .label = {"上级科目", "Parent"}, .link_to = "account"},
           Field{.name = "category", .kind = FieldKind::enumeration, .label = {"科目类别", "Category"},
                 .required = true,
                 .options = {{"asset", {"资产", "Asset"}},
                             {"liability", {"负债", "Liability"}},
                             {"common", {"共同", "Common"}},
                             {"equity", {"所有者权益", "Equity"}},
                             {"cost", {"成本", "Cost"}},
                             {"profit_loss", {"损益", "Profit and loss"}}}},
           Field{.name = "direction", .kind = FieldKind::enumeration, .label = {"余额方向", "Balance side"},
                 .required = true, .options = {{"debit", {"借", "Debit"}}, {"credit", {"贷", "Credit"}}}},
           Field{.name = "is_cash", .kind = FieldKind::boolean, .label = {"现金或银行科目", "Cash or bank"},
                 .help = {"现金流量表按此取数，收付款凭证可要求出纳签字", "Feeds the cash-flow statement; cash vouchers may need the cashier"},
                 .default_value = "false"},
           dimension("aux_customer", "客户核算", "By customer"),
           dimension("aux_supplier", "供应商核算", "By supplier"),
           dimension("aux_department", "部门核算", "By department"),
           dimension("aux_employee", "职员核算", "By employee"),
           dimension("aux_project", "项目核算", "By project"),
           dimension("aux_item", "存货核算", "By item"),
           Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"}, .default_value = "true"}},
      .code_field = "code",
      .default_sort = "code",
      .validate = check_account};
}

}  // namespace verp::finance
