/**
 * English reasons of two field rules: invisible characters in text (shared/domain/invisible-characters.ts), and phones
 * a role sees masked, which it cannot search, filter or sort on.
 */
export const reasons = {
  text: {
    invisibleCharacters:
      'holds an invisible or control character ({{char}}) that can disguise what it says on screen and on paper: remove it',
    lineBreak: 'must be on one line (no line breaks or tabs)',
  },
  phoneMasked: {
    search: 'cannot be searched, filtered or sorted by your role, which sees phone numbers masked',
  },
};
