import { connectDeskInput, type ConnectDeskAnswer } from '../../shared/contract/desks';
import { issueFromZod } from '../../shared/contract/errors';
import { serverConfig, writeDeskConfig, type DeskConfig, type SecretBox } from './desk-config';
import { pairWithServer } from './pair';

/** What the first run's choice did: the form's answer, and the desk.json written (null when refused). */
export interface Joining {
  answer: ConnectDeskAnswer;
  config: DeskConfig | null;
}

/**
 * "Connect to the service department's server" (issue 16 item 4): checks the form as the form checks it, pairs
 * (electron/desk-link/pair.ts), and keeps the link in desk.json with the credential sealed by `box`. Nothing is
 * written when the server refuses.
 */
export async function joinServer(raw: unknown, dataDir: string, box: SecretBox): Promise<Joining> {
  const parsed = connectDeskInput.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => issueFromZod(issue, raw));
    return { answer: { ok: false, error: { code: 'INVALID_INPUT', issues } }, config: null };
  }
  const outcome = await pairWithServer(parsed.data);
  if (!outcome.ok) return { answer: { ok: false, error: { code: outcome.code, issues: outcome.issues } }, config: null };
  const config = serverConfig(outcome.link, box);
  writeDeskConfig(dataDir, config);
  return {
    answer: { ok: true, serverName: outcome.link.serverName, fingerprint: outcome.link.certificate.fingerprint },
    config,
  };
}

/** "This PC keeps the database": today's standalone desk, from now on. */
export function keepDatabaseHere(dataDir: string): DeskConfig {
  const config: DeskConfig = { mode: 'standalone' };
  writeDeskConfig(dataDir, config);
  return config;
}
