// The sales setting for pricing and quotation stories: the stock story's company on 2 March 2026
// with 刘, a salesperson (the sales role template: her own customers and quotations), VAT at 13 %,
// the speaker M-1 at a list price of 100.00 and milk at 5.00 a piece (a box is 24), a customer
// group of distributors (华南经销商) and 刘's customer 星光电器 in it, and helpers that read like
// keeping price lists.
#pragma once

#include <chrono>

#include "modules/inventory/tests/stock_story.hpp"

namespace verp::testing {

class PriceStory : public StockStory {
 protected:
  void SetUp() override {
    StockStory::SetUp();
    set_today(2026, 3, 2);
    liu = app->user_from_template(admin, "xiaoshou.liu", "sales");
    vat = created("tax-rates", object{{"code", "VAT13"}, {"name", "增值税 13%"}, {"rate", "0.13"}});
    patch("items", item, object{{"list_price", "100.00"}, {"tax_rate_id", vat}});
    patch("items", milk, object{{"list_price", "5.00"}, {"tax_rate_id", vat}});
    distributors = created("customer-groups", object{{"code", "DIST"}, {"name", "华南经销商"}});
    auto made = app->call("POST", "/api/v1/customers?confirm_duplicates=true",
                          serialize(object{{"code", "C-100"}, {"name", "星光电器"}, {"customer_group_id", distributors}}),
                          &liu);
    EXPECT_EQ(made.status, 201) << made.body;
    star = made.number("id");
  }

  // The app's clock at 10:00 in Shenzhen on that day; days later everyone signs in again.
  void set_today(int year, unsigned month, unsigned day) {
    using namespace std::chrono;
    app->clock().set(sys_days{std::chrono::year{year} / month / day} + hours{2});
    if (liu.cookie.empty() && liu.bearer.empty()) return;
    admin = app->admin();
    liu = app->sign_in("xiaoshou.liu", "quiet river under seven stone bridges");
  }

  void patch(const std::string& path, std::int64_t id, object fields) {
    auto current = app->call("GET", id_path("/api/v1/" + path, id), "", &admin);
    fields["version"] = current.number("version");
    auto reply = app->call("PATCH", id_path("/api/v1/" + path, id), serialize(fields), &admin);
    EXPECT_EQ(reply.status, 200) << path << ": " << reply.body;
  }

  // A price list (`scope`: customer_id, customer_group_id, currency_id, valid_from, valid_to, or
  // nothing for everyone) with its lines; answers its id.
  std::int64_t price_list(const std::string& code, object scope, array lines) {
    scope["code"] = code;
    scope["name"] = code;
    const auto id = created("price-lists", scope);
    for (auto& line : lines) {
      object item_line = line.as_object();
      item_line["price_list_id"] = id;
      created("price-list-items", item_line);
    }
    return id;
  }

  // One line of a price list: the item at a price, from a quantity (and in a unit) if given.
  static object priced(std::int64_t of_item, std::string price, object more = {}) {
    object line{{"item_id", of_item}, {"price", std::move(price)}};
    for (const auto& [key, value] : more) line[key] = value;
    return line;
  }

  // What the order would take, as "price source" ("88.00 customer"), asked as 刘.
  std::string price_of(std::int64_t of_item, const std::string& more = "", std::int64_t customer = 0) {
    auto reply = app->call("GET",
                           "/api/v1/sales/price?customer_id=" + std::to_string(customer != 0 ? customer : star) +
                               "&item_id=" + std::to_string(of_item) + more,
                           "", &liu);
    if (reply.status != 200) return std::to_string(reply.status) + " " + reply.body;
    return reply.text("price") + " " + reply.text("source");
  }

  // A currency by its code, made when the consortium does not have it yet.
  std::int64_t currency(const std::string& code) {
    auto found = app->call("GET", "/api/v1/currencies?code=" + code, "", &admin);
    if (found.status == 200 && !found.json.at("items").as_array().empty()) {
      return found.json.at("items").at(0).at("id").as_int64();
    }
    return created("currencies", object{{"code", code}, {"name", code}});
  }

  Client liu;
  std::int64_t vat = 0, distributors = 0, star = 0;
};

}  // namespace verp::testing
