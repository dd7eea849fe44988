// The crm.campaigns job: sends scheduled campaigns whose time has come.
//
// Claim: a scheduled campaign becomes "sending" through the store's conditional UPDATE on the
// version this node read (a second node's UPDATE finds another version and gives up), in the
// transaction that creates its run row (campaign_id is the run's key: a second run cannot exist).
// The run holds a lease; each batch renews it, so a node that stops mid-way leaves a lease that
// runs out and the next job run (any node) resumes after the last customer done.
//
// Batches: the segment is evaluated a page of customers at a time (keyset on the customer id),
// each page in one transaction with its campaign_messages rows and queued messages, so a large
// segment never sits in memory and progress is visible (campaign_runs.done of targeted).
//
// Recipients: a customer who opted out gets nothing; otherwise its primary contact — unless that
// contact opted out — at the contact's address for the channel, else at the customer's own
// address; no address on the channel: nothing. Every member gets a row saying which.
#include <algorithm>

#include "modules/crm/campaigns/campaign_render.hpp"
#include "modules/crm/campaigns/campaign_support.hpp"
#include "modules/crm/campaigns/campaigns.hpp"
#include "modules/notify/api.hpp"
#include "platform/security/tokens.hpp"

namespace verp::crm {

using storage::Connection;
using storage::Timestamp;
using storage::Value;

namespace {

constexpr auto kLease = std::chrono::minutes(10);
constexpr int kCampaignsPerRun = 20;

// Who the job acts as: the person who scheduled the campaign (the history and the audit log
// say so), reaching every customer of the company as the marketing role does.
security::Principal sender_of(const entity::Record& campaign) {
  return security::Principal{.user_id = campaign.updated_by.value_or(0),
                             .user_name = "crm.campaigns",
                             .company_id = campaign.company_id.value_or(0),
                             .grants = {{"customer", "read", security::DataScope::company},
                                        {"segment", "read", security::DataScope::company},
                                        {"campaign", "update", security::DataScope::company}}};
}

struct Recipient {
  std::string outcome = "queued";  // or "opted_out", "no_address"
  std::optional<std::int64_t> contact_id;
  std::string address;
  std::string name;
};

// The recipient of one member customer on `channel` (e-mail: email; SMS and WeChat: phone).
Result<Recipient> recipient_of(Connection& c, std::int64_t customer, const std::string& channel) {
  const std::string column = channel == "email" ? "email" : "phone";
  auto own = c.query_row("SELECT opt_out, " + column + ", contact_name, name FROM customers WHERE id = $1", {customer});
  if (!own) return own.error();
  if (!*own) return Recipient{.outcome = "no_address"};
  const storage::Row& o = **own;
  if (o.boolean(0).value_or(false)) return Recipient{.outcome = "opted_out"};
  Recipient recipient{.address = text_at(o, 1), .name = text_at(o, 2).empty() ? text_at(o, 3) : text_at(o, 2)};
  auto contact = c.query_row("SELECT id, opt_out, " + column +
                                 ", name FROM contacts WHERE customer_id = $1 AND primary_contact = $2 AND "
                                 "archived_at IS NULL ORDER BY id LIMIT 1",
                             {customer, true});
  if (!contact) return contact.error();
  if (*contact) {
    const storage::Row& p = **contact;
    if (p.boolean(1).value_or(false)) return Recipient{.outcome = "opted_out", .contact_id = p.int64(0).value_or(0)};
    recipient.name = text_at(p, 3);
    if (!text_at(p, 2).empty()) {
      recipient.contact_id = p.int64(0).value_or(0);
      recipient.address = text_at(p, 2);
    }
  }
  if (recipient.address.empty()) recipient.outcome = "no_address";
  return recipient;
}

class Sender {
 public:
  Sender(const CrmKit& kit, int batch)
      : kit_(kit), spec_(kit.spec("campaign")), segments_(kit.spec("customer")), batch_(std::max(batch, 1)) {}

  Result<CampaignRun> run() {
    const Timestamp now = Timestamp::from_system(kit_.http.clock->now());
    auto due = kit_.http.database->read([&](Connection& c) -> Result<std::vector<std::int64_t>> {
      auto rows = c.query(
          "SELECT c.id FROM campaigns c LEFT JOIN campaign_runs r ON r.campaign_id = c.id WHERE c.archived_at IS NULL "
          "AND ((c.status = 'scheduled' AND c.scheduled_at <= $1) OR (c.status = 'sending' AND r.finished_at IS NULL "
          "AND r.lease_until < $1)) ORDER BY c.scheduled_at, c.id LIMIT " + std::to_string(kCampaignsPerRun),
          {now});
      if (!rows) return rows.error();
      std::vector<std::int64_t> ids;
      for (const auto& r : *rows) ids.push_back(r.int64(0).value_or(0));
      return ids;
    });
    if (!due) return due.error();
    CampaignRun done;
    for (std::int64_t id : *due) {
      auto claimed = claim(id);
      if (!claimed) return claimed.error();
      if (!*claimed) continue;  // another node has it
      auto sent = send(id);
      if (!sent) return sent.error();
      done.messages += sent->first;
      if (sent->second) ++done.campaigns;
    }
    return done;
  }

