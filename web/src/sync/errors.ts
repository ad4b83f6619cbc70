import { FATAL_CODES } from './protocol';

export interface SyncError {
  code: string;
  message: string;
  fatal: boolean;
}

/** Finds a known code in an error thrown by the transport (hub exceptions carry it in the message). */
export function classifyError(error: unknown): SyncError {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  const status = typeof error === 'object' && error !== null && 'statusCode' in error ? (error as { statusCode: unknown }).statusCode : undefined;
  if (status === 401 || status === 403) {
    return { code: 'unauthorized', message: 'This link or sign-in is no longer valid.', fatal: true };
  }
  if (status === 404) {
    return { code: 'board_not_found', message: 'This post-mortem does not exist.', fatal: true };
  }
  for (const code of FATAL_CODES) {
    if (message.includes(code)) return { code, message: humanMessage(code, message), fatal: true };
  }
  return { code: 'connection', message, fatal: false };
}

export function isFatalCode(code: string | undefined): boolean {
  return code !== undefined && FATAL_CODES.has(code);
}

export function humanMessage(code: string, fallback: string): string {
  switch (code) {
    case 'participant_removed':
      return 'The facilitator removed you from this post-mortem.';
    case 'unauthorized':
      return 'Your access to this board is no longer valid. Join again with the link.';
    case 'wrong_board':
      return 'This access link belongs to a different board.';
    case 'board_not_found':
      return 'This post-mortem does not exist.';
    default:
      return fallback;
  }
}
