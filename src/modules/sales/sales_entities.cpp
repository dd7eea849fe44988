// The entities of sales: the order header (list, form, history, export and approval come from the
// entity framework; its lines, deliveries and invoices are the module's own tables) and the price
// lists with their lines.
#include "modules/sales/sales.hpp"

namespace verp::sales {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

namespace {

Field read_only_money(std::string name, entity::LocalText label) {
  return Field{.name = std::move(name), .kind = FieldKind::money, .label = std::move(label), .default_value = "0",
               .read_only = true, .section = "totals"};
}

Field code_field(entity::LocalText label) {
  return Field{.name = "code", .kind = FieldKind::text, .label = std::move(label), .required = true,
               .unique = entity::Uniqueness::company, .max_length = 40, .pattern = "[A-Za-z0-9._-]+",
               .searchable = true};
}

}  // namespace

EntitySpec sales_order_entity(entity::ApprovalSpec approval) {
  approval.approved = "ordered";
  return EntitySpec{
      .name = "sales_order",
      .table = "sales_orders",
      .path = "sales-orders",
      .label = {"销售订单", "Sales order"},
      .fields =
          {Field{.name = "code", .kind = FieldKind::text, .label = {"订单号", "Order number"},
                 .unique = entity::Uniqueness::company, .max_length = 40, .searchable = true, .read_only = true},
           Field{.name = "customer_id", .kind = FieldKind::link, .label = {"客户", "Customer"}, .required = true,
                 .link_to = "customer"},
           Field{.name = "order_date", .kind = FieldKind::date, .label = {"订单日期", "Order date"}, .required = true},
           Field{.name = "delivery_date", .kind = FieldKind::date, .label = {"交货日期", "Delivery date"}},
           Field{.name = "warehouse_id", .kind = FieldKind::link, .label = {"发货仓库", "Shipping warehouse"},
                 .required = true, .link_to = "warehouse"},
           Field{.name = "ship_to", .kind = FieldKind::text, .label = {"收货地址", "Ship to"}, .max_length = 300,
                 .in_list = false},
           Field{.name = "payment_term_id", .kind = FieldKind::link, .label = {"付款条件", "Payment term"},
                 .link_to = "payment_term", .in_list = false},
           Field{.name = "salesperson_id", .kind = FieldKind::link, .label = {"销售员", "Salesperson"},
                 .link_to = "employee"},
           Field{.name = "customer_po", .kind = FieldKind::text, .label = {"客户采购单号", "Customer PO"},
                 .max_length = 60, .searchable = true, .in_list = false},
           Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                 .options = {{"draft", {"草稿", "Draft"}},
                             {"pending", {"审批中", "Pending approval"}},
                             {"rejected", {"已驳回", "Rejected"}},
                             {"ordered", {"已下单", "Ordered"}},
                             {"preparing", {"备货中", "Preparing"}},
                             {"partly_shipped", {"部分发货", "Partly shipped"}},
                             {"shipped", {"已发货", "Shipped"}},
                             {"completed", {"已完成", "Completed"}},
                             {"on_hold", {"暂停", "On hold"}},
                             {"cancelled", {"已取消", "Cancelled"}}},
                 .default_value = "draft", .read_only = true},
           Field{.name = "held_from", .kind = FieldKind::text, .label = {"暂停前状态", "Status before hold"},
                 .max_length = 20, .read_only = true, .in_list = false},
           Field{.name = "revision", .kind = FieldKind::integer, .label = {"修订版本", "Revision"},
                 .default_value = "0", .read_only = true, .in_list = false},
           read_only_money("amount", {"金额（不含税）", "Amount excl. tax"}),
           read_only_money("tax", {"税额", "Tax"}),
           read_only_money("total", {"价税合计", "Total"}),
           Field{.name = "quotation_id", .kind = FieldKind::link, .label = {"报价单", "Quotation"},
                 .link_to = "quotation", .read_only = true, .in_list = false},
           Field{.name = "notes", .kind = FieldKind::text, .label = {"备注", "Notes"}, .max_length = 1000,
                 .in_list = false}},
      .title_field = "code",
      .code_field = "code",
      .default_sort = "-order_date",
      .approval = std::move(approval)};
}

EntitySpec price_list_entity() {
  return EntitySpec{
      .name = "price_list",
      .table = "price_lists",
      .path = "price-lists",
      .label = {"价格表", "Price list"},
      .fields = {code_field({"编码", "Code"}),
                 Field{.name = "name", .kind = FieldKind::text, .label = {"名称", "Name"}, .required = true,
                       .max_length = 100, .searchable = true},
                 Field{.name = "customer_id", .kind = FieldKind::link, .label = {"专属客户", "For customer"},
                       .help = {"只对该客户适用，优先于分组和通用价格表", "Only this customer; before group and general lists"},
                       .link_to = "customer"},
                 Field{.name = "customer_group_id", .kind = FieldKind::link, .label = {"客户分组", "For customer group"},
                       .help = {"不填客户和分组即为通用价格表", "Neither customer nor group: a general list"},
                       .link_to = "customer_group"},
                 Field{.name = "currency_id", .kind = FieldKind::link, .label = {"币种", "Currency"},
                       .link_to = "currency"},
                 Field{.name = "valid_from", .kind = FieldKind::date, .label = {"生效日期", "Valid from"}},
                 Field{.name = "valid_to", .kind = FieldKind::date, .label = {"失效日期", "Valid to"}},
                 Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"},
                       .default_value = "true"}},
      .code_field = "code",
      .default_sort = "code"};
}

EntitySpec price_list_item_entity() {
  return EntitySpec{
      .name = "price_list_item",
      .table = "price_list_items",
      .path = "price-list-items",
      .label = {"价格表明细", "Price list line"},
      .fields = {Field{.name = "price_list_id", .kind = FieldKind::link, .label = {"价格表", "Price list"},
                       .required = true, .link_to = "price_list"},
                 Field{.name = "item_id", .kind = FieldKind::link, .label = {"物料", "Item"}, .required = true,
                       .link_to = "item"},
                 Field{.name = "uom_id", .kind = FieldKind::link, .label = {"单位", "Unit"},
                       .help = {"不填即库存单位", "Empty: the stock unit"}, .link_to = "unit_of_measure"},
                 Field{.name = "min_quantity", .kind = FieldKind::quantity, .label = {"起订数量", "From quantity"},
                       .help = {"数量阶梯价：订购数量达到此数时适用", "Quantity break: applies from this quantity"},
                       .minimum = Decimal::from_int(0), .default_value = "0"},
                 Field{.name = "price", .kind = FieldKind::money, .label = {"单价（不含税）", "Price excl. tax"},
                       .required = true, .minimum = Decimal::from_int(0)},
                 Field{.name = "discount", .kind = FieldKind::decimal, .label = {"折扣率", "Discount"},
                       .help = {"如 0.05 表示九五折", "0.05 is 5 % off"}, .minimum = Decimal::from_int(0),
                       .maximum = Decimal::from_int(1), .default_value = "0"}},
      .title_field = "",
      .default_sort = "price_list_id"};
}

}  // namespace verp::sales
