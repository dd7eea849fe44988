#include <cstdio>

#include "app/commands.hpp"
#include "app/database_setup.hpp"

namespace verp::app {

int run_init(const Settings& settings) {
  auto prepared = open_prepared_database(settings);
  if (!prepared) {
    print_error(prepared.error().detail);
    return 1;
  }
  std::printf("verp init: %s database ready at schema version %d\n",
              std::string(storage::to_string(prepared->database->dialect())).c_str(), prepared->schema_version);
  return 0;
}

}  // namespace verp::app
