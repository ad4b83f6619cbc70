import { createContext, useContext } from 'react';
import type { CommandResult, SyncClient, SyncSnapshot } from '../../sync/client';
import type { Affordances, BoardCommand, BoardView, Participant } from '../../sync/protocol';

export interface BoardContextValue {
  client: SyncClient;
  snap: SyncSnapshot;
  view: BoardView;
  myId: string;
  me: Participant | undefined;
  /** What Core says this viewer may do now (view.affordances, kept current by per-viewer events). */
  can: Affordances;
  /** Core's affordances for one note (Affordances.MayEditNote): edit, move, remove, fill in an action. */
  mayEditNote: (noteId: string) => boolean;
  submit: (command: BoardCommand) => Promise<CommandResult>;
  nameOf: (participantId: string | undefined) => string;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoard outside a board');
  return value;
}

export function buildContext(client: SyncClient, snap: SyncSnapshot, view: BoardView): BoardContextValue {
  const myId = snap.participantId ?? '';
  const me = view.participants.find((p) => p.id === myId);
  const names = new Map(view.participants.map((p) => [p.id, p.name]));
  return {
    client,
    snap,
    view,
    myId,
    me,
    can: view.affordances,
    mayEditNote: (noteId) => view.affordances.mayEditAnyNote || view.affordances.editableNotes.includes(noteId),
    submit: (command) => client.submit(command).result,
    nameOf: (id) => (id ? (names.get(id) ?? 'someone') : 'someone'),
  };
}
