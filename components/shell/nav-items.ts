import type { Role } from '@/lib/domain/types';

export type NavKey =
  | 'clubs'
  | 'events'
  | 'tickets'
  | 'messages'
  | 'points'
  | 'record'
  | 'opsEvents'
  | 'opsMembers'
  | 'checkin'
  | 'callbacks'
  | 'myVips'
  | 'complaints'
  | 'opsComplaints'
  | 'services'
  | 'opsServices'
  | 'halls'
  | 'warranty'
  | 'stats'
  | 'plan'
  | 'compliance'
  | 'opinions'
  | 'inspections'
  | 'adminHome'
  | 'billing'
  | 'settings'
  | 'staff'
  | 'tokens'
  | 'audit';

export const NAV_ITEMS: Record<Role, ReadonlyArray<{ key: NavKey; href: string }>> = {
  member: [
    { key: 'clubs', href: '/clubs' },
    { key: 'events', href: '/events' },
    { key: 'tickets', href: '/tickets' },
    { key: 'messages', href: '/messages' },
    { key: 'services', href: '/services' },
    { key: 'points', href: '/points' },
    { key: 'record', href: '/record' },
    { key: 'complaints', href: '/complaints' },
  ],
  operator: [
    { key: 'opsEvents', href: '/ops/events' },
    { key: 'plan', href: '/ops/plan' },
    { key: 'opsMembers', href: '/ops/members' },
    { key: 'checkin', href: '/ops/checkin' },
    { key: 'callbacks', href: '/ops/callbacks' },
    { key: 'opsComplaints', href: '/ops/complaints' },
    { key: 'opsServices', href: '/ops/services' },
    { key: 'halls', href: '/ops/halls' },
    { key: 'warranty', href: '/ops/warranty' },
    { key: 'inspections', href: '/stats/inspections' },
  ],
  account_manager: [
    { key: 'myVips', href: '/ops/my-vips' },
    { key: 'callbacks', href: '/ops/callbacks' },
  ],
  analyst: [
    { key: 'stats', href: '/stats' },
    { key: 'compliance', href: '/stats/compliance' },
    { key: 'opinions', href: '/stats/opinions' },
    { key: 'inspections', href: '/stats/inspections' },
  ],
  admin: [
    { key: 'adminHome', href: '/admin' },
    { key: 'settings', href: '/admin/settings' },
    { key: 'staff', href: '/admin/staff' },
    { key: 'tokens', href: '/admin/tokens' },
    { key: 'billing', href: '/admin/billing' },
    { key: 'audit', href: '/admin/audit' },
    { key: 'opsEvents', href: '/ops/events' },
    { key: 'plan', href: '/ops/plan' },
    { key: 'opsMembers', href: '/ops/members' },
    { key: 'callbacks', href: '/ops/callbacks' },
    { key: 'opsComplaints', href: '/ops/complaints' },
    { key: 'opsServices', href: '/ops/services' },
    { key: 'halls', href: '/ops/halls' },
    { key: 'warranty', href: '/ops/warranty' },
    { key: 'stats', href: '/stats' },
    { key: 'compliance', href: '/stats/compliance' },
    { key: 'opinions', href: '/stats/opinions' },
    { key: 'inspections', href: '/stats/inspections' },
  ],
};
