/**
 * A full garbage collection in a server process, through Node's inspector (every server
 * starts with `--inspect` on a free loopback port), then its JavaScript heap in use. Memory
 * read just after a collection does not depend on when the server last collected, which
 * otherwise moves a per-connection figure by more than the connections themselves use.
 * The bench connects only for this, outside every measured window.
 */
import WebSocket from 'ws';

export async function collectGarbage(inspectorUrl: string): Promise<{ heapUsedMb: number }> {
  const ws = new WebSocket(inspectorUrl);
  const replies = new Map<number, (reply: { result?: Record<string, unknown>; error?: { message: string } }) => void>();
  ws.on('message', (data) => {
    const reply = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
    if (reply.id !== undefined) replies.get(reply.id)?.(reply);
  });
  let next = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++next;
      replies.set(id, (reply) => (reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result ?? {})));
      ws.send(JSON.stringify({ id, method }));
    });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return { heapUsedMb: Number(usage.usedSize) / 2 ** 20 };
  } finally {
    ws.close();
  }
}
