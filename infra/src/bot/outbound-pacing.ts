import type { OutboundPacing } from '@paygate/bot';
import { createThrottle, throttleKeyFor } from '@paygate/gateways';

/** The gateways' Telegram throttle (global, per private chat, per group) as the bot's pacing port. */
export const telegramPacing = (): OutboundPacing => {
  const throttle = createThrottle();
  return {
    delayFor: (method, payload, nowMs) => throttle.reserve(throttleKeyFor(method, payload), nowMs),
    penalize: (method, payload, untilMs) => throttle.penalize(throttleKeyFor(method, payload), untilMs),
  };
};
