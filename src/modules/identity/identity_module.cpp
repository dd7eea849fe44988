#include "modules/identity/identity_module.hpp"

#include <cstdio>

#include "modules/identity/bootstrap.hpp"
#include "modules/identity/department_routes.hpp"
#include "modules/identity/schema.hpp"
#include "modules/identity/token_routes.hpp"
#include "modules/identity/web.hpp"
#include "platform/base/try.hpp"
#include "platform/security/password.hpp"

namespace verp::identity {
namespace {

class IdentityModule final : public Module {
 public:
  std::string_view name() const override { return "identity"; }
  std::vector<storage::TableDef> tables() const override { return identity_tables(); }

  Status start(ModuleContext& context) override {
    service_ = std::make_unique<IdentityService>(context);
    security::verify_password_against_dummy("warm-up");  // builds the dummy hash now, not at the first sign-in
    VERP_TRY(auto report, bootstrap(context));
    if (report.generated_password) {
      // Shown once, on the operator's terminal; never logged.
      std::printf("verp: created the administrator account 'admin' with the one-time password %s\n"
                  "verp: sign in and choose a new password (it must be changed at the first sign-in)\n",
                  report.generated_password->c_str());
      std::fflush(stdout);
    }
    return {};
  }

  std::vector<SealedColumn> sealed_columns() const override { return {{"users", "totp_secret"}}; }

  void add_routes(http::Router& router, ModuleContext&) override {
    add_auth_routes(router, *service_);
    add_admin_routes(router, *service_);
    add_department_routes(router, *service_);
    add_token_routes(router, *service_);
  }

  void add_middleware(http::Dispatcher& dispatcher, ModuleContext&) override {
    dispatcher.use(authentication_middleware(*service_));
  }

 private:
  std::unique_ptr<IdentityService> service_;
};

}  // namespace

std::unique_ptr<Module> make_identity_module() { return std::make_unique<IdentityModule>(); }

}  // namespace verp::identity
