// Master data (基础资料) stories, on SQLite and PostgreSQL: what a data steward, a salesperson
// and a user of another member company can and cannot do with customers, items and the rest.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <thread>

#include "platform/entity/store.hpp"
#include "platform/exchange/sheet.hpp"
#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

using boost::json::object;
using boost::json::serialize;

// Percent-encodes what a browser would in a query string (non-ASCII bytes and spaces).
std::string url(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x80 || c == ' ') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::vector<std::string> codes_of(const Reply& list) {
  std::vector<std::string> codes;
  EXPECT_EQ(list.status, 200) << list.body;
  if (!list.json.is_object() || !list.json.as_object().contains("items")) return codes;
  for (const auto& item : list.json.at("items").as_array()) codes.emplace_back(item.at("code").as_string());
  return codes;
}

class MasterData : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
    steward = user(admin, "steward", "master_data");
  }

  // A user holding the role made from one of verp's role templates in the admin's company.
  Client user(Client& company_admin, const std::string& name, const std::string& role_template) {
    return app->user_from_template(company_admin, name, role_template);
  }

  Reply post(const std::string& path, const object& body, Client* as = nullptr) {
    return app->call("POST", "/api/v1/" + path, serialize(body), as ? as : &steward);
  }

  std::int64_t customer(const std::string& code, const std::string& name, object extra = {}, Client* as = nullptr) {
    extra["code"] = code;
    extra["name"] = name;
    auto created = app->call("POST", "/api/v1/customers?confirm_duplicates=true", serialize(extra), as ? as : &steward);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.number("id");
  }

  Reply list(const std::string& query, Client* as = nullptr) {
    return app->call("GET", "/api/v1/customers?" + url(query), "", as ? as : &steward);
  }

  std::unique_ptr<TestApp> app;
  Client admin;
  Client steward;
};

