/** English texts of paired desks (issue 16): Settings → Desks and the pairing form on the login page. */
export const text = {
  title: 'Desks',
  open: 'Desks paired with this server',
  hint: 'Every PC that reaches this server over the network is paired once with a code made here. Revoke a lost or replaced PC: it is refused at once. People still sign in on every desk.',
  pairDesk: 'Pair a desk',
  codeTitle: 'Pairing code',
  codeHint:
    "On the new desk, open the server's address, enter this code and a name for the desk. The code works once, until {{time}}.",
  empty: 'No desk is paired yet.',
  columns: {
    name: 'Desk',
    paired: 'Paired',
    lastSeen: 'Last seen',
    address: 'Address',
    state: 'State',
  },
  pairedBy: '{{time}} by {{name}}',
  active: 'Paired',
  revoked: 'Revoked {{time}} by {{name}}',
  never: '—',
  revoke: 'Revoke',
  revokeAria: 'Revoke the desk {{name}}',
  revokeQuestion: 'Revoke {{name}}? It is refused at once and needs a new code to come back.',
  revokeYes: 'Yes, revoke',
  pairTitle: 'Pair this desk',
  pairHint:
    'This PC is not paired with the BayDesk server yet. Ask a manager for a pairing code (Settings → Desks on a paired desk or on the server PC).',
  code: 'Pairing code (6 digits)',
  name: 'Name of this desk',
  namePlaceholder: 'e.g. Reception 1',
  pairSubmit: 'Pair',
  paired: 'Paired with {{server}}. Certificate fingerprint: {{fingerprint}}',
};
