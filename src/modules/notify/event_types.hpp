// What verp tells people about (the `kind` of a notification), with the channels each reaches
// when the user has not chosen otherwise. The in-app notification centre always receives every
// notification: it is the record; e-mail, SMS and WeChat are preferences per user and kind.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/entity/field.hpp"

namespace verp::notify {

enum class Channel { email, sms, wechat };

inline constexpr Channel kExternalChannels[] = {Channel::email, Channel::sms, Channel::wechat};

std::string_view to_string(Channel channel);

struct EventType {
  std::string kind;  // "approval.requested"
  entity::LocalText label;
  std::vector<Channel> by_default;  // external channels on unless the user turns them off
};

// Every kind the modules send. A kind not listed here still reaches the notification centre,
// and reaches no other channel.
const std::vector<EventType>& event_types();
const EventType* find_event_type(std::string_view kind);

}  // namespace verp::notify
