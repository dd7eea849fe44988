#include "modules/master_data/master_data_module.hpp"

namespace verp::master_data {
namespace {

class MasterDataModule final : public Module {
 public:
  std::string_view name() const override { return "master_data"; }
  std::vector<entity::EntitySpec> entities() const override { return master_data::entities(); }
};

}  // namespace

std::unique_ptr<Module> make_master_data_module() { return std::make_unique<MasterDataModule>(); }

}  // namespace verp::master_data
