// What `verp check` proves about stock: every balance equals the moves it was kept from, and the
// stock value equals what the ledger holds on the inventory accounts.
#include "modules/inventory/stock_checks.hpp"

#include "modules/finance/amount.hpp"
#include "modules/inventory/quantity.hpp"

namespace verp::inventory {

using storage::Connection;
using storage::Row;

namespace {

using Problems = Result<std::vector<std::string>>;

// Runs a query whose rows are the disagreements and words each one.
Problems disagreements(storage::Database& database, std::string sql,
                       std::function<std::string(const Row&)> describe) {
  return database.read([&](Connection& c) -> Problems {
    auto rows = c.query(sql);
    if (!rows) return rows.error();
    std::vector<std::string> problems;
    for (const Row& row : *rows) problems.push_back(describe(row));
    return problems;
  });
}

std::string at(const Row& row) {
  return "company " + std::to_string(row.int64(0).value_or(0)) + " item " + std::to_string(row.int64(1).value_or(0));
}

}  // namespace

std::vector<Check> stock_checks() {
  auto levels = [](storage::Database& database) {
    return disagreements(
        database,
        "SELECT s.company_id, s.item_id, s.warehouse_id, s.location_id, s.lot_id, s.on_hand, "
        "COALESCE(m.total, 0) FROM stock_levels s LEFT JOIN (SELECT company_id, item_id, warehouse_id, "
        "COALESCE(location_id, 0) AS location_id, COALESCE(lot_id, 0) AS lot_id, SUM(quantity) AS total "
        "FROM stock_moves GROUP BY company_id, item_id, warehouse_id, COALESCE(location_id, 0), COALESCE(lot_id, 0)) m "
        "ON m.company_id = s.company_id AND m.item_id = s.item_id AND m.warehouse_id = s.warehouse_id "
        "AND m.location_id = s.location_id AND m.lot_id = s.lot_id WHERE s.on_hand <> COALESCE(m.total, 0) "
        "UNION ALL SELECT m.company_id, m.item_id, m.warehouse_id, COALESCE(m.location_id, 0), COALESCE(m.lot_id, 0), "
        "0, SUM(m.quantity) FROM stock_moves m WHERE NOT EXISTS (SELECT 1 FROM stock_levels s WHERE "
        "s.company_id = m.company_id AND s.item_id = m.item_id AND s.warehouse_id = m.warehouse_id AND "
        "s.location_id = COALESCE(m.location_id, 0) AND s.lot_id = COALESCE(m.lot_id, 0)) "
        "GROUP BY m.company_id, m.item_id, m.warehouse_id, COALESCE(m.location_id, 0), COALESCE(m.lot_id, 0)",
        [](const Row& row) {
          return at(row) + " warehouse " + std::to_string(row.int64(2).value_or(0)) + " location " +
                 std::to_string(row.int64(3).value_or(0)) + " lot " + std::to_string(row.int64(4).value_or(0)) +
                 ": on hand " + format_quantity(row.int64(5).value_or(0)) + " but its moves add up to " +
                 format_quantity(row.int64(6).value_or(0));
        });
  };
  auto positions = [](storage::Database& database) {
    return disagreements(
        database,
        "SELECT p.company_id, p.item_id, p.warehouse_id, p.on_hand, p.reserved, COALESCE(s.total, 0), "
        "COALESCE(r.total, 0) FROM stock_positions p LEFT JOIN (SELECT company_id, item_id, warehouse_id, "
        "SUM(on_hand) AS total FROM stock_levels GROUP BY company_id, item_id, warehouse_id) s ON "
        "s.company_id = p.company_id AND s.item_id = p.item_id AND s.warehouse_id = p.warehouse_id "
        "LEFT JOIN (SELECT company_id, item_id, warehouse_id, SUM(open_quantity) AS total FROM stock_reservations "
        "GROUP BY company_id, item_id, warehouse_id) r ON r.company_id = p.company_id AND r.item_id = p.item_id "
        "AND r.warehouse_id = p.warehouse_id WHERE p.on_hand <> COALESCE(s.total, 0) OR p.reserved <> COALESCE(r.total, 0)",
        [](const Row& row) {
          return at(row) + " warehouse " + std::to_string(row.int64(2).value_or(0)) + ": on hand " +
                 format_quantity(row.int64(3).value_or(0)) + " / levels " + format_quantity(row.int64(5).value_or(0)) +
                 ", reserved " + format_quantity(row.int64(4).value_or(0)) + " / open reservations " +
                 format_quantity(row.int64(6).value_or(0));
        });
  };
  auto costs = [](storage::Database& database) {
    return disagreements(
        database,
        "SELECT c.company_id, c.item_id, c.quantity, c.value, COALESCE(SUM(m.quantity), 0), COALESCE(SUM(m.value), 0) "
        "FROM stock_costs c LEFT JOIN stock_moves m ON m.company_id = c.company_id AND m.item_id = c.item_id "
        "GROUP BY c.company_id, c.item_id, c.quantity, c.value "
        "HAVING c.quantity <> COALESCE(SUM(m.quantity), 0) OR c.value <> COALESCE(SUM(m.value), 0)",
        [](const Row& row) {
          return at(row) + ": cost row " + format_quantity(row.int64(2).value_or(0)) + " worth " +
                 finance::format_amount(row.int64(3).value_or(0)) + ", moves " +
                 format_quantity(row.int64(4).value_or(0)) + " worth " +
                 finance::format_amount(row.int64(5).value_or(0));
        });
  };
  // Stock documents write their vouchers as drafts for review, so every voucher not voided counts.
  auto ledger = [](storage::Database& database) {
    return disagreements(
        database,
        "SELECT k.company_id, k.value, COALESCE((SELECT SUM(l.debit - l.credit) FROM voucher_lines l JOIN vouchers v "
        "ON v.id = l.voucher_id WHERE v.company_id = k.company_id AND v.state <> 'void' AND l.account_id IN ("
        + std::string(kInventoryAccountsOf) +
        ")), 0) AS booked FROM (SELECT company_id, SUM(value) AS value FROM stock_costs GROUP BY company_id) k "
        "WHERE NOT EXISTS (SELECT 1 FROM inventory_settings s WHERE s.company_id = k.company_id AND "
        "s.valuation_posting = 'periodic') AND k.value <> COALESCE((SELECT SUM(l.debit - l.credit) FROM "
        "voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE v.company_id = k.company_id AND "
        "v.state <> 'void' AND l.account_id IN (" + std::string(kInventoryAccountsOf) + ")), 0)",
        [](const Row& row) {
          return "company " + std::to_string(row.int64(0).value_or(0)) + ": stock is worth " +
                 finance::format_amount(row.int64(1).value_or(0)) + " but the inventory accounts hold " +
                 finance::format_amount(row.int64(2).value_or(0));
        });
  };
  return {Check{.name = "stock: on-hand per place equals its moves", .run = levels},
          Check{.name = "stock: warehouse totals equal their places and reservations", .run = positions},
          Check{.name = "stock: moving-average cost rows equal their moves", .run = costs},
          Check{.name = "stock: stock value equals the inventory accounts", .run = ledger}};
}

}  // namespace verp::inventory
