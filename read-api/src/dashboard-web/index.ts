// The dashboard over HTTP: login, session cookies, pages.
export * from './create-dashboard.ts';
export { LOGIN_PATH as DASHBOARD_LOGIN_PATH } from './dashboard-session.ts';
