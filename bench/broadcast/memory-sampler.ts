/** Samples this process's memory every `everyMs`, keeping the peaks (MB). */
export const sampleMemory = (everyMs = 50) => {
  const mb = (bytes: number) => bytes / 1024 / 1024;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, mb(rss));
    peakHeap = Math.max(peakHeap, mb(heapUsed));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakRss, peakHeap };
    },
  };
};

/** RSS and heap now (MB), after a full GC when node runs with --expose-gc. */
export const settledMemory = async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 1024 / 1024, heap: heapUsed / 1024 / 1024, gc: gc !== undefined };
};
