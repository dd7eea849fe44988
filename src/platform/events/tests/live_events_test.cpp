// Live events, told as stories over a real socket on SQLite and PostgreSQL: people with
// GET /api/v1/events open hear their own notifications and jobs, and changes to the records they
// watch and may read — never another user's, another company's, or a rolled-back change's; on
// PostgreSQL a change made through one node reaches a client of another.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "modules/notify/api.hpp"
#include "platform/events/tests/sse_reader.hpp"
#include "platform/http/server.hpp"
#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

using boost::json::object;
using boost::json::serialize;
using events::testing::SseClient;
using events::testing::SseEvent;
using namespace std::chrono_literals;

// "Silence" is checked after a later event arrived: events reach a client in commit order, so
// anything wrongly delivered would have come first.
constexpr auto kQuiet = 300ms;

object data_of(const SseEvent& event) { return boost::json::parse(event.data).as_object(); }

class LiveEvents : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    server = serve(*app);
    admin = app->admin();
  }
  void TearDown() override {
    if (server) server->stop();
  }

  static std::unique_ptr<http::Server> serve(TestApp& node) {
    auto server = std::make_unique<http::Server>(
        http::ServerOptions{.port = 0, .worker_threads = 2, .shutdown_grace = std::chrono::seconds(2)},
        node.dispatcher());
    EXPECT_TRUE(server->start().ok());
    return server;
  }

  static std::unique_ptr<SseClient> listen(http::Server& on, const Client& client, const std::string& query = "") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!client.cookie.empty()) headers.emplace_back("Cookie", "verp_session=" + client.cookie);
    if (!client.bearer.empty()) headers.emplace_back("Authorization", "Bearer " + client.bearer);
    return std::make_unique<SseClient>(on.port(), "/api/v1/events" + query, headers);
  }
  std::unique_ptr<SseClient> listen(const Client& client, const std::string& query = "") {
    auto stream = listen(*server, client, query);
    EXPECT_TRUE(stream->wait_greeted()) << stream->decoder().raw_body();
    return stream;
  }

  std::int64_t user_id_of(Client& client) { return app->call("GET", "/api/v1/auth/me", "", &client).number("user_id"); }
  std::int64_t company_of(Client& client) {
    return app->call("GET", "/api/v1/auth/me", "", &client).number("company_id");
  }

  // Stores a notification for `user` in its own transaction, committed or rolled back.
  Status tell(std::int64_t user, std::int64_t company, const std::string& title, bool commit = true) {
    return app->application().database->write([&](storage::Connection& c) -> Status {
      auto stored = notify::notify(c, app->clock(),
                                   {.user_id = user, .company_id = company, .kind = "test.story", .title = title});
      if (!stored) return stored.error();
      if (!commit) return make_error(ErrorKind::validation, "test.rolled_back");
      return {};
    });
  }

  // A user holding the role made from one of verp's role templates in `company_admin`'s company.
  Client user(Client& company_admin, const std::string& name, const std::string& role_template) {
    return app->user_from_template(company_admin, name, role_template);
  }

  std::int64_t create_customer(Client& as, const std::string& code, const std::string& name) {
    auto created = app->call("POST", "/api/v1/customers", serialize(object{{"code", code}, {"name", name}}), &as);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.number("id");
  }

  std::unique_ptr<TestApp> app;
  std::unique_ptr<http::Server> server;  // after app: stopped and destroyed before it
  Client admin;
};

