// A customer's people and places: contacts (联系人) and addresses (地址).
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

}  // namespace

std::vector<entity::EntitySpec> customer_entities() { return {contact(), customer_address()}; }

}  // namespace verp::crm
