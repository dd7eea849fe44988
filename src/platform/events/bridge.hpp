// Publishing an event, and the path by which committed events reach this node's Hub.
//
//   events::publish(connection, event)   inside the write transaction that made the change
//   auto feed = events::feed(database, hub);   once per node, kept while the hub serves
//
// publish() is a transactional notification on the channel "verp_events" (storage's
// Connection::notify): on PostgreSQL a pg_notify that the server delivers at commit to every
// node's LISTEN session, on SQLite a payload the transaction runner hands to this process's
// listeners after the commit. So a rolled-back change never produces an event, and on PostgreSQL
// the clients of every node see the events of every node.
#pragma once

#include <memory>

#include "platform/base/result.hpp"
#include "platform/events/event.hpp"
#include "platform/events/hub.hpp"
#include "platform/storage/database.hpp"

namespace verp::events {

inline constexpr std::string_view kChannel = "verp_events";

// Errors: storage errors (the connection must be in a write transaction).
Status publish(storage::Connection& connection, const Event& event);

// Feeds every committed event on `database` into `hub` until the returned Listener is dropped
// (drop it before the hub). Undecodable payloads are logged and skipped. When the database's
// LISTEN session broke and listens again, every stream is ended with "missed_events" so that
// its client reconnects and refetches.
Result<std::unique_ptr<storage::Listener>> feed(storage::Database& database, Hub& hub);

}  // namespace verp::events
