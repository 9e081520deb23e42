/** Live changes told to every desk (issue 4: the dispatch board refreshes by itself); procedures events.*. */
export const eventsContract = {};
