import { buildDesigner, startSwitchboard } from './server';

/** Builds the designer, starts the real server for the whole run and stops it at the end. */
export default async function globalSetup() {
  buildDesigner();
  const server = await startSwitchboard();
  process.env.SWITCHBOARD_E2E_URL = server.url;
  return () => server.stop();
}
