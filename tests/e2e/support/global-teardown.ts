import { stopServer } from './server';

export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env.PM_E2E_SERVER_PID);
  if (pid) stopServer({ process: pid, dataDir: process.env.PM_E2E_DATA_DIR ?? '' });
}
