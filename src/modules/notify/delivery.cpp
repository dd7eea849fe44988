// Queuing and sending e-mail, SMS and WeChat deliveries (delivery.hpp).
#include "modules/notify/delivery.hpp"

#include <boost/json.hpp>

#include "modules/notify/event_types.hpp"
#include "modules/notify/preferences.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/notify/mail.hpp"
#include "platform/notify/retry.hpp"
#include "platform/notify/webhook.hpp"

namespace verp::notify {

using storage::Column;
using storage::ColumnType;
using storage::Connection;
using storage::Timestamp;
using storage::Value;

std::vector<storage::TableDef> delivery_tables() {
  auto column = [](std::string name, ColumnType type, bool required = true) {
    return Column{.name = std::move(name), .type = type, .not_null = required};
  };
  return {
      storage::TableDef{
          .name = "notification_deliveries",
          .columns = {Column{.name = "id", .type = ColumnType::int64, .identity = true},
                      Column{.name = "notification_id", .type = ColumnType::int64, .not_null = true,
                             .references = storage::Reference{.table = "notifications",
                                                              .on_delete = storage::OnDelete::cascade}},
                      column("company_id", ColumnType::int64), column("user_id", ColumnType::int64),
                      column("kind", ColumnType::text), column("channel", ColumnType::text),
                      column("recipient", ColumnType::text), column("subject", ColumnType::text),
                      column("body", ColumnType::text), column("state", ColumnType::text),
                      column("attempts", ColumnType::int64), column("next_attempt_at", ColumnType::timestamp),
                      column("last_error", ColumnType::text), column("created_at", ColumnType::timestamp),
                      column("claimed_at", ColumnType::timestamp, false), column("sent_at", ColumnType::timestamp, false)},
          .indexes = {storage::Index{.name = "notification_deliveries_due_idx", .columns = {"state", "next_attempt_at"}},
                      storage::Index{.name = "notification_deliveries_company_idx", .columns = {"company_id", "id"}}}},
      // Messages to people who are not users (api.hpp: queue_message): the same life as a
      // delivery, without a notification behind it.
      storage::TableDef{
          .name = "outbound_messages",
          .columns = {Column{.name = "id", .type = ColumnType::int64, .identity = true},
                      column("company_id", ColumnType::int64), column("purpose", ColumnType::text),
                      column("channel", ColumnType::text), column("recipient", ColumnType::text),
                      column("subject", ColumnType::text), column("body", ColumnType::text),
                      column("state", ColumnType::text), column("attempts", ColumnType::int64),
                      column("next_attempt_at", ColumnType::timestamp), column("last_error", ColumnType::text),
                      column("created_at", ColumnType::timestamp), column("claimed_at", ColumnType::timestamp, false),
                      column("sent_at", ColumnType::timestamp, false), column("html", ColumnType::text, false)},
          .indexes = {storage::Index{.name = "outbound_messages_due_idx", .columns = {"state", "next_attempt_at"}}}},
  };
}

namespace {

constexpr auto kStaleClaim = std::chrono::minutes(10);
constexpr int kBatch = 200;

// "{name}" → its value; an unknown placeholder stays as written, so a template's typo shows.
std::string render(std::string_view text, const std::vector<MessageArg>& values) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto open = text.find('{', i);
    if (open == std::string_view::npos) break;
    const auto close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    const std::string_view name = text.substr(open + 1, close - open - 1);
    const MessageArg* found = nullptr;
    for (const auto& value : values) {
      if (value.name == name) found = &value;
    }
    if (found != nullptr) {
      out += found->value;
    } else {
      out.append(text.substr(open, close - open + 1));
    }
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

struct Rendered {
  std::string subject;
  std::string body;
};

Result<Rendered> render_for(Connection& c, const Notification& n, Channel channel, const std::string& locale,
                            const std::vector<MessageArg>& values) {
  auto row = c.query_row(
      "SELECT subject, body FROM notification_templates WHERE company_id = $1 AND kind = $2 AND channel = $3 "
      "AND locale = $4 AND archived_at IS NULL",
      {Value(n.company_id), n.kind, std::string(to_string(channel)), locale});
  if (!row) return row.error();
  const auto& catalog = i18n::Catalog::built_in();
  std::string subject = "{subject}";
  std::string body = catalog.text(locale, channel == Channel::email ? "notify.default_mail_body" : "notify.default_short_body");
  if (*row) {
    subject = (*row)->text(0).value_or("");
    body = (*row)->text(1).value_or("");
  }
  return Rendered{render(subject, values), render(body, values)};
}

struct Recipient {
  std::string display_name;
  std::string email;
  std::string phone;
  std::string company_name;
};

Result<std::optional<Recipient>> recipient_of(Connection& c, std::int64_t user, std::int64_t company) {
  auto row = c.query_row(
      "SELECT u.display_name, u.email, u.phone, co.name FROM users u JOIN companies co ON co.id = $2 "
      "WHERE u.id = $1 AND u.is_active",
      {user, company});
  if (!row) return row.error();
  if (!*row) return std::optional<Recipient>();
  const auto& r = **row;
  return std::optional<Recipient>(Recipient{r.text(0).value_or(""), r.is_null(1) ? "" : r.text(1).value_or(""),
                                            r.is_null(2) ? "" : r.text(2).value_or(""), r.text(3).value_or("")});
}

}  // namespace

Status queue_deliveries(Connection& c, const Clock& clock, std::int64_t notification_id, const Notification& n) {
  if (!n.company_id) return {};  // no company, no sender to use
  auto configured = c.query("SELECT channel FROM notification_channels WHERE company_id = $1 AND active = $2 "
                            "AND archived_at IS NULL",
                            {*n.company_id, true});
  if (!configured) return configured.error();
  if (configured->empty()) return {};
  auto wanted = wanted_channels(c, n.user_id, n.kind);
  if (!wanted) return wanted.error();
  if (wanted->channels.empty()) return {};
  auto recipient = recipient_of(c, n.user_id, *n.company_id);
  if (!recipient) return recipient.error();
  if (!*recipient) return {};

  const auto& catalog = i18n::Catalog::built_in();
  const std::string& locale = wanted->locale;
  std::vector<MessageArg> values = n.args;
  values.push_back({"subject", n.title_id.empty() ? n.title : catalog.text(locale, n.title_id, n.args)});
  values.push_back({"message", n.body});
  values.push_back({"user", (*recipient)->display_name});
  values.push_back({"company", (*recipient)->company_name});
  const auto now = Timestamp::from_system(clock.now());
  for (Channel channel : wanted->channels) {
    bool offered = false;
    for (const auto& row : *configured) offered = offered || row.text(0).value_or("") == to_string(channel);
    const std::string& address = channel == Channel::email ? (*recipient)->email : (*recipient)->phone;
    if (!offered || address.empty()) continue;
    auto text = render_for(c, n, channel, locale, values);
    if (!text) return text.error();
    auto queued = c.execute(
        "INSERT INTO notification_deliveries (notification_id, company_id, user_id, kind, channel, recipient, subject, "
        "body, state, attempts, next_attempt_at, last_error, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, '', $9)",
        {notification_id, *n.company_id, n.user_id, n.kind, std::string(to_string(channel)), address, text->subject,
         text->body, now});
    if (!queued) return queued.error();
  }
  return {};
}

Result<std::int64_t> queue_message(Connection& c, const Clock& clock, const OutboundMessage& m) {
  const bool known_channel = m.channel == "email" || m.channel == "sms" || m.channel == "wechat";
  if (m.company_id <= 0 || !known_channel || m.recipient.empty() || m.body.empty() || m.body.size() > 20000 ||
      m.subject.size() > 1000 || m.recipient.size() > 254 || m.html.size() > 100000) {
    return make_error(ErrorKind::validation, "notify.invalid_message");
  }
  const auto now = Timestamp::from_system(clock.now());
  auto row = c.query_row(
      "INSERT INTO outbound_messages (company_id, purpose, channel, recipient, subject, body, state, attempts, "
      "next_attempt_at, last_error, created_at, html) VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, '', $7, $8) "
      "RETURNING id",
      {m.company_id, m.purpose.empty() ? std::string("message") : m.purpose, m.channel, m.recipient, m.subject, m.body,
       now, m.channel == "email" && !m.html.empty() ? storage::Value(m.html) : storage::Value()});
  if (!row) return row.error();
  return (*row)->int64(0).value_or(0);
}

Result<MessageState> message_state(Connection& c, std::int64_t message_id) {
  auto row = c.query_row("SELECT state, sent_at FROM outbound_messages WHERE id = $1", {message_id});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  MessageState state{.state = (*row)->text(0).value_or("")};
  if (!(*row)->is_null(1)) state.sent_at = (*row)->timestamp(1).value_or(Timestamp{});
  return state;
}

namespace {

struct Due {
  std::int64_t id = 0;
  std::int64_t company_id = 0;
  std::string channel;
  std::string recipient;
  std::string subject;
  std::string body;
  std::int64_t attempts = 0;
  std::string purpose = "notification";  // the text relay's purpose field
  std::string html;                      // e-mail: an HTML alternative of body (may be empty)
};

// The company's sender for the channel, with its secrets opened.
Result<std::optional<entity::Record>> sender_for(storage::Database& database, const entity::EntityStore& store,
                                                 std::int64_t company, const std::string& channel) {
  const entity::EntitySpec* spec = store.registry().find("notification_channel");
  if (spec == nullptr) return make_error(ErrorKind::internal, "notify.channel_not_configured");
  auto id = database.read([&](Connection& c) -> Result<std::optional<std::int64_t>> {
    auto row = c.query_row("SELECT id FROM notification_channels WHERE company_id = $1 AND channel = $2 "
                           "AND active = $3 AND archived_at IS NULL",
                           {company, channel, true});
    if (!row) return row.error();
    if (!*row) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>((*row)->int64(0).value_or(0));
  });
  if (!id) return id.error();
  if (!*id) return std::optional<entity::Record>();
  security::Principal system{.company_id = company, .grants = {{"notification_channel", "read", security::DataScope::company}}};
  auto record = store.get(*spec, system, **id);
  if (!record) return record.error();
  return std::optional<entity::Record>(std::move(*record));
}

std::string text_of(const entity::Record& record, std::string_view field) {
  const auto* text = record.get(field).get_if<std::string>();
  return text != nullptr ? *text : std::string();
}

Status send(const Due& due, const entity::Record& sender) {
  if (due.channel == "email") {
    const auto* starttls = sender.get("starttls").get_if<bool>();
    MailServer server{.url = text_of(sender, "smtp_url"),
                      .user = text_of(sender, "smtp_user"),
                      .password = text_of(sender, "smtp_password"),
                      .starttls = starttls != nullptr && *starttls,
                      .from = text_of(sender, "from_address")};
    auto sent = send_mail(server, Mail{.to = {due.recipient},
                                          .subject = due.subject,
                                          .text = due.body,
                                          .html = due.html.empty() ? std::nullopt : std::optional(due.html)});
    if (!sent) return sent.error();
    return {};
  }
  boost::json::object payload;
  if (due.channel == "sms") {
    payload = {{"to", due.recipient}, {"text", due.body}, {"purpose", due.purpose}};
  } else {
    payload = {{"msgtype", "text"},
               {"text", boost::json::object{{"content", due.body},
                                            {"mentioned_mobile_list", boost::json::array{boost::json::string(due.recipient)}}}}};
  }
  auto posted = post_json(text_of(sender, "webhook_url"), boost::json::serialize(payload), std::chrono::seconds(10));
  if (!posted) return posted.error();
  return {};
}

std::string error_text(const Error& error) {
  std::string text = error.message_id;
  if (!error.detail.empty()) text += ": " + error.detail;
  return text.size() > 500 ? text.substr(0, 500) : text;
}

}  // namespace

namespace {

// A table of things to send: notifications' deliveries and outbound messages live alike. The
// names are constants of this file, never input.
struct Queue {
  std::string table;
  std::string purpose;  // a column or an SQL literal
  std::string html;     // the same
};

Status deliver_from(const Queue& queue, storage::Database& database, const entity::EntityStore& store,
                    const Clock& clock, DeliveryRun& run) {
  const auto now = Timestamp::from_system(clock.now());
  auto due = database.write([&](Connection& c) -> Result<std::vector<Due>> {
    // A claim older than any send can take belongs to a process that died mid-send.
    const Timestamp stale = Timestamp::from_system(clock.now() - kStaleClaim);
    auto reclaimed = c.execute(
        "UPDATE " + queue.table + " SET state = 'pending' WHERE state = 'sending' AND claimed_at < $1", {stale});
    if (!reclaimed) return reclaimed.error();
    auto rows = c.query("SELECT id, company_id, channel, recipient, subject, body, attempts, " + queue.purpose + ", " + queue.html +
                            " FROM " + queue.table + " WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT " +
                            std::to_string(kBatch),
                        {now});
    if (!rows) return rows.error();
    std::vector<Due> list;
    for (const auto& r : *rows) {
      list.push_back(Due{r.int64(0).value_or(0), r.int64(1).value_or(0), r.text(2).value_or(""),
                         r.text(3).value_or(""), r.text(4).value_or(""), r.text(5).value_or(""), r.int64(6).value_or(0),
                         r.text(7).value_or("notification"), r.is_null(8) ? "" : r.text(8).value_or("")});
    }
    return list;
  });
  if (!due) return due.error();

  for (const Due& item : *due) {
    auto claimed = database.write([&](Connection& c) {
      return c.execute("UPDATE " + queue.table + " SET state = 'sending', claimed_at = $1 WHERE id = $2 AND state = 'pending'",
                       {now, item.id});
    });
    if (!claimed) return claimed.error();
    if (*claimed == 0) continue;  // another node has it

    Status outcome;
    bool permanent = false;
    auto sender = sender_for(database, store, item.company_id, item.channel);
    if (!sender) {
      outcome = sender.error();
    } else if (!*sender) {
      outcome = make_error(ErrorKind::validation, "notify.channel_not_configured");
      permanent = true;
    } else {
      outcome = send(item, **sender);
    }
    const std::int64_t attempts = item.attempts + 1;
    const auto finished = Timestamp::from_system(clock.now());
    Result<std::int64_t> marked = std::int64_t{0};
    if (outcome) {
      ++run.sent;
      marked = database.write([&](Connection& c) {
        return c.execute("UPDATE " + queue.table + " SET state = 'sent', attempts = $1, sent_at = $2, last_error = '' WHERE id = $3",
                         {attempts, finished, item.id});
      });
    } else if (!permanent && should_retry(outcome.error()) && attempts < kDefaultMaxAttempts) {
      ++run.retrying;
      const Timestamp next = Timestamp::from_system(
          clock.now() + backoff(static_cast<int>(attempts), static_cast<std::uint64_t>(item.id)));
      marked = database.write([&](Connection& c) {
        return c.execute("UPDATE " + queue.table + " SET state = 'pending', attempts = $1, next_attempt_at = $2, "
                         "last_error = $3 WHERE id = $4",
                         {attempts, next, error_text(outcome.error()), item.id});
      });
    } else {
      ++run.failed;
      marked = database.write([&](Connection& c) {
        return c.execute("UPDATE " + queue.table + " SET state = 'failed', attempts = $1, last_error = $2 WHERE id = $3",
                         {attempts, error_text(outcome.error()), item.id});
      });
    }
    if (!marked) return marked.error();
  }
  return {};
}

}  // namespace

Result<DeliveryRun> deliver_due(storage::Database& database, const entity::EntityStore& store, const Clock& clock) {
  DeliveryRun run;
  for (const Queue& queue : {Queue{"notification_deliveries", "'notification'", "NULL"},
                            Queue{"outbound_messages", "purpose", "html"}}) {
    if (Status done = deliver_from(queue, database, store, clock, run); !done) return done.error();
  }
  return run;
}

}  // namespace verp::notify
