/** English texts of sign-in lock-out and session ends: its own section, its field labels, its refusal reasons. */
export const text = {
  locked: 'Locked until {{time}}',
  unlock: 'Unlock',
};

export const fields = {
  currentPassword: 'Current password',
  newPassword: 'New password',
};

export const reasons = {
  lockout: {
    until: 'Too many attempts. Try again after {{time}}.',
  },
  password: {
    wrong: 'is not your current password',
    common: 'is one of the most used passwords: choose another (a few unrelated words make a good one)',
    personal: 'is too close to the username or name: choose another',
    guessable: 'is too easy to guess: make it longer, e.g. a few unrelated words',
  },
};
