import { describe, expect, it } from 'vitest';
import { actingChannel, canActForCustomer, sessionStillValid, canReadCustomer, coversClub, coversProvince, hasRole, isHq, isOperational, seesEvent, seesIdentity, workingProvince, AREA_ROLES, type Actor } from './access';

const member: Actor = { kind: 'member', role: 'member', customerId: 7, provinceCode: '440000', name: '陈思远' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 1, provinceCode: null, clubCodes: null, name: 'admin' };
const hqAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 2, provinceCode: null, clubCodes: null, name: 'hq' };
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 3, provinceCode: '440000', clubCodes: null, name: 'gd' };
const gdFilmOperator: Actor = { kind: 'staff', role: 'operator', staffId: 4, provinceCode: '440000', clubCodes: ['film'], name: 'gd film' };
const gdAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 5, provinceCode: '440000', clubCodes: null, name: 'gd analyst' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 6, provinceCode: '110000', clubCodes: null, name: 'bj' };

const gdCustomer = { id: 7, provinceCode: '440000' };
const otherGdCustomer = { id: 8, provinceCode: '440000' };

describe('areas', () => {
  it('admits each role only to its areas, admins also to operations and statistics', () => {
    expect(hasRole(member, AREA_ROLES.member)).toBe(true);
    expect(hasRole(member, AREA_ROLES.operations)).toBe(false);
    expect(hasRole(gdOperator, AREA_ROLES.operations)).toBe(true);
    expect(hasRole(gdOperator, AREA_ROLES.statistics)).toBe(false);
    expect(hasRole(gdOperator, AREA_ROLES.member)).toBe(false);
    expect(hasRole(gdAnalyst, AREA_ROLES.statistics)).toBe(true);
    expect(hasRole(gdAnalyst, AREA_ROLES.operations)).toBe(false);
    expect(hasRole(gdAnalyst, AREA_ROLES.administration)).toBe(false);
    for (const area of ['operations', 'statistics', 'administration'] as const) expect(hasRole(admin, AREA_ROLES[area])).toBe(true);
    expect(hasRole(admin, AREA_ROLES.member)).toBe(false);
  });
});

describe('province scope', () => {
  it('gives HQ every province and everyone else their own', () => {
    expect(isHq(admin)).toBe(true);
    expect(isHq(hqAnalyst)).toBe(true);
    expect(isHq(gdOperator)).toBe(false);
    expect(isHq(member)).toBe(false);
    expect(coversProvince(hqAnalyst, '650000')).toBe(true);
    expect(coversProvince(gdOperator, '440000')).toBe(true);
    expect(coversProvince(gdOperator, '110000')).toBe(false);
    expect(coversProvince(member, '110000')).toBe(false);
  });

  it('works on the staff member\'s own province, or the one HQ names', () => {
    expect(workingProvince(gdOperator, '110000')).toBe('440000');
    expect(workingProvince(admin, '110000')).toBe('110000');
    expect(() => workingProvince(admin, undefined)).toThrow('province_required');
  });

  it('limits operators to their clubs when they have some', () => {
    expect(coversClub(gdOperator, 'music')).toBe(true);
    expect(coversClub(gdFilmOperator, 'film')).toBe(true);
    expect(coversClub(gdFilmOperator, 'music')).toBe(false);
    expect(coversClub(member, 'music')).toBe(false);
  });
});

