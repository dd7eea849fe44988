#include <cstdio>

#include "app/commands.hpp"
#include "app/database_setup.hpp"

namespace verp::app {

int run_init(const Settings& settings) {
  auto app = open_application(settings, /*start_modules=*/true);
  if (!app) {
    print_error(app.error().detail);
    return 1;
  }
  std::printf("verp init: %s database ready at schema version %d\n",
              std::string(storage::to_string(app->database->dialect())).c_str(), app->schema_version);
  return 0;
}

}  // namespace verp::app
