// Service tickets (服务工单).
#include "modules/crm/crm_fields.hpp"
#include "modules/crm/service/service.hpp"

namespace verp::crm {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

namespace {

EntitySpec ticket() {
  return EntitySpec{
      .name = "ticket",
      .table = "tickets",
      .path = "tickets",
      .label = {"服务工单", "Service ticket"},
      .fields = {number_field({"工单号", "Ticket number"}),
                 Field{.name = "subject", .kind = FieldKind::text, .label = {"主题", "Subject"}, .required = true,
                       .max_length = 200, .searchable = true},
                 link_field("customer_id", "customer", {"客户", "Customer"}, true),
                 link_field("contact_id", "contact", {"联系人", "Contact"}),
                 Field{.name = "kind", .kind = FieldKind::enumeration, .label = {"类型", "Kind"}, .required = true,
                       .options = {{"complaint", {"投诉", "Complaint"}}, {"repair", {"维修", "Repair"}},
                                   {"support", {"技术支持", "Technical support"}},
                                   {"return_exchange", {"退换货", "Return / exchange"}},
                                   {"consultation", {"咨询", "Consultation"}}},
                       .default_value = "support"},
                 Field{.name = "channel", .kind = FieldKind::enumeration, .label = {"渠道", "Channel"}, .required = true,
                       .options = {{"phone", {"电话", "Phone"}}, {"email", {"邮件", "E-mail"}},
                                   {"web_form", {"网站表单", "Web form"}}, {"portal", {"客户门户", "Portal"}},
                                   {"survey", {"满意度调查", "Survey"}}},
                       .default_value = "phone"},
                 Field{.name = "priority", .kind = FieldKind::enumeration, .label = {"优先级", "Priority"},
                       .required = true,
                       .options = {{"urgent", {"紧急", "Urgent"}}, {"high", {"高", "High"}},
                                   {"normal", {"普通", "Normal"}}, {"low", {"低", "Low"}}},
                       .default_value = "normal"},
                 Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                       .options = {{"new", {"新建", "New"}}, {"assigned", {"已分派", "Assigned"}},
                                   {"in_progress", {"处理中", "In progress"}}, {"waiting", {"等待客户", "Waiting on customer"}},
                                   {"resolved", {"已解决", "Resolved"}}, {"closed", {"已关闭", "Closed"}}},
                       .default_value = "new", .read_only = true},
                 link_field("sales_order_id", "sales_order", {"销售订单", "Sales order"}),
                 link_field("item_id", "item", {"物料", "Item"}),
                 Field{.name = "serial_number", .kind = FieldKind::text, .label = {"序列号", "Serial number"},
                       .max_length = 60, .searchable = true, .in_list = false},
                 Field{.name = "description", .kind = FieldKind::text, .label = {"问题描述", "Description"},
                       .max_length = 5000, .searchable = true, .in_list = false},
                 Field{.name = "resolution", .kind = FieldKind::text, .label = {"处理结果", "Resolution"},
                       .max_length = 2000, .read_only = true, .in_list = false},
                 Field{.name = "root_cause", .kind = FieldKind::text, .label = {"根本原因", "Root cause"},
                       .max_length = 1000, .read_only = true, .in_list = false}},
      .title_field = "subject",
      .code_field = "code",
      .default_sort = "-id"};
}

}  // namespace

std::vector<entity::EntitySpec> service_entities() { return {ticket()}; }

}  // namespace verp::crm
