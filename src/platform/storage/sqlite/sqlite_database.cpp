#include "platform/storage/sqlite/sqlite_database.hpp"

#include "platform/storage/sqlite/sqlite_connection.hpp"

namespace verp::storage {

SqliteDatabase::SqliteDatabase(std::string path, const DatabaseOptions& options)
    : Database(options), path_(std::move(path)) {
  writer_ = std::make_unique<ConnectionPool>(
      1, [this] { return SqliteConnection::open(path_, SqliteConnection::Role::writer, this->options()); },
      options.health_check_after);
  // An in-memory database is private to its connection, so it has no readers.
  if (options.sqlite_readers > 0 && path_ != ":memory:") {
    readers_ = std::make_unique<ConnectionPool>(
        options.sqlite_readers,
        [this] { return SqliteConnection::open(path_, SqliteConnection::Role::reader, this->options()); },
        options.health_check_after);
  }
}

SqliteDatabase::~SqliteDatabase() { (void)close(); }

Result<std::unique_ptr<Database>> SqliteDatabase::open(std::string path, const DatabaseOptions& options) {
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(std::move(path), options));
  // Open the writer now: it creates the file and sets WAL before any reader opens it.
  auto writer = database->writer_->acquire(options.acquire_timeout);
  if (!writer) return std::move(writer).error();
  return std::unique_ptr<Database>(std::move(database));
}

Result<ConnectionPool::Lease> SqliteDatabase::acquire(TransactionKind kind) {
  ConnectionPool& pool = (kind == TransactionKind::read && readers_) ? *readers_ : *writer_;
  return pool.acquire(options().acquire_timeout);
}

Status SqliteDatabase::ping() {
  auto lease = acquire(TransactionKind::read);
  if (!lease) return std::move(lease).error();
  return (*lease)->ping();
}

Status SqliteDatabase::close(std::chrono::milliseconds timeout) {
  Status readers_closed = readers_ ? readers_->close(timeout) : Status();
  Status writer_closed = writer_->close(timeout);
  return readers_closed ? writer_closed : readers_closed;
}

void SqliteDatabase::add_pool_stats(PoolStats& stats) const {
  writer_->add_stats(stats);
  if (readers_) readers_->add_stats(stats);
}

}  // namespace verp::storage
