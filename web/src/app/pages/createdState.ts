import type { CreateBoardResponse } from '../../api/http';

/** The create response, handed to the next page in memory only (it holds one-time details). */
let last: CreateBoardResponse | null = null;

export const createdState = {
  set: (r: CreateBoardResponse) => {
    last = r;
  },
  take: (boardId: string): CreateBoardResponse | null => (last?.boardId === boardId ? last : null),
};
