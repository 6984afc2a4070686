import { randomBytes } from 'node:crypto';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { chatIdOption, optionalIdOption, textOption, userIdOption } from '../typed-options.ts';
import { writeResult } from '../output.ts';

const NAME = 'channel register';

export const channelRegisterCommand: Command = {
  name: NAME,
  summary: "Register an owner's private Telegram channel (as the bot will)",
  description: 'Appends ChannelRegistered to the channel stream. The channel id defaults to a new random id.',
  options: {
    'chat-id': { type: 'string', valueName: 'id', description: 'Telegram chat id of the private channel, e.g. -1001234567890' },
    owner: { type: 'string', valueName: 'userId', description: "Owner's Telegram user id" },
    title: { type: 'string', valueName: 'text', description: 'Channel title shown to subscribers' },
    'channel-id': { type: 'string', valueName: 'id', description: 'PayGate channel id (default: ch_<random>)' },
  },
  json: true,
  examples: ['paygate channel register --chat-id -1001234567890 --owner 42 --title "Alpha signals"'],
  async run(context) {
    const { values, io } = context;
    const input = {
      channelId: optionalIdOption(values, 'channel-id', NAME) ?? `ch_${randomBytes(6).toString('hex')}`,
      chatId: chatIdOption(values, 'chat-id', NAME),
      ownerId: userIdOption(values, 'owner', NAME),
      title: textOption(values, 'title', NAME, 255),
    };
    await withCommandPlatform(io.env, async ({ paygate }) => {
      const result = await paygate.payments.channels.registerChannel(input);
      writeResult(context, `channel ${input.channelId} registered (revision ${result.revision})`, { ...input, revision: result.revision });
    });
    return EXIT_OK;
  },
};
