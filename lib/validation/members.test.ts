import { describe, expect, it } from 'vitest';
import { clubSettingsInput } from './members';

describe('club settings', () => {
  const valid = { clubCode: 'film', minEventsPerYear: '2' };

  it('take a minimum of 0 to 100 events a year', () => {
    expect(clubSettingsInput.parse({ ...valid, minEventsPerYear: '0' }).minEventsPerYear).toBe(0);
    expect(clubSettingsInput.parse(valid).minEventsPerYear).toBe(2);
    expect(clubSettingsInput.safeParse({ ...valid, minEventsPerYear: '101' }).success).toBe(false);
  });

  it('refuse a blank minimum instead of reading it as 0', () => {
    for (const blank of ['', '  ', undefined]) {
      const result = clubSettingsInput.safeParse({ ...valid, minEventsPerYear: blank });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('invalid_min_events');
    }
  });
});
