// What identity costs a request: sign-in (Argon2id-bound), and the authentication + permission
// check that guards every non-public route, measured through the dispatcher (no sockets)
// against the same handler on a public route. SQLite in a temporary folder.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "app/database_setup.hpp"
#include "platform/http/dispatcher.hpp"
#include "platform/http/url_target.hpp"
#include "platform/security/field_cipher.hpp"

namespace {

using namespace verp;

constexpr const char* kPassword = "correct horse battery staple 2026";

struct Bench {
  std::filesystem::path folder;
  app::Application app;
  http::Router router;
  std::unique_ptr<http::Dispatcher> dispatcher;
  std::string cookie, bearer;

  http::Response call(const std::string& method, const std::string& target, const std::string& body = {},
                      bool with_cookie = false, bool with_bearer = false) {
    http::Request request;
    request.method = method;
    request.target = target;
    request.body = body;
    request.remote_address = "127.0.0.1";
    (void)http::parse_target(request);
    if (with_cookie) request.headers.add("Cookie", "verp_session=" + cookie);
    if (with_bearer) request.headers.add("Authorization", "Bearer " + bearer);
    return dispatcher->dispatch(request);
  }
};

Bench& bench() {
  static Bench* instance = [] {
    auto* b = new Bench;
    b->folder = std::filesystem::temp_directory_path() / ("verp-identity-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(b->folder);
    auto database = storage::Database::open((b->folder / "bench.db").string());
    auto assembled = app::assemble_application(
        std::move(database.value()), std::make_unique<security::FieldCipher>(security::FieldCipher::random_for_test()),
        SystemClock::instance(), b->folder.string(), kPassword, "", true);
    if (!assembled) std::abort();
    b->app = std::move(assembled.value());
    auto empty = [](http::Request&) { return http::Response::json(200, "{}"); };
    b->router.get("/bench/open", empty, {.access = http::Access::anyone()});
    b->router.get("/bench/guarded", empty, {.access = http::Access::permission("bench", "read")});
    for (auto& module : b->app.modules) module->add_routes(b->router, *b->app.context);
    b->dispatcher = std::make_unique<http::Dispatcher>(b->router, i18n::Catalog::built_in(), http::DispatchOptions{false});
    for (auto& module : b->app.modules) module->add_middleware(*b->dispatcher, *b->app.context);
    auto login = b->call("POST", "/api/v1/auth/login", R"({"user_name":"admin","password":")" + std::string(kPassword) + "\"}");
    const std::string set_cookie(login.headers.get("Set-Cookie"));
    b->cookie = set_cookie.substr(13, set_cookie.find(';') - 13);
    // A bearer token for the same user (CSRF header needed for the cookie-authenticated write).
    auto signed_in = boost::json::parse(login.body).as_object();
    http::Request create;
    create.method = "POST";
    create.target = "/api/v1/auth/tokens";
    create.body = R"({"name":"bench","grants":[{"resource":"bench","action":"read"}],"expires_in_days":1})";
    create.remote_address = "127.0.0.1";
    (void)http::parse_target(create);
    create.headers.add("Cookie", "verp_session=" + b->cookie);
    create.headers.add("X-CSRF-Token", std::string(signed_in["csrf_token"].as_string()));
    auto token = b->dispatcher->dispatch(create);
    b->bearer = std::string(boost::json::parse(token.body).at("token").as_string());
    return b;
  }();
  return *instance;
}

void PublicRoute(benchmark::State& state) {
  auto& b = bench();
  for (auto _ : state) benchmark::DoNotOptimize(b.call("GET", "/bench/open"));
}
BENCHMARK(PublicRoute);

void GuardedRouteWithSessionCookie(benchmark::State& state) {
  auto& b = bench();
  for (auto _ : state) {
    auto response = b.call("GET", "/bench/guarded", {}, true);
    if (response.status != 200) state.SkipWithError("not authorised");
  }
}
BENCHMARK(GuardedRouteWithSessionCookie);

void GuardedRouteWithBearerToken(benchmark::State& state) {
  auto& b = bench();
  for (auto _ : state) {
    auto response = b.call("GET", "/bench/guarded", {}, false, true);
    if (response.status != 200) state.SkipWithError("not authorised");
  }
}
BENCHMARK(GuardedRouteWithBearerToken);

void SignIn(benchmark::State& state) {
  auto& b = bench();
  const std::string body = R"({"user_name":"admin","password":")" + std::string(kPassword) + "\"}";
  for (auto _ : state) {
    auto response = b.call("POST", "/api/v1/auth/login", body);
    if (response.status != 200) state.SkipWithError("sign-in failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(SignIn)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
