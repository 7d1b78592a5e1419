import type { ClubCode, Role, StaffRole } from './types';

/** Who is acting: a signed-in member (a customer) or a staff account with its scope. */
export type Actor =
  | { kind: 'member'; role: 'member'; customerId: number; provinceCode: string; name: string }
  | {
      kind: 'staff';
      role: StaffRole;
      staffId: number;
      /** null: HQ, every province. */
      provinceCode: string | null;
      /** null: every club. */
      clubCodes: ClubCode[] | null;
      name: string;
    };

export type StaffActor = Extract<Actor, { kind: 'staff' }>;
export type MemberActor = Extract<Actor, { kind: 'member' }>;

export function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return roles.includes(actor.role);
}

/** HQ scope: admins, and analysts without a province. */
export function isHq(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.provinceCode === null;
}

/** Whether the actor's scope covers a province (members: only their own). */
export function coversProvince(actor: Actor, provinceCode: string): boolean {
  return isHq(actor) || actor.provinceCode === provinceCode;
}

/** Whether an operator's club scope covers a club (admins: every club). */
export function coversClub(actor: Actor, clubCode: ClubCode): boolean {
  if (actor.kind !== 'staff') return false;
  return actor.clubCodes === null || actor.clubCodes.includes(clubCode);
}

/** Reading a customer's record: the customer themself, or staff whose scope covers the province. */
export function canReadCustomer(actor: Actor, customer: { id: number; provinceCode: string }): boolean {
  if (actor.kind === 'member') return actor.customerId === customer.id;
  return coversProvince(actor, customer.provinceCode);
}

/** Acting on a customer's behalf (enroll, register, check in): operators of the province, admins. */
export function canActForCustomer(actor: Actor, customer: { provinceCode: string }): boolean {
  if (actor.kind !== 'staff') return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'operator' && actor.provinceCode === customer.provinceCode;
}

/**
 * Full mobile number and name: the customer themself, operators of the customer's province and
 * admins. Analysts never, and nobody outside the province.
 */
export function seesIdentity(actor: Actor, customer: { id: number; provinceCode: string }): boolean {
  if (actor.kind === 'member') return actor.customerId === customer.id;
  if (actor.role === 'admin') return true;
  return actor.role === 'operator' && actor.provinceCode === customer.provinceCode;
}

/** Where each role lands after signing in. */
export const LANDING: Record<Role, string> = {
  member: '/clubs',
  operator: '/ops/events',
  analyst: '/stats',
  admin: '/admin/settings',
};

/** Who may use each area. Admins work with HQ scope in the operators' and analysts' areas too. */
export const AREA_ROLES = {
  member: ['member'],
  operations: ['operator', 'admin'],
  statistics: ['analyst', 'admin'],
  administration: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
