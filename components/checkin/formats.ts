import { TIME_ZONE } from '@/lib/domain/types';

/** When a ticket was checked in, as the door reads it: "14:05" in Beijing time. */
export const CHECKED_IN_FORMAT = { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
