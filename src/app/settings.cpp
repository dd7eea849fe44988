#include "app/settings.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <functional>

namespace verp::app {
namespace {

Error setting_error(const std::string& key, const std::string& source, const std::string& why) {
  Error error = make_error(ErrorKind::validation, "settings.invalid", key + " (" + source + "): " + why);
  error.field = key;
  return error;
}

template <typename Number>
Status parse_number(const std::string& text, Number& out, Number minimum) {
  Number value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < minimum) {
    return make_error(ErrorKind::validation, "settings.invalid",
                      "expected a whole number >= " + std::to_string(minimum) + ", got '" + text + "'");
  }
  out = value;
  return {};
}

Status parse_bool(const std::string& text, bool& out) {
  if (text == "true" || text == "on" || text == "1" || text == "yes") {
    out = true;
  } else if (text == "false" || text == "off" || text == "0" || text == "no") {
    out = false;
  } else {
    return make_error(ErrorKind::validation, "settings.invalid", "expected true or false, got '" + text + "'");
  }
  return {};
}

Status one_of(const std::string& text, std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (text == a) return {};
    list += list.empty() ? a : std::string(", ") + a;
  }
  return make_error(ErrorKind::validation, "settings.invalid", "expected one of " + list + ", got '" + text + "'");
}

using Apply = std::function<Status(Settings&, const std::string&)>;

Apply text(std::string Settings::*member) {
  return [member](Settings& s, const std::string& v) -> Status {
    s.*member = v;
    return {};
  };
}
template <typename Number>
Apply number(Number Settings::*member, Number minimum) {
  return [member, minimum](Settings& s, const std::string& v) { return parse_number(v, s.*member, minimum); };
}

struct Setting {
  SettingSpec spec;
  Apply apply;
};

const std::vector<Setting>& settings_table() {
  static const std::vector<Setting> table = {
      {{"listen", "--listen", "VERP_LISTEN", "Address and port to serve on"}, text(&Settings::listen)},
      {{"db", "--db", "VERP_DB", "SQLite file path or postgresql:// URL"}, text(&Settings::db)},
      {{"data_dir", "--data-dir", "VERP_DATA_DIR", "Folder for attachments, backups and keys"},
       text(&Settings::data_dir)},
      {{"web_root", "--web-root", "VERP_WEB_ROOT", "Folder of the built web UI"}, text(&Settings::web_root)},
      {{"admin_password", "--admin-password", "VERP_ADMIN_PASSWORD", "Password of the first admin account"},
       text(&Settings::admin_password)},
      {{"sms_webhook", "--sms-webhook", "VERP_SMS_WEBHOOK", "URL that sends SMS one-time codes (JSON POST)"},
       text(&Settings::sms_webhook)},
      {{"public_url", "--public-url", "VERP_PUBLIC_URL",
        "Address customers reach verp at, for the links sent to them (survey invitations); default: the address "
        "of the user who sends them"},
       [](Settings& s, const std::string& v) -> Status {
         std::string url = v;
         while (!url.empty() && url.back() == '/') url.pop_back();
         const bool web = url.starts_with("https://") || url.starts_with("http://");
         if (!url.empty() && (!web || url.find_first_of(" ?#") != std::string::npos)) {
           return make_error(ErrorKind::validation, "settings.invalid", "expected http(s)://host[:port][/path], got '" + v + "'");
         }
         s.public_url = url;
         return {};
       }},
      {{"log_level", "--log-level", "VERP_LOG_LEVEL", "debug, info, warn, error or off"},
       [](Settings& s, const std::string& v) -> Status {
         if (auto ok = one_of(v, {"debug", "info", "warn", "error", "off"}); !ok) return ok;
         s.log_level = v;
         return {};
       }},
      {{"log_format", "--log-format", "VERP_LOG_FORMAT", "text or json (JSON lines)"},
       [](Settings& s, const std::string& v) -> Status {
         if (auto ok = one_of(v, {"text", "json"}); !ok) return ok;
         s.log_format = v;
         return {};
       }},
      {{"access_log", "--access-log", "VERP_ACCESS_LOG", "Log every request: true or false"},
       [](Settings& s, const std::string& v) { return parse_bool(v, s.access_log); }},
      {{"sqlite_synchronous", "--sqlite-synchronous", "VERP_SQLITE_SYNCHRONOUS",
        "full (survives power loss) or normal (faster, may lose the last commits)"},
       [](Settings& s, const std::string& v) -> Status {
         if (auto ok = one_of(v, {"full", "normal"}); !ok) return ok;
         s.sqlite_synchronous = v;
         return {};
       }},
      {{"io_threads", "--io-threads", "VERP_IO_THREADS", "Threads doing network I/O"},
       number(&Settings::io_threads, 1)},
      {{"worker_threads", "--worker-threads", "VERP_WORKER_THREADS", "Threads running handlers (0: automatic)"},
       number(&Settings::worker_threads, 0)},
      {{"db_pool_size", "--db-pool-size", "VERP_DB_POOL_SIZE", "Database connections in the pool"},
       number(&Settings::db_pool_size, std::size_t{1})},
      {{"max_body_bytes", "--max-body-bytes", "VERP_MAX_BODY_BYTES", "Largest accepted request body"},
       number(&Settings::max_body_bytes, std::size_t{1024})},
      {{"max_connections", "--max-connections", "VERP_MAX_CONNECTIONS", "Most open client connections"},
       number(&Settings::max_connections, std::size_t{1})},
      {{"idle_timeout_ms", "--idle-timeout-ms", "VERP_IDLE_TIMEOUT_MS", "Keep-alive idle time before closing"},
       number(&Settings::idle_timeout_ms, 1)},
      {{"read_timeout_ms", "--read-timeout-ms", "VERP_READ_TIMEOUT_MS", "Time allowed to receive one request"},
       number(&Settings::read_timeout_ms, 1)},
      {{"shutdown_grace_ms", "--shutdown-grace-ms", "VERP_SHUTDOWN_GRACE_MS",
        "Time in-flight requests get to finish at shutdown"},
       number(&Settings::shutdown_grace_ms, 0)},
      {{"job_stale_after_s", "--job-stale-after-s", "VERP_JOB_STALE_AFTER_S",
        "Seconds without a heartbeat after which a running job's process is taken for dead and the job rerun"},
       number(&Settings::job_stale_after_s, 1)},
  };
  return table;
}

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  const auto end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

