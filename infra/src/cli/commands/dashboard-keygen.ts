import { writeFile } from 'node:fs/promises';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { keyIdOf } from '@paygate/read-api';
import { newSigningKeyPem } from '../../dashboard/index.ts';
import { EXIT_OK, type Command } from '../command.ts';
import { writeResult } from '../output.ts';

const NAME = 'dashboard keygen';

export const dashboardKeygenCommand: Command = {
  name: NAME,
  summary: 'Write a new Ed25519 key for signing dashboard access tokens (DASHBOARD_SIGNING_KEY_FILE)',
  description: [
    'Writes the private key (PKCS#8 PEM, mode 0600) to the given file and prints its kid and public key.',
    'Rotation: point DASHBOARD_SIGNING_KEY_FILE at the new key and put the old public key in',
    'DASHBOARD_PREVIOUS_PUBLIC_KEYS_FILE until the last token it signed has expired (16 minutes).',
  ].join('\n'),
  positionals: [{ name: 'file', required: true, description: 'Where to write the private key; an existing file is not overwritten' }],
  json: true,
  examples: ['paygate dashboard keygen /etc/paygate/dashboard-signing-key.pem'],
  async run(context) {
    const file = context.positionals[0]!;
    const privateKeyPem = newSigningKeyPem();
    await writeFile(file, privateKeyPem, { mode: 0o600, flag: 'wx' });
    const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
    const kid = await keyIdOf(publicKeyPem);
    writeResult(context, `wrote ${file}\nkid ${kid}\n${publicKeyPem.trimEnd()}`, { file, kid, publicKeyPem });
    return EXIT_OK;
  },
};