 private:
  Timestamp now() const { return Timestamp::from_system(kit_.http.clock->now()); }
  Timestamp lease() const { return Timestamp::from_system(kit_.http.clock->now() + kLease); }

  Result<entity::Record> load(Connection& c, std::int64_t id) const {
    security::Principal reader{.company_id = 0, .grants = {{"campaign", "read", security::DataScope::all_companies}}};
    auto row = c.query_row("SELECT company_id FROM campaigns WHERE id = $1", {id});
    if (!row) return row.error();
    if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
    reader.company_id = (*row)->int64(0).value_or(0);
    reader.company_ids = {reader.company_id};
    return kit_.store->get_in(c, spec_, reader, id);
  }

  // True when this node now holds the campaign's sending.
  Result<bool> claim(std::int64_t id) {
    auto claimed = kit_.http.database->write([&](Connection& c) -> Result<bool> {
      auto campaign = load(c, id);
      if (!campaign) return campaign.error();
      const std::string status = text_of(*campaign, "status");
      if (status == "sending") {
        // A stopped node's run: take over its lease only while it is still run out.
        auto taken = c.execute("UPDATE campaign_runs SET lease_until = $1 WHERE campaign_id = $2 AND lease_until < $3 "
                               "AND finished_at IS NULL",
                               {lease(), id, now()});
        if (!taken) return taken.error();
        return *taken == 1;
      }
      const auto* at = campaign->get("scheduled_at").get_if<Timestamp>();
      if (status != "scheduled" || at == nullptr || *at > now()) return false;
      const security::Principal actor = sender_of(*campaign);
      auto changed = kit_.store->transition_in(c, spec_, actor, id, {{"status", "sending"}}, "start_sending",
                                               entity::Caller{.address = "job", .request_id = "crm.campaigns"});
      if (!changed) return changed.error();
      const auto* segment = campaign->get("segment_id").get_if<std::int64_t>();
      std::int64_t targeted = 0;
      if (segment != nullptr) {
        auto filter = segments_.saved(c, actor, *segment);
        if (!filter && filter.error().kind != ErrorKind::not_found) return filter.error();
        if (filter) {
          auto counted = segments_.count(c, actor, *filter);
          if (!counted) return counted.error();
          targeted = *counted;
        }
      }
      auto started = c.execute(
          "INSERT INTO campaign_runs (campaign_id, company_id, targeted, done, last_customer_id, lease_until, "
          "started_at) VALUES ($1, $2, $3, 0, 0, $4, $5)",
          {id, actor.company_id, targeted, lease(), now()});
      if (!started) return started.error();
      return true;
    });
    // Another node claimed it between our read and our UPDATE: its version moved on.
    if (!claimed && claimed.error().kind == ErrorKind::conflict) return false;
    return claimed;
  }

  // Sends batches until the segment is done (true) or the campaign was cancelled; answers the
  // messages queued.
  Result<std::pair<std::int64_t, bool>> send(std::int64_t id) {
    std::int64_t queued = 0;
    for (;;) {
      auto batch = kit_.http.database->write([&](Connection& c) -> Result<std::optional<std::int64_t>> {
        return send_batch(c, id);
      });
      if (!batch) return batch.error();
      if (!*batch) return std::pair{queued, true};  // finished (or stopped)
      queued += **batch;
    }
  }

