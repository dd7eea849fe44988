// Settings: how `verp` is configured. Every setting is declared once (kSettings in
// settings.cpp) with its flag, environment variable, config-file key, default and help,
// and is resolved with this precedence, highest first:
//
//   command-line flag  >  environment (VERP_*)  >  config file  >  built-in default
//
// The config file is named by --config or VERP_CONFIG and holds `key = value` lines (a TOML
// subset: '#' comments, optional double quotes). An unknown key or a malformed line is an
// error that names the file and line.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "platform/base/result.hpp"

namespace verp::app {

struct Settings {
  std::string listen = "127.0.0.1:8080";
  std::string db = "./data/verp.db";
  std::string data_dir = "./data";
  std::string web_root = "web/dist";
  std::string admin_password;  // used on the first start to create the admin account
  std::string sms_webhook;     // where one-time codes are POSTed for sending by SMS
  std::string public_url;      // where customers reach verp ("https://erp.example.com"), for links sent to them
  std::string log_level = "info";
  std::string log_format = "text";
  bool access_log = true;
  std::string sqlite_synchronous = "full";
  int io_threads = 1;
  int worker_threads = 0;
  std::size_t db_pool_size = 8;
  std::size_t max_body_bytes = 16 * 1024 * 1024;
  std::size_t max_connections = 10000;
  int idle_timeout_ms = 60000;
  int read_timeout_ms = 30000;
  int shutdown_grace_ms = 10000;
  int job_stale_after_s = 60;  // a running job's heartbeat older than this: its process died

  // "127.0.0.1:8080" → host and port; "[::1]:8080" for IPv6.
  Result<std::pair<std::string, std::uint16_t>> listen_endpoint() const;
};

struct SettingSpec {
  const char* key;   // config-file key, e.g. "listen"
  const char* flag;  // e.g. "--listen"
  const char* env;   // e.g. "VERP_LISTEN"
  const char* help;
};

const std::vector<SettingSpec>& setting_specs();

// Raw values by key, as given by one source.
using SettingValues = std::map<std::string, std::string>;

Result<SettingValues> read_config_file(const std::string& path);
SettingValues read_environment();

// Applies the sources in precedence order onto the defaults; errors name the setting and
// the source that gave the bad value.
Result<Settings> resolve_settings(const SettingValues& flags, const SettingValues& environment,
                                  const SettingValues& config_file);

}  // namespace verp::app
