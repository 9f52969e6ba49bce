import type { Server } from 'node:http';

export default async function teardown(): Promise<void> {
  const handle = (globalThis as Record<string, unknown>).__tabTestServer as
    { server: Server; built: { close(): Promise<void> }; embedded: { stop(): Promise<void> } } | undefined;
  if (!handle) return;
  await new Promise((resolve) => handle.server.close(resolve));
  await handle.built.close();
  await handle.embedded.stop();
}
