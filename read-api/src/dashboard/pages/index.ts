// The dashboard's pages: pure functions from the data the routes fetched to a whole HTML document.
export * from './overview-page.ts';
export * from './channels-page.ts';
export * from './subscribers-page.ts';
export * from './payments-page.ts';
export * from './payouts-page.ts';
export * from './payment-trail-page.ts';
export * from './login-pages.ts';
export * from './error-page.ts';
