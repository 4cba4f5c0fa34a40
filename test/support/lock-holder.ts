// Takes the embedded database's lock for the data directory argv[2] as a server does, listens
// on the socket it records (unless argv[3] is --no-socket), says "holding" and waits to be
// killed. Used by test/platform/lock.test.ts.
import net from 'node:net';
import path from 'node:path';
import { acquireDataDirLock } from '../../src/platform/db/lock.ts';

const dataDir = process.argv[2]!;
const socketPath = process.argv[3] === '--no-socket' ? '' : path.join(dataDir, 'holder.sock');
await acquireDataDirLock(dataDir, socketPath, { waitMs: 0 });
if (socketPath)
  net.createServer((socket) => socket.end()).listen(socketPath, () => console.log('holding'));
else console.log('holding');
setInterval(() => {}, 60_000);
