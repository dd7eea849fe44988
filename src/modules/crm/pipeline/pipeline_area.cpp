#include "modules/crm/pipeline/pipeline.hpp"

namespace verp::crm {

Area pipeline_area() { return Area{.entities = pipeline_entities()}; }

}  // namespace verp::crm
