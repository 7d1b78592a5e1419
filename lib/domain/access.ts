import { DomainError } from './errors';
import type { Channel, ClubCode, EventStatus, Role, StaffRole } from './types';

/**
 * Who is acting: a signed-in member (a customer), a staff account with its scope, or another
 * system of the operator (a channel: hotline desk, online / SMS / mobile hall) through its API token.
 */
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
    }
  | {
      kind: 'channel';
      role: 'channel';
      tokenId: number;
      channel: Exclude<Channel, 'web'>;
      /** null: an HQ token, every province. */
      provinceCode: string | null;
      name: string;
    };

export type StaffActor = Extract<Actor, { kind: 'staff' }>;
export type MemberActor = Extract<Actor, { kind: 'member' }>;
export type ChannelActor = Extract<Actor, { kind: 'channel' }>;
/** Who signs in to the web app: members and staff (channels use API tokens). */
export type SessionActor = MemberActor | StaffActor;

export function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.role !== 'channel' && roles.includes(actor.role);
}

/** Who acts for customers: operators, admins, and the channels' systems (account managers only for their own VIPs, apart). */
export function isOperational(actor: Actor): actor is StaffActor | ChannelActor {
  return actor.kind === 'channel' || (actor.kind === 'staff' && (actor.role === 'operator' || actor.role === 'admin'));
}

/** HQ scope: admins, analysts without a province, and HQ channel tokens. */
export function isHq(actor: Actor): boolean {
  return actor.kind !== 'member' && actor.provinceCode === null;
}

/** Whether the actor's scope covers a province (members: only their own). */
export function coversProvince(actor: Actor, provinceCode: string): boolean {
  return isHq(actor) || actor.provinceCode === provinceCode;
}

/** Whether an operator's club scope covers a club (admins and channels: every club). */
export function coversClub(actor: Actor, clubCode: ClubCode): boolean {
  if (actor.kind === 'channel') return true;
  if (actor.kind !== 'staff') return false;
  return actor.clubCodes === null || actor.clubCodes.includes(clubCode);
}

/**
 * Whether an event is in the actor's scope, for reads as for writes: its province (a member's own),
 * and for an operator limited to some clubs, one of them. Drafts are the operators' work: members
 * and channels never see one. Outside the scope the event does not exist for the actor (404), so
 * that neither an answer nor its code tells whether it does.
 */
export function seesEvent(actor: Actor, event: { provinceCode: string; clubCode: ClubCode; status: EventStatus }): boolean {
  if (!coversProvince(actor, event.provinceCode)) return false;
  if (actor.kind === 'staff') return coversClub(actor, event.clubCode);
  return event.status !== 'draft';
}

/** Reading a customer's record: the customer themself, staff whose scope covers the province, an account manager their own VIPs only. */
export function canReadCustomer(actor: Actor, customer: { id: number; provinceCode: string; accountManagerId?: number | null }): boolean {
  if (actor.kind === 'member') return actor.customerId === customer.id;
  if (actor.kind === 'staff' && actor.role === 'account_manager') return isAccountManagerOf(actor, customer);
  return coversProvince(actor, customer.provinceCode);
}

/**
 * Acting on a customer's behalf (enroll, register, check in): operators and channels of the
 * province, admins, and a VIP's own account manager (only where the caller read who that is).
 */
export function canActForCustomer(actor: Actor, customer: { provinceCode: string; accountManagerId?: number | null }): boolean {
  if (actor.kind === 'channel') return coversProvince(actor, customer.provinceCode);
  if (actor.kind !== 'staff') return false;
  if (actor.role === 'admin') return true;
  if (actor.role === 'account_manager') return isAccountManagerOf(actor, customer);
  return actor.role === 'operator' && actor.provinceCode === customer.provinceCode;
}

/** An account manager's own VIP: assigned to them, in their province. */
export function isAccountManagerOf(actor: Actor, customer: { provinceCode: string; accountManagerId?: number | null }): boolean {
  return actor.kind === 'staff' && actor.role === 'account_manager' && actor.provinceCode === customer.provinceCode && customer.accountManagerId === actor.staffId;
}

/**
 * The channel an act on a customer's behalf came through: a member's own is the web, a system's is
 * its token's; staff name the one the customer asked through (a hall, the 10010 hotline...), never the web.
 */
export function actingChannel(actor: Actor, requested: Channel | undefined): Channel {
  if (actor.kind === 'member') return 'web';
  if (actor.kind === 'channel') return actor.channel;
  if (!requested || requested === 'web') throw new DomainError('channel_required');
  return requested;
}

/**
 * A session lasts until the account's password changes: one signed in before the change (or at an
 * unknown time, from before sign-in times were kept) has ended.
 */
export function sessionStillValid(signedInAt: number | undefined, passwordChangedAt: number | null): boolean {
  return passwordChangedAt === null || (signedInAt !== undefined && signedInAt >= passwordChangedAt);
}

/**
 * Full mobile number and name: the customer themself, operators of the customer's province and
 * admins. Analysts never, and nobody outside the province.
 */
export function seesIdentity(actor: Actor, customer: { id: number; provinceCode: string; accountManagerId?: number | null }): boolean {
  if (actor.kind === 'member') return actor.customerId === customer.id;
  if (actor.kind === 'channel') return coversProvince(actor, customer.provinceCode);
  if (actor.role === 'admin') return true;
  if (actor.role === 'account_manager') return isAccountManagerOf(actor, customer);
  return actor.role === 'operator' && actor.provinceCode === customer.provinceCode;
}

/** Where each role lands after signing in. */
export const LANDING: Record<Role, string> = {
  member: '/clubs',
  operator: '/ops/events',
  analyst: '/stats',
  admin: '/admin',
  account_manager: '/ops/my-vips',
};

/** Who may use each area. Admins work with HQ scope in the operators' and analysts' areas too. */
export const AREA_ROLES = {
  member: ['member'],
  operations: ['operator', 'admin'],
  statistics: ['analyst', 'admin'],
  administration: ['admin'],
  /** A VIP account manager's own VIPs. */
  accountManagement: ['account_manager'],
  /** The callback queue: the hotline staff of the province, and account managers for their own VIPs. */
  callbacks: ['operator', 'admin', 'account_manager'],
  /** Every staff member's own account page. */
  staffAccount: ['operator', 'analyst', 'admin', 'account_manager'],
  /** Inspections (六 of the plan): HQ's visits and the provinces' self-inspections, read and followed up by the province. */
  inspections: ['operator', 'analyst', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * The province a staff request is about: the staff member's own, or for HQ the one the request
 * names (refused when it names none). Their scope is checked apart.
 */
export function workingProvince(actor: Actor, requested: string | undefined): string {
  const province = actor.kind !== 'member' && actor.provinceCode ? actor.provinceCode : requested;
  if (!province) throw new DomainError('province_required');
  return province;
}