TEST_P(LiveEvents, TheStreamIsAnEventStreamThatNeverCachesAndNeedsASignedInUser) {
  auto stream = listen(admin);
  const auto& decoder = stream->decoder();
  EXPECT_EQ(decoder.status(), 200);
  EXPECT_EQ(decoder.header("Content-Type"), "text/event-stream; charset=utf-8");
  EXPECT_EQ(decoder.header("Cache-Control"), "no-store");
  EXPECT_EQ(decoder.header("X-Accel-Buffering"), "no");
  EXPECT_EQ(decoder.header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(decoder.retry_ms(), 5000);

  auto anonymous = listen(*server, Client{});
  ASSERT_TRUE(anonymous->wait_ended());
  EXPECT_EQ(anonymous->decoder().status(), 401);
}

TEST_P(LiveEvents, AConnectedUserHearsTheirNotificationAndAnotherUserDoesNot) {
  std::int64_t li_id = 0;
  Client li = app->user_with_roles(admin, "li.lei", {}, &li_id);
  const auto company = company_of(admin);
  auto admins_stream = listen(admin);
  auto lis_stream = listen(li);

  VERP_ASSERT_OK(tell(li_id, company, "你的报表已生成"));
  auto heard = lis_stream->next();
  ASSERT_TRUE(heard.has_value());
  EXPECT_EQ(heard->event, "notification");
  EXPECT_FALSE(heard->id.empty());
  EXPECT_EQ(std::string(data_of(*heard).at("data").at("title").as_string()), "你的报表已生成");
  EXPECT_EQ(data_of(*heard).at("user_id").as_int64(), li_id);

  // The admin hears only their own, which comes after Li's: so Li's never reached them.
  VERP_ASSERT_OK(tell(user_id_of(admin), company, "for the admin"));
  auto admins = admins_stream->next();
  ASSERT_TRUE(admins.has_value());
  EXPECT_EQ(std::string(data_of(*admins).at("data").at("title").as_string()), "for the admin");
  EXPECT_FALSE(lis_stream->next(kQuiet).has_value());
}

TEST_P(LiveEvents, AnEventOfARolledBackTransactionIsNeverDelivered) {
  const auto me = user_id_of(admin);
  const auto company = company_of(admin);
  auto stream = listen(admin);
  EXPECT_FALSE(tell(me, company, "rolled back", /*commit=*/false).ok());
  VERP_ASSERT_OK(tell(me, company, "committed"));
  auto heard = stream->next();
  ASSERT_TRUE(heard.has_value());
  EXPECT_EQ(std::string(data_of(*heard).at("data").at("title").as_string()), "committed");
  EXPECT_FALSE(stream->next(kQuiet).has_value());
}

TEST_P(LiveEvents, AWatcherWhoMayReadTheRecordHearsOfItsChangesAndOthersDoNot) {
  Client steward = user(admin, "steward", "master_data");
  Client buyer = user(admin, "buyer", "purchasing");  // no grant on customers at all
  Client sales = user(admin, "sales.li", "sales");     // customers: only their own
  const auto id = create_customer(steward, "C-001", "深圳华强电子");
  const std::string watch = "?watch=customer:" + std::to_string(id);

  auto company_b = app->call("POST", "/api/v1/companies", R"({"code":"HZ","name":"杭州分公司"})", &admin);
  ASSERT_EQ(company_b.status, 201) << company_b.body;
  Client admin_in_b = app->admin();
  ASSERT_EQ(app->call("POST", "/api/v1/auth/company", serialize(object{{"company_id", company_b.number("id")}}),
                      &admin_in_b).status, 200);
  Client other_company = user(admin_in_b, "hz.steward", "master_data");

  auto stewards = listen(steward, watch);
  auto sales_stream = listen(sales, "?watch=customer:*");
  auto other_stream = listen(other_company, "?watch=customer:*," + watch.substr(7));
  auto unrelated = listen(steward, "?watch=customer:" + std::to_string(id + 1000));
  auto refused = listen(*server, buyer, watch);
  ASSERT_TRUE(refused->wait_ended());
  EXPECT_EQ(refused->decoder().status(), 403) << "no read grant on customers";

  auto patched = app->call("PATCH", "/api/v1/customers/" + std::to_string(id),
                           R"({"version":1,"name":"深圳华强电子有限公司"})", &steward);
  ASSERT_EQ(patched.status, 200) << patched.body;
  auto heard = stewards->next();
  ASSERT_TRUE(heard.has_value());
  EXPECT_EQ(heard->event, "record");
  auto event = data_of(*heard);
  EXPECT_EQ(std::string(event.at("entity").as_string()), "customer");
  EXPECT_EQ(event.at("record_id").as_int64(), id);
  EXPECT_EQ(std::string(event.at("action").as_string()), "updated");
  EXPECT_EQ(event.at("data").at("version").as_int64(), 2);
  EXPECT_EQ(event.find("name"), event.end()) << "no field values: field rules apply when the client fetches";

  // The salesperson's own customer reaches them; the steward's does not (data scope: own).
  const auto own = create_customer(sales, "S-1", "李的客户");
  auto sales_heard = sales_stream->next();
  ASSERT_TRUE(sales_heard.has_value());
  EXPECT_EQ(data_of(*sales_heard).at("record_id").as_int64(), own);
  EXPECT_EQ(std::string(data_of(*sales_heard).at("action").as_string()), "created");

  // Deleting is heard too, by the one watcher who may read it.
  EXPECT_EQ(app->call("DELETE", "/api/v1/customers/" + std::to_string(id), "", &steward).status, 204);
  auto deleted = stewards->next();
  ASSERT_TRUE(deleted.has_value());
  EXPECT_EQ(std::string(data_of(*deleted).at("action").as_string()), "deleted");

  EXPECT_FALSE(other_stream->next(kQuiet).has_value()) << "another company's records";
  EXPECT_FALSE(unrelated->next(std::chrono::milliseconds(1)).has_value()) << "a record nobody asked for";
  EXPECT_FALSE(sales_stream->next(std::chrono::milliseconds(1)).has_value()) << "someone else's customer";
}

TEST_P(LiveEvents, AUserHearsTheirBackgroundJobRunAndEnd) {
  auto stream = listen(admin);
  auto accepted = app->call("POST", "/api/v1/payment-terms/import?mode=all&async=true",
                            "code,name,days\r\nN30,月结30天,30\r\n", &admin);
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  const auto job = accepted.number("job_id");
  bool finished = false, told = false;
  for (int i = 0; i < 50 && !(finished && told); ++i) {  // bounded: a job reports a few times
    auto heard = stream->next();
    ASSERT_TRUE(heard.has_value()) << "finished=" << finished << " told=" << told;
    auto event = data_of(*heard);
    if (heard->event == "job") {
      EXPECT_EQ(event.at("data").at("id").as_int64(), job);
      finished = event.at("data").at("state").as_string() == "succeeded";
    } else if (heard->event == "notification") {
      told = event.at("data").at("kind").as_string() == "job.succeeded";
    }
  }
  EXPECT_TRUE(finished);
  EXPECT_TRUE(told);
}

TEST_P(LiveEvents, AnUnknownWatchIsABadRequest) {
  auto stream = listen(*server, admin, "?watch=spaceship:1");
  ASSERT_TRUE(stream->wait_ended());
  EXPECT_EQ(stream->decoder().status(), 400);
  auto bad_id = listen(*server, admin, "?watch=customer:abc");
  ASSERT_TRUE(bad_id->wait_ended());
  EXPECT_EQ(bad_id->decoder().status(), 400);
}

TEST_P(LiveEvents, StoppingTheServerEndsEveryStreamCleanlyWithAReconnectHint) {
  auto stream = listen(admin);
  const auto started = std::chrono::steady_clock::now();
  std::thread stopper([this] { server->stop(); });
  auto last = stream->next();
  stopper.join();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->event, "reconnect");
  EXPECT_EQ(std::string(data_of(*last).at("reason").as_string()), "server_stopping");
  EXPECT_TRUE(stream->wait_ended());
  EXPECT_TRUE(stream->decoder().ended()) << "the body ends with its last chunk";
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2)) << "no waiting for the grace period";
}

