/** English texts of what browser mode's HTTP shell refuses before a call reaches the core (issue 14). */
export const reasons = {
  request: {
    crossSite: "This request did not come from BayDesk's own page and was refused.",
    contentType: 'BayDesk takes this request as JSON only.',
    tooLarge: 'The upload is too large (at most {{maxMb}} MB).',
  },
};
