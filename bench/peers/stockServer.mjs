/**
 * The stock y-websocket server (@y/websocket-server 0.1.1, in memory), as a team would
 * deploy it: every connection handed to setupWSConnection. Prints "listening <port>".
 * Plain JavaScript, so it runs as Cairn's built server does: without a TypeScript loader.
 *
 * WORKSHOP_SEED (a Yjs update, base64: bench/seedRoom.ts) is put into each room as the
 * room is made on its first connection, so every server hosts the same workshop.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { docs, getYDoc, setupWSConnection } from '@y/websocket-server/utils';

const seed = process.env.WORKSHOP_SEED ? Buffer.from(process.env.WORKSHOP_SEED, 'base64') : null;
const server = http.createServer((_req, res) => res.end('ok'));
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (conn, req) => {
  // The room's name as setupWSConnection would read it, given to it so the two cannot differ.
  const docName = (req.url || '').slice(1).split('?')[0];
  if (seed && !docs.has(docName)) Y.applyUpdate(getYDoc(docName), seed);
  setupWSConnection(conn, req, { docName });
});
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
// Stopped with SIGTERM, it exits as Node would on its own, so PROFILE_DIR's CPU profile
// (node --cpu-prof) is written for the stock server too, not only for Cairn.
process.on('SIGTERM', () => process.exit(0));
