/** English texts of the live screens: their own section, their field labels, their refusal reasons. */
export const text = {
  status: {
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting…',
  },
  name: {
    connecting: 'Updates from other desks: connecting',
    live: 'Updates from other desks: live',
    reconnecting: 'Updates from other desks: reconnecting',
  },
  hint: {
    connecting: 'Connecting to the service core to receive other desks’ changes.',
    live: 'Screens update by themselves when another desk changes something.',
    reconnecting: 'Connection to the service core lost: trying again. Screens catch up once it is back.',
  },
};
export const fields = {};
export const reasons = {};
