// The import worker: reads one file into a new workshop's state, answers once and ends.
// Its own entry in the built server (scripts/build-server.mjs), found by importInWorker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { StructureLimits } from '../../shared/model/limits.js';
import { readImport, type ImportKind } from './readImport.js';

const { kind, bytes, structure } = workerData as { kind: ImportKind; bytes: Uint8Array; structure?: StructureLimits };
// Loaded: the deadline runs from here, so a slow start on a busy machine is not the file's fault.
parentPort!.postMessage('reading');
parentPort!.postMessage(readImport(kind, bytes, structure));
