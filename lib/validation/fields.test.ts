import { describe, expect, it } from 'vitest';
import { wholeNumber } from './fields';
import { serviceSettingsInput } from './service-ops';

describe('wholeNumber', () => {
  const hours = wholeNumber('invalid_input', 0, 720);

  it('reads a typed whole number within its range, 0 included', () => {
    expect(hours.parse('0')).toBe(0);
    expect(hours.parse(' 48 ')).toBe(48);
    expect(hours.parse(720)).toBe(720);
  });

  it('refuses a blank field instead of reading it as 0, and anything out of range or not whole', () => {
    for (const bad of ['', '   ', undefined, '721', '-1', '1.5', 'abc']) {
      const result = hours.safeParse(bad);
      expect(result.success, String(bad)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('invalid_input');
    }
  });

  it('guards the service settings: clearing the VIP hours or the price does not set them to 0', () => {
    const valid = { serviceId: '3', eligibleSegments: ['postpaid'], vipPriorityHours: '24', pricePoints: '200' };
    expect(serviceSettingsInput.parse(valid)).toMatchObject({ vipPriorityHours: 24, pricePoints: 200 });
    expect(serviceSettingsInput.safeParse({ ...valid, vipPriorityHours: '' }).success).toBe(false);
    expect(serviceSettingsInput.safeParse({ ...valid, pricePoints: '' }).success).toBe(false);
  });
});
