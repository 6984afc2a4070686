import { describe, expect, it } from 'vitest';
import { createBatcher } from './next-batch.ts';

/** An async iterator fed by hand: `push` makes an item available, `end` finishes it. */
const channel = <T>() => {
  const items: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let ended = false;
  return {
    push(item: T) {
      const next = waiting.shift();
      if (next) next({ done: false, value: item });
      else items.push(item);
    },
    end() {
      ended = true;
      for (const next of waiting.splice(0)) next({ done: true, value: undefined });
    },
    iterator: {
      next: (): Promise<IteratorResult<T>> =>
        items.length > 0 ? Promise.resolve({ done: false, value: items.shift()! }) : ended ? Promise.resolve({ done: true, value: undefined }) : new Promise((resolve) => waiting.push(resolve)),
    } as AsyncIterator<T>,
  };
};

describe('createBatcher', () => {
  it('batches what is already available, up to max, waiting only for the first item', async () => {
    const source = channel<number>();
    [1, 2, 3, 4, 5].forEach((n) => source.push(n));
    const next = createBatcher(source.iterator);
    expect(await next(3)).toEqual([1, 2, 3]);
    expect(await next(3)).toEqual([4, 5]);
    const later = next(3);
    setTimeout(() => source.push(6), 5);
    expect(await later).toEqual([6]);
  });

  it('a wait that times out keeps its pending pull, so the item it brings is not lost', async () => {
    const source = channel<number>();
    const next = createBatcher(source.iterator);
    expect(await next(10, 10)).toBeNull();
    source.push(7);
    expect(await next(10, 1_000)).toEqual([7]);
  });

  it('an ended iterator gives an empty batch', async () => {
    const source = channel<number>();
    source.push(1);
    source.end();
    const next = createBatcher(source.iterator);
    expect(await next(5)).toEqual([1]);
    expect(await next(5)).toEqual([]);
  });
});
