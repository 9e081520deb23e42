/**
 * Browser mode served to other machines asks every request for the desk token (electron/server/desk-token.ts):
 * the renderer's transport sends it in this header; the page and its assets carry it in this cookie.
 */
export const DESK_TOKEN_HEADER = 'x-baydesk-desk-token';
export const DESK_TOKEN_COOKIE = 'baydesk_desk';
