/**
 * Handler slots for one pull loop: the loop takes every free slot before a fetch (so it never
 * pulls more than it can run at once — a buffered message's ack-wait clock would already be
 * ticking) and each finished handler gives its slot back.
 */
export const createSlots = (size: number) => {
  let free = size;
  let closed = false;
  const waiters: Array<() => void> = [];

  const wake = () => {
    while (waiters.length > 0 && (free > 0 || closed)) waiters.shift()!();
  };

  return {
    /** Waits for at least one free slot and takes them all; 0 once closed. */
    async takeAll(): Promise<number> {
      while (!closed && free === 0) await new Promise<void>((resolve) => waiters.push(resolve));
      if (closed) return 0;
      const taken = free;
      free = 0;
      return taken;
    },
    release(count: number) {
      free += count;
      wake();
    },
    close() {
      closed = true;
      wake();
    },
  };
};

export type Slots = ReturnType<typeof createSlots>;
