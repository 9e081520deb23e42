import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { LIVE_AREAS, type LiveChange } from '../domain/live-areas';
import { procedure } from './base';

/** One change as it crosses the wire: the area whose screens must read again, and the record when there is one. */
export const liveChange = z.object({
  area: z.enum(LIVE_AREAS),
  id: z.int().positive().optional(),
}) satisfies z.ZodType<LiveChange>;

/** Live changes told to every desk (issue 4: the dispatch board refreshes by itself); procedures events.*. */
export const eventsContract = {
  /**
   * The stream of changes other desks (and this one) made, for as long as the desk listens: served as server-sent
   * events over HTTP and as a stream over the desktop's MessagePort. One stream per window. Every signed-in role
   * may listen: a change names an area and a record number, never data a role may not read.
   */
  changes: procedure.meta({ access: 'signed-in' }).input(z.strictObject({}).optional()).output(eventIterator(liveChange)),
};
