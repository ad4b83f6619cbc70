import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The server the global setup started (workers inherit its environment). */
export const baseUrl = (): string => {
  const url = process.env.PM_E2E_BASE_URL;
  if (!url) throw new Error('PM_E2E_BASE_URL is not set: the global setup did not start the server');
  return url;
};

/** The team key the server generated into its data folder at first start. */
export const teamKey = (): string => {
  const dataDir = process.env.PM_E2E_DATA_DIR;
  if (!dataDir) throw new Error('PM_E2E_DATA_DIR is not set: the global setup did not start the server');
  return readFileSync(join(dataDir, 'team-access-key'), 'utf8').trim();
};
