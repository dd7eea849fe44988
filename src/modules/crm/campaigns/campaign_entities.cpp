// Segments (客户分群) and campaigns (营销活动).
#include "modules/crm/campaigns/campaigns.hpp"
#include "modules/crm/crm_fields.hpp"

namespace verp::crm {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

namespace {

EntitySpec segment() {
  return EntitySpec{
      .name = "segment",
      .table = "segments",
      .path = "segments",
      .label = {"客户分群", "Segment"},
      .fields = {Field{.name = "name", .kind = FieldKind::text, .label = {"分群名称", "Segment"}, .required = true,
                       .unique = entity::Uniqueness::company, .max_length = 100, .searchable = true},
                 Field{.name = "filter", .kind = FieldKind::json, .label = {"筛选条件", "Filter"},
                       .help = {"客户字段上的条件，每次使用时重新计算", "Conditions on customer fields, evaluated each time it is used"},
                       .required = true, .in_list = false},
                 notes_field()},
      .default_sort = "name"};
}

EntitySpec campaign() {
  return EntitySpec{
      .name = "campaign",
      .table = "campaigns",
      .path = "campaigns",
      .label = {"营销活动", "Campaign"},
      .fields = {Field{.name = "name", .kind = FieldKind::text, .label = {"活动名称", "Campaign"}, .required = true,
                       .max_length = 100, .searchable = true},
                 link_field("segment_id", "segment", {"目标分群", "Target segment"}),
                 Field{.name = "channel", .kind = FieldKind::enumeration, .label = {"渠道", "Channel"}, .required = true,
                       .options = {{"email", {"电子邮件", "E-mail"}}, {"sms", {"短信", "SMS"}}, {"wechat", {"微信", "WeChat"}}},
                       .default_value = "email"},
                 Field{.name = "subject", .kind = FieldKind::text, .label = {"主题", "Subject"}, .max_length = 200},
                 Field{.name = "body", .kind = FieldKind::text, .label = {"内容模板", "Message template"},
                       .max_length = 5000, .in_list = false},
                 Field{.name = "scheduled_at", .kind = FieldKind::datetime, .label = {"计划发送时间", "Send at"}},
                 Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"},
                       .options = {{"draft", {"草稿", "Draft"}}, {"scheduled", {"已排期", "Scheduled"}},
                                   {"sending", {"发送中", "Sending"}}, {"sent", {"已发送", "Sent"}},
                                   {"cancelled", {"已取消", "Cancelled"}}},
                       .default_value = "draft", .read_only = true},
                 Field{.name = "cost", .kind = FieldKind::money, .label = {"活动成本", "Cost"},
                       .minimum = Decimal::from_int(0), .default_value = "0.00"},
                 Field{.name = "conversion_days", .kind = FieldKind::integer, .label = {"转化窗口（天）", "Conversion window (days)"},
                       .help = {"收到活动信息后多少天内下单算作转化", "An order within this many days counts as a conversion"},
                       .minimum = Decimal::from_int(1), .maximum = Decimal::from_int(365), .default_value = "30"},
                 notes_field()},
      .default_sort = "-id"};
}

}  // namespace

std::vector<entity::EntitySpec> campaign_entities() { return {segment(), campaign()}; }

}  // namespace verp::crm
