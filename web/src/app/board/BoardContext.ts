import { createContext, useContext } from 'react';
import type { CommandResult, SyncClient, SyncSnapshot } from '../../sync/client';
import type { BoardCommand, BoardView, Participant, Phase } from '../../sync/protocol';

export interface BoardContextValue {
  client: SyncClient;
  snap: SyncSnapshot;
  view: BoardView;
  myId: string;
  me: Participant | undefined;
  isFacilitator: boolean;
  /** Participants cannot change a locked phase or a locked board; the server enforces it, the UI says so. */
  readOnlyFor: (phase: Phase) => boolean;
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
  const isFacilitator = view.meta.facilitatorId === myId || me?.role === 'facilitator';
  const names = new Map(view.participants.map((p) => [p.id, p.name]));
  return {
    client,
    snap,
    view,
    myId,
    me,
    isFacilitator,
    readOnlyFor: (phase) => !isFacilitator && (view.meta.boardLocked || view.meta.lockedPhases.includes(phase)),
    submit: (command) => client.submit(command).result,
    nameOf: (id) => (id ? (names.get(id) ?? 'someone') : 'someone'),
  };
}
