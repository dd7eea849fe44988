#include "modules/master_data/master_data_module.hpp"

#include "modules/master_data/item_labels.hpp"

namespace verp::master_data {
namespace {

class MasterDataModule final : public Module {
 public:
  std::string_view name() const override { return "master_data"; }
  std::vector<entity::EntitySpec> entities() const override { return master_data::entities(); }
  // Before the entities' generic routes, so /items/labels.pdf is not taken for /items/{id}.
  void add_routes(http::Router& router, ModuleContext& context) override { add_item_label_routes(router, context); }
};

}  // namespace

std::unique_ptr<Module> make_master_data_module() { return std::make_unique<MasterDataModule>(); }

}  // namespace verp::master_data
