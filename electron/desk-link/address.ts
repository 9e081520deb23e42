/**
 * The server's address as a desk's staff type it ("192.168.1.20", "server-pc:5178", "https://server-pc:5178/"),
 * made into the origin the desk pins and loads. Off this machine only HTTPS: a plain http:// address to another PC is
 * refused here, as the server refuses it.
 */
export const DEFAULT_SERVER_PORT = 5178;

export type ServerAddress = { ok: true; origin: string; host: string; port: number } | { ok: false };

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function parseServerAddress(typed: string): ServerAddress {
  const text = typed.trim();
  if (!text || /\s/.test(text)) return { ok: false };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false };
  }
  const loopback = LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return { ok: false };
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    return { ok: false };
  if (!url.port) url.port = String(DEFAULT_SERVER_PORT);
  return { ok: true, origin: url.origin, host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) };
}
