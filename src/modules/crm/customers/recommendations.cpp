#include "modules/crm/customers/recommendations.hpp"

#include <boost/json.hpp>
#include <map>

namespace verp::crm {

namespace json = boost::json;
using storage::Connection;
using storage::Row;
using storage::Value;

namespace {

constexpr std::string_view kConfirmed = "o.status NOT IN ('draft', 'pending', 'rejected', 'cancelled')";

// "$a, $b, …" for `ids`, appended to `params`.
std::string placeholders(const std::vector<std::int64_t>& ids, std::vector<Value>& params) {
  std::string sql;
  for (std::int64_t id : ids) {
    params.emplace_back(id);
    sql += (sql.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return sql;
}

// The ranking for `seeds` (what the customer has, never offered), leaving `customer` (0: none) out
// of the peers.
Result<json::object> co_purchased(Connection& c, std::int64_t company, const std::vector<std::int64_t>& seeds,
                                  std::int64_t customer, std::size_t limit, std::string_view locale) {
  if (seeds.empty()) return json::object{{"items", json::array()}};
  // Peers: other customers with a confirmed order line of a seed item. Their other items, counted
  // by distinct peer, and for each the seed most of them share (the reason).
  std::vector<Value> params{company, customer};
  const std::string seed_list = placeholders(seeds, params);
  const std::string peers =
      "SELECT DISTINCT o.customer_id, l.item_id AS via FROM sales_order_lines l JOIN sales_orders o ON o.id = "
      "l.order_id WHERE l.item_id IN (" + seed_list + ") AND o.company_id = $1 AND o.customer_id <> $2 AND "
      "o.archived_at IS NULL AND " + std::string(kConfirmed);
  const std::string bought =
      "SELECT DISTINCT o.customer_id, l.item_id FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id "
      "WHERE o.company_id = $1 AND o.customer_id IN (SELECT customer_id FROM (" + peers + ") p0) AND "
      "o.archived_at IS NULL AND " + std::string(kConfirmed) + " AND l.item_id NOT IN (" + seed_list + ")";
  auto rows = c.query(
      "SELECT b.item_id, p.via, COUNT(DISTINCT b.customer_id) FROM (" + bought + ") b JOIN (" + peers +
          ") p ON p.customer_id = b.customer_id GROUP BY b.item_id, p.via",
      params);
  if (!rows) return rows.error();
  struct Ranked {
    std::int64_t via = 0;
    std::int64_t via_count = 0;
  };
  std::map<std::int64_t, Ranked> best;  // item → its strongest seed
  for (const Row& row : *rows) {
    const std::int64_t item = row.int64(0).value_or(0), via = row.int64(1).value_or(0), n = row.int64(2).value_or(0);
    Ranked& ranked = best[item];
    if (n > ranked.via_count || (n == ranked.via_count && via < ranked.via)) ranked = {via, n};
  }
  if (best.empty()) return json::object{{"items", json::array()}};
  // Distinct peers per item (a peer sharing two seeds counts once), then the top `limit`.
  std::vector<Value> count_params{company, customer};
  const std::string again = placeholders(seeds, count_params);
  const std::string peers_again =
      "SELECT DISTINCT o.customer_id FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id WHERE "
      "l.item_id IN (" + again + ") AND o.company_id = $1 AND o.customer_id <> $2 AND o.archived_at IS NULL AND " +
      std::string(kConfirmed);
  auto ranked = c.query(
      "SELECT l.item_id, i.code, i.name, COUNT(DISTINCT o.customer_id) AS n FROM sales_order_lines l JOIN sales_orders "
      "o ON o.id = l.order_id JOIN items i ON i.id = l.item_id WHERE o.company_id = $1 AND o.archived_at IS NULL AND " +
          std::string(kConfirmed) + " AND o.customer_id IN (" + peers_again + ") AND l.item_id NOT IN (" + again +
          ") AND i.archived_at IS NULL GROUP BY l.item_id, i.code, i.name ORDER BY n DESC, i.code LIMIT " +
          std::to_string(limit),
      count_params);
  if (!ranked) return ranked.error();
  std::vector<std::int64_t> vias;
  for (const Row& row : *ranked) vias.push_back(best[row.int64(0).value_or(0)].via);
  std::map<std::int64_t, std::pair<std::string, std::string>> names;
  if (!vias.empty()) {
    std::vector<Value> name_params;
    const std::string listed = placeholders(vias, name_params);
    auto named = c.query("SELECT id, code, name FROM items WHERE id IN (" + listed + ")", name_params);
    if (!named) return named.error();
    for (const Row& row : *named) names[row.int64(0).value_or(0)] = {row.text(1).value_or(""), row.text(2).value_or("")};
  }
  json::array items;
  for (const Row& row : *ranked) {
    const std::int64_t item = row.int64(0).value_or(0);
    const Ranked& why = best[item];
    const auto& [via_code, via_name] = names[why.via];
    const std::string count = std::to_string(why.via_count);
    const std::string reason = locale == "en" ? "Bought by " + count + " customers who also bought " + via_name
                                              : count + " 位购买过「" + via_name + "」的客户也购买了此商品";
    items.push_back(json::object{{"item_id", item},
                                 {"code", row.text(1).value_or("")},
                                 {"name", row.text(2).value_or("")},
                                 {"customers", row.int64(3).value_or(0)},
                                 {"via_item_id", why.via},
                                 {"via_code", via_code},
                                 {"via_name", via_name},
                                 {"via_customers", why.via_count},
                                 {"reason", reason}});
  }
  return json::object{{"items", std::move(items)}};
}

Result<std::vector<std::int64_t>> ids_of(Connection& c, const std::string& sql, const std::vector<Value>& params) {
  auto rows = c.query(sql, params);
  if (!rows) return rows.error();
  std::vector<std::int64_t> ids;
  for (const Row& row : *rows) ids.push_back(row.int64(0).value_or(0));
  return ids;
}

}  // namespace

Result<json::object> customer_recommendations(Connection& c, std::int64_t company, std::int64_t customer,
                                              std::size_t limit, std::string_view locale) {
  auto seeds = ids_of(c,
                      "SELECT DISTINCT l.item_id FROM sales_orders o JOIN sales_order_lines l ON l.order_id = o.id "
                      "WHERE o.customer_id = $1 AND o.company_id = $2 AND o.archived_at IS NULL AND " +
                          std::string(kConfirmed),
                      {customer, company});
  if (!seeds) return seeds.error();
  return co_purchased(c, company, *seeds, customer, limit, locale);
}

Result<json::object> quotation_recommendations(Connection& c, std::int64_t company, std::int64_t quotation,
                                               std::size_t limit, std::string_view locale) {
  auto seeds = ids_of(c,
                      "SELECT DISTINCT l.item_id FROM quotations q JOIN quotation_lines l ON l.quotation_id = q.id AND "
                      "l.revision = q.revision WHERE q.id = $1 AND q.company_id = $2",
                      {quotation, company});
  if (!seeds) return seeds.error();
  return co_purchased(c, company, *seeds, 0, limit, locale);
}

}  // namespace verp::crm
