// The board hub spoken to directly, as any script holding a board token could: SignalR's JSON protocol over a
// WebSocket, run inside a browser page on the server's origin (Node 20 has no WebSocket, and the suite depends on
// Playwright alone). Used for fast set-up (a closed post-mortem in a second instead of a minute of clicking) and to
// forge commands the UI never offers, to show the server refuses them.
import { expect, type Browser, type Page } from '@playwright/test';
import { baseUrl } from './env';

/** A command on the wire (Core's BoardCommand, camelCase, discriminated by "type"). */
export type BoardCommand = { type: string } & Record<string, unknown>;

export interface Ack {
  clientOpId: string;
  status: 'accepted' | 'rejected' | 'duplicate' | string;
  seq?: number;
  code?: string;
  message?: string;
}

export interface HubSession {
  /** The sequence number the server's Join answered with: the board's head when joined (-1 if refused). */
  joinedAtSeq: number;
  acks: Ack[];
  /** The server's refusal of the whole connection ("fatal": removed, unauthorised, no such board), if any. */
  fatal?: { code: string; message: string };
}

/**
 * Joins the board with the token and submits each command in turn, waiting for each ack. The page must be on the
 * server's origin (the origin check lets same-origin sockets in).
 */
export async function submitOverHub(page: Page, token: string, boardId: string, commands: BoardCommand[]): Promise<HubSession> {
  return page.evaluate(
    async ({ token, boardId, commands }) => {
      const RS = '\u001e';
      const url = `${location.origin.replace(/^http/, 'ws')}/hubs/board?access_token=${encodeURIComponent(token)}`;
      const socket = new WebSocket(url);
      let fatal: { code: string; message: string } | undefined;
      const waiting = new Map<string, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
      let handshake: { ok: () => void; fail: (e: Error) => void } | null = null;
      const handshakeDone = new Promise<void>((ok, fail) => (handshake = { ok, fail }));
      socket.onmessage = (e) => {
        for (const record of String(e.data).split(RS)) {
          if (!record) continue;
          const m = JSON.parse(record) as { type?: number; invocationId?: string; target?: string; arguments?: unknown[]; result?: unknown; error?: string };
          if (m.type === undefined) {
            handshake?.ok();
            continue;
          }
          if (m.type === 3 && m.invocationId) {
            const w = waiting.get(m.invocationId);
            waiting.delete(m.invocationId);
            if (m.error) w?.fail(new Error(m.error));
            else w?.ok(m.result);
          }
          if (m.type === 1 && m.target === 'fatal') fatal = m.arguments?.[0] as { code: string; message: string };
          if (m.type === 7) handshake?.fail(new Error(`hub closed: ${m.error ?? ''}`));
        }
      };
      socket.onclose = (e) => {
        const error = new Error(`hub socket closed (${e.code} ${e.reason})`);
        handshake?.fail(error);
        for (const w of waiting.values()) w.fail(error);
      };
      await new Promise<void>((ok, fail) => {
        socket.onopen = () => ok();
        socket.onerror = () => fail(new Error(`could not open ${url}`));
      });
      socket.send(JSON.stringify({ protocol: 'json', version: 1 }) + RS);
      await handshakeDone;
      let next = 0;
      const invoke = (target: string, ...args: unknown[]) =>
        new Promise<unknown>((ok, fail) => {
          const invocationId = String(++next);
          if (socket.readyState !== WebSocket.OPEN) return fail(new Error('hub socket closed'));
          waiting.set(invocationId, { ok, fail });
          socket.send(JSON.stringify({ type: 1, invocationId, target, arguments: args }) + RS);
        });
      const acks: { clientOpId: string; status: string }[] = [];
      try {
        const joined = (await invoke('Join', { boardId, lastSeq: null })) as { seq: number };
        const run = Math.random().toString(36).slice(2);
        for (let i = 0; i < commands.length; i++) acks.push((await invoke('Submit', { clientOpId: `e2e-${run}-${i}`, command: commands[i] })) as (typeof acks)[number]);
        return { joinedAtSeq: joined.seq, acks };
      } catch (e) {
        // A refused connection is closed right after its "fatal" message: that refusal is the answer.
        if (fatal) return { joinedAtSeq: -1, acks, fatal };
        throw e;
      } finally {
        socket.close();
      }
    },
    { token, boardId, commands },
  );
}

