/**
 * The stock y-websocket server (@y/websocket-server 0.1.1, in memory), as a team would
 * deploy it: every connection handed to setupWSConnection. Prints "listening <port>".
 * Plain JavaScript, so it runs as Cairn's built server does: without a TypeScript loader.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const server = http.createServer((_req, res) => res.end('ok'));
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (conn, req) => setupWSConnection(conn, req));
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
// Stopped with SIGTERM, it exits as Node would on its own, so PROFILE_DIR's CPU profile
// (node --cpu-prof) is written for the stock server too, not only for Cairn.
process.on('SIGTERM', () => process.exit(0));
