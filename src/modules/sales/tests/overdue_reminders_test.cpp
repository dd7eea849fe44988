// Collecting what is overdue: in March 赵 sold 20 speakers to 华南电子 (invoiced, due 12 April,
// unpaid) and 周 invoiced 华东机电 twice for an order with no salesperson (due 10 and 15 April;
// the first paid). The morning job gives each overdue invoice to someone, once.
#include <algorithm>

#include "modules/sales/overdue_reminders.hpp"
#include "modules/sales/tests/sales_desk_story.hpp"

namespace verp::testing {
namespace {

class OverdueReminders : public SalesDeskStory {
 protected:
  void SetUp() override {
    SalesDeskStory::SetUp();
    const auto ours = confirmed_order(customer, "2026-03-10", "2026-03-15", array{sale_line(item, "20", "25")},
                                      object{{"salesperson_id", zhao_employee}});
    invoiced(customer, shipped(array{object{{"order_id", ours}, {"line_no", 1}, {"quantity", "20"}}}),
             "2026-03-13", object{{"due_date", "2026-04-12"}});
    const auto theirs = confirmed_order(shanghai_customer, "2026-03-10", "2026-03-15", array{sale_line(item, "10", "30")});
    invoiced(shanghai_customer, shipped(array{object{{"order_id", theirs}, {"line_no", 1}, {"quantity", "4"}}}),
             "2026-03-12", object{{"due_date", "2026-04-10"}});
    invoiced(shanghai_customer, shipped(array{object{{"order_id", theirs}, {"line_no", 1}, {"quantity", "6"}}}),
             "2026-03-14", object{{"due_date", "2026-04-15"}});
    collected(shanghai_customer, "135.60", "2026-03-20");  // the first invoice: 4 × 30.00 and VAT
  }

  // The morning job on a day of April 2026 at 08:30 China time.
  int reminders_on(unsigned day) {
    ManualClock clock(std::chrono::sys_days{std::chrono::year{2026} / 4 / std::chrono::day{day}} + std::chrono::minutes(30));
    auto& application = app->application();
    auto run = sales::send_overdue_reminders(*application.database, *application.context->entity_store,
                                             *application.entities->find("task"), clock);
    EXPECT_TRUE(run.ok()) << (run ? "" : run.error().message_id + " " + run.error().detail);
    return run ? run->reminded : -1;
  }

  // The titles of the client's open tasks.
  std::vector<std::string> tasks_of(Client& client) {
    std::vector<std::string> tasks;
    auto listed = app->call("GET", "/api/v1/tasks?status=open", "", &client);
    EXPECT_EQ(listed.status, 200) << listed.body;
    if (!listed.json.is_object()) return tasks;
    for (const auto& task : listed.json.at("items").as_array()) {
      tasks.push_back(std::string(task.at("title").as_string()));
    }
    return tasks;
  }

  std::vector<std::string> notified(Client& client) {
    std::vector<std::string> titles;
    auto inbox = app->call("GET", "/api/v1/notifications", "", &client);
    EXPECT_EQ(inbox.status, 200) << inbox.body;
    if (!inbox.json.is_object()) return titles;
    for (const auto& note : inbox.json.at("items").as_array()) {
      if (note.at("kind").as_string() == "sales.overdue_invoice") titles.emplace_back(note.at("title").as_string());
    }
    return titles;
  }
};

TEST_P(OverdueReminders, EachOverdueInvoiceBecomesATaskForItsSalespersonOnce) {
  // On 12 April the paid invoice is past due but owes nothing; 赵's is due that day, not overdue.
  EXPECT_EQ(reminders_on(12), 0);
  EXPECT_TRUE(tasks_of(zhao).empty());

  EXPECT_EQ(reminders_on(20), 2);
  EXPECT_EQ(tasks_of(zhao), (std::vector<std::string>{"催收：华南电子 发票 SI-202603-0001 已逾期 8 天，尚欠 565.00"}))
      << "20 × 25.00 and 13 % VAT, owed by the salesperson's customer";
  EXPECT_EQ(notified(zhao), tasks_of(zhao)) << "and told in the notification centre";
  EXPECT_EQ(tasks_of(zhou), (std::vector<std::string>{"催收：华东机电 发票 SI-202603-0003 已逾期 5 天，尚欠 203.40"}))
      << "no salesperson on the order: whoever issued the invoice collects";
  auto task = app->call("GET", "/api/v1/tasks?status=open", "", &zhao).json.at("items").at(0);
  EXPECT_EQ(task.at("entity").as_string(), "customer_invoice");
  EXPECT_EQ(std::string(task.at("due_at").as_string()).substr(0, 10), "2026-04-21") << "due the next day";

  // The next morning nothing is told again, though both are still open.
  EXPECT_EQ(reminders_on(21), 0);
  EXPECT_EQ(tasks_of(zhao).size(), 1u);
  EXPECT_EQ(notified(zhao).size(), 1u);
  EXPECT_EQ(count("sales_reminders"), 2);

  // The job is on the schedule, every morning.
  auto schedules = app->stack().scheduler->list();
  ASSERT_TRUE(schedules.ok());
  EXPECT_TRUE(std::any_of(schedules->begin(), schedules->end(),
                          [](const auto& schedule) { return schedule.name == "sales.overdue_reminders"; }));
}

INSTANTIATE_TEST_SUITE_P(Backends, OverdueReminders, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
