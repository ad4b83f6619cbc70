// HTTP API (docs/PROTOCOL.md). Errors are ProblemDetails with a `code` extension.
import type { ActionStatus, AgendaPreset, AgendaSlot, BoardView, ImportLineError, IncidentType, Iso } from '../sync/protocol';
import type { ActionStatusResponse, ActionView, IncidentDetail, IncidentRow, PreviousOpenAction } from './incidentLog';

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly body: unknown = null,
  ) {
    super(message);
  }
}

interface ProblemDetails {
  title?: string;
  detail?: string;
  code?: string;
  errors?: Record<string, string[]>;
}

async function request<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const problem = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as ProblemDetails;
    const fieldErrors = problem.errors ? Object.values(problem.errors).flat().join(' ') : '';
    const message = problem.detail || fieldErrors || problem.title || `Request failed (${response.status}).`;
    throw new ApiError(response.status, problem.code ?? `http_${response.status}`, message, parsed);
  }
  return parsed as T;
}

export interface CreateBoardRequest {
  title: string;
  incidentAt: Iso;
  incidentType: IncidentType;
  severity: number;
  facilitatorName: string;
  agendaPreset?: AgendaPreset;
  customAgenda?: AgendaSlot[];
  timeZone?: string;
  preWork?: string;
}

export interface CreateBoardResponse {
  boardId: string;
  joinCode: string;
  facilitatorSecret: string;
  readKey: string;
  participantId: string;
  token: string;
  previousOpenActions?: PreviousOpenAction[];
  importErrors?: ImportLineError[];
}

export interface TokenResponse {
  participantId: string;
  token: string;
  /** Only when taking the facilitator role back: the board's read key. */
  readKey?: string;
}

export const api = {
  createBoard: (req: CreateBoardRequest) => request<CreateBoardResponse>('POST', '/api/boards', req),
  join: (boardId: string, joinCode: string, name: string) =>
    request<TokenResponse>('POST', `/api/boards/${encodeURIComponent(boardId)}/join`, { joinCode, name }),
  reclaimFacilitator: (boardId: string, facilitatorSecret: string) =>
    request<TokenResponse>('POST', `/api/boards/${encodeURIComponent(boardId)}/facilitator`, { facilitatorSecret }),
  read: (boardId: string, key: string) => request<BoardView | { view: BoardView }>('GET', readUrl(boardId, key)),
  writeUp: <T>(boardId: string, key: string) => request<T>('GET', exportUrl(boardId, key, 'json')),
  signOff: (boardId: string, key: string, name: string) =>
    request<unknown>('POST', `/api/boards/${encodeURIComponent(boardId)}/signoff`, { key, name }),
  incidents: (query: URLSearchParams) => request<IncidentRow[]>('GET', `/api/incidents${query.size > 0 ? `?${query.toString()}` : ''}`),
  incident: (boardId: string) => request<IncidentDetail>('GET', `/api/incidents/${encodeURIComponent(boardId)}`),
  actions: (overdueOnly = false) => request<ActionView[]>('GET', `/api/actions${overdueOnly ? '?overdue=true' : ''}`),
  /** The owner's or the facilitator's board token authorises the change; the server checks which. */
  updateAction: (boardId: string, noteId: string, status: ActionStatus, token: string) =>
    request<ActionStatusResponse>('PATCH', `/api/actions/${encodeURIComponent(noteId)}`, { status, boardId }, token),
};

export function readUrl(boardId: string, key: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/read?key=${encodeURIComponent(key)}`;
}

export function exportUrl(boardId: string, key: string, format: 'md' | 'json'): string {
  return `/api/boards/${encodeURIComponent(boardId)}/writeup.${format}?key=${encodeURIComponent(key)}`;
}

export function incidentsCsvUrl(query: URLSearchParams): string {
  return `/api/incidents.csv${query.size > 0 ? `?${query.toString()}` : ''}`;
}
