// The setting for pipeline stories: the pricing story's company on 2 March 2026 (刘, a salesperson
// with the sales role: her own leads, opportunities and follow-ups; the speaker M-1; her customer
// 星光电器), and helpers that read like a salesperson's day.
#pragma once

#include "modules/sales/tests/price_story.hpp"

namespace verp::testing {

class PipelineStory : public PriceStory {
 protected:
  Reply post(const std::string& path, const object& body = {}, Client* as = nullptr) {
    return app->call("POST", path, serialize(body), as != nullptr ? as : &liu);
  }
  Reply get(const std::string& path, Client* as = nullptr) {
    return app->call("GET", path, "", as != nullptr ? as : &liu);
  }

  // A lead 刘 enters; expected to succeed.
  std::int64_t lead(object fields) {
    auto made = post("/api/v1/leads", fields);
    EXPECT_EQ(made.status, 201) << made.body;
    return made.number("id");
  }
  Reply lead_step(std::int64_t id, const std::string& verb, const object& body = {}, Client* as = nullptr) {
    return post(id_path("/api/v1/leads", id, verb), body, as);
  }
  Reply opportunity_step(std::int64_t id, const std::string& verb, const object& body = {}, Client* as = nullptr) {
    return post(id_path("/api/v1/opportunities", id, verb), body, as);
  }
  Reply view(std::int64_t opportunity, Client* as = nullptr) {
    return get(id_path("/api/v1/opportunities", opportunity, "view"), as);
  }

  // The company's stage of that name, from the board (which makes the default stages first).
  std::int64_t stage(const std::string& name) {
    EXPECT_EQ(get("/api/v1/crm/pipeline").status, 200);
    auto stages = get("/api/v1/opportunity-stages?limit=100");
    EXPECT_EQ(stages.status, 200) << stages.body;
    for (const auto& each : stages.json.at("items").as_array()) {
      if (each.at("name").as_string() == name) return each.at("id").as_int64();
    }
    ADD_FAILURE() << "no stage " << name << " in " << stages.body;
    return 0;
  }

  std::int64_t user_id(const std::string& user_name) {
    auto row = app->application().database->read([&](storage::Connection& c) {
      return c.query_row("SELECT id FROM users WHERE user_name = $1", {user_name});
    });
    return row && *row ? (*row)->int64(0).value_or(0) : 0;
  }
};

}  // namespace verp::testing
