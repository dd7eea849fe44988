// Item labels (物料标签), on SQLite and PostgreSQL: a warehouse keeper prints the labels of the
// items they read — barcodes scanned back off the PDF — and never another company's; every bad
// parameter is named; the print is audited as an export.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "platform/export/tests/scanned_pdf.hpp"
#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

using boost::json::object;
using boost::json::serialize;
using exporting::testing_support::ScannedPdf;

class ItemLabels : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
    steward = app->user_from_template(admin, "steward", "master_data");
    keeper = app->user_from_template(admin, "keeper", "warehouse");
    auto unit = create("units-of-measure", object{{"code", "PCS"}, {"name", "个"}});
    screw = create("items", object{{"code", "M6-20"},
                                   {"name", "内六角圆柱头螺钉"},
                                   {"specification", "M6×20 不锈钢 304"},
                                   {"barcode", "6901234567892"},
                                   {"uom_id", unit}});
    nut = create("items", object{{"code", "NUT-M6"}, {"name", "六角螺母"}, {"uom_id", unit}});
  }

  std::int64_t create(const std::string& path, const object& body, Client* as = nullptr) {
    auto created = app->call("POST", "/api/v1/" + path, serialize(body), as != nullptr ? as : &steward);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.number("id");
  }

  Reply labels(const std::string& query, Client* as = nullptr) {
    return app->call("GET", "/api/v1/items/labels.pdf?" + query, "", as != nullptr ? as : &keeper);
  }

  std::string ids(std::initializer_list<std::int64_t> list) {
    std::string text;
    for (std::int64_t id : list) text += (text.empty() ? "" : ",") + std::to_string(id);
    return "ids=" + text;
  }

  std::unique_ptr<TestApp> app;
  Client admin, steward, keeper;
  std::int64_t screw = 0, nut = 0;
};

TEST_P(ItemLabels, AKeeperPrintsASheetOfBarcodesOrCodesAndThePrintIsAudited) {
  auto sheet = labels(ids({screw, nut}));
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  EXPECT_EQ(sheet.headers.get("Content-Type"), "application/pdf");
  EXPECT_NE(sheet.headers.get("Content-Disposition").find("item-labels.pdf"), std::string_view::npos);
  ScannedPdf pdf(sheet.body);
  EXPECT_EQ(pdf.page_size(), "595.276 x 841.89 pts (A4)");
  // The screw by its barcode, the nut (no barcode) by its code.
  EXPECT_EQ(pdf.scanned(1), (std::multiset<std::string>{"6901234567892", "NUT-M6"}));

  auto audit = app->call("GET", "/api/v1/audit-log?target_type=item&action=export", "", &admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  const auto& entries = audit.json.at("items").as_array();
  ASSERT_EQ(entries.size(), 1u) << audit.body;
  const auto& change = entries.at(0).at("change");
  EXPECT_EQ(change.at("rows").as_string(), "2");
  EXPECT_EQ(change.at("format").as_string(), "pdf");
  EXPECT_EQ(change.at("query").as_string(), "/api/v1/items/labels.pdf?" + ids({screw, nut}));
  EXPECT_EQ(entries.at(0).at("user_name").as_string(), "keeper");
}

TEST_P(ItemLabels, CopiesOnARollAreOnePageEachAndQrCodesScanToo) {
  auto roll = labels(ids({nut, screw}) + "&copies=2&layout=roll&symbology=qr");
  ASSERT_EQ(roll.status, 200) << roll.body;
  ScannedPdf pdf(roll.body);
  EXPECT_EQ(pdf.pages(), 4);
  EXPECT_EQ(pdf.page_size(), "170.079 x 113.386 pts");
  EXPECT_EQ(pdf.scanned(2), std::multiset<std::string>{"NUT-M6"}) << "in the order asked, each twice";
  EXPECT_EQ(pdf.scanned(3), std::multiset<std::string>{"6901234567892"});
}

TEST_P(ItemLabels, EveryBadParameterIsNamedAtOnce) {
  auto missing = labels("");
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(names_field(missing, "ids", "required")) << missing.body;

  auto bad = labels("ids=1,x&symbology=ean13&copies=0&layout=a5");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.headers.get("Content-Type"), "application/problem+json");
  EXPECT_TRUE(names_field(bad, "ids", "invalid")) << bad.body;
  EXPECT_TRUE(names_field(bad, "symbology", "not_an_option")) << bad.body;
  EXPECT_TRUE(names_field(bad, "copies", "invalid")) << bad.body;
  EXPECT_TRUE(names_field(bad, "layout", "not_an_option")) << bad.body;

  for (const char* query : {"ids=1,", "ids=,1", "ids=-1", "ids=1.5", "ids=99999999999999999999"}) {
    EXPECT_TRUE(names_field(labels(query), "ids", "invalid")) << query;
  }
  EXPECT_TRUE(names_field(labels(ids({screw}) + "&copies=10001"), "copies", "invalid"));
  EXPECT_EQ(labels(ids({screw, nut}) + "&copies=5001").status, 413) << "10,000 labels at most, copies counted";
}

TEST_P(ItemLabels, AnItemTooLongToScanAsCode128IsNamedAndPrintsAsQr) {
  const std::int64_t cable =
      create("items", object{{"code", "CABLE-RVV-3X2.5-BLACK-100M-ROLL-GB5023"},
                             {"name", "护套线"},
                             {"uom_id", create("units-of-measure", object{{"code", "ROLL"}, {"name", "卷"}})}});
  auto refused = labels(ids({nut, cable}));
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_TRUE(names_field(refused, "ids[1]", "export.label_data_too_long")) << refused.body;
  auto qr = labels(ids({nut, cable}) + "&symbology=qr");
  ASSERT_EQ(qr.status, 200) << qr.body;
  EXPECT_EQ(ScannedPdf(qr.body).scanned(1),
            (std::multiset<std::string>{"NUT-M6", "CABLE-RVV-3X2.5-BLACK-100M-ROLL-GB5023"}));
}

TEST_P(ItemLabels, AnotherCompanysItemsAreNotFoundAndNeverPrinted) {
  Client founder = app->admin_of_new_company(admin, "HZ", "杭州分公司");
  Client other_keeper = app->user_from_template(founder, "hz.keeper", "warehouse");
  auto theirs = labels(ids({screw}), &other_keeper);
  EXPECT_EQ(theirs.status, 404) << theirs.body;
  EXPECT_EQ(theirs.body.find("螺钉"), std::string::npos);

  const std::int64_t own =
      create("items",
             object{{"code", "HZ-1"},
                    {"name", "杭州的物料"},
                    {"uom_id", create("units-of-measure", object{{"code", "PCS"}, {"name", "个"}}, &founder)}},
             &founder);
  auto mixed = labels(ids({own, nut}), &other_keeper);
  EXPECT_EQ(mixed.status, 404);
  EXPECT_TRUE(names_field(mixed, "ids[1]")) << mixed.body;
  EXPECT_EQ(labels(ids({own}), &other_keeper).status, 200);
}

TEST_P(ItemLabels, PrintingNeedsTheItemReadGrant) {
  Client nobody = app->user_with_roles(admin, "nobody", {});
  EXPECT_EQ(labels(ids({screw}), &nobody).status, 403);
  EXPECT_EQ(app->call("GET", "/api/v1/items/labels.pdf?" + ids({screw})).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, ItemLabels, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
