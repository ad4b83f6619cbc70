// HTTP API (docs/PROTOCOL.md). Errors are ProblemDetails with a `code` extension.
import { normalizeWire } from '../sync/normalize';
import type { ActionStatus, AgendaPreset, AgendaSlot, BoardView, DateOnly, ImportLineError, IncidentType, Iso } from '../sync/protocol';

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

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
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
  return normalizeWire(parsed) as T;
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

export interface OpenAction {
  id?: string;
  boardId?: string;
  incidentTitle?: string;
  text: string;
  owner?: string;
  dueDate?: DateOnly;
  status?: ActionStatus | string;
}

export interface CreateBoardResponse {
  boardId: string;
  joinCode: string;
  facilitatorSecret: string;
  readKey: string;
  participantId: string;
  token: string;
  previousOpenActions?: OpenAction[];
  importErrors?: ImportLineError[];
}

export interface TokenResponse {
  participantId: string;
  token: string;
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
  incidents: <T>(query: URLSearchParams) => request<T>('GET', `/api/incidents${query.size > 0 ? `?${query.toString()}` : ''}`),
  actions: <T>() => request<T>('GET', '/api/actions'),
  updateAction: (id: string, status: ActionStatus) => request<unknown>('PATCH', `/api/actions/${encodeURIComponent(id)}`, { status }),
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
