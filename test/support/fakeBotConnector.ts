// Stand-in for the Bot Connector service (it lives outside our system): records what the bot sends
// to /v3/conversations/:conversationId/activities[/:replyToId], answering as the service does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  conversationId: string;
  replyToId?: string;
  activity: { type: string; text?: string; [key: string]: unknown };
}

export interface FakeBotConnector {
  url: string;
  sent: SentActivity[];
  stop(): Promise<void>;
}

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const sent: SentActivity[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound' } }));
        return;
      }
      sent.push({ conversationId: decodeURIComponent(match[1]!), ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}), activity: JSON.parse(raw) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `activity-${sent.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
