/** `npm run copy-to-postgres -- --from <DATA_DIR> --to <DATABASE_URL> [--force]`: see copyToPostgres.ts. */
import { runCopyToPostgresCommand } from './copyToPostgresCli.js';

process.exitCode = await runCopyToPostgresCommand(process.argv.slice(2), process.env);
