// The purchase order (采购订单) header as an entity: list, form, history, export and approval come
// from the entity framework; its lines, receipts and invoices are the module's own tables.
#include "modules/purchasing/purchasing.hpp"

namespace verp::purchasing {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

namespace {

Field read_only_money(std::string name, entity::LocalText label) {
  return Field{.name = std::move(name), .kind = FieldKind::money, .label = std::move(label), .default_value = "0",
               .read_only = true, .section = "totals"};
}

}  // namespace

EntitySpec purchase_order_entity(entity::ApprovalSpec approval) {
  return EntitySpec{
      .name = "purchase_order",
      .table = "purchase_orders",
      .path = "purchase-orders",
      .label = {"采购订单", "Purchase order"},
      .fields =
          {Field{.name = "code", .kind = FieldKind::text, .label = {"订单号", "Order number"},
                 .unique = entity::Uniqueness::company, .max_length = 40, .searchable = true, .read_only = true},
           Field{.name = "supplier_id", .kind = FieldKind::link, .label = {"供应商", "Supplier"}, .required = true,
                 .link_to = "supplier"},
           Field{.name = "order_date", .kind = FieldKind::date, .label = {"订单日期", "Order date"}, .required = true},
           Field{.name = "expected_date", .kind = FieldKind::date, .label = {"交货日期", "Expected delivery"}},
           Field{.name = "warehouse_id", .kind = FieldKind::link, .label = {"收货仓库", "Receiving warehouse"},
                 .required = true, .link_to = "warehouse"},
           Field{.name = "payment_term_id", .kind = FieldKind::link, .label = {"付款条件", "Payment term"},
                 .link_to = "payment_term", .in_list = false},
           Field{.name = "terms", .kind = FieldKind::text, .label = {"交易条款", "Terms"}, .max_length = 1000,
                 .in_list = false},
           Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                 .options = {{"draft", {"草稿", "Draft"}},
                             {"pending", {"审批中", "Pending approval"}},
                             {"approved", {"已批准", "Approved"}},
                             {"rejected", {"已驳回", "Rejected"}},
                             {"partly_received", {"部分收货", "Partly received"}},
                             {"received", {"已收货", "Received"}},
                             {"invoiced", {"已开票", "Invoiced"}},
                             {"closed", {"已关闭", "Closed"}},
                             {"cancelled", {"已取消", "Cancelled"}}},
                 .default_value = "draft", .read_only = true},
           Field{.name = "revision", .kind = FieldKind::integer, .label = {"修订版本", "Revision"},
                 .default_value = "0", .read_only = true, .in_list = false},
           read_only_money("amount", {"金额（不含税）", "Amount excl. tax"}),
           read_only_money("tax", {"税额", "Tax"}),
           read_only_money("total", {"价税合计", "Total"}),
           Field{.name = "notes", .kind = FieldKind::text, .label = {"备注", "Notes"}, .max_length = 1000,
                 .in_list = false}},
      .title_field = "code",
      .code_field = "code",
      .default_sort = "-order_date",
      .approval = std::move(approval)};
}

}  // namespace verp::purchasing
