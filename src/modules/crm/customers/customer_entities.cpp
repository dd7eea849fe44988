// A customer's people and places: contacts (联系人) and addresses (地址); and the rules that grade
// customers (定级规则, grading.hpp applies them).
#include "modules/crm/area.hpp"
#include "modules/crm/crm_fields.hpp"

namespace verp::crm {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

namespace {

EntitySpec contact() {
  return EntitySpec{
      .name = "contact",
      .table = "contacts",
      .path = "contacts",
      .label = {"联系人", "Contact"},
      .fields = {link_field("customer_id", "customer", {"客户", "Customer"}, true),
                 Field{.name = "name", .kind = FieldKind::text, .label = {"姓名", "Name"}, .required = true,
                       .max_length = 50, .searchable = true, .duplicate_key = entity::DuplicateKey::name},
                 Field{.name = "title", .kind = FieldKind::text, .label = {"职务", "Job title"}, .max_length = 50},
                 Field{.name = "phone", .kind = FieldKind::phone, .label = {"手机", "Mobile"}, .searchable = true,
                       .duplicate_key = entity::DuplicateKey::phone},
                 Field{.name = "email", .kind = FieldKind::email, .label = {"电子邮箱", "E-mail"}, .searchable = true,
                       .duplicate_key = entity::DuplicateKey::email},
                 Field{.name = "wechat", .kind = FieldKind::text, .label = {"微信号", "WeChat ID"}, .max_length = 50,
                       .in_list = false},
                 Field{.name = "birthday", .kind = FieldKind::date, .label = {"生日", "Birthday"}, .in_list = false},
                 Field{.name = "primary_contact", .kind = FieldKind::boolean, .label = {"主要联系人", "Primary"},
                       .default_value = "false"},
                 Field{.name = "opt_out", .kind = FieldKind::boolean, .label = {"拒收营销信息", "Opted out of marketing"},
                       .help = {"营销活动不向其发送任何信息", "Campaigns send them nothing"}, .default_value = "false"},
                 notes_field()},
      .default_sort = "name"};
}

EntitySpec customer_address() {
  return EntitySpec{
      .name = "customer_address",
      .table = "customer_addresses",
      .path = "customer-addresses",
      .label = {"客户地址", "Customer address"},
      .fields = {link_field("customer_id", "customer", {"客户", "Customer"}, true),
                 Field{.name = "kind", .kind = FieldKind::enumeration, .label = {"类型", "Kind"}, .required = true,
                       .options = {{"shipping", {"收货地址", "Shipping"}}, {"billing", {"开票地址", "Billing"}},
                                   {"office", {"办公地址", "Office"}}},
                       .default_value = "shipping"},
                 Field{.name = "address", .kind = FieldKind::text, .label = {"地址", "Address"}, .required = true,
                       .max_length = 200, .searchable = true},
                 Field{.name = "region", .kind = FieldKind::text, .label = {"省/市", "Province / city"}, .max_length = 50},
                 Field{.name = "postcode", .kind = FieldKind::text, .label = {"邮编", "Postcode"}, .pattern = "[0-9]{6}"},
                 Field{.name = "recipient", .kind = FieldKind::text, .label = {"收件人", "Recipient"}, .max_length = 50},
                 Field{.name = "phone", .kind = FieldKind::phone, .label = {"电话", "Phone"}},
                 Field{.name = "is_default", .kind = FieldKind::boolean, .label = {"默认", "Default"},
                       .default_value = "false"}},
      .title_field = "address",
      .default_sort = "customer_id"};
}

// A grade (A–D) a customer earns by yearly revenue or by RFM score; rules are tried by priority,
// lowest first, and the first that matches grades the customer (grading.hpp).
EntitySpec grade_rule() {
  const std::vector<entity::EnumOption> grades{{"A", {"A 重点客户", "A key account"}},
                                               {"B", {"B 主要客户", "B major"}},
                                               {"C", {"C 普通客户", "C regular"}},
                                               {"D", {"D 低价值客户", "D low value"}}};
  return EntitySpec{
      .name = "grade_rule",
      .table = "grade_rules",
      .path = "grade-rules",
      .label = {"客户定级规则", "Grading rule"},
      .fields = {Field{.name = "grade", .kind = FieldKind::enumeration, .label = {"等级", "Grade"}, .required = true,
                       .options = grades},
                 Field{.name = "method", .kind = FieldKind::enumeration, .label = {"依据", "Measured by"},
                       .required = true,
                       .options = {{"revenue_band", {"近12个月销售额", "Revenue over the last 12 months"}},
                                   {"rfm", {"RFM 总分", "RFM total score"}}},
                       .default_value = "revenue_band"},
                 Field{.name = "min_revenue", .kind = FieldKind::money, .label = {"最低销售额", "Minimum revenue"},
                       .help = {"近12个月已确认订单金额（不含税）不低于此值", "Confirmed orders excl. tax over the last 12 months"},
                       .minimum = Decimal::from_int(0)},
                 Field{.name = "min_rfm", .kind = FieldKind::integer, .label = {"最低 RFM 总分", "Minimum RFM total"},
                       .help = {"R、F、M 各 1–5 分，总分 3–15", "R, F and M score 1–5 each: 3–15 in all"},
                       .minimum = Decimal::from_int(3), .maximum = Decimal::from_int(15)},
                 Field{.name = "priority", .kind = FieldKind::integer, .label = {"优先级", "Priority"},
                       .help = {"数字小的先匹配", "Lower numbers are tried first"}, .required = true,
                       .default_value = "10"},
                 Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"},
                       .default_value = "true"},
                 notes_field()},
      .title_field = "grade",
      .default_sort = "priority",
      .validate = [](entity::RuleContext& rule) -> Status {
        const bool by_rfm = rule.record.get("method").get_if<std::string>() != nullptr &&
                            *rule.record.get("method").get_if<std::string>() == "rfm";
        if (by_rfm && rule.record.get("min_rfm").is_null()) {
          rule.reject("min_rfm", "required", "crm.grade_rule_min_rfm_required");
        }
        if (!by_rfm && rule.record.get("min_revenue").is_null()) {
          rule.reject("min_revenue", "required", "crm.grade_rule_min_revenue_required");
        }
        return {};
      }};
}

}  // namespace

std::vector<entity::EntitySpec> customer_entities() { return {contact(), customer_address(), grade_rule()}; }

}  // namespace verp::crm
