// Links and buttons: channel codes, share links, inline-button callback data.
export * from './channel-code.ts';
export * from './callback-data.ts';
