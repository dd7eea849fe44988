// verp: the command line. Settings are declared in settings.cpp; each sub-command lives in a
// file of its own (serve.cpp, init.cpp, check.cpp, demo.cpp, version.cpp).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>

#include "app/commands.hpp"
#include "app/demo.hpp"
#include "app/settings.hpp"

namespace {

using verp::app::SettingValues;

int parse_and_run(int argc, char** argv) {
  CLI::App app{"verp: ERP and CRM for virtual enterprises"};
  app.require_subcommand(1);
  app.fallthrough();  // settings may follow the sub-command: `verp serve --listen …`

  std::string config_path;
  app.add_option("--config", config_path, "Read settings from this file (key = value lines) [env: VERP_CONFIG]");

  std::map<std::string, std::string> flag_storage;
  std::vector<std::pair<std::string, CLI::Option*>> flag_options;
  for (const auto& spec : verp::app::setting_specs()) {
    CLI::Option* option =
        app.add_option(spec.flag, flag_storage[spec.key], std::string(spec.help) + " [env: " + spec.env + "]");
    flag_options.emplace_back(spec.key, option);
  }

  int exit_code = 0;
  auto settings_then = [&](auto command) {
    return [&, command] {
      SettingValues flags;
      for (const auto& [key, option] : flag_options) {
        if (option->count() > 0) flags[key] = flag_storage[key];
      }
      SettingValues file_values;
      if (config_path.empty()) {
        if (const char* from_env = std::getenv("VERP_CONFIG")) config_path = from_env;
      }
      if (!config_path.empty()) {
        auto read = verp::app::read_config_file(config_path);
        if (!read) {
          verp::app::print_error(read.error().detail);
          exit_code = 2;
          return;
        }
        file_values = std::move(read.value());
      }
      auto settings = verp::app::resolve_settings(flags, verp::app::read_environment(), file_values);
      if (!settings) {
        verp::app::print_error(settings.error().detail);
        exit_code = 2;
        return;
      }
      exit_code = command(settings.value());
    };
  };

  app.add_subcommand("serve", "Serve the API and the web UI")->callback(settings_then(verp::app::run_serve));
  app.add_subcommand("init", "Create or upgrade the database schema")->callback(settings_then(verp::app::run_init));
  std::string check_only;
  auto* check = app.add_subcommand("check", "Verify the database's invariants");
  check->add_option("--only", check_only, "Run only the checks whose name contains this, e.g. ledger");
  check->callback(settings_then([&check_only](const verp::app::Settings& s) { return verp::app::run_check(s, check_only); }));
  app.add_subcommand("demo", "Load demo data: three member companies with customers, suppliers, items, BOMs")
      ->callback(settings_then(verp::app::run_demo));
  auto* audit = app.add_subcommand("audit", "Work with the audit log");
  audit->require_subcommand(1);
  audit->add_subcommand("verify", "Walk the audit hash chain; name the first altered, removed or reordered record")
      ->callback(settings_then(verp::app::run_audit_verify));
  auto* keys = app.add_subcommand("keys", "Manage the keys that encrypt sensitive fields");
  keys->require_subcommand(1);
  keys->add_subcommand("rotate", "Add a new key and re-encrypt every sensitive field with it")
      ->callback(settings_then(verp::app::run_keys_rotate));
  verp::app::AccessReviewOptions review;
  auto* access_review = app.add_subcommand("access-review", "Who can do what, per member company, for sign-off");
  access_review->add_option("--format", review.format, "csv or xlsx")->check(CLI::IsMember({"csv", "xlsx"}));
  access_review->add_option("--output", review.output, "Write to this file (required for xlsx)");
  access_review->add_option("--locale", review.locale, "zh-CN or en")->check(CLI::IsMember({"zh-CN", "en"}));
  access_review->add_option("--changes-since", review.changes_since, "List role changes since YYYY-MM-DD instead");
  access_review->callback(settings_then([&review](const verp::app::Settings& s) {
    return verp::app::run_access_review(s, review);
  }));
  verp::app::LedgerReportOptions ledger;
  auto* ledger_command = app.add_subcommand("ledger", "A member company's ledger reports as CSV or Excel");
  ledger_command->add_option("report", ledger.report, "trial-balance, balance-sheet, income-statement or ledger")
      ->required()
      ->check(CLI::IsMember({"trial-balance", "balance-sheet", "income-statement", "ledger"}));
  ledger_command->add_option("--company", ledger.company, "The member company's code")->required();
  ledger_command->add_option("--from", ledger.from, "First fiscal period, YYYY-MM");
  ledger_command->add_option("--to", ledger.to, "Last fiscal period, YYYY-MM");
  ledger_command->add_option("--at", ledger.at, "The balance sheet's period, YYYY-MM");
  ledger_command->add_option("--account", ledger.account, "The ledger's account code, e.g. 1122");
  ledger_command->add_option("--format", ledger.format, "csv, xlsx or pdf")->check(CLI::IsMember({"csv", "xlsx", "pdf"}));
  ledger_command->add_option("--output", ledger.output, "Write to this file (required for xlsx and pdf)");
  ledger_command->add_option("--locale", ledger.locale, "zh-CN or en")->check(CLI::IsMember({"zh-CN", "en"}));
  ledger_command->callback(settings_then([&ledger](const verp::app::Settings& s) {
    return verp::app::run_ledger_report(s, ledger);
  }));
  app.add_subcommand("version", "Print the version")->callback([&] { exit_code = verp::app::run_version(); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    verp::app::print_error(std::string(e.what()) + " (see verp --help)");
    return 2;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return parse_and_run(argc, argv);
  } catch (const std::exception& e) {
    verp::app::print_error(e.what());
    return 1;
  }
}