describe('customer records', () => {
  it('lets a member read only their own record', () => {
    expect(canReadCustomer(member, gdCustomer)).toBe(true);
    expect(canReadCustomer(member, otherGdCustomer)).toBe(false);
  });

  it('lets staff read customers of their province, HQ all', () => {
    expect(canReadCustomer(gdOperator, gdCustomer)).toBe(true);
    expect(canReadCustomer(bjOperator, gdCustomer)).toBe(false);
    expect(canReadCustomer(gdAnalyst, gdCustomer)).toBe(true);
    expect(canReadCustomer(hqAnalyst, gdCustomer)).toBe(true);
  });

  it('lets only operators of the province and admins act for a customer', () => {
    expect(canActForCustomer(gdOperator, gdCustomer)).toBe(true);
    expect(canActForCustomer(admin, gdCustomer)).toBe(true);
    expect(canActForCustomer(bjOperator, gdCustomer)).toBe(false);
    expect(canActForCustomer(gdAnalyst, gdCustomer)).toBe(false);
    expect(canActForCustomer(member, gdCustomer)).toBe(false);
  });

  it('records the channel an act came through: the web for members, the token channel for systems, the one staff name otherwise', () => {
    const hotlineDesk: Actor = { kind: 'channel', role: 'channel', tokenId: 9, channel: 'hotline', provinceCode: '440000', name: '10010' };
    expect(actingChannel(member, 'hall')).toBe('web');
    expect(actingChannel(hotlineDesk, 'hall')).toBe('hotline');
    expect(actingChannel(gdOperator, 'hall')).toBe('hall');
    expect(() => actingChannel(gdOperator, undefined)).toThrow('channel_required');
    expect(() => actingChannel(admin, 'web')).toThrow('channel_required');
  });

  it('shows the full identity to the customer, operators of the province and admins, never to analysts', () => {
    expect(seesIdentity(member, gdCustomer)).toBe(true);
    expect(seesIdentity(member, otherGdCustomer)).toBe(false);
    expect(seesIdentity(gdOperator, gdCustomer)).toBe(true);
    expect(seesIdentity(admin, gdCustomer)).toBe(true);
    expect(seesIdentity(bjOperator, gdCustomer)).toBe(false);
    expect(seesIdentity(gdAnalyst, gdCustomer)).toBe(false);
    expect(seesIdentity(hqAnalyst, gdCustomer)).toBe(false);
  });

  it('lets an account manager read, see and act for their own VIPs only, and no customer whose manager was not read', () => {
    const gdManager: Actor = { kind: 'staff', role: 'account_manager', staffId: 11, provinceCode: '440000', clubCodes: null, name: 'gd manager' };
    const theirVip = { ...gdCustomer, accountManagerId: 11 };
    const someoneElses = { ...otherGdCustomer, accountManagerId: 12 };
    for (const check of [canReadCustomer, canActForCustomer, seesIdentity]) {
      expect(check(gdManager, theirVip)).toBe(true);
      expect(check(gdManager, someoneElses)).toBe(false);
      expect(check(gdManager, gdCustomer)).toBe(false);
      expect(check(gdManager, { ...theirVip, provinceCode: '110000' })).toBe(false);
    }
    // Not one of the operators: everything else that is theirs stays closed.
    expect(isOperational(gdManager)).toBe(false);
    expect(hasRole(gdManager, AREA_ROLES.operations)).toBe(false);
    expect(hasRole(gdManager, AREA_ROLES.callbacks)).toBe(true);
  });
});

describe('sessions', () => {
  it('end when the password changes after their sign-in', () => {
    expect(sessionStillValid(1_000, null)).toBe(true);
    expect(sessionStillValid(undefined, null)).toBe(true);
    expect(sessionStillValid(1_000, 1_000)).toBe(true);
    expect(sessionStillValid(1_001, 1_000)).toBe(true);
    expect(sessionStillValid(999, 1_000)).toBe(false);
    // Signed in before sign-in times were kept: ended by any change.
    expect(sessionStillValid(undefined, 1_000)).toBe(false);
  });
});

describe('event scope', () => {
  const gdToken: Actor = { kind: 'channel', role: 'channel', tokenId: 1, channel: 'hotline', provinceCode: '440000', name: 'gd desk' };
  const hqToken: Actor = { kind: 'channel', role: 'channel', tokenId: 2, channel: 'online', provinceCode: null, name: 'hq' };
  const gdMusic = { provinceCode: '440000', clubCode: 'music', status: 'published' } as const;
  const gdFilmDraft = { provinceCode: '440000', clubCode: 'film', status: 'draft' } as const;
  const bjFilm = { provinceCode: '110000', clubCode: 'film', status: 'published' } as const;

  it('gives operators the events of their province and clubs, drafts included', () => {
    expect(seesEvent(gdOperator, gdMusic)).toBe(true);
    expect(seesEvent(gdOperator, gdFilmDraft)).toBe(true);
    expect(seesEvent(gdFilmOperator, gdFilmDraft)).toBe(true);
    expect(seesEvent(gdFilmOperator, gdMusic)).toBe(false);
    expect(seesEvent(gdOperator, bjFilm)).toBe(false);
    expect(seesEvent(bjOperator, gdMusic)).toBe(false);
  });

  it('gives HQ staff every event, and analysts those of their province', () => {
    for (const event of [gdMusic, gdFilmDraft, bjFilm]) expect(seesEvent(admin, event)).toBe(true);
    expect(seesEvent(gdAnalyst, gdMusic)).toBe(true);
    expect(seesEvent(gdAnalyst, bjFilm)).toBe(false);
  });

  it('gives members and channels the published events of their province, never a draft', () => {
    expect(seesEvent(member, gdMusic)).toBe(true);
    expect(seesEvent(member, gdFilmDraft)).toBe(false);
    expect(seesEvent(member, bjFilm)).toBe(false);
    expect(seesEvent(gdToken, gdMusic)).toBe(true);
    expect(seesEvent(gdToken, gdFilmDraft)).toBe(false);
    expect(seesEvent(gdToken, bjFilm)).toBe(false);
    expect(seesEvent(hqToken, bjFilm)).toBe(true);
    expect(seesEvent(hqToken, gdFilmDraft)).toBe(false);
  });
});
