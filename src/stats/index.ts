export { chinaMonth, chinaMonthRange, chinaWeekStart, MONTH_PATTERN } from './china-days.js';
export { computeDashboard, type DashboardFigures, DASHBOARD_DAYS, DASHBOARD_WEEKS } from './dashboard-figures.js';
export { computeGovernanceReport, type GovernanceReport } from './governance-report.js';
export type { ModerationFigures } from './moderation-figures.js';
