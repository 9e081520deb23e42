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
    version: 'BayDesk version',
    state: 'State',
  },
  serverVersion: 'This server runs BayDesk {{version}}. Desktop desks update from it (installers in its updates folder).',
  connectedTo: 'Server: {{server}}',
  browserDesk: 'browser',
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

/** The first run of a desktop desk (renderer/src/desks/first-run) and a joined desk whose server is away. */
export const firstRun = {
  title: 'Set up BayDesk on this PC',
  hint: 'Choose once; IT can change it later by deleting desk.json in the data folder.',
  standalone: 'This PC keeps the database',
  standaloneHint: 'A desk on its own, or the service department’s server PC. The data stays on this PC.',
  server: "Connect to the service department's server",
  serverHint:
    'The data stays on the server; this desk shows it. You need the server’s address and a pairing code from a manager.',
  continue: 'Continue',
  connect: 'Pair and connect',
  connecting: 'Connecting…',
  fingerprintHint:
    "After pairing, this desk trusts only the server's certificate. Its fingerprint is on the server's Desks screen.",
  waitingTitle: 'The server is not reachable',
  waiting:
    'BayDesk cannot reach {{server}} ({{origin}}). It tries again every few seconds and opens by itself once the server answers.',
  fingerprint: 'Certificate fingerprint: {{fingerprint}}',
};

export const fields = {
  serverAddress: 'Server address',
};

export const reasons = {
  desk: {
    unpaired:
      'This PC is not paired with the BayDesk server: make a pairing code on the server under Settings → Desks and enter it here.',
    revoked: "A manager revoked this PC's pairing: pair it again with a new code.",
    codeFormat: 'must be 6 digits',
    codeInvalid: 'is wrong, already used or expired',
    pairingLocked: 'Too many wrong codes: pairing is locked until {{time}}.',
    address: 'is not a server address: type it as on the server, e.g. 192.168.1.20 or server-pc:5178 (https only)',
    unreachable: 'answers nothing: check the address, that the server PC is on and BayDesk runs on it, and the network',
    notBayDesk: 'does not answer as a BayDesk server: check the address and the port',
    certificateChanged:
      "The server's certificate is not the one it says it uses: something sits between this PC and the server. Ask IT before you pair.",
    setupClosed: 'This desk is already set up.',
  },
};
