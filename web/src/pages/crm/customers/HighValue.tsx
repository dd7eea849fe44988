// The high-value list as its own lazily loaded page.
export { HighValueCustomers as default } from './CustomerLists';
