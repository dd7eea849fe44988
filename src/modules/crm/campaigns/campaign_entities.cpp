// Segments (客户分群) and campaigns (营销活动): their declarations and the rules the generic
// save applies — a segment's filter names customer fields that exist; a campaign is edited only
// while it is a draft (its steps move it on: campaign_steps.cpp).
#include <boost/json/parse.hpp>

#include "modules/crm/campaigns/campaigns.hpp"
#include "modules/crm/crm_fields.hpp"

namespace verp::crm {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

namespace {

using RegistryRef = std::shared_ptr<const entity::Registry*>;

// The filter is checked against the customer entity as registered (custom fields included), so
// a field added later is usable at once and a misspelt one is named ("filter.all[1].field").
Status check_filter(entity::RuleContext& rule, const RegistryRef& registry) {
  const entity::EntitySpec* customer = *registry != nullptr ? (*registry)->find("customer") : nullptr;
  if (customer == nullptr) return make_error(ErrorKind::internal, "error.internal", "segment: no customer entity");
  const auto* text = rule.record.get("filter").get_if<std::string>();
  if (text == nullptr) return {};  // required: the declared constraints said so already
  boost::system::error_code ec;
  const boost::json::value filter = boost::json::parse(*text, ec);
  if (ec) {
    rule.reject("filter", "invalid", "crm.segment_filter_invalid");
    return {};
  }
  auto fields = Segments(*customer).fields(rule.connection, rule.principal);
  if (!fields) return fields.error();
  (void)check_segment_filter(filter, *fields, "filter", rule.errors);
  return {};
}

EntitySpec segment(const RegistryRef& registry) {
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
      .default_sort = "name",
      .validate = [registry](entity::RuleContext& rule) { return check_filter(rule, registry); }};
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
                 Field{.name = "tracking_url", .kind = FieldKind::url, .label = {"跟踪链接网址", "Tracking address"},
                       .help = {"客户能访问到的本系统网址，如 https://erp.example.cn；打开、点击和退订链接以它开头。"
                                "留空则用服务器设置的公网地址（VERP_PUBLIC_URL）",
                                "verp's address as customers reach it, e.g. https://erp.example.cn; open, click and "
                                "unsubscribe links start with it. Empty: the server's public address (VERP_PUBLIC_URL)"},
                       .in_list = false},
                 Field{.name = "sent_at", .kind = FieldKind::datetime, .label = {"发送完成时间", "Sent at"},
                       .read_only = true},
                 notes_field()},
      .default_sort = "-id",
      // The steps (schedule, send, cancel) move a campaign on; what was scheduled or sent is what
      // its recipients got, so only a draft is edited.
      .validate = [](entity::RuleContext& rule) -> Status {
        const auto* status = rule.before != nullptr ? rule.before->get("status").get_if<std::string>() : nullptr;
        if (status != nullptr && *status != "draft") {
          rule.reject("status", "not_editable", "crm.campaign_not_editable", {{"status", *status}});
        }
        return {};
      }};
}

}  // namespace

std::vector<entity::EntitySpec> campaign_entities(std::shared_ptr<const entity::Registry*> registry) {
  return {segment(registry), campaign()};
}

}  // namespace verp::crm
