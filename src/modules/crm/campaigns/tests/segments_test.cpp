// 陈 saves segments of 深圳优品's customers: the Guangdong key accounts, those tagged 展会 or in
// Beijing, those without an e-mail address, those on a custom field the administrator added. A
// preview counts them as she types; the members page through and download; a misspelt field is
// named where it is; another company's customers never appear and its segments are not hers.
#include "modules/crm/campaigns/tests/campaign_story.hpp"

namespace verp::testing {
namespace {

class Segments : public CampaignStory {
 protected:
  Reply preview(boost::json::value filter, Client* as = nullptr) {
    return app->call("POST", "/api/v1/segments/preview", serialize(object{{"filter", std::move(filter)}}),
                     as != nullptr ? as : &chen);
  }

  // The codes of a preview's sample, or the problem.
  std::vector<std::string> sample(const std::string& filter, Client* as = nullptr) {
    auto reply = preview(boost::json::parse(filter), as);
    if (reply.status != 200) return {std::to_string(reply.status) + " " + reply.body};
    std::vector<std::string> codes;
    for (const auto& member : reply.json.at("sample").as_array()) codes.emplace_back(member.at("code").as_string());
    return codes;
  }

  static std::vector<std::string> codes(std::initializer_list<const char*> list) { return {list.begin(), list.end()}; }
};

TEST_P(Segments, FiltersSelectCustomersByDeclaredAndCustomFields) {
  auto guangdong = preview(guangdong_key_accounts());
  ASSERT_EQ(guangdong.status, 200) << guangdong.body;
  EXPECT_EQ(guangdong.number("count"), 4);
  EXPECT_EQ(sample(R"({"all":[{"field":"grade","op":"eq","value":"A"},{"field":"region","op":"contains","value":"广东"}]})"),
            codes({"C-201", "C-202", "C-203", "C-204"}));

  // Tags, OR groups with one nested group, lists and "nothing there".
  patch("customers", beifang, object{{"tags", array{"展会", "重工"}}});
  patch("customers", chaoshan, object{{"tags", array{"食品"}}});
  EXPECT_EQ(sample(R"({"all":[{"field":"tags","op":"contains","value":"展会"}]})"), codes({"C-205"}));
  EXPECT_EQ(sample(R"({"any":[{"field":"tags","op":"contains","value":"展会"},
                              {"all":[{"field":"region","op":"contains","value":"汕头"},{"field":"grade","op":"eq","value":"A"}]}]})"),
            codes({"C-204", "C-205"}));
  EXPECT_EQ(sample(R"({"all":[{"field":"code","op":"in","value":["C-201","C-205","C-999"]}]})"), codes({"C-201", "C-205"}));
  EXPECT_EQ(sample(R"({"all":[{"field":"grade","op":"eq","value":"A"},{"field":"email","op":"empty"}]})"),
            codes({"C-201"})) << "华强电子 has no address of its own";
  EXPECT_EQ(sample(R"({"all":[{"field":"grade","op":"ne","value":"A"}]})"), codes({"C-001"})) << "华南电子 is C";
  EXPECT_EQ(sample(R"({"all":[{"field":"opt_out","op":"eq","value":true}]})"), codes({"C-202"}));
  EXPECT_EQ(sample(R"({"all":[{"field":"tags","op":"empty"},{"field":"grade","op":"eq","value":"A"}]})"),
            codes({"C-201", "C-202", "C-203"}));

  // A field the administrator adds is usable at once.
  auto added = app->call("POST", "/api/v1/meta/entities/customer/custom-fields",
                         R"({"name":"x_stores","kind":"integer","label_zh":"门店数","label_en":"Stores"})", &admin);
  ASSERT_EQ(added.status, 201) << added.body;
  patch("customers", huaqiang, object{{"x_stores", 12}});
  patch("customers", zhujiang, object{{"x_stores", 3}});
  EXPECT_EQ(sample(R"({"all":[{"field":"x_stores","op":"gte","value":10}]})"), codes({"C-201"}));

  // Archived customers are nobody's target.
  ASSERT_EQ(app->call("DELETE", id_path("/api/v1/customers", beifang), "", &admin).status / 100, 2);
  EXPECT_EQ(sample(R"({"all":[{"field":"tags","op":"contains","value":"展会"}]})"), codes({}));
}

