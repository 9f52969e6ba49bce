// Start-up only: read configuration, build the app, seed demo data in development, listen. With WEB_CONCURRENCY
// above 1 the first process holds the port and starts that many server processes (node:cluster), handing each new
// connection to them in turn (serverProcesses.ts).
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { seedDemoData, DEMO_USERS } from './commands/demoSeeder';
import { demoBookingSeeder } from './commands/demoBooking';
import { ConfigError, loadConfig, type Config } from './config';
import { dispatchConnections, serveHandedConnections } from './serverProcesses';
import { startTelemetry } from './telemetry';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = pino({ level: config.logLevel });
  if (cluster.isPrimary && config.processes.count > 1) {
    await superviseServerProcesses(config, log);
    return;
  }
  const telemetry = await startTelemetry(config.telemetryConnectionString);
  // Loaded after telemetry starts, so that its instrumentation sees Express and HTTP being required.
  const { createApp } = await import('./app.js');
  const { app, services, close } = await createApp(config, { logger: log });
  const kept = services.store.persistence;
  if (config.seedDemoData) {
    const { pairIds } = await seedDemoData(services.store);
    // The demo pair's next session in the seeded calendar, with the Mentoring tab in its meeting.
    if (pairIds[0]) await demoBookingSeeder(services.booking, pairIds[0]);
  }

  const banner = (port: number) => {
    const base = config.publicUrl.replace(`:${config.port}`, `:${port}`);
    const lines = [
      `Reverse Mentoring is running (${config.env}).`,
      config.auth.mode === 'development'
        ? `Sign-in:      DEVELOPMENT sign-in is ON (no Entra app configured); listening on loopback only. Mint a token: POST ${base}/api/dev/token`
        : `Sign-in:      Microsoft Entra ID, app ${config.auth.clientId}`,
      `Store:        ${
        services.store.kind === 'cosmos'
          ? `Azure Cosmos DB, database ${config.store.database}`
          : kept
            ? `EMBEDDED Cosmos DB-compatible server, kept in ${kept.dataDir} (every write journaled to disk before it is answered; ${kept.restored} documents restored)`
            : 'EMBEDDED Cosmos DB-compatible server (in memory; set EMBEDDED_DATA_DIR to keep data across restarts)'
      }`,
      `Processes:    ${config.processes.count}${config.processes.count > 1 ? ' sharing the port (WEB_CONCURRENCY); the scheduler runs in the first' : ''}`,
      `Tab:          ${base}/tab/personal`,
      `Bot endpoint: ${base}/api/messages`,
      `API:          ${base}/api/openapi.json`,
      `Telemetry:    ${telemetry ? 'OpenTelemetry → Azure Monitor' : 'off (set APPLICATIONINSIGHTS_CONNECTION_STRING to export to Azure Monitor)'}`,
    ];
    if (config.seedDemoData)
      lines.push(
        `Demo data:    seeded; users ${DEMO_USERS.map((u) => `${u.userId}${u.roles.length ? ` (${u.roles.join(', ')})` : ''}`).join(', ')}`,
      );
    // One banner for the server, from its first process.
    if (config.processes.index === 0) console.log(lines.join('\n'));
  };

  let shutdown: () => void;
  if (cluster.isWorker) {
    // One of several: the first process holds the port (its PORT was passed on) and hands over connections.
    const served = serveHandedConnections(createServer(app));
    banner(config.port);
    shutdown = () =>
      void served
        .close(5000)
        .then(close)
        .finally(() => process.exit(0));
  } else {
    const server = app.listen(config.port, config.host, () => banner((server.address() as AddressInfo).port));
    shutdown = () => {
      server.close(() => void close().finally(() => process.exit(0)));
      setTimeout(() => process.exit(0), 5000).unref();
    };
  }
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/**
 * The first process of a multi-process server: holds the port, starts `count` server processes (each told its
 * index and the port), hands them new connections in turn, starts another in the place of one that dies, and
 * passes SIGTERM and SIGINT on, exiting once they have all shut down.
 */
async function superviseServerProcesses(config: Config, log: Logger): Promise<void> {
  const { count } = config.processes;
  const dispatcher = await dispatchConnections(config.port, config.host);
  let stopping = false;
  const start = (index: number) => {
    const worker = cluster.fork({ SERVER_PROCESS_INDEX: String(index), PORT: String(dispatcher.port) });
    void dispatcher
      .add(worker)
      .then(() => log.info({ index, processId: worker.process.pid }, 'server process taking connections'));
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      log.error({ index, code, signal }, 'a server process exited; starting another in its place');
      setTimeout(() => start(index), 1000);
    });
  };
  for (let index = 0; index < count; index++) start(index);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    dispatcher.close();
    const running = Object.values(cluster.workers ?? {}).filter(
      (w): w is NonNullable<typeof w> => w !== undefined && !w.isDead(),
    );
    let left = running.length;
    if (left === 0) process.exit(0);
    for (const worker of running)
      worker.once('exit', () => {
        if (--left === 0) process.exit(0);
      });
    for (const worker of running) worker.process.kill(signal);
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
