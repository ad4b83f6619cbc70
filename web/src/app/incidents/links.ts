export const incidentLink = (boardId: string) => `/incidents/${encodeURIComponent(boardId)}`;
