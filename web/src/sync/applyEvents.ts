// Pure application of Core's BoardEvents to a viewer's local BoardView. Events are whole-entity
// replacements computed by Core, so nothing here knows a board rule: it only puts things in place.
import type { BoardEvent, BoardView, EntryMessage } from './protocol';

function upsertById<T extends { id: string }>(items: readonly T[], item: T): T[] {
  const index = items.findIndex((x) => x.id === item.id);
  if (index < 0) return [...items, item];
  const next = items.slice();
  next[index] = item;
  return next;
}

function removeById<T extends { id: string }>(items: readonly T[], id: string): T[] {
  return items.filter((x) => x.id !== id);
}

export function applyEvent(view: BoardView, event: BoardEvent): BoardView {
  switch (event.type) {
    case 'meta':
      return { ...view, meta: event.meta };
    case 'participant':
      return { ...view, participants: upsertById(view.participants, event.participant) };
    case 'note':
      return { ...view, notes: upsertById(view.notes, event.note) };
    case 'noteRemoved':
      return { ...view, notes: removeById(view.notes, event.noteId) };
    case 'chain':
      return { ...view, chains: upsertById(view.chains, event.chain) };
    case 'chainRemoved':
      return { ...view, chains: removeById(view.chains, event.chainId) };
    case 'myVotes':
      return { ...view, myVotes: [...event.noteIds] };
    case 'tallies':
      return { ...view, tallies: { ...event.tallies } };
    case 'derived':
      return { ...view, derived: event.derived };
    case 'signOff':
      return { ...view, signOffs: [...view.signOffs, event.signOff] };
    case 'affordances':
      return { ...view, affordances: event.affordances };
    default: {
      // An event type this build does not know (a newer server): skip it rather than break the board.
      return view;
    }
  }
}

/** Applies one entry (already known to be the next in sequence) and advances the view's seq. */
export function applyEntry(view: BoardView, entry: EntryMessage): BoardView {
  let next = view;
  if (entry.status === 'accepted') {
    for (const event of entry.events) next = applyEvent(next, event);
  }
  return { ...next, seq: entry.seq };
}
