#include "modules/crm/feedback/feedback.hpp"

namespace verp::crm {

Area feedback_area() { return Area{.entities = feedback_entities()}; }

}  // namespace verp::crm
