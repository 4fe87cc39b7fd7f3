import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname } from 'node:path';
import { PagewiseError } from 'pagewise';
import { generateKeySpec } from 'pagewise/token';

/** The secrets an emulator keeps beside its SQLite file when none are configured. */
export interface StoredSecrets {
  /** Page-token key ring, `PAGEWISE_TOKEN_KEYS` syntax (`id:base64key`). */
  readonly tokenKeys: string;
  /** Bearer token of the default API principal. */
  readonly apiToken: string;
  /** Bearer token of the admin API. */
  readonly adminToken: string;
}

/** The file's variables, in `.env` syntax so `set -a; . file` exports them. */
const NAMES = {
  tokenKeys: 'PAGEWISE_TOKEN_KEYS',
  apiToken: 'PAGEWISE_API_TOKEN',
  adminToken: 'PAGEWISE_ADMIN_TOKEN',
} as const;

/** The secrets file could not be read, made or trusted. */
export class EmulatorSecretsError extends PagewiseError {
  constructor(message: string, cause?: unknown) {
    super('emulator_secrets', message, cause === undefined ? undefined : { cause });
    this.name = 'EmulatorSecretsError';
  }
}

/** Where the secrets of the SQLite file `databasePath` live: `<file>.secrets`, beside it. */
export function secretsPathFor(databasePath: string): string {
  return `${databasePath}.secrets`;
}

/**
 * Reads the secrets file, creating it first when it does not exist, so that
 * page tokens (and the generated bearer tokens) outlive a restart.
 *
 * Creation is exclusive: the content is written and fsynced to a private
 * temp file (mode 0600), then hard-linked to the final name, which fails if
 * the name exists. Of several processes starting together on a new
 * database, one link wins and every process then reads that one file: they
 * all end up with the same key, and no reader ever sees a half-written file.
 *
 * The file must be readable by its owner only (0600). A wider mode on a file
 * this user owns is narrowed, with a notice through `warn` (the secrets may
 * have been read meanwhile: deleting the file makes new ones); a file owned
 * by another user that others may read is refused. Nothing here ever prints
 * a secret.
 *
 * @throws EmulatorSecretsError when the file is unreadable, malformed, not a regular file, or unsafe
 */
export function loadOrCreateSecrets(path: string, warn: (line: string) => void): StoredSecrets {
  mkdirSync(dirname(path), { recursive: true });
  const existing = readSecrets(path, warn);
  if (existing !== undefined) return existing;
  create(path);
  const created = readSecrets(path, warn);
  if (created === undefined) throw new EmulatorSecretsError(`${path} vanished while starting`);
  return created;
}

function create(path: string): void {
  const secrets: StoredSecrets = {
    tokenKeys: generateKeySpec(),
    apiToken: `pw_api_${randomBytes(18).toString('base64url')}`,
    adminToken: `pw_admin_${randomBytes(18).toString('base64url')}`,
  };
  const text = [
    `# pagewise emulator secrets for ${basename(path).replace(/\.secrets$/, '')}, generated once and`,
    '# kept owner-only (0600) so that page tokens and bearer tokens survive restarts.',
    '# Delete this file to get new ones. Variables set in the environment win over these.',
    ...Object.entries(NAMES).map(
      ([field, name]) => `${name}=${secrets[field as keyof StoredSecrets]}`,
    ),
    '',
  ].join('\n');
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
  } catch (error) {
    // EEXIST: another process created it first; its file is the one everybody reads.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new EmulatorSecretsError(
        `cannot create ${path}: ${(error as Error).message}; set PAGEWISE_TOKEN_KEYS instead (pagewise keys generate)`,
        error,
      );
    }
  } finally {
    unlinkSync(temp);
  }
}

/** The file's secrets, `undefined` when it does not exist. */
function readSecrets(path: string, warn: (line: string) => void): StoredSecrets | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EmulatorSecretsError(`cannot read ${path}: ${(error as Error).message}`, error);
  }
  try {
    checkPermissions(path, fd, warn);
    return parse(path, readFileSync(fd, 'utf8'));
  } finally {
    closeSync(fd);
  }
}

function checkPermissions(path: string, fd: number, warn: (line: string) => void): void {
  const stat = fstatSync(fd);
  if (!stat.isFile()) throw new EmulatorSecretsError(`${path} is not a regular file`);
  // Windows has no POSIX modes: its ACLs are the user profile's.
  if (process.platform === 'win32') return;
  const loose = stat.mode & 0o077;
  if (loose === 0) return;
  const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
  if (stat.uid !== process.getuid?.()) {
    throw new EmulatorSecretsError(
      `${path} (mode ${mode}) belongs to another user and others may read it, so its keys are not trusted; delete it to make new ones, or set PAGEWISE_TOKEN_KEYS`,
    );
  }
  fchmodSync(fd, 0o600);
  warn(
    `[pagewise] ${path} was readable by others (mode ${mode}); narrowed to 0600. If someone else may have read it, delete it and restart to get new secrets.`,
  );
}

function parse(path: string, text: string): StoredSecrets {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq > 0) values.set(trimmed.slice(0, eq).trim(), trimmed.slice(eq + 1).trim());
  }
  const get = (field: keyof StoredSecrets): string => {
    const value = values.get(NAMES[field]);
    if (value === undefined || value === '') {
      throw new EmulatorSecretsError(
        `${path} has no ${NAMES[field]} line; delete the file to make a new one (page tokens issued before then stop working)`,
      );
    }
    return value;
  };
  return { tokenKeys: get('tokenKeys'), apiToken: get('apiToken'), adminToken: get('adminToken') };
}
