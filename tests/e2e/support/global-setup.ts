import { buildServer, startServer } from './server';

export default async function globalSetup(): Promise<void> {
  buildServer();
  const server = await startServer();
  // Workers inherit the environment of the runner process.
  process.env.PM_E2E_BASE_URL = server.baseUrl;
  process.env.PM_E2E_SERVER_PID = String(server.process.pid);
  process.env.PM_E2E_DATA_DIR = server.dataDir;
  server.process.unref();
}
