#include "modules/notify/event_types.hpp"

namespace verp::notify {

std::string_view to_string(Channel channel) {
  switch (channel) {
    case Channel::email: return "email";
    case Channel::sms: return "sms";
    case Channel::wechat: return "wechat";
  }
  return "email";
}

const std::vector<EventType>& event_types() {
  // E-mail by default for what someone must act on or would hate to miss; the rest stays in the
  // notification centre until the user asks for more.
  static const std::vector<EventType> types = {
      {"approval.requested", {"待我审批", "Waiting for my approval"}, {Channel::email}},
      {"approval.approved", {"我的申请已通过", "My submission approved"}, {}},
      {"approval.rejected", {"我的申请被驳回", "My submission rejected"}, {Channel::email}},
      {"task.reminder", {"任务提醒", "Task reminder"}, {}},
      {"task.overdue", {"任务逾期", "Task overdue"}, {Channel::email}},
      {"task.escalated", {"部门任务逾期", "Overdue task in my department"}, {Channel::email}},
      {"job.succeeded", {"后台任务完成", "Background job finished"}, {}},
      {"job.failed", {"后台任务失败", "Background job failed"}, {Channel::email}},
      {"inventory.lot_expiring", {"批次临期", "Lot expiring"}, {}},
      {"inventory.reorder_alert", {"库存低于最低或超过最高", "Stock below minimum or above maximum"}, {}},
  };
  return types;
}

const EventType* find_event_type(std::string_view kind) {
  for (const auto& type : event_types()) {
    if (type.kind == kind) return &type;
  }
  return nullptr;
}

}  // namespace verp::notify
