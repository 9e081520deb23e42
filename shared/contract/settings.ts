/** Settings the manager keeps: the dealer's name and logo for printed documents (issue 3 item 6). */
export const settingsContract = {};
