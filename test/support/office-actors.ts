/**
 * Back-office people for role tests: accounts with a given grant, signed in through the real
 * sign-in (and second factor) pages, each as an `Agent` that keeps its cookies.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createSealer } from '../../src/auth/seal.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { currentTotp } from '../../src/auth/totp.js';
import { rows, type Db } from '../../src/db/client.js';
import { roleGrants, users } from '../../src/db/schema.js';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, ensureDemoAccounts, type DemoAccount } from '../../src/features/accounts/demo.js';
import { Agent } from './agent.js';
import type { TestApp } from './app.js';

export interface TestAccount {
  email: string;
  password: string;
  /** needs the second factor (supervisors and admins) */
  totp: boolean;
}

/** An approved account of `organisationId` with one grant; supervisors and admins get the demo TOTP secret. */
export async function createAccount(
  db: Db,
  piiKey: string,
  options: { email: string; organisationId: number; role: 'officer' | 'supervisor' | 'admin'; grant: { organisationId?: number; provinceCode?: string; districtCode?: string } },
): Promise<TestAccount> {
  const password = 'a long test password';
  const totp = options.role !== 'officer';
  const [user] = await db
    .insert(users)
    .values({
      email: options.email,
      passwordHash: await hashPassword(password),
      firstName: 'ทดสอบ',
      lastName: options.role,
      organisationId: options.organisationId,
      status: 'approved',
      emailVerifiedAt: new Date(),
      approvedAt: new Date(),
      totpSecret: totp ? createSealer(piiKey, 'totp').seal(DEMO_TOTP_SECRET) : null,
    })
    .returning({ id: users.id });
  await db.insert(roleGrants).values({ userId: user!.id, role: options.role, ...options.grant });
  return { email: options.email, password, totp };
}

/**
 * Enters a code at /office/two-factor. A code counts once, so when this account already used the
 * current one, the codes of the neighbouring 30-second steps (also accepted) are tried.
 */
export async function passSecondFactor(agent: Agent): Promise<void> {
  await agent.get('/office/two-factor');
  for (const offset of [0, -30_000, 30_000]) {
    const passed = await agent.post('/office/two-factor', { code: currentTotp(DEMO_TOTP_SECRET, Date.now() + offset) });
    if (passed.statusCode === 303) return;
  }
  throw new Error('second factor refused for the current and neighbouring codes');
}

/** Signs in through the pages (password, then the second factor where needed). */
export async function signIn(app: FastifyInstance, account: TestAccount): Promise<Agent> {
  const agent = new Agent(app);
  await agent.get('/office/sign-in');
  const signedIn = await agent.post('/office/sign-in', { email: account.email, password: account.password });
  if (signedIn.statusCode !== 303) throw new Error(`sign-in of ${account.email} failed: ${signedIn.statusCode}`);
  if (account.totp) {
    await passSecondFactor(agent);
  }
  return agent;
}

/** The usual cast of a role matrix, all signed in. */
export interface OfficeCast {
  /** the demo officer of อบต.โป่งแยง (Chiang Mai) */
  officerA: Agent;
  /** an officer of another TAO in Chiang Mai */
  officerB: Agent;
  /** the demo supervisor of Chiang Mai province */
  supervisorIn: Agent;
  /** a supervisor of Bangkok */
  supervisorOut: Agent;
  admin: Agent;
  /** an officer of the Department of Provincial Administration (DOPA) */
  dopaOfficer: Agent;
  organisationA: number;
  organisationB: number;
}

export async function officeCast(t: TestApp): Promise<OfficeCast> {
  const db = t.database.db;
  await ensureDemoAccounts(db, t.config.piiKey);
  const [a] = await rows<{ id: number }>(db, sql`select id from organisations where kind = 'tao' and name_th = 'องค์การบริหารส่วนตำบลโป่งแยง' and province_code = '50'`);
  const [b] = await rows<{ id: number }>(
    db,
    sql`select o.id from organisations o where o.kind = 'tao' and o.province_code = '50' and o.id <> ${a!.id}
        and exists (select 1 from service_points p where p.organisation_id = o.id) order by o.code limit 1`,
  );
  const [dla] = await rows<{ id: number }>(db, sql`select id from organisations where code = 'dla'`);
  const [dopa] = await rows<{ id: number }>(db, sql`select id from organisations where code = 'dopa'`);
  const demo = (role: DemoAccount['role']) => {
    const account = DEMO_ACCOUNTS.find((d) => d.role === role)!;
    return { email: account.email, password: account.password, totp: account.totp };
  };
  const officerB = await createAccount(db, t.config.piiKey, { email: 'officer-b@test.go.th', organisationId: b!.id, role: 'officer', grant: { organisationId: b!.id } });
  const supervisorOut = await createAccount(db, t.config.piiKey, { email: 'supervisor-bkk@test.go.th', organisationId: dla!.id, role: 'supervisor', grant: { provinceCode: '10' } });
  const dopaOfficer = await createAccount(db, t.config.piiKey, { email: 'officer-dopa@test.go.th', organisationId: dopa!.id, role: 'officer', grant: { organisationId: dopa!.id } });
  return {
    officerA: await signIn(t.app, demo('officer')),
    officerB: await signIn(t.app, officerB),
    supervisorIn: await signIn(t.app, demo('supervisor')),
    supervisorOut: await signIn(t.app, supervisorOut),
    admin: await signIn(t.app, demo('admin')),
    dopaOfficer: await signIn(t.app, dopaOfficer),
    organisationA: a!.id,
    organisationB: b!.id,
  };
}
