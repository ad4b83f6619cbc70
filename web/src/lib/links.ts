// Secrets travel in the URL fragment: browsers never send it to the server, so it stays out of logs.

export function origin(): string {
  return window.location.origin;
}

export const links = {
  board: (boardId: string) => `/b/${encodeURIComponent(boardId)}`,
  created: (boardId: string) => `/b/${encodeURIComponent(boardId)}/created`,
  join: (boardId: string, code: string) => `/b/${encodeURIComponent(boardId)}/join#code=${encodeURIComponent(code)}`,
  facilitator: (boardId: string, secret: string) => `/b/${encodeURIComponent(boardId)}/facilitator#secret=${encodeURIComponent(secret)}`,
  preRead: (boardId: string, key: string) => `/b/${encodeURIComponent(boardId)}/read#key=${encodeURIComponent(key)}`,
  writeUp: (boardId: string, key: string) => `/b/${encodeURIComponent(boardId)}/writeup#key=${encodeURIComponent(key)}`,
  signOff: (boardId: string, key: string) => `/b/${encodeURIComponent(boardId)}/signoff#key=${encodeURIComponent(key)}`,
};

export function fragmentParam(name: string): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  return new URLSearchParams(hash).get(name);
}
