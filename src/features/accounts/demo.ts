/**
 * Ready-made accounts for the embedded demo: an officer of a real TAO, a provincial supervisor and
 * an admin. Created only when DEMO_ACCOUNTS is on — the default for the embedded database, refused
 * against a production database (config.ts) — and listed in the README and at start.
 */
import { inArray, sql } from 'drizzle-orm';
import { createSealer } from '../../auth/seal.js';
import { hashPassword } from '../../auth/passwords.js';
import { rows, type Db } from '../../db/client.js';
import { roleGrants, users } from '../../db/schema.js';

/** Fixed so the README can give them; never used outside the demo. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface DemoAccount {
  role: 'officer' | 'supervisor' | 'admin';
  email: string;
  password: string;
  /** what the account may do, for the start-up message */
  scope: string;
  totp: boolean;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: 'officer', email: 'officer@demo.citizeninfo.local', password: 'demo-officer-2569', scope: 'องค์การบริหารส่วนตำบลโป่งแยง (อ.แม่ริม จ.เชียงใหม่)', totp: false },
  { role: 'supervisor', email: 'supervisor@demo.citizeninfo.local', password: 'demo-supervisor-2569', scope: 'จังหวัดเชียงใหม่ (supervisor of Chiang Mai province)', totp: true },
  { role: 'admin', email: 'admin@demo.citizeninfo.local', password: 'demo-admin-2569', scope: 'ทุกหน่วยงาน (all organisations)', totp: true },
];

/** Creates the demo accounts that do not exist yet; returns the ones created. */
export async function ensureDemoAccounts(db: Db, piiKey: string): Promise<DemoAccount[]> {
  const sealer = createSealer(piiKey, 'totp');
  const [tao] = await rows<{ id: number }>(db, sql`select id from organisations where kind = 'tao' and name_th = 'องค์การบริหารส่วนตำบลโป่งแยง' and province_code = '50'`);
  const [dla] = await rows<{ id: number }>(db, sql`select id from organisations where code = 'dla-province-50'`);
  if (!tao || !dla) return [];
  // Hashing costs ~50 ms a password: only for the accounts that are missing, not on every start.
  const existing = new Set(
    (await db.select({ email: users.email }).from(users).where(inArray(users.email, DEMO_ACCOUNTS.map((a) => a.email)))).map((u) => u.email),
  );
  const created: DemoAccount[] = [];
  for (const account of DEMO_ACCOUNTS.filter((a) => !existing.has(a.email))) {
    const [user] = await db
      .insert(users)
      .values({
        email: account.email,
        passwordHash: await hashPassword(account.password),
        firstName: { officer: 'สมหญิง', supervisor: 'ประเสริฐ', admin: 'วิภา' }[account.role],
        lastName: { officer: 'ใจดี', supervisor: 'มั่นคง', admin: 'ดูแลระบบ' }[account.role],
        phone: '0 5311 0000',
        organisationId: account.role === 'officer' ? tao.id : dla.id,
        status: 'approved',
        emailVerifiedAt: new Date(),
        approvedAt: new Date(),
        totpSecret: account.totp ? sealer.seal(DEMO_TOTP_SECRET) : null,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) continue;
    await db.insert(roleGrants).values(
      account.role === 'officer'
        ? { userId: user.id, role: 'officer', organisationId: tao.id }
        : account.role === 'supervisor'
          ? { userId: user.id, role: 'supervisor', provinceCode: '50' }
          : { userId: user.id, role: 'admin' },
    );
    created.push(account);
  }
  return created;
}