TEST_P(MasterData, ACustomerIsCreatedReadBackExactlyAndAudited) {
  auto created = post("customers", object{{"code", "C-001"},
                                          {"name", "深圳华强电子有限公司"},
                                          {"grade", "A"},
                                          {"credit_limit", "500000.5"},
                                          {"tags", boost::json::array{"重点", "华南"}},
                                          {"email", "Purchasing@HuaQiang.CN"},
                                          {"phone", "+86 755-8888-0001"},
                                          {"bank_account", "6222 0000 1111 2222"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/customers/" + std::to_string(created.number("id"));
  auto got = app->call("GET", path, "", &steward);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ("500000.50", got.text("credit_limit")) << "money keeps its scale, as a string";
  EXPECT_EQ("purchasing@huaqiang.cn", got.text("email"));
  EXPECT_EQ("active", got.text("status")) << "declared default";
  EXPECT_EQ(1, got.number("version"));
  EXPECT_EQ(serialize(boost::json::array{"重点", "华南"}), serialize(got.json.at("tags")));
  EXPECT_EQ("6222 0000 1111 2222", got.text("bank_account"));

  // The bank account is sealed at rest and redacted in the audit log.
  auto stored = app->application().database->read([&](storage::Connection& c) {
    return c.query_row("SELECT bank_account FROM customers WHERE id = $1", {created.number("id")});
  });
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE((*stored)->text(0)->starts_with("enc:")) << *(*stored)->text(0);
  auto audit = app->call("GET", "/api/v1/audit-log?target_type=customer", "", &admin);
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("C-001"), std::string::npos);
  EXPECT_EQ(audit.body.find("6222"), std::string::npos) << "no sensitive value in the audit log";
}

TEST_P(MasterData, BadInputNamesEveryBadFieldAtOnceInTheCallersLanguage) {
  steward.locale = "zh-CN";
  auto bad = post("customers", object{{"code", "坏 code"},
                                      {"email", "not-an-email"},
                                      {"credit_limit", 1000.5},
                                      {"grade", "Z"},
                                      {"company_id", 99}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(names_field(bad, "code", "pattern"));
  EXPECT_TRUE(names_field(bad, "name", "required"));
  EXPECT_TRUE(names_field(bad, "email", "invalid_email"));
  EXPECT_TRUE(names_field(bad, "credit_limit", "decimal_as_string"));
  EXPECT_TRUE(names_field(bad, "grade", "not_an_option"));
  EXPECT_TRUE(names_field(bad, "company_id", "not_writable")) << "no mass assignment";
  EXPECT_NE(bad.body.find("请输入电子邮箱地址"), std::string::npos) << bad.body;
  EXPECT_EQ(0u, codes_of(list("")).size()) << "nothing half-written";
}

TEST_P(MasterData, CodesAreUniquePerCompanyAndLikelyDuplicatesNeedConfirmation) {
  customer("C-001", "华为技术有限公司", object{{"phone", "13800138000"}});
  auto same_code = post("customers", object{{"code", "C-001"}, {"name", "别的公司"}});
  EXPECT_EQ(same_code.status, 409);
  EXPECT_TRUE(names_field(same_code, "code", "not_unique")) << same_code.body;

  auto similar = post("customers", object{{"code", "C-002"}, {"name", "华为技术"}, {"phone", "+86 138 0013 8000"}});
  ASSERT_EQ(similar.status, 409) << similar.body;
  EXPECT_EQ("urn:verp:problem:possible-duplicates", similar.text("type"));
  const auto& match = similar.json.at("duplicates").as_array().at(0).as_object();
  EXPECT_EQ("C-001", match.at("code").as_string());
  EXPECT_EQ(2u, match.at("matched_on").as_array().size()) << "name and phone";
  EXPECT_EQ(1u, codes_of(list("")).size()) << "nothing saved before confirmation";

  auto confirmed = app->call("POST", "/api/v1/customers?confirm_duplicates=true",
                             serialize(object{{"code", "C-002"}, {"name", "华为技术"}}), &steward);
  EXPECT_EQ(confirmed.status, 201) << confirmed.body;
}

TEST_P(MasterData, AStaleEditIsRefusedAndHistoryShowsDiffsAndRestores) {
  const auto id = customer("C-010", "杭州西子贸易", object{{"grade", "B"}, {"credit_limit", "1000.00"}});
  const std::string path = "/api/v1/customers/" + std::to_string(id);
  auto first = app->call("PATCH", path, R"({"version":1,"grade":"A","credit_limit":"2000"})", &steward);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(2, first.number("version"));
  auto stale = app->call("PATCH", path, R"({"version":1,"grade":"C"})", &steward);
  EXPECT_EQ(stale.status, 409) << "someone else saved version 2 meanwhile";
  auto missing_version = app->call("PATCH", path, R"({"grade":"C"})", &steward);
  EXPECT_TRUE(names_field(missing_version, "version", "required"));

  auto versions = app->call("GET", path + "/versions", "", &steward);
  ASSERT_EQ(versions.status, 200);
  ASSERT_EQ(2u, versions.json.at("items").as_array().size());
  auto diff = app->call("GET", path + "/diff?from=1&to=2", "", &steward);
  ASSERT_EQ(diff.status, 200);
  std::set<std::string> changed;
  for (const auto& c : diff.json.at("changes").as_array()) changed.insert(std::string(c.at("field").as_string()));
  EXPECT_EQ((std::set<std::string>{"credit_limit", "grade"}), changed);

  auto restored = app->call("POST", path + "/versions/1/restore", R"({"version":2})", &steward);
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ("B", restored.text("grade"));
  EXPECT_EQ("1000.00", restored.text("credit_limit"));
  EXPECT_EQ(3, restored.number("version")) << "a restore is a new version, not a rewrite";
  auto after = app->call("GET", path + "/versions", "", &steward);
  EXPECT_EQ("restore_version", std::string(after.json.at("items").as_array().at(0).at("action").as_string()));
}

TEST_P(MasterData, VerpCheckFindsARecordChangedBehindTheStoresBack) {
  const auto id = customer("C-1", "甲");
  ASSERT_EQ(app->call("PATCH", "/api/v1/customers/" + std::to_string(id), R"({"version":1,"grade":"A"})", &steward).status,
            200);
  auto& application = app->application();
  auto clean = entity::check_history(*application.database, *application.entities);
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->empty());
  ASSERT_TRUE(application.database->write([&](storage::Connection& c) {
    return c.execute("UPDATE customers SET grade = 'D', version = version + 1 WHERE id = $1", {id});
  }).ok());
  auto tampered = entity::check_history(*application.database, *application.entities);
  ASSERT_TRUE(tampered.ok());
  ASSERT_EQ(1u, tampered->size());
  EXPECT_NE(tampered->front().find("customer: 1 record"), std::string::npos) << tampered->front();
}

TEST_P(MasterData, ListsFilterSortAndPageByValue) {
  customer("C-1", "甲", object{{"credit_limit", "999.00"}, {"grade", "A"}, {"tags", boost::json::array{"VIP"}}});
  customer("C-2", "乙", object{{"credit_limit", "10000.00"}, {"grade", "B"}});
  customer("C-3", "丙", object{{"credit_limit", "250.50"}, {"grade", "A"}, {"region", "广东省深圳市"}});
  customer("C-4", "丁", object{{"grade", "C"}, {"credit_limit", nullptr}});
  customer("C-5", "戊", object{{"credit_limit", "10000.00"}, {"grade", "D"}});

  EXPECT_EQ((std::vector<std::string>{"C-1", "C-3"}), codes_of(list("grade=A")));
  EXPECT_EQ((std::vector<std::string>{"C-1", "C-2", "C-5"}), codes_of(list("credit_limit.gte=999")))
      << "decimals compare by value, not as text";
  EXPECT_EQ((std::vector<std::string>{"C-2", "C-4"}), codes_of(list("grade.in=B,C")));
  EXPECT_EQ((std::vector<std::string>{"C-2"}), codes_of(list("grade.in=B,C&credit_limit.is_null=false")));
  EXPECT_EQ((std::vector<std::string>{"C-3"}), codes_of(list("region.like=深圳")));
  EXPECT_EQ((std::vector<std::string>{"C-1"}), codes_of(list("tags=VIP")));
  EXPECT_EQ((std::vector<std::string>{"C-4"}), codes_of(list("credit_limit.is_null=true")));
  EXPECT_TRUE(names_field(list("no_such_field=1"), "no_such_field", "unknown_field"));
  EXPECT_TRUE(names_field(list("credit_limit.gte=abc"), "credit_limit.gte"));
  EXPECT_TRUE(names_field(list("tags.gt=VIP"), "tags.gt", "unknown_operator")) << "tags have no order";

  // Sorted by credit limit descending (nulls last, ties by id), two to a page: every customer
  // exactly once, in order.
  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    auto reply = list("sort=-credit_limit&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(reply.status, 200) << reply.body;
    for (auto& code : codes_of(reply)) seen.push_back(code);
    if (reply.json.at("next_cursor").is_null()) break;
    cursor = std::string(reply.json.at("next_cursor").as_string());
  }
  EXPECT_EQ((std::vector<std::string>{"C-5", "C-2", "C-1", "C-3", "C-4"}), seen);
}

TEST_P(MasterData, FullTextSearchFindsChineseNamesOfAnyLength) {
  customer("C-1", "深圳华强电子有限公司", object{{"contact_name", "王小明"}});
  customer("C-2", "杭州西子贸易", object{{"tags", boost::json::array{"华东"}}});
  customer("C-3", "Acme Trading", object{{"email", "buyer@acme.example"}});
  EXPECT_EQ((std::vector<std::string>{"C-1"}), codes_of(list("q=华强电子")));
  EXPECT_EQ((std::vector<std::string>{"C-1"}), codes_of(list("q=华强"))) << "two characters";
  EXPECT_EQ((std::vector<std::string>{"C-1"}), codes_of(list("q=小明")));
  EXPECT_EQ((std::vector<std::string>{"C-2"}), codes_of(list("q=华东")));
  EXPECT_EQ((std::vector<std::string>{"C-3"}), codes_of(list("q=ACME")));
  EXPECT_EQ((std::vector<std::string>{"C-1"}), codes_of(list("q=深圳 电子"))) << "every term must occur";
  EXPECT_TRUE(codes_of(list("q=100%25")).empty()) << "LIKE wildcards are literal";
}

TEST_P(MasterData, AUserOfAnotherCompanyCannotReadOrChangeTheseRecords) {
  const auto id = customer("C-001", "深圳华强电子");
  auto company_b = app->call("POST", "/api/v1/companies", R"({"code":"HZ","name":"杭州分公司"})", &admin);
  ASSERT_EQ(company_b.status, 201);
  Client admin_in_b = app->admin();
  ASSERT_EQ(app->call("POST", "/api/v1/auth/company", serialize(object{{"company_id", company_b.number("id")}}),
                      &admin_in_b).status, 200);
  Client other = user(admin_in_b, "hz.steward", "master_data");
  const std::string path = "/api/v1/customers/" + std::to_string(id);
  EXPECT_EQ(app->call("GET", path, "", &other).status, 404);
  EXPECT_EQ(app->call("PATCH", path, R"({"version":1,"name":"x"})", &other).status, 404);
  EXPECT_EQ(app->call("DELETE", path, "", &other).status, 404);
  EXPECT_EQ(app->call("GET", path + "/versions", "", &other).status, 404);
  EXPECT_TRUE(codes_of(list("", &other)).empty());
  EXPECT_TRUE(codes_of(list("q=华强", &other)).empty());
  auto exported = app->call("GET", "/api/v1/customers?format=csv", "", &other);
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.body.find("华强"), std::string::npos);
  auto bulk = app->call("POST", "/api/v1/customers/bulk", serialize(object{{"action", "archive"}, {"ids", {id}}}), &other);
  EXPECT_EQ(bulk.status, 404);
  // The same code is free in the other company.
  customer("C-001", "杭州的客户", {}, &other);
}

TEST_P(MasterData, SalespeopleSeeOnlyTheirOwnCustomersAndNeverTheStandardCost) {
  Client sales = user(admin, "sales.li", "sales");
  const auto mine = customer("S-1", "李的客户", {}, &sales);
  customer("S-2", "别人的客户");
  EXPECT_EQ((std::vector<std::string>{"S-1"}), codes_of(list("", &sales)));
  EXPECT_EQ(app->call("GET", "/api/v1/customers/" + std::to_string(mine), "", &sales).status, 200);

  auto uom = post("units-of-measure", object{{"code", "PCS"}, {"name", "个"}});
  ASSERT_EQ(uom.status, 201) << uom.body;
  auto item = post("items", object{{"code", "M-1"}, {"name", "电阻"}, {"uom_id", uom.number("id")},
                                   {"standard_cost", "0.0123"}});
  ASSERT_EQ(item.status, 201) << item.body;
  auto seen = app->call("GET", "/api/v1/items/" + std::to_string(item.number("id")), "", &sales);
  ASSERT_EQ(seen.status, 200);
  EXPECT_FALSE(seen.json.as_object().contains("standard_cost"));
  EXPECT_EQ(seen.body.find("0.0123"), std::string::npos);
  auto meta = app->call("GET", "/api/v1/meta/entities/item", "", &sales);
  ASSERT_EQ(meta.status, 200);
  EXPECT_EQ(meta.body.find("standard_cost"), std::string::npos);
  EXPECT_EQ(app->call("GET", "/api/v1/items?standard_cost.gt=0", "", &sales).status, 400)
      << "a hidden field cannot be probed through filters";
  EXPECT_EQ(app->call("POST", "/api/v1/items", "{}", &sales).status, 403);
}

TEST_P(MasterData, ReferencedRecordsAreArchivedNotDeletedAndCanBeRestored) {
  auto term = post("payment-terms", object{{"code", "N30"}, {"name", "月结30天"}, {"basis", "month_end"}});
  ASSERT_EQ(term.status, 201) << term.body;
  auto unused = post("payment-terms", object{{"code", "N60"}, {"name", "60天"}});
  const std::string term_path = "/api/v1/payment-terms/" + std::to_string(term.number("id"));
  const auto user_of_term = customer("C-1", "用月结的客户", object{{"payment_term_id", term.number("id")}});
  auto shown = app->call("GET", "/api/v1/customers/" + std::to_string(user_of_term), "", &steward);
  EXPECT_EQ("月结30天", std::string(shown.json.at("_links").at("payment_term_id").at("title").as_string()));

  EXPECT_EQ(app->call("DELETE", "/api/v1/payment-terms/" + std::to_string(unused.number("id")), "", &steward).status, 204);
  auto archived = app->call("DELETE", term_path, "", &steward);
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_TRUE(archived.json.at("archived").as_bool());
  EXPECT_EQ(0u, app->call("GET", "/api/v1/payment-terms", "", &steward).json.at("items").as_array().size());
  EXPECT_EQ(1u, app->call("GET", "/api/v1/payment-terms?archived=true", "", &steward).json.at("items").as_array().size());
  auto link_to_archived = post("customers", object{{"code", "C-2"}, {"name", "新客户"}, {"payment_term_id", term.number("id")}});
  EXPECT_TRUE(names_field(link_to_archived, "payment_term_id", "link_not_found"));
  EXPECT_EQ(app->call("PATCH", term_path, R"({"version":2,"days":45})", &steward).status, 409);

  auto restored = app->call("POST", term_path + "/restore", "", &steward);
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_FALSE(restored.json.at("archived").as_bool());
  EXPECT_EQ(1u, app->call("GET", "/api/v1/payment-terms", "", &steward).json.at("items").as_array().size());
}

TEST_P(MasterData, BulkActionsAreAllOrNothing) {
  const auto a = customer("C-1", "甲");
  const auto b = customer("C-2", "乙");
  auto bad = app->call("POST", "/api/v1/customers/bulk",
                       serialize(object{{"action", "update"}, {"ids", {a, b, 999999}}, {"values", {{"grade", "A"}}}}),
                       &steward);
  EXPECT_EQ(bad.status, 404);
  EXPECT_TRUE(codes_of(list("grade=A")).empty()) << "the first two were not changed either";
  auto good = app->call("POST", "/api/v1/customers/bulk",
                        serialize(object{{"action", "update"}, {"ids", {a, b}}, {"values", {{"grade", "A"}}}}), &steward);
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(2, good.number("affected"));
  EXPECT_EQ(2u, codes_of(list("grade=A")).size());
}

TEST_P(MasterData, ACustomFieldWorksInApiFiltersSearchMetaAndExportAtOnce) {
  auto added = app->call("POST", "/api/v1/meta/entities/customer/custom-fields",
                         R"({"name":"x_wechat","kind":"text","label_zh":"微信号","label_en":"WeChat","searchable":true,
                             "max_length":20})",
                         &admin);
  ASSERT_EQ(added.status, 201) << added.body;
  auto level = app->call("POST", "/api/v1/meta/entities/customer/custom-fields",
                         R"({"name":"x_level","kind":"integer","label_zh":"级别","label_en":"Level","minimum":"1",
                             "maximum":"5"})",
                         &admin);
  ASSERT_EQ(level.status, 201) << level.body;
  customer("C-1", "甲", object{{"x_wechat", "jia_wx"}, {"x_level", 3}});
  customer("C-2", "乙", object{{"x_level", 5}});
  auto too_high = post("customers", object{{"code", "C-3"}, {"name", "丙"}, {"x_level", 9}});
  EXPECT_TRUE(names_field(too_high, "x_level", "above_maximum")) << too_high.body;

  EXPECT_EQ((std::vector<std::string>{"C-1"}), codes_of(list("x_wechat=jia_wx")));
  EXPECT_EQ((std::vector<std::string>{"C-2"}), codes_of(list("x_level.gt=4")));
  EXPECT_EQ((std::vector<std::string>{"C-1"}), codes_of(list("q=jia_wx")));
  auto meta = app->call("GET", "/api/v1/meta/entities/customer", "", &steward);
  EXPECT_NE(meta.body.find("x_wechat"), std::string::npos);
  auto csv = app->call("GET", "/api/v1/customers?format=csv", "", &steward);
  EXPECT_NE(csv.body.find("WeChat"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("jia_wx"), std::string::npos);
}