  // One batch in one transaction; nullopt when there is nothing more to send.
  Result<std::optional<std::int64_t>> send_batch(Connection& c, std::int64_t id) {
    auto campaign = load(c, id);
    if (!campaign) return campaign.error();
    if (text_of(*campaign, "status") != "sending") return std::optional<std::int64_t>();  // cancelled meanwhile
    auto run = c.query_row("SELECT last_customer_id FROM campaign_runs WHERE campaign_id = $1 AND finished_at IS NULL",
                           {id});
    if (!run) return run.error();
    if (!*run) return std::optional<std::int64_t>();
    const std::int64_t after = (*run)->int64(0).value_or(0);
    const security::Principal actor = sender_of(*campaign);
    std::vector<SegmentMember> members;
    if (const auto* segment = campaign->get("segment_id").get_if<std::int64_t>()) {
      auto filter = segments_.saved(c, actor, *segment);
      if (!filter && filter.error().kind != ErrorKind::not_found) return filter.error();
      if (filter) {
        auto page = segments_.members(c, actor, *filter, after, batch_);
        if (!page) return page.error();
        members = std::move(*page);
      }
    }
    auto company = c.query_row("SELECT name FROM companies WHERE id = $1", {actor.company_id});
    if (!company) return company.error();
    const std::string company_name = *company ? text_at(**company, 0) : std::string();
    std::int64_t queued = 0;
    for (const SegmentMember& member : members) {
      auto sent = send_one(c, *campaign, member, company_name);
      if (!sent) return sent.error();
      queued += *sent ? 1 : 0;
    }
    const std::int64_t last = members.empty() ? after : members.back().id;
    auto progressed = c.execute(
        "UPDATE campaign_runs SET done = done + $1, last_customer_id = $2, lease_until = $3 WHERE campaign_id = $4",
        {static_cast<std::int64_t>(members.size()), last, lease(), id});
    if (!progressed) return progressed.error();
    if (static_cast<int>(members.size()) == batch_) return std::optional<std::int64_t>(queued);
    // The last page: the campaign is sent.
    auto finished = c.execute("UPDATE campaign_runs SET finished_at = $1 WHERE campaign_id = $2", {now(), id});
    if (!finished) return finished.error();
    auto changed = kit_.store->transition_in(c, spec_, actor, id, {{"status", "sent"}, {"sent_at", now()}}, "sent",
                                             entity::Caller{.address = "job", .request_id = "crm.campaigns"});
    if (!changed) return changed.error();
    return queued == 0 ? std::optional<std::int64_t>() : std::optional<std::int64_t>(queued);
  }

  // The member's row and, for an allowed recipient, the queued message. True when queued.
  Result<bool> send_one(Connection& c, const entity::Record& campaign, const SegmentMember& member,
                        const std::string& company_name) {
    const std::string channel = text_of(campaign, "channel");
    auto recipient = recipient_of(c, member.id, channel);
    if (!recipient) return recipient.error();
    const Timestamp at = now();
    const storage::Date sent_on = china_date(at);
    const auto* days = campaign.get("conversion_days").get_if<std::int64_t>();
    const storage::Date until = storage::Date::from_days(sent_on.to_days() + (days != nullptr ? *days : 30));
    std::optional<std::int64_t> message;
    std::string digest;
    if (recipient->outcome == "queued") {
      const std::string token = security::random_token();
      digest = security::token_digest(token);
      std::string base = text_of(campaign, "tracking_url");
      if (base.empty()) base = kit_.public_url;  // the server's public address (VERP_PUBLIC_URL)
      while (!base.empty() && base.back() == '/') base.pop_back();
      const Rendered rendered = render_message({.body = text_of(campaign, "body"),
                                                .name = recipient->name,
                                                .customer = member.name,
                                                .company = company_name,
                                                .base_url = base,
                                                .token = token},
                                               channel == "email");
      auto queued = notify::queue_message(c, *kit_.http.clock,
                                          notify::OutboundMessage{.company_id = campaign.company_id.value_or(0),
                                                                  .channel = channel,
                                                                  .recipient = recipient->address,
                                                                  .subject = text_of(campaign, "subject"),
                                                                  .body = rendered.text,
                                                                  .html = rendered.html,
                                                                  .purpose = "campaign"});
      if (!queued) return queued.error();
      message = *queued;
    }
    auto inserted = c.execute(
        "INSERT INTO campaign_messages (company_id, campaign_id, customer_id, contact_id, outcome, channel, recipient, "
        "name, message_id, token_digest, sent_at, sent_on, convert_until, clicks) VALUES ($1, $2, $3, $4, $5, $6, $7, "
        "$8, $9, $10, $11, $12, $13, 0)",
        {campaign.company_id.value_or(0), campaign.id, member.id, Value(recipient->contact_id), recipient->outcome,
         channel, recipient->address.empty() ? Value() : Value(recipient->address), Value(recipient->name),
         Value(message), digest.empty() ? Value() : Value(digest), at, sent_on, until});
    if (!inserted) return inserted.error();
    return message.has_value();
  }

  const CrmKit& kit_;
  const entity::EntitySpec& spec_;
  Segments segments_;
  int batch_;
};

}  // namespace

Result<CampaignRun> send_due_campaigns(const CrmKit& kit, int batch) { return Sender(kit, batch).run(); }

}  // namespace verp::crm