/** The board's current sequence number, as the server answers a fresh Join. */
export async function serverSeq(page: Page, token: string, boardId: string): Promise<number> {
  return (await submitOverHub(page, token, boardId, [])).joinedAtSeq;
}

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
  /** Timeline notes (events) added in the timeline phase, each optionally marked as a key moment. */
  timeline?: { text: string; at: string; moment?: 'trigger' | 'impactStart' | 'detected' | 'mitigated' | 'resolved' }[];
}

export async function createBoard(title: string, incidentAt: string, incidentType = 'deployment', agendaPreset: 'sixty' | 'ninety' = 'ninety'): Promise<CreatedBoard> {
  const r = await fetch(`${baseUrl()}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, incidentAt, incidentType, severity: 2, facilitatorName: 'Fran', agendaPreset, timeZone: 'Europe/London' }),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as CreatedBoard;
}

/** Submits each command as the board's facilitator (from a throwaway page) and expects every one accepted. */
export async function runAsFacilitator(browser: Browser, board: CreatedBoard, commands: BoardCommand[]): Promise<void> {
  const context = await browser.newContext({ baseURL: baseUrl() });
  try {
    const page = await context.newPage();
    await page.goto('/healthz');
    const { acks } = await submitOverHub(page, board.token, board.boardId, commands);
    acks.forEach((ack, i) => expect(ack, `${commands[i]!.type}: ${ack.code ?? ''} ${ack.message ?? ''}`).toMatchObject({ status: 'accepted' }));
  } finally {
    await context.close();
  }
}

/** A post-mortem run to its close: root cause, factors, chosen actions owned by the facilitator, board locked. */
export async function closedBoard(browser: Browser, spec: ClosedBoardSpec): Promise<CreatedBoard> {
  const board = await createBoard(spec.title, spec.incidentAt, spec.incidentType);
  const phase = (n: number): BoardCommand[] => Array.from({ length: n }, () => ({ type: 'advancePhase' }));
  const commands: BoardCommand[] = [
    ...phase(1),
    ...(spec.timeline ?? []).flatMap((t, i): BoardCommand[] => [
      { type: 'addNote', noteId: `t${i}`, kind: 'event', text: t.text, occurredAt: t.at },
      ...(t.moment ? [{ type: 'markKeyMoment', noteId: `t${i}`, moment: t.moment }] : []),
    ]),
    ...phase(1),
    { type: 'startChain', chainId: 'c1', symptom: 'Customers saw wrong numbers' },
    { type: 'addWhyStep', chainId: 'c1', stepId: 's1', question: 'Why did it break?', answer: spec.rootCause },
    { type: 'markRootCause', chainId: 'c1', stepId: 's1' },
    ...(spec.factors ?? []).map((text, i) => ({ type: 'addNote', noteId: `f${i}`, kind: 'contributingFactor', text })),
    ...spec.actions.map((a, i) => ({ type: 'addNote', noteId: `a${i}`, kind: 'action', text: a.text })),
    ...phase(2),
    ...spec.actions.flatMap((a, i): BoardCommand[] => [
      { type: 'chooseAction', noteId: `a${i}`, chosen: true },
      { type: 'setActionDetails', noteId: `a${i}`, owner: 'Fran', ownerParticipantId: board.participantId, dueDate: a.dueDate },
      ...(a.status && a.status !== 'open' ? [{ type: 'updateActionStatus', noteId: `a${i}`, status: a.status }] : []),
    ]),
    ...phase(1),
    { type: 'setClose', summary: spec.summary ?? `${spec.title}: summary.`, impact: 'Some customers were affected.', followUpDate: '2026-12-01' },
    { type: 'lockBoard' },
  ];
  await runAsFacilitator(browser, board, commands);
  return board;
}

/** The links the created page hands out. Read links carry the key in the query (server-rendered pages read it there). */
export const links = (board: Pick<CreatedBoard, 'boardId' | 'joinCode' | 'facilitatorSecret' | 'readKey'>) => {
  const b = encodeURIComponent(board.boardId);
  return {
    join: `${baseUrl()}/b/${b}/join#code=${encodeURIComponent(board.joinCode)}`,
    facilitator: `${baseUrl()}/b/${b}/facilitator#secret=${encodeURIComponent(board.facilitatorSecret)}`,
    preRead: `${baseUrl()}/b/${b}/read?key=${encodeURIComponent(board.readKey)}`,
    signOff: `${baseUrl()}/b/${b}/signoff?key=${encodeURIComponent(board.readKey)}`,
    writeUp: `${baseUrl()}/b/${b}/writeup?key=${encodeURIComponent(board.readKey)}`,
  };
};
