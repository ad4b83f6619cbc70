// Fast set-up for tests that are not about the meeting itself: a board is created over HTTP and driven
// through the real hub from Node with the official @microsoft/signalr client (the same wire as the
// browser), so a closed post-mortem exists in a second instead of a minute of clicking.
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { expect } from '@playwright/test';
import type { BoardCommand } from '../src/sync/protocol';
import { baseUrl } from './helpers';

export interface CreatedBoard {
  boardId: string;
  joinCode: string;
  facilitatorSecret: string;
  readKey: string;
  participantId: string;
  token: string;
}

export interface ClosedBoardSpec {
  title: string;
  incidentAt: string;
  incidentType?: 'deployment' | 'integration' | 'external' | 'process' | 'other';
  rootCause: string;
  factors?: string[];
  actions: { text: string; dueDate: string; status?: 'open' | 'inProgress' | 'done' | 'wontDo' }[];
  summary?: string;
}

export async function createBoard(title: string, incidentAt: string, incidentType = 'deployment'): Promise<CreatedBoard> {
  const r = await fetch(`${baseUrl()}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, incidentAt, incidentType, severity: 2, facilitatorName: 'Fran', agendaPreset: 'ninety', timeZone: 'Europe/London' }),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as CreatedBoard;
}

/** Submits each command as the board's facilitator and expects every one accepted. */
export async function runAsFacilitator(board: CreatedBoard, commands: BoardCommand[]): Promise<void> {
  const connection = new HubConnectionBuilder()
    .withUrl(`${baseUrl()}/hubs/board`, { accessTokenFactory: () => board.token })
    .configureLogging(LogLevel.None)
    .build();
  await connection.start();
  try {
    await connection.invoke('Join', { boardId: board.boardId });
    let n = 0;
    for (const command of commands) {
      const ack = await connection.invoke<{ status: string; code?: string; message?: string }>('Submit', { clientOpId: `setup-${++n}`, command });
      expect(ack, `${command.type}: ${ack.code ?? ''} ${ack.message ?? ''}`).toMatchObject({ status: 'accepted' });
    }
  } finally {
    await connection.stop();
  }
}

/** A post-mortem run to its close: root cause, factors, chosen actions owned by the facilitator, board locked. */
export async function closedBoard(spec: ClosedBoardSpec): Promise<CreatedBoard> {
  const board = await createBoard(spec.title, spec.incidentAt, spec.incidentType);
  const phase = (n: number): BoardCommand[] => Array.from({ length: n }, () => ({ type: 'advancePhase' }) as const);
  const commands: BoardCommand[] = [
    ...phase(2),
    { type: 'startChain', chainId: 'c1', symptom: 'Customers saw wrong numbers' },
    { type: 'addWhyStep', chainId: 'c1', stepId: 's1', question: 'Why did it break?', answer: spec.rootCause },
    { type: 'markRootCause', chainId: 'c1', stepId: 's1' },
    ...(spec.factors ?? []).map((text, i) => ({ type: 'addNote', noteId: `f${i}`, kind: 'contributingFactor', text }) as const),
    ...spec.actions.map((a, i) => ({ type: 'addNote', noteId: `a${i}`, kind: 'action', text: a.text }) as const),
    ...phase(2),
    ...spec.actions.flatMap((a, i): BoardCommand[] => [
      { type: 'chooseAction', noteId: `a${i}`, chosen: true },
      { type: 'setActionDetails', noteId: `a${i}`, owner: 'Fran', ownerParticipantId: board.participantId, dueDate: a.dueDate },
      ...(a.status && a.status !== 'open' ? [{ type: 'updateActionStatus', noteId: `a${i}`, status: a.status } as const] : []),
    ]),
    ...phase(1),
    { type: 'setClose', summary: spec.summary ?? `${spec.title}: summary.`, impact: 'Some customers were affected.', followUpDate: '2026-12-01' },
    { type: 'lockBoard' },
  ];
  await runAsFacilitator(board, commands);
  return board;
}

export const links = (board: CreatedBoard) => {
  const b = encodeURIComponent(board.boardId);
  return {
    join: `${baseUrl()}/b/${b}/join#code=${encodeURIComponent(board.joinCode)}`,
    facilitator: `${baseUrl()}/b/${b}/facilitator#secret=${encodeURIComponent(board.facilitatorSecret)}`,
    signOff: `${baseUrl()}/b/${b}/signoff#key=${encodeURIComponent(board.readKey)}`,
    writeUp: `${baseUrl()}/b/${b}/writeup#key=${encodeURIComponent(board.readKey)}`,
  };
};
