import { DESK_TOKEN_HEADER } from '../../../shared/desk-token';

/**
 * Browser mode served to other desks: the printed address carries `?token=`. It is kept for this window (like the
 * session) and taken out of the address bar, so it is not shown over a shoulder or copied into a chat by accident.
 */
const KEY = 'baydesk.deskToken';

function readFromAddress(): string | null {
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');
  if (!token) return null;
  params.delete('token');
  const search = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`);
  return token;
}

function load(): string | null {
  try {
    const fromAddress = readFromAddress();
    if (fromAddress) sessionStorage.setItem(KEY, fromAddress);
    return fromAddress ?? sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

const deskToken = window.baydesk?.shell === 'electron' ? null : load();

/** The header the HTTP shell asks for when it serves other desks (none on a desk or on loopback). */
export function deskTokenHeaders(): Record<string, string> {
  return deskToken ? { [DESK_TOKEN_HEADER]: deskToken } : {};
}