TEST_P(LiveEvents, OnPostgresAChangeMadeThroughNodeAReachesAClientOfNodeB) {
  if (GetParam() != Backend::postgres) GTEST_SKIP() << "SQLite serves one node";
  TestApp node_b(TestApp::SameDatabaseAs{*app});
  ASSERT_TRUE(node_b.ready());
  auto server_b = serve(node_b);
  Client admin_on_b = node_b.admin();
  auto stream = listen(*server_b, admin_on_b, "?watch=customer:*");
  ASSERT_TRUE(stream->wait_greeted());

  const auto id = create_customer(admin, "X-1", "跨节点客户");  // through node A
  auto heard = stream->next();
  ASSERT_TRUE(heard.has_value());
  EXPECT_EQ(data_of(*heard).at("record_id").as_int64(), id);

  VERP_ASSERT_OK(tell(user_id_of(admin), company_of(admin), "from node A"));
  auto told = stream->next();
  ASSERT_TRUE(told.has_value());
  EXPECT_EQ(told->event, "notification");
  server_b->stop();
}

TEST_P(LiveEvents, OnPostgresANodeThatMayHaveMissedEventsTellsItsClientsToReconnect) {
  if (GetParam() != Backend::postgres) GTEST_SKIP() << "SQLite hears its commits in-process";
  auto stream = listen(admin);
  auto cut = app->application().database->write([](storage::Connection& c) {
    return c.query_row(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE application_name = 'verp-listener' AND query = 'LISTEN \"verp_events@' || current_schema() || '\"'");
  });
  VERP_ASSERT_OK(cut);
  ASSERT_EQ((**cut).int64(0).value_or(0), 1) << "this node's LISTEN session";
  auto last = stream->next();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->event, "reconnect");
  EXPECT_EQ(std::string(data_of(*last).at("reason").as_string()), "missed_events");
  EXPECT_TRUE(stream->wait_ended());

  auto again = listen(admin);  // and the node hears commits again
  VERP_ASSERT_OK(tell(user_id_of(admin), company_of(admin), "after the gap"));
  auto heard = again->next();
  ASSERT_TRUE(heard.has_value());
  EXPECT_EQ(heard->event, "notification");
}

INSTANTIATE_TEST_SUITE_P(Backends, LiveEvents, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
