import type { Role } from '@/lib/domain/types';

export type NavKey =
  | 'clubs'
  | 'events'
  | 'tickets'
  | 'points'
  | 'record'
  | 'opsEvents'
  | 'opsMembers'
  | 'checkin'
  | 'stats'
  | 'plan'
  | 'compliance'
  | 'settings'
  | 'staff';

export const NAV_ITEMS: Record<Role, ReadonlyArray<{ key: NavKey; href: string }>> = {
  member: [
    { key: 'clubs', href: '/clubs' },
    { key: 'events', href: '/events' },
    { key: 'tickets', href: '/tickets' },
    { key: 'points', href: '/points' },
    { key: 'record', href: '/record' },
  ],
  operator: [
    { key: 'opsEvents', href: '/ops/events' },
    { key: 'plan', href: '/ops/plan' },
    { key: 'opsMembers', href: '/ops/members' },
    { key: 'checkin', href: '/ops/checkin' },
  ],
  analyst: [
    { key: 'stats', href: '/stats' },
    { key: 'compliance', href: '/stats/compliance' },
  ],
  admin: [
    { key: 'settings', href: '/admin/settings' },
    { key: 'staff', href: '/admin/staff' },
    { key: 'opsEvents', href: '/ops/events' },
    { key: 'plan', href: '/ops/plan' },
    { key: 'opsMembers', href: '/ops/members' },
    { key: 'stats', href: '/stats' },
    { key: 'compliance', href: '/stats/compliance' },
  ],
};
