#include "modules/crm/feedback/feedback.hpp"

namespace verp::crm {

Area feedback_area() {
  return Area{.entities = feedback_entities(),
              .tables = feedback_tables(),
              .add_routes =
                  [](http::Router& router, const CrmKit& kit) {
                    add_survey_design_routes(router, kit);
                    add_survey_invitation_routes(router, kit);
                    add_public_answer_routes(router, kit);
                    add_open_link_routes(router, kit);
                    add_survey_result_routes(router, kit);
                  },
              .checks = feedback_checks(),
              .timeline = survey_timeline};
}

}  // namespace verp::crm
