import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ServerLink } from './pair';

/**
 * What this desk is (issue 16 item 4), kept in desk.json in the user data folder: a standalone desk with its own
 * database, or a desk joined to the service department's server (its address, the certificate it pinned, its desk
 * credential). No file yet: the first run asks. The credential is kept encrypted with the operating system's key
 * (Electron's safeStorage: DPAPI on Windows, the keychain on macOS, libsecret on Linux) where there is one.
 */
export const DESK_CONFIG_FILE = 'desk.json';

const sealed = z.strictObject({ encrypted: z.boolean(), value: z.string().min(1) });

const deskConfig = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('standalone') }),
  z.strictObject({
    mode: z.literal('server'),
    origin: z.string().url(),
    serverName: z.string(),
    deskId: z.number().int(),
    deskName: z.string(),
    certificate: z.strictObject({ cert: z.string().min(1), fingerprint: z.string().min(1) }),
    credential: sealed,
  }),
]);
export type DeskConfig = z.infer<typeof deskConfig>;
export type SealedSecret = z.infer<typeof sealed>;

/** The operating system's encryption of a secret, or none (then the file's own permissions are all there is). */
export interface SecretBox {
  seal(secret: string): SealedSecret;
  open(sealed: SealedSecret): string;
}

export function readDeskConfig(dir: string): DeskConfig | null {
  let text: string;
  try {
    text = readFileSync(join(dir, DESK_CONFIG_FILE), 'utf8');
  } catch {
    return null;
  }
  const parsed = deskConfig.safeParse(JSON.parse(text));
  // A damaged file is asked again, like a first run (the database, if any, is untouched).
  return parsed.success ? parsed.data : null;
}

/** Written whole to a temporary file then renamed, so a crash never leaves half a desk.json. */
export function writeDeskConfig(dir: string, config: DeskConfig): void {
  const file = join(dir, DESK_CONFIG_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(config, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function serverConfig(link: ServerLink, box: SecretBox): DeskConfig {
  return {
    mode: 'server',
    origin: link.origin,
    serverName: link.serverName,
    deskId: link.deskId,
    deskName: link.deskName,
    certificate: link.certificate,
    credential: box.seal(link.credential),
  };
}
