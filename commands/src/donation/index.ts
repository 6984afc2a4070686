// Donations: a channel's donation settings (stream `donations-<channelId>`) and donation invoices (stream `invoice-<invoiceId>`).
export * from './donation-commands.ts';