bool known_key(const std::string& key) {
  for (const auto& setting : settings_table()) {
    if (key == setting.spec.key) return true;
  }
  return false;
}

}  // namespace

const std::vector<SettingSpec>& setting_specs() {
  static const std::vector<SettingSpec> specs = [] {
    std::vector<SettingSpec> out;
    for (const auto& setting : settings_table()) out.push_back(setting.spec);
    return out;
  }();
  return specs;
}

Result<std::pair<std::string, std::uint16_t>> Settings::listen_endpoint() const {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return setting_error("listen", "value", "expected address:port, got '" + listen + "'");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  const std::string port_text = listen.substr(colon + 1);
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return setting_error("listen", "value", "bad port in '" + listen + "'");
  }
  return std::pair{host, static_cast<std::uint16_t>(port)};
}

Result<SettingValues> read_config_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorKind::validation, "settings.invalid", "cannot read config file " + path);
  SettingValues values;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    const auto equals = content.find('=');
    const std::string where = path + ":" + std::to_string(number);
    if (equals == std::string::npos) {
      return make_error(ErrorKind::validation, "settings.invalid", where + ": expected key = value");
    }
    std::string key = trim(content.substr(0, equals));
    std::string value = trim(content.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (!known_key(key)) {
      return make_error(ErrorKind::validation, "settings.invalid", where + ": unknown setting '" + key + "'");
    }
    values[key] = value;
  }
  return values;
}

SettingValues read_environment() {
  SettingValues values;
  for (const auto& setting : settings_table()) {
    if (const char* value = std::getenv(setting.spec.env)) values[setting.spec.key] = value;
  }
  return values;
}

Result<Settings> resolve_settings(const SettingValues& flags, const SettingValues& environment,
                                  const SettingValues& config_file) {
  Settings settings;
  const std::pair<const SettingValues*, const char*> sources[] = {
      {&config_file, "config file"}, {&environment, "environment"}, {&flags, "command line"}};
  for (const auto& [values, source] : sources) {
    for (const auto& setting : settings_table()) {
      auto it = values->find(setting.spec.key);
      if (it == values->end()) continue;
      if (Status applied = setting.apply(settings, it->second); !applied) {
        const std::string_view origin(source);
        const char* name = origin == "command line" ? setting.spec.flag
                           : origin == "environment" ? setting.spec.env
                                                     : setting.spec.key;
        Error error = setting_error(setting.spec.key, source, applied.error().detail);
        error.detail = std::string(name) + " (" + source + "): " + applied.error().detail;
        return error;
      }
    }
  }
  return settings;
}

}  // namespace verp::app
