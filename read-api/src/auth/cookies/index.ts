// Browser session cookies and the double-submit CSRF token.
export * from './session-cookies.ts';
