/**
 * Whose turn it is to write a database file. SQLite lets one connection write at a time, and a connection that finds
 * the file locked polls for it (busy_timeout) at growing intervals: a worker that commits chunk after chunk takes the
 * lock back between two polls, and the core's save starves (seen: 2 s for one part saved during an import). So the
 * writers of one file take turns first, first come first served, and ask SQLite only once it is their turn: the core's
 * connection through its kysely driver (connection.ts), a worker's writing connection by asking the core's thread
 * (pool.ts). A turn is held for one transaction, or one statement outside a transaction.
 */
export interface WriteTurns {
  /** Waits for the turn; the function returned ends it (once). */
  acquire(): Promise<() => void>;
}

/** The turns of one file on the core's thread: a FIFO queue. */
export class LocalWriteTurns implements WriteTurns {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    const before = this.tail;
    let end!: () => void;
    const mine = new Promise<void>((resolve) => (end = resolve));
    this.tail = before.then(() => mine);
    return before.then(() => {
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        end();
      };
    });
  }
}

/** The core thread's turns, by database file (a restore reopens the same file: the same turns). */
const turnsByFile = new Map<string, LocalWriteTurns>();

export function writeTurnsOf(file: string): LocalWriteTurns {
  let turns = turnsByFile.get(file);
  if (!turns) {
    turns = new LocalWriteTurns();
    turnsByFile.set(file, turns);
  }
  return turns;
}
