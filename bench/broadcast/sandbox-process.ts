// The Telegram sandbox for `npm run bench:broadcast`, in a process of its own so the benchmark's
// memory and CPU figures are PayGate's sender alone. Forked with IPC: it answers `ready` with its
// URL and users, `tally` with how many broadcast messages each user got.
import { createTelegramSandbox } from '@paygate/gateways';

const token = process.env.BENCH_BROADCAST_TOKEN!;
const subscribers = Number(process.env.BENCH_BROADCAST_SUBSCRIBERS);
const marker = process.env.BENCH_BROADCAST_MARKER!;

const sandbox = createTelegramSandbox({ token, botUsername: 'paygate_bench_bot', limits: { callLog: 100, messagesPerChat: 50 } });
const { url, close } = await sandbox.listen(0, '127.0.0.1');
const owner = sandbox.control.createUser({ firstName: 'Owner', startedBot: true });
const userIds = Array.from({ length: subscribers }, (_, i) => sandbox.control.createUser({ firstName: `Sub ${i}`, startedBot: true }).id);

process.on('message', (message: { kind: string }) => {
  if (message.kind === 'tally') {
    let once = 0;
    let more = 0;
    for (const id of userIds) {
      const got = sandbox.control.botMessages(id).filter((m) => m.text.startsWith(marker)).length;
      if (got === 1) once += 1;
      if (got > 1) more += 1;
    }
    process.send!({ kind: 'tally', once, more, none: userIds.length - once - more });
  }
  if (message.kind === 'exit') void close().then(() => process.exit(0));
});
process.send!({ kind: 'ready', url, ownerId: String(owner.id), userIds: userIds.map(String) });