TEST_P(MasterData, ABillOfMaterialsCannotContainItsOwnProduct) {
  auto uom = post("units-of-measure", object{{"code", "PCS"}, {"name", "个"}});
  auto item = [&](const std::string& code) {
    auto r = post("items", object{{"code", code}, {"name", code}, {"uom_id", uom.number("id")}, {"source", "make"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.number("id");
  };
  const auto bike = item("BIKE"), wheel = item("WHEEL"), spoke = item("SPOKE");
  auto bom = [&](const std::string& code, std::int64_t product) {
    auto r = post("bills-of-materials", object{{"code", code}, {"item_id", product}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.number("id");
  };
  const auto bike_bom = bom("B-BIKE", bike), wheel_bom = bom("B-WHEEL", wheel);
  EXPECT_EQ(post("bom-lines", object{{"bom_id", bike_bom}, {"component_id", wheel}, {"quantity", "2"}}).status, 201);
  EXPECT_EQ(post("bom-lines", object{{"bom_id", wheel_bom}, {"component_id", spoke}, {"quantity", "36"}}).status, 201);
  auto direct = post("bom-lines", object{{"bom_id", bike_bom}, {"component_id", bike}, {"quantity", "1"}});
  EXPECT_TRUE(names_field(direct, "component_id", "bom_cycle")) << direct.body;
  auto deep = post("bom-lines", object{{"bom_id", wheel_bom}, {"component_id", bike}, {"quantity", "1"}});
  EXPECT_TRUE(names_field(deep, "component_id", "bom_cycle")) << "bike → wheel → bike";
  auto same_line = post("bom-lines", object{{"bom_id", wheel_bom}, {"sequence", 10}, {"component_id", wheel}, {"quantity", "1"}});
  EXPECT_TRUE(names_field(same_line, "sequence", "not_unique")) << "line 10 of the wheel BOM exists";
}

TEST_P(MasterData, ASupplierLinksToTheCategoriesItSuppliesAndIsFoundByAnyOfThem) {
  auto category = [&](const std::string& code) {
    auto r = post("item-categories", object{{"code", code}, {"name", code}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.number("id");
  };
  const auto metal = category("METAL"), plastic = category("PLASTIC"), paper = category("PAPER");
  auto supplier = post("suppliers", object{{"code", "S-1"}, {"name", "华东五金"}, {"item_category_ids", {metal, plastic, metal}}});
  ASSERT_EQ(supplier.status, 201) << supplier.body;
  EXPECT_EQ(serialize(boost::json::array{metal, plastic}), serialize(supplier.json.at("item_category_ids"))) << "a set";
  auto bad = post("suppliers", object{{"code", "S-2"}, {"name", "别家"}, {"item_category_ids", {metal, 999999}}});
  EXPECT_TRUE(names_field(bad, "item_category_ids", "link_not_found"));
  auto found = app->call("GET", "/api/v1/suppliers?item_category_ids=" + std::to_string(plastic), "", &steward);
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(1u, found.json.at("items").as_array().size());
  const auto& named = found.json.at("items").as_array().at(0).at("_links").at("item_category_ids").as_array();
  ASSERT_EQ(2u, named.size()) << "the list names what the links point at";
  EXPECT_EQ("METAL", std::string(named.at(0).at("code").as_string()));
  auto none = app->call("GET", "/api/v1/suppliers?item_category_ids=" + std::to_string(paper), "", &steward);
  EXPECT_EQ(0u, none.json.at("items").as_array().size());
}

TEST_P(MasterData, AnItemCountsInOtherUnitsThroughConversions) {
  auto pcs = post("units-of-measure", object{{"code", "PCS"}, {"name", "个"}});
  auto box = post("units-of-measure", object{{"code", "BOX"}, {"name", "箱"}});
  auto item = post("items", object{{"code", "R-1"}, {"name", "电阻"}, {"uom_id", pcs.number("id")}});
  ASSERT_EQ(item.status, 201) << item.body;
  auto per_box = post("item-unit-conversions",
                      object{{"item_id", item.number("id")}, {"uom_id", box.number("id")}, {"factor", "24"}});
  ASSERT_EQ(per_box.status, 201) << per_box.body;
  EXPECT_EQ("24.000000", per_box.text("factor"));
  auto again = post("item-unit-conversions",
                    object{{"item_id", item.number("id")}, {"uom_id", box.number("id")}, {"factor", "12"}});
  EXPECT_TRUE(names_field(again, "uom_id", "not_unique"));
  auto own_unit = post("item-unit-conversions",
                       object{{"item_id", item.number("id")}, {"uom_id", pcs.number("id")}, {"factor", "1"}});
  EXPECT_TRUE(names_field(own_unit, "uom_id", "same_as_stock_unit"));
  auto zero = post("item-unit-conversions",
                   object{{"item_id", item.number("id")}, {"uom_id", box.number("id")}, {"factor", "0"}});
  EXPECT_TRUE(names_field(zero, "factor", "below_minimum"));
}

TEST_P(MasterData, ExportThenImportReproducesTheDataAndNeutralisesFormulas) {
  customer("C-1", "=HYPERLINK(\"http://evil\")", object{{"grade", "A"}, {"credit_limit", "1234.50"},
                                                         {"tags", boost::json::array{"VIP", "华东"}}});
  customer("C-2", "乙公司", object{{"grade", "B"}, {"email", "b@example.cn"}});
  steward.locale = "zh-CN";
  auto csv = app->call("GET", "/api/v1/customers?format=csv", "", &steward);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("'=HYPERLINK"), std::string::npos) << "formula neutralised";
  EXPECT_NE(csv.body.find("客户名称"), std::string::npos) << "zh-CN headers";

  // Into a second company: the same rows come back.
  auto company_b = app->call("POST", "/api/v1/companies", R"({"code":"HZ","name":"杭州分公司"})", &admin);
  Client admin_in_b = app->admin();
  ASSERT_EQ(app->call("POST", "/api/v1/auth/company", serialize(object{{"company_id", company_b.number("id")}}),
                      &admin_in_b).status, 200);
  Client other = user(admin_in_b, "hz.steward", "master_data");
  auto dry = app->call("POST", "/api/v1/customers/import?mode=dry_run", csv.body, &other);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(2, dry.number("valid_rows"));
  EXPECT_FALSE(dry.json.at("committed").as_bool());
  EXPECT_TRUE(codes_of(list("", &other)).empty()) << "a dry run saves nothing";
  auto done = app->call("POST", "/api/v1/customers/import?mode=all", csv.body, &other);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(2, done.number("created"));
  auto c1 = list("code=C-1", &other).json.at("items").as_array().at(0).as_object();
  EXPECT_EQ("'=HYPERLINK(\"http://evil\")", std::string(c1.at("name").as_string()))
      << "the neutralising apostrophe stays text";
  EXPECT_EQ("1234.50", std::string(c1.at("credit_limit").as_string()));
  EXPECT_EQ("A", std::string(c1.at("grade").as_string()));
  EXPECT_EQ(serialize(boost::json::array{"VIP", "华东"}), serialize(c1.at("tags")));
}

TEST_P(MasterData, AnXlsxExportImportsBackAndABrokenFileImportsNothing) {
  customer("C-1", "甲公司", object{{"grade", "A"}, {"credit_limit", "99.90"}, {"status", "prospect"}});
  auto xlsx = app->call("GET", "/api/v1/customers?format=xlsx", "", &steward);
  ASSERT_EQ(xlsx.status, 200);
  ASSERT_TRUE(xlsx.body.starts_with("PK"));
  ASSERT_EQ(app->call("DELETE", "/api/v1/customers/" + std::to_string(list("").json.at("items").as_array().at(0).at("id").as_int64()),
                      "", &steward).status, 204);
  auto back = app->call("POST", "/api/v1/customers/import?mode=all", xlsx.body, &steward);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(1, back.number("created"));
  auto c1 = list("code=C-1").json.at("items").as_array().at(0).as_object();
  EXPECT_EQ("99.90", std::string(c1.at("credit_limit").as_string()));
  EXPECT_EQ("prospect", std::string(c1.at("status").as_string())) << "the exported label 潜在/Prospect maps back";

  auto ragged = app->call("POST", "/api/v1/customers/import?mode=all", "code,name\r\nC-7,七\r\nC-8,八,多余\r\n", &steward);
  EXPECT_EQ(ragged.status, 400) << ragged.body;
  EXPECT_NE(ragged.body.find("3"), std::string::npos) << "names the row";
  auto broken = app->call("POST", "/api/v1/customers/import?mode=all", std::string("PK\x03\x04garbage", 11), &steward);
  EXPECT_EQ(broken.status, 400) << broken.body;
  EXPECT_EQ((std::vector<std::string>{"C-1"}), codes_of(list("")));
}

TEST_P(MasterData, ALargeImportRunsAsABackgroundJobWithProgressAndAResult) {
  std::string file = "code,name,grade\r\n";
  for (int i = 1; i <= 300; ++i) file += "C-" + std::to_string(i) + ",客户" + std::to_string(i) + ",B\r\n";
  auto accepted = app->call("POST", "/api/v1/customers/import?mode=all&async=true", file, &steward);
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  const std::string job = "/api/v1/jobs/" + std::to_string(accepted.number("job_id"));
  EXPECT_EQ(job, std::string(accepted.headers.get("Location")));

  Reply status;
  for (int i = 0; i < 1000; ++i) {  // bounded: at most ~20 s
    status = app->call("GET", job, "", &steward);
    ASSERT_EQ(status.status, 200) << status.body;
    if (status.text("state") == "succeeded" || status.text("state") == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ("succeeded", status.text("state")) << status.body;
  EXPECT_EQ(100, status.number("progress"));
  EXPECT_EQ(300, status.json.at("result").at("created").as_int64());
  EXPECT_EQ(300u, codes_of(list("limit=500")).size());

  auto mine = app->call("GET", "/api/v1/jobs", "", &steward);
  EXPECT_EQ(1u, mine.json.at("items").as_array().size());
  Client other = user(admin, "steward2", "master_data");
  EXPECT_EQ(app->call("GET", job, "", &other).status, 404) << "someone else's job";
  EXPECT_EQ(app->call("POST", job + "/cancel", "", &other).status, 404);
  EXPECT_EQ(app->call("POST", job + "/cancel", "", &steward).status, 409) << "it has finished";
}

TEST_P(MasterData, ALargeExportRunsAsABackgroundJobAndItsFileIsDownloadedFromTheJob) {
  customer("C-1", "深圳华强电子有限公司");
  customer("C-2", "杭州西湖贸易有限公司");
  customer("C-3", "深圳南山科技有限公司");
  auto accepted = app->call("GET", "/api/v1/customers?format=xlsx&async=true&q=%E6%B7%B1%E5%9C%B3&sort=code", "", &steward);
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  const std::string job = std::string(accepted.headers.get("Location"));
  EXPECT_EQ(app->call("GET", job + "/file", "", &steward).status == 200, false) << "no file before it is made";

  Reply status;
  for (int i = 0; i < 1000; ++i) {  // bounded: at most ~20 s
    status = app->call("GET", job, "", &steward);
    if (status.text("state") == "succeeded" || status.text("state") == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ("succeeded", status.text("state")) << status.body;
  EXPECT_EQ(2, status.json.at("result").at("rows").as_int64()) << "the list's filters apply";

  auto file = app->call("GET", job + "/file", "", &steward);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(std::string(file.headers.get("Content-Disposition")), "attachment; filename=\"customers.xlsx\"");
  auto sheet = exchange::read_table(file.body);
  ASSERT_TRUE(sheet.ok());
  ASSERT_EQ(sheet->rows.size(), 2u);
  const auto code = std::find(sheet->headers.begin(), sheet->headers.end(), "Code") - sheet->headers.begin();
  ASSERT_LT(static_cast<std::size_t>(code), sheet->headers.size());
  EXPECT_EQ(sheet->rows[0][code], "C-1");
  EXPECT_EQ(sheet->rows[1][code], "C-3");
  Client other = user(admin, "steward2", "master_data");
  EXPECT_EQ(app->call("GET", job + "/file", "", &other).status, 404) << "someone else's file";
  auto audit = app->call("GET", "/api/v1/audit-log?action=export&target_type=customer", "", &admin);
  EXPECT_NE(audit.body.find("\"rows\""), std::string::npos) << "the export is audited: " << audit.body;
}

TEST_P(MasterData, AnImportedRowThatLooksLikeAnExistingCustomerNeedsConfirmation) {
  customer("C-1", "深圳华强电子有限公司", object{{"phone", "13800138000"}});
  const std::string file = "code,name,phone\r\nC-9,深圳华强电子,+86 138 0013 8000\r\nC-10,全新客户,\r\n";
  auto plain = app->call("POST", "/api/v1/customers/import?mode=all", file, &steward);
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(0, plain.number("created"));
  EXPECT_EQ("possible_duplicate", std::string(plain.json.at("problems").as_array().at(0).at("code").as_string()));
  auto confirmed = app->call("POST", "/api/v1/customers/import?mode=all&confirm_duplicates=true", file, &steward);
  EXPECT_EQ(2, confirmed.number("created")) << confirmed.body;
}

TEST_P(MasterData, AnImportWithBadRowsNamesThemAndCommitsNothingUnlessAsked) {
  const std::string file =
      "code,name,grade,credit_limit\r\n"
      "C-1,甲,A,100.00\r\n"
      "C-2,,B,abc\r\n"
      "C-1,重复,C,1\r\n"
      "C-4,丁,Z,5\r\n"
      "C-5,戊,B,\r\n";
  auto all = app->call("POST", "/api/v1/customers/import?mode=all", file, &steward);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_FALSE(all.json.at("committed").as_bool());
  EXPECT_EQ(0, all.number("created"));
  std::set<std::string> problems;
  for (const auto& p : all.json.at("problems").as_array()) {
    problems.insert(std::to_string(p.at("row").as_int64()) + ":" + std::string(p.at("field").as_string()));
  }
  EXPECT_EQ((std::set<std::string>{"3:name", "3:credit_limit", "4:code", "5:grade"}), problems);
  EXPECT_TRUE(codes_of(list("")).empty());

  auto valid = app->call("POST", "/api/v1/customers/import?mode=valid", file, &steward);
  ASSERT_EQ(valid.status, 200) << valid.body;
  EXPECT_EQ(2, valid.number("created"));
  EXPECT_EQ((std::vector<std::string>{"C-1", "C-5"}), codes_of(list("")));

  auto unknown = app->call("POST", "/api/v1/customers/import", "code,名称,favourite_colour\r\nX,Y,red\r\n", &steward);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(names_field(unknown, "favourite_colour", "unknown_column")) << unknown.body;
}

TEST_P(MasterData, MetadataDescribesOnlyWhatTheCallerMayUse) {
  auto all = app->call("GET", "/api/v1/meta/entities", "", &steward);
  ASSERT_EQ(all.status, 200);
  std::set<std::string> names;
  for (const auto& e : all.json.at("items").as_array()) names.insert(std::string(e.at("name").as_string()));
  EXPECT_TRUE(names.contains("customer"));
  EXPECT_TRUE(names.contains("bill_of_materials"));
  Client nobody = app->user_with_roles(admin, "nobody", {});
  EXPECT_EQ(0u, app->call("GET", "/api/v1/meta/entities", "", &nobody).json.at("items").as_array().size());
  EXPECT_EQ(app->call("GET", "/api/v1/meta/entities/customer", "", &nobody).status, 404);
  steward.locale = "zh-CN";
  auto customer = app->call("GET", "/api/v1/meta/entities/customer", "", &steward);
  ASSERT_EQ(customer.status, 200);
  EXPECT_EQ("客户", customer.text("label"));
  bool grade_has_options = false;
  for (const auto& f : customer.json.at("fields").as_array()) {
    if (f.at("name") == "grade") grade_has_options = f.at("options").as_array().size() == 4;
  }
  EXPECT_TRUE(grade_has_options);
}

// A 2×1 PNG (red, blue), as a camera or scanner would send a picture.
std::string tiny_png() {
  static const unsigned char kBytes[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
      0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7B, 0x40, 0xE8, 0xDD, 0x00, 0x00, 0x00,
      0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0x00, 0x04, 0xFF, 0x01, 0x07, 0x00, 0x01, 0xFF,
      0xE2, 0x23, 0x9E, 0x59, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(kBytes), sizeof kBytes);
}

std::pair<std::string, std::string> upload(const std::string& file_name, const std::string& bytes) {
  const std::string boundary = "verp-test-boundary-7d1";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
                     "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
  return {"multipart/form-data; boundary=" + boundary, body};
}

TEST_P(MasterData, AttachmentsAreTypedByContentAndReadableOnlyWithTheRecord) {
  const auto id = customer("C-1", "有合同的客户");
  const std::string base = "/api/v1/customers/" + std::to_string(id) + "/attachments";
  auto [type, body] = upload("营业执照.txt", tiny_png());
  auto uploaded = app->call("POST", base, body, &steward, {{"Content-Type", type}});
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  EXPECT_EQ("image/png", uploaded.text("content_type")) << "the bytes decide, not the name";
  EXPECT_TRUE(uploaded.json.at("has_thumbnail").as_bool());
  const std::string file = base + "/" + std::to_string(uploaded.number("id"));
  auto download = app->call("GET", file, "", &steward);
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(tiny_png(), download.body);
  EXPECT_NE(std::string(download.headers.get("Content-Disposition")).find("filename*=UTF-8''"), std::string::npos);
  EXPECT_EQ(app->call("GET", file + "/thumbnail", "", &steward).status, 200);

  auto [html_type, html] = upload("page.html", "<!DOCTYPE html><html><script>alert(1)</script></html>");
  auto refused = app->call("POST", base, html, &steward, {{"Content-Type", html_type}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(names_field(refused, "file", "type_not_allowed")) << refused.body;

  // The contract field points at the attachment; the attachment cannot then be removed.
  auto linked = app->call("PATCH", "/api/v1/customers/" + std::to_string(id),
                          serialize(object{{"version", 1}, {"contract", uploaded.number("id")}}), &steward);
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(app->call("DELETE", file, "", &steward).status, 400);
  auto elsewhere = customer("C-2", "别的客户");
  auto foreign = app->call("PATCH", "/api/v1/customers/" + std::to_string(elsewhere),
                           serialize(object{{"version", 1}, {"contract", uploaded.number("id")}}), &steward);
  EXPECT_TRUE(names_field(foreign, "contract", "attachment_not_found")) << "only the record's own attachments";

  Client sales = user(admin, "sales.wang", "sales");
  EXPECT_EQ(app->call("GET", file, "", &sales).status, 404) << "not their customer, not their file";
  EXPECT_EQ(app->call("GET", base, "", &sales).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, MasterData, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