TEST_P(Segments, ComputedScoresAreOfferedOnlyWhereTheCustomersAreaKeepsThem) {
  // Before the customers area computes scores, a segment cannot name them.
  const bool scored = app->application().database->read([](storage::Connection& c) {
    return crm::scores_available(c);
  }).value_or(false);
  if (!scored) {
    auto none = app->call("GET", "/api/v1/segments/computed-fields", "", &chen);
    ASSERT_EQ(none.status, 200) << none.body;
    EXPECT_TRUE(none.json.at("items").as_array().empty());
    auto refused = preview(boost::json::parse(R"({"all":[{"field":"revenue_12m","op":"gt","value":"0"}]})"));
    EXPECT_TRUE(names_field(refused, "filter.all[0].field", "unknown")) << refused.body;
  }
  // The customers area's scores (its table as it declares it, made here when absent): 华强电子
  // bought 12,000.00 in the last year, 珠江实业 5,000.00 last in November.
  auto made = app->application().database->write([&](storage::Connection& c) -> Status {
    if (!scored) {
      const std::string ts = c.dialect() == storage::Dialect::sqlite ? "TEXT" : "TIMESTAMPTZ";
      auto created = c.execute_script(
          "CREATE TABLE customer_scores (customer_id BIGINT PRIMARY KEY, company_id BIGINT NOT NULL, first_order_on "
          "DATE, last_order_on DATE, orders_total BIGINT NOT NULL, revenue_total BIGINT NOT NULL, orders_12m BIGINT NOT "
          "NULL, revenue_12m BIGINT NOT NULL, recency_days BIGINT, r_score BIGINT NOT NULL, f_score BIGINT NOT NULL, "
          "m_score BIGINT NOT NULL, rfm TEXT NOT NULL, clv BIGINT NOT NULL, churn_risk TEXT NOT NULL, rule_grade TEXT, "
          "lifecycle_stage TEXT NOT NULL, computed_at " + ts + " NOT NULL)");
      if (!created) return created.error();
    }
    for (const auto& [customer, last, orders, cents, rfm] :
         {std::tuple{huaqiang, storage::Date{2026, 3, 1}, 8, 1'200'000, "555"},
          std::tuple{zhujiang, storage::Date{2025, 11, 2}, 2, 500'000, "233"}}) {
      auto inserted = c.execute(
          "INSERT INTO customer_scores (customer_id, company_id, last_order_on, orders_total, revenue_total, orders_12m, "
          "revenue_12m, r_score, f_score, m_score, rfm, clv, churn_risk, lifecycle_stage, computed_at) VALUES ($1, $2, "
          "$3, $4, $5, $4, $5, 5, 5, 5, $6, $5, 'low', 'active', $7)",
          {customer, company_of(customer), last, orders, cents, rfm,
           storage::Timestamp::from_system(app->clock().now())});
      if (!inserted) return inserted.error();
    }
    return {};
  });
  ASSERT_TRUE(made.ok()) << made.error().detail;
  auto offered = app->call("GET", "/api/v1/segments/computed-fields", "", &chen);
  ASSERT_EQ(offered.status, 200) << offered.body;
  EXPECT_EQ(offered.json.at("items").as_array().size(), 5u);
  EXPECT_EQ(sample(R"({"all":[{"field":"revenue_12m","op":"gte","value":"10000.00"}]})"), codes({"C-201"}));
  EXPECT_EQ(sample(R"({"all":[{"field":"last_order_on","op":"lt","value":"2026-01-01"}]})"), codes({"C-203"}));
  EXPECT_EQ(sample(R"({"any":[{"field":"rfm","op":"eq","value":"555"},{"field":"orders_12m","op":"eq","value":2}]})"),
            codes({"C-201", "C-203"}));
  EXPECT_EQ(sample(R"({"all":[{"field":"grade","op":"eq","value":"A"},{"field":"clv","op":"empty"}]})"),
            codes({"C-202", "C-204", "C-205"})) << "no scores yet";
}

TEST_P(Segments, BadFiltersNameTheirPath) {
  auto unknown = app->call(
      "POST", "/api/v1/segments",
      R"({"name":"错","filter":{"all":[{"field":"grade","op":"eq","value":"A"},{"field":"colour","op":"eq","value":"红"}]}})",
      &chen);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(names_field(unknown, "filter.all[1].field", "unknown")) << unknown.body;

  auto wrong_op = preview(boost::json::parse(R"({"any":[{"field":"grade","op":"gt","value":"A"}]})"));
  EXPECT_EQ(wrong_op.status, 400);
  EXPECT_TRUE(names_field(wrong_op, "filter.any[0].op", "invalid")) << wrong_op.body;

  auto wrong_value = preview(boost::json::parse(R"({"all":[{"field":"grade","op":"in","value":["A","Z"]}]})"));
  EXPECT_EQ(wrong_value.status, 400);
  EXPECT_TRUE(names_field(wrong_value, "filter.all[0].value[1]")) << wrong_value.body;

  auto nested = preview(boost::json::parse(
      R"({"all":[{"any":[{"field":"grade","op":"eq","value":"A"},{"field":"region","op":"eq"}]}]})"));
  EXPECT_TRUE(names_field(nested, "filter.all[0].any[1].value", "required")) << nested.body;

  auto too_deep = preview(boost::json::parse(R"({"all":[{"any":[{"all":[{"field":"grade","op":"eq","value":"A"}]}]}]})"));
  EXPECT_TRUE(names_field(too_deep, "filter.all[0].any[0]", "too_deep")) << too_deep.body;

  EXPECT_TRUE(names_field(preview(boost::json::parse(R"({"some":[]})")), "filter", "invalid"));
  // A field hidden from the marketing role is not a field to her.
  auto hidden = preview(boost::json::parse(R"({"all":[{"field":"credit_limit","op":"gt","value":"1000"}]})"));
  EXPECT_TRUE(names_field(hidden, "filter.all[0].field", "unknown")) << hidden.body;
}

TEST_P(Segments, MembersPageThroughAndDownloadWithinTheCompany) {
  const auto guangdong = segment("广东A类客户", guangdong_key_accounts());
  auto first = app->call("GET", id_path("/api/v1/segments", guangdong, "members") + "?limit=3", "", &chen);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.number("count"), 4);
  ASSERT_EQ(first.json.at("items").as_array().size(), 3u);
  const auto after = first.json.at("next_after").as_int64();
  EXPECT_EQ(after, zhujiang);
  auto rest = app->call("GET", id_path("/api/v1/segments", guangdong, "members") + "?limit=3&after=" +
                                   std::to_string(after), "", &chen);
  ASSERT_EQ(rest.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(rest.json.at("items").at(0).at("name").as_string(), "潮汕食品");
  EXPECT_TRUE(rest.json.at("next_after").is_null());

  auto file = app->call("GET", id_path("/api/v1/segments", guangdong, "members") + "?format=csv", "", &chen);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_NE(file.body.find("潮汕食品"), std::string::npos);
  EXPECT_NE(file.body.find("美的商贸"), std::string::npos);

  // 北京分公司 has a Guangdong key account of its own: never in 深圳优品's segment, and the
  // other way round; 深圳优品's segment is not there for it.
  Client beijing = beijing_marketer();
  auto theirs = app->call("POST", "/api/v1/customers?confirm_duplicates=true",
                          R"({"code":"C-201","name":"广东某客户","grade":"A","region":"广东省东莞市"})", &beijing_admin);
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  EXPECT_EQ(preview(guangdong_key_accounts()).number("count"), 4);
  EXPECT_EQ(sample(R"({"all":[{"field":"region","op":"contains","value":"广东"}]})", &beijing), codes({"C-201"}));
  EXPECT_EQ(preview(guangdong_key_accounts(), &beijing).json.at("sample").at(0).at("name").as_string(), "广东某客户");
  EXPECT_EQ(app->call("GET", id_path("/api/v1/segments", guangdong), "", &beijing).status, 404);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/segments", guangdong, "members"), "", &beijing).status, 404);
  EXPECT_EQ(app->call("PATCH", id_path("/api/v1/segments", guangdong), R"({"version":1,"name":"改"})", &beijing).status,
            404);

  // For other areas and reports: the same members through the C++ API.
  auto members = app->application().database->read([&](storage::Connection& c) {
    security::Principal reader{.company_id = company_of(huaqiang),
                               .grants = {{"customer", "read", security::DataScope::company},
                                          {"segment", "read", security::DataScope::company}}};
    return crm::segment_members(c, *app->application().entities, reader, guangdong, 0, 100);
  });
  ASSERT_TRUE(members.ok());
  EXPECT_EQ(members->size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Segments, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
