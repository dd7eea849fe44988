// The churn-risk list as its own lazily loaded page.
export { ChurnRiskCustomers as default } from './CustomerLists';
