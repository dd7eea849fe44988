// The identity module: member companies, users, roles, sign-in with MFA, sessions and API
// tokens, and the authentication middleware every other module's routes rely on.
#pragma once

#include <memory>

#include "platform/module/module.hpp"

namespace verp::identity {

std::unique_ptr<Module> make_identity_module();

}  // namespace verp::identity
