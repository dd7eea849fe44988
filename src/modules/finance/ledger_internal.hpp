// Helpers the ledger's files share; not part of the module's API.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "modules/finance/ledger.hpp"

namespace verp::finance {

// A validation error naming one field.
Error field_error(std::string field, std::string code, std::string message_id, std::vector<MessageArg> args = {});

// A nullable id column of a row: nullopt when NULL.
std::optional<std::int64_t> optional_id(const storage::Row& row, std::size_t index);

// Appends to the tamper-evident audit log in the caller's transaction.
Status audit_ledger(storage::Connection& c, const Actor& actor, std::string action, std::string target_type,
                    std::int64_t target_id, const boost::json::object& change);

// Tells live clients (after commit) that a voucher changed.
Status publish_voucher(storage::Connection& c, const Actor& actor, std::int64_t id, std::string action);

// Adds a voucher's lines to account_balances, as it is posted.
Status add_to_balances(storage::Connection& c, std::int64_t company, std::int64_t period_id, std::int64_t voucher_id);

}  // namespace verp::finance
