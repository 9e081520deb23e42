/**
 * The Content-Security-Policy of every page BayDesk shows, in Electron (meta tag) and browser mode (header):
 * only our own scripts, no eval, no remote anything. AG Grid and React set inline styles, hence style-src
 * 'unsafe-inline'; images may be data: or blob: (photos, signatures).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
