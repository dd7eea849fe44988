#include "platform/storage/postgres/pg_database.hpp"

#include "platform/storage/postgres/pg_connection.hpp"

namespace verp::storage {

PgDatabase::PgDatabase(std::string url, const DatabaseOptions& options) : Database(options), url_(std::move(url)) {
  pool_ = std::make_unique<ConnectionPool>(
      options.pool_size, [this] { return PgConnection::open(url_, this->options()); }, options.health_check_after);
}

PgDatabase::~PgDatabase() { (void)close(); }

Result<std::unique_ptr<Database>> PgDatabase::open(std::string url, const DatabaseOptions& options) {
  std::unique_ptr<PgDatabase> database(new PgDatabase(std::move(url), options));
  auto first = database->pool_->acquire(options.acquire_timeout);
  if (!first) return std::move(first).error();
  return std::unique_ptr<Database>(std::move(database));
}

Result<ConnectionPool::Lease> PgDatabase::acquire(TransactionKind) { return pool_->acquire(options().acquire_timeout); }

Status PgDatabase::ping() {
  auto lease = pool_->acquire(options().acquire_timeout);
  if (!lease) return std::move(lease).error();
  return (*lease)->ping();
}

Status PgDatabase::close(std::chrono::milliseconds timeout) {
  {
    std::lock_guard lock(listener_mutex_);
    listener_.reset();
  }
  return pool_->close(timeout);
}

Result<std::unique_ptr<Listener>> PgDatabase::listen(std::string_view channel, NotificationHandler handler,
                                                     GapHandler on_gap) {
  if (Status checked = Connection::check_channel(channel); !checked) return std::move(checked).error();
  auto registered = add_listener(channel, std::move(handler), std::move(on_gap));
  std::lock_guard lock(listener_mutex_);
  if (!listener_) {
    listener_ = std::make_unique<PgListener>(url_, options().connect_timeout,
                                             [this](std::string_view name, std::string_view payload) {
                                               deliver(name, payload);
                                             },
                                             [this](std::string_view name) { announce_gap(name); });
  }
  if (Status listening = listener_->add(std::string(channel), options().connect_timeout); !listening) {
    return std::move(listening).error();
  }
  return registered;
}

void PgDatabase::add_pool_stats(PoolStats& stats) const { pool_->add_stats(stats); }

}  // namespace verp::storage
