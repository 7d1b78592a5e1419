import { TIME_ZONE } from '@/lib/domain/types';

/** When registration opens, as a member reads it: "3月6日 10:00" in Beijing time. */
export const OPENS_AT_FORMAT = { timeZone: TIME_ZONE, month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
