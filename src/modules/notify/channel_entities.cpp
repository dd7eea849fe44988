// What an administrator configures per member company for notifications beyond the centre:
// the senders (an SMTP server, an SMS relay, a WeChat Work robot) and the message templates.
// Both are entities, so they get forms, history, audit and import; passwords and webhook URLs
// (which carry the robot's key) are sealed at rest.
#include "modules/notify/delivery.hpp"
#include "modules/notify/event_types.hpp"

namespace verp::notify {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;
using entity::RuleContext;

namespace {

bool blank(const storage::Value& value) {
  const auto* text = value.get_if<std::string>();
  return text == nullptr || text->empty();
}

std::vector<entity::EnumOption> channel_options() {
  return {{"email", {"电子邮件", "E-mail"}}, {"sms", {"短信", "SMS"}}, {"wechat", {"企业微信", "WeChat Work"}}};
}

Status check_channel(RuleContext& context) {
  const entity::Record& record = context.record;
  const auto* channel = record.get("channel").get_if<std::string>();
  if (channel == nullptr) return {};
  if (*channel == "email") {
    if (blank(record.get("smtp_url"))) context.reject("smtp_url", "required", "field.required");
    if (blank(record.get("from_address"))) context.reject("from_address", "required", "field.required");
  } else if (blank(record.get("webhook_url"))) {
    context.reject("webhook_url", "required", "field.required");
  }
  return {};
}

Status check_template(RuleContext& context) {
  const entity::Record& record = context.record;
  const auto* kind = record.get("kind").get_if<std::string>();
  if (kind != nullptr && find_event_type(*kind) == nullptr) {
    context.reject("kind", "unknown", "notify.unknown_kind");
  }
  const auto* channel = record.get("channel").get_if<std::string>();
  if (channel != nullptr && *channel == "email" && blank(record.get("subject"))) {
    context.reject("subject", "required", "field.required");
  }
  // One template per kind, channel and language in a company.
  auto twin = context.connection.query_row(
      "SELECT id FROM notification_templates WHERE company_id = $1 AND kind = $2 AND channel = $3 AND locale = $4 "
      "AND id <> $5 AND archived_at IS NULL",
      {storage::Value(record.company_id), record.get("kind"), record.get("channel"), record.get("locale"), record.id});
  if (!twin) return twin.error();
  if (*twin) context.reject("kind", "duplicate", "notify.template_exists");
  return {};
}

}  // namespace

EntitySpec notification_channel_entity() {
  return EntitySpec{
      .name = "notification_channel",
      .table = "notification_channels",
      .path = "notification-channels",
      .label = {"通知渠道", "Notification channel"},
      .fields = {Field{.name = "channel", .kind = FieldKind::enumeration, .label = {"渠道", "Channel"}, .required = true,
                       .unique = entity::Uniqueness::company, .options = channel_options()},
                 Field{.name = "active", .kind = FieldKind::boolean, .label = {"启用", "Active"}, .default_value = "true"},
                 Field{.name = "smtp_url", .kind = FieldKind::text, .label = {"SMTP 服务器", "SMTP server"},
                       .help = {"如 smtps://smtp.example.cn:465", "e.g. smtps://smtp.example.cn:465"}, .max_length = 300,
                       .pattern = "smtps?://\\S+", .section = "email"},
                 Field{.name = "smtp_user", .kind = FieldKind::text, .label = {"SMTP 用户名", "SMTP user"},
                       .max_length = 200, .section = "email"},
                 Field{.name = "smtp_password", .kind = FieldKind::text, .label = {"SMTP 密码", "SMTP password"},
                       .max_length = 200, .sensitive = true, .in_list = false, .section = "email"},
                 Field{.name = "starttls", .kind = FieldKind::boolean, .label = {"要求 STARTTLS", "Require STARTTLS"},
                       .default_value = "false", .in_list = false, .section = "email"},
                 Field{.name = "from_address", .kind = FieldKind::text, .label = {"发件人", "From"},
                       .help = {"如 verp <erp@example.cn>", "e.g. verp <erp@example.cn>"}, .max_length = 200,
                       .section = "email"},
                 Field{.name = "webhook_url", .kind = FieldKind::text, .label = {"Webhook 地址", "Webhook URL"},
                       .help = {"短信网关或企业微信机器人的地址", "The SMS relay's or WeChat Work robot's URL"},
                       .max_length = 2000, .pattern = "https?://\\S+", .sensitive = true, .in_list = false,
                       .section = "webhook"}},
      .title_field = "channel",
      .validate = check_channel};
}

EntitySpec notification_template_entity() {
  return EntitySpec{
      .name = "notification_template",
      .table = "notification_templates",
      .path = "notification-templates",
      .label = {"通知模板", "Notification template"},
      .fields = {Field{.name = "kind", .kind = FieldKind::text, .label = {"通知类型", "Kind"},
                       .help = {"如 approval.requested", "e.g. approval.requested"}, .required = true, .max_length = 100,
                       .pattern = "[a-z_]+\\.[a-z_]+"},
                 Field{.name = "channel", .kind = FieldKind::enumeration, .label = {"渠道", "Channel"}, .required = true,
                       .options = channel_options()},
                 Field{.name = "locale", .kind = FieldKind::enumeration, .label = {"语言", "Language"}, .required = true,
                       .options = {{"zh-CN", {"简体中文", "Chinese"}}, {"en", {"英文", "English"}}},
                       .default_value = "zh-CN"},
                 Field{.name = "subject", .kind = FieldKind::text, .label = {"标题", "Subject"},
                       .help = {"可用占位符：{title} {user} {company} 以及通知附带的字段", "Placeholders: {title} {user} {company} and the notification's fields"},
                       .max_length = 200},
                 Field{.name = "body", .kind = FieldKind::text, .label = {"正文", "Body"},
                       .help = {"可用占位符：{title} {body} {user} {company} 以及通知附带的字段，如 {amount}",
                                "Placeholders: {title} {body} {user} {company} and the notification's fields, e.g. {amount}"},
                       .required = true, .max_length = 4000, .in_list = false}},
      .title_field = "kind",
      .validate = check_template};
}

}  // namespace verp::notify
