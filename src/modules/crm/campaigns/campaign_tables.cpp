// The campaigns area's own tables: one row per customer a campaign reached or excluded, and the
// sending run of a campaign (its claim and progress).
#include "modules/crm/campaigns/campaigns.hpp"

namespace verp::crm {

using storage::Column;
using storage::ColumnType;

namespace {

Column column(std::string name, ColumnType type, bool required = true) {
  return Column{.name = std::move(name), .type = type, .not_null = required};
}

Column link(std::string name, std::string table, bool required = true) {
  return Column{.name = std::move(name), .type = ColumnType::int64, .not_null = required,
                .references = storage::Reference{.table = std::move(table)}};
}

}  // namespace

std::vector<storage::TableDef> campaign_tables() {
  return {
      // One row per member customer of the campaign's segment when it was sent. `outcome` is
      // "queued" (a message went out: message_id follows it in notify's outbound_messages),
      // "opted_out" or "no_address" (nothing was sent; kept so that the results can say why).
      // The tracking token is stored only as its digest (security::token_digest): the links
      // carry the token, a copy of the database does not. sent_on/convert_until (China dates)
      // bound the orders that count as this message's conversion.
      storage::TableDef{
          .name = "campaign_messages",
          .columns = {Column{.name = "id", .type = ColumnType::int64, .identity = true},
                      link("company_id", "companies"), link("campaign_id", "campaigns"),
                      link("customer_id", "customers"), link("contact_id", "contacts", false),
                      column("outcome", ColumnType::text), column("channel", ColumnType::text),
                      column("recipient", ColumnType::text, false), column("name", ColumnType::text, false),
                      column("message_id", ColumnType::int64, false), column("token_digest", ColumnType::text, false),
                      column("sent_at", ColumnType::timestamp), column("sent_on", ColumnType::date),
                      column("convert_until", ColumnType::date), column("opened_at", ColumnType::timestamp, false),
                      column("clicked_at", ColumnType::timestamp, false), column("clicks", ColumnType::int64),
                      column("unsubscribed_at", ColumnType::timestamp, false)},
          .indexes = {storage::Index{.name = "campaign_messages_customer_key",
                                     .columns = {"campaign_id", "customer_id"},
                                     .unique = true},
                      storage::Index{.name = "campaign_messages_token_key", .columns = {"token_digest"}, .unique = true},
                      storage::Index{.name = "campaign_messages_company_customer_idx",
                                     .columns = {"company_id", "customer_id", "sent_at"}}}},
      // The sending of a campaign: which node holds it until when (a node that stops mid-way
      // leaves a lease that runs out, and another node resumes after the last customer done).
      storage::TableDef{
          .name = "campaign_runs",
          .columns = {Column{.name = "campaign_id", .type = ColumnType::int64, .not_null = true,
                             .references = storage::Reference{.table = "campaigns"}},
                      link("company_id", "companies"), column("targeted", ColumnType::int64),
                      column("done", ColumnType::int64), column("last_customer_id", ColumnType::int64),
                      column("lease_until", ColumnType::timestamp), column("started_at", ColumnType::timestamp),
                      column("finished_at", ColumnType::timestamp, false)},
          .primary_key = {"campaign_id"}},
  };
}

}  // namespace verp::crm
