import { describe, expect, it } from 'vitest';
import { can, type Actor, type Grant } from './access.js';

const grant = (g: Partial<Grant> & Pick<Grant, 'role'>): Grant => ({ organisationId: null, organisationPath: null, provinceCode: null, districtCode: null, ...g });
const actor = (...grants: Grant[]): Actor => ({ userId: 1, email: 'a@example.go.th', name: 'A', organisationId: 10, grants });

// dla (/3/5/) → Chiang Mai DLA office (/3/5/60/) → a TAO (/3/5/60/900/); a Bangkok office elsewhere.
const tao = { id: 900, path: '/3/5/60/900/', provinceCode: '50', districtCode: '5001' };
const otherTao = { id: 901, path: '/3/5/60/901/', provinceCode: '50', districtCode: '5002' };
const bangkok = { id: 700, path: '/7/700/', provinceCode: '10', districtCode: '1001' };

describe('access decisions', () => {
  it('lets an officer manage its own organisation and nothing beside it', () => {
    const officer = actor(grant({ role: 'officer', organisationId: 900, organisationPath: tao.path }));
    expect(can(officer, 'manage', tao)).toBe(true);
    expect(can(officer, 'read', tao)).toBe(true);
    expect(can(officer, 'manage', otherTao)).toBe(false);
    expect(can(officer, 'read', otherTao)).toBe(false);
    expect(can(officer, 'approve', tao)).toBe(true);
  });

  it('lets an officer of a parent office manage the subtree but approve only its own office', () => {
    const provincial = actor(grant({ role: 'officer', organisationId: 60, organisationPath: '/3/5/60/' }));
    expect(can(provincial, 'manage', otherTao)).toBe(true);
    expect(can(provincial, 'approve', otherTao)).toBe(false);
  });

  it('lets a provincial supervisor read and approve in the province but never manage', () => {
    const supervisor = actor(grant({ role: 'supervisor', provinceCode: '50' }));
    expect(can(supervisor, 'read', tao)).toBe(true);
    expect(can(supervisor, 'approve', otherTao)).toBe(true);
    expect(can(supervisor, 'manage', tao)).toBe(false);
    expect(can(supervisor, 'read', bangkok)).toBe(false);
  });

  it('scopes a district supervisor to its district', () => {
    const supervisor = actor(grant({ role: 'supervisor', provinceCode: '50', districtCode: '5001' }));
    expect(can(supervisor, 'read', tao)).toBe(true);
    expect(can(supervisor, 'read', otherTao)).toBe(false);
  });

  it('lets an admin do everything', () => {
    const admin = actor(grant({ role: 'admin' }));
    expect(can(admin, 'manage', bangkok)).toBe(true);
  });

  it('refuses everything without grants', () => {
    expect(can(actor(), 'read', tao)).toBe(false);
  });
});
