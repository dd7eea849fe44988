// Campaign messages on a customer's 360° timeline: what the customer received, opened and clicked.
#include "modules/crm/campaigns/campaigns.hpp"

namespace verp::crm {

using storage::Connection;
using storage::Timestamp;

Result<std::vector<TimelineEntry>> campaign_timeline(Connection& c, std::int64_t company, std::int64_t customer,
                                                     std::string_view locale, std::size_t limit) {
  const bool en = locale.starts_with("en");
  // Each message gives up to three events; the newest `limit` messages hold the newest events.
  auto rows = c.query(
      "SELECT m.campaign_id, c.name, m.sent_at, m.opened_at, m.clicked_at FROM campaign_messages m "
      "JOIN campaigns c ON c.id = m.campaign_id WHERE m.company_id = $1 AND m.customer_id = $2 AND m.outcome = "
      "'queued' ORDER BY m.sent_at DESC, m.id DESC LIMIT " + std::to_string(limit),
      {company, customer});
  if (!rows) return rows.error();
  std::vector<TimelineEntry> entries;
  for (const auto& r : *rows) {
    const std::int64_t campaign = r.int64(0).value_or(0);
    const std::string name = r.text(1).value_or("");
    auto add = [&](std::size_t column, const char* kind, const std::string& zh, const std::string& english) {
      if (r.is_null(column)) return;
      entries.push_back(TimelineEntry{.at = r.timestamp(column).value_or(Timestamp{}),
                                      .kind = kind,
                                      .title = en ? english : zh,
                                      .entity = "campaign",
                                      .record_id = campaign});
    };
    add(2, "campaign.received", "收到营销活动《" + name + "》", "Received campaign “" + name + "”");
    add(3, "campaign.opened", "打开了营销活动《" + name + "》", "Opened campaign “" + name + "”");
    add(4, "campaign.clicked", "点击了营销活动《" + name + "》中的链接", "Clicked a link in campaign “" + name + "”");
  }
  return entries;
}

}  // namespace verp::crm
