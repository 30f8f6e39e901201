/** `npm run backup -- <file> [--force]`: see backup.ts. */
import { runBackupCommand } from './backup.js';

process.exitCode = await runBackupCommand(process.argv.slice(2), process.env);
