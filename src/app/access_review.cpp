// `verp access-review`: the periodic review of who can do what, as CSV on stdout or an XLSX
// file, for an administrator to sign off; `--changes-since` lists role changes instead.
#include <cstdio>

#include "app/commands.hpp"
#include "app/database_setup.hpp"
#include "app/table_output.hpp"
#include "modules/identity/api.hpp"
#include "platform/storage/value.hpp"

namespace verp::app {

int run_access_review(const Settings& settings, const AccessReviewOptions& options) {
  auto app = open_application(settings, /*start_modules=*/false);
  if (!app) {
    print_error(app.error().detail);
    return 1;
  }
  const std::string locale = options.locale == "en" ? "en" : "zh-CN";
  Result<exporting::Table> table = make_error(ErrorKind::internal, "error.internal");
  if (options.changes_since.empty()) {
    table = identity::access_review_report(*app->database, SystemClock::instance(), locale);
  } else {
    auto since = storage::Date::parse(options.changes_since);
    if (!since) {
      print_error("--changes-since: expected a date YYYY-MM-DD, got '" + options.changes_since + "'");
      return 2;
    }
    const auto at = std::chrono::system_clock::time_point(std::chrono::hours(24 * since->to_days()));
    table = identity::role_changes_report(*app->database, at, locale);
  }
  if (!table) {
    print_error(table.error().detail.empty() ? table.error().message_id : table.error().detail);
    return 1;
  }
  return write_table(*table, options.format, options.output, "verp access-review");
}

}  // namespace verp::app
