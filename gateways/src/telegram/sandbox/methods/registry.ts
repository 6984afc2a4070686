/** Every Bot API method the simulator answers, by name (matched case-insensitively, as the real server does). */
import { inviteLinkMethods } from './invite-links.ts';
import { memberMethods } from './members.ts';
import { messageMethods } from './messages.ts';
import type { MethodHandler } from './method.ts';
import { photoAndPinMethods } from './photos-and-pins.ts';
import { updateMethods } from './updates.ts';

export const METHODS: Readonly<Record<string, MethodHandler>> = {
  ...updateMethods,
  ...messageMethods,
  ...photoAndPinMethods,
  ...inviteLinkMethods,
  ...memberMethods,
};

const byLowerName = new Map(Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), { name, handler }]));

export const findMethod = (name: string) => byLowerName.get(name.toLowerCase());

export const SUPPORTED_METHODS = Object.keys(METHODS);
