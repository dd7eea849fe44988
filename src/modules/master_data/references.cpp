// Reference data: currencies, tax rates, payment terms, units of measure.
#include "modules/master_data/declarations.hpp"

namespace verp::master_data {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;
using entity::Uniqueness;

EntitySpec currency() {
  return EntitySpec{
      .name = "currency",
      .table = "currencies",
      .path = "currencies",
      .label = {"币种", "Currency"},
      .fields = {Field{.name = "code", .kind = FieldKind::text, .label = {"币种代码", "Code"},
                       .help = {"ISO 4217 三位字母代码，如 CNY", "ISO 4217 three-letter code, e.g. CNY"},
                       .required = true, .unique = Uniqueness::global, .pattern = "[A-Z]{3}", .searchable = true},
                 Field{.name = "name", .kind = FieldKind::text, .label = {"名称", "Name"}, .required = true,
                       .max_length = 50, .searchable = true},
                 Field{.name = "symbol", .kind = FieldKind::text, .label = {"符号", "Symbol"}, .max_length = 5},
                 Field{.name = "minor_unit", .kind = FieldKind::integer, .label = {"小数位数", "Decimal places"},
                       .help = {"金额四舍五入到的位数", "Amounts round to this many places"}, .required = true,
                       .minimum = Decimal::from_int(0), .maximum = Decimal::from_int(4), .default_value = "2"},
                 Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"}, .default_value = "true"}},
      .company_scoped = false,
      .code_field = "code",
      .default_sort = "code"};
}

EntitySpec tax_rate() {
  return EntitySpec{
      .name = "tax_rate",
      .table = "tax_rates",
      .path = "tax-rates",
      .label = {"税率", "Tax rate"},
      .fields = {code_field(), name_field(),
                 Field{.name = "kind", .kind = FieldKind::enumeration, .label = {"类别", "Kind"}, .required = true,
                       .options = {{"vat", {"增值税", "VAT"}}, {"consumption", {"消费税", "Consumption tax"}},
                                   {"other", {"其他", "Other"}}},
                       .default_value = "vat"},
                 Field{.name = "rate", .kind = FieldKind::decimal, .label = {"税率", "Rate"},
                       .help = {"小数，如 0.13 表示 13%", "A fraction: 0.13 means 13 %"}, .required = true,
                       .minimum = Decimal::from_int(0), .maximum = Decimal::from_int(1), .scale = 4},
                 active_field()},
      .code_field = "code",
      .default_sort = "code"};
}

EntitySpec payment_term() {
  return EntitySpec{
      .name = "payment_term",
      .table = "payment_terms",
      .path = "payment-terms",
      .label = {"付款条件", "Payment term"},
      .fields = {code_field(), name_field(),
                 Field{.name = "basis", .kind = FieldKind::enumeration, .label = {"起算日", "Counted from"},
                       .required = true,
                       .options = {{"invoice_date", {"发票日", "Invoice date"}},
                                   {"month_end", {"月结（发票当月月底）", "End of invoice month"}}},
                       .default_value = "invoice_date"},
                 Field{.name = "days", .kind = FieldKind::integer, .label = {"天数", "Days"}, .required = true,
                       .minimum = Decimal::from_int(0), .maximum = Decimal::from_int(365), .default_value = "30"},
                 active_field()},
      .code_field = "code",
      .default_sort = "code"};
}

EntitySpec unit_of_measure() {
  return EntitySpec{
      .name = "unit_of_measure",
      .table = "units_of_measure",
      .path = "units-of-measure",
      .label = {"计量单位", "Unit of measure"},
      .fields = {code_field(), name_field(),
                 Field{.name = "decimals", .kind = FieldKind::integer, .label = {"数量小数位", "Quantity decimals"},
                       .required = true, .minimum = Decimal::from_int(0), .maximum = Decimal::from_int(4),
                       .default_value = "0"},
                 active_field()},
      .code_field = "code",
      .default_sort = "code"};
}

}  // namespace verp::master_data
