/**
 * All configuration comes from environment variables, validated here once at start.
 * Each key is documented in README.md (Configuration); keep the two in step.
 */
import { resolve } from 'node:path';

export type Config = Readonly<{
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** public base URL, used in e-mails, QR codes and feeds */
  publicUrl: string;
  /** PostgreSQL connection string; when empty the embedded PGlite database is used */
  databaseUrl: string | null;
  /** PGlite data directory (embedded mode only); `memory://` keeps it in RAM (tests) */
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** seed reference and demo data when the database is empty */
  seedOnStart: boolean;
  /** create the demo accounts (never against a production database) */
  demoAccounts: boolean;
  tileUrl: string;
  /** plain text, shown on the map */
  tileAttribution: string;
  /** secret for hashing device/network ids and signing tokens */
  appSecret: string;
  /**
   * per-network rate limits and burst holds on ratings; `false` only outside production, for load
   * and reliability tests whose every request comes from 127.0.0.1
   */
  ratingNetworkLimits: boolean;
  trustProxy: boolean;
  chromiumPath: string;
  /** SMTP server URL (smtp://user:pass@host:587); without it e-mail is kept in the database */
  smtpUrl: string | null;
  mailFrom: string;
  /** key for personal data at rest (complainants' contacts, second-factor secrets) */
  piiKey: string;
  /** the national complaint centre's (1111) endpoint for new complaints; null: forwarding not configured */
  complaintForwardUrl: string | null;
  /** HMAC-SHA256 key signing what we send to the centre (required with the URL) */
  complaintForwardSecret: string | null;
  /** HMAC-SHA256 key the centre signs its status callbacks with; null: callbacks are refused */
  complaintCallbackSecret: string | null;
  /** days a complaint's contact details and free text are kept before they are removed */
  complaintRetentionDays: number;
}>;

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DEV_SECRET = 'development-only-secret-do-not-use-in-production';

function bool(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${key} must be true or false, got "${env[key]}"`);
}

function int(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** An optional shared secret: unset is allowed, a short one is a mistake. */
function secret(env: Env, key: string): string | null {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return null;
  if (raw.length < 32) throw new ConfigError(`${key} must be at least 32 characters long`);
  return raw;
}

function url(env: Env, key: string, fallback: string | null, protocols: string[]): string | null {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${key} must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${key} must start with ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = (env.NODE_ENV ?? 'development') as Config['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const production = nodeEnv === 'production';
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  const databaseUrl = url(env, 'DATABASE_URL', null, ['postgres:', 'postgresql:']);
  const logLevel = (env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'silent' : 'info')) as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const appSecret = env.APP_SECRET?.trim() || (production ? '' : DEV_SECRET);
  if (appSecret.length < 32) {
    throw new ConfigError('APP_SECRET must be set to a random string of at least 32 characters in production');
  }
  const piiKey = env.PII_ENCRYPTION_KEY?.trim() || (production ? '' : `${DEV_SECRET}:pii`);
  if (piiKey.length < 32) {
    throw new ConfigError('PII_ENCRYPTION_KEY must be set to a random string of at least 32 characters in production');
  }
  const embedded = databaseUrl === null;
  const demoAccounts = bool(env, 'DEMO_ACCOUNTS', embedded && !production);
  if (demoAccounts && !embedded && production) {
    throw new ConfigError('DEMO_ACCOUNTS cannot be enabled against a production database');
  }
  const dataDir = env.DATA_DIR?.trim() || './data';
  const complaintForwardUrl = url(env, 'COMPLAINT_FORWARD_URL', null, ['http:', 'https:']);
  const complaintForwardSecret = secret(env, 'COMPLAINT_FORWARD_SECRET');
  if (complaintForwardUrl && !complaintForwardSecret) {
    throw new ConfigError('COMPLAINT_FORWARD_SECRET must be set when COMPLAINT_FORWARD_URL is set (the centre checks our signature)');
  }
  if (production && complaintForwardUrl?.startsWith('http:')) {
    throw new ConfigError('COMPLAINT_FORWARD_URL must use https in production (complaints may carry contact details)');
  }

  const ratingNetworkLimits = bool(env, 'RATING_NETWORK_LIMITS', true);
  if (!ratingNetworkLimits && production) {
    throw new ConfigError('RATING_NETWORK_LIMITS=false is for load and reliability tests only and cannot be used in production');
  }

  return Object.freeze({
    nodeEnv,
    host,
    port,
    publicUrl: (url(env, 'PUBLIC_URL', null, ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl,
    dataDir: dataDir.startsWith('memory://') ? dataDir : resolve(dataDir),
    logLevel,
    seedOnStart: bool(env, 'SEED_ON_START', embedded),
    demoAccounts,
    tileUrl: env.TILE_URL?.trim() || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    tileAttribution: env.TILE_ATTRIBUTION?.trim() || '© OpenStreetMap contributors',
    appSecret,
    ratingNetworkLimits,
    trustProxy: bool(env, 'TRUST_PROXY', false),
    chromiumPath: env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
    smtpUrl: url(env, 'SMTP_URL', null, ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM?.trim() || 'CitizenInfo <no-reply@citizeninfo.local>',
    piiKey,
    complaintForwardUrl,
    complaintForwardSecret,
    complaintCallbackSecret: secret(env, 'COMPLAINT_CALLBACK_SECRET'),
    complaintRetentionDays: int(env, 'COMPLAINT_RETENTION_DAYS', 365, 1, 3650),
  });
}
