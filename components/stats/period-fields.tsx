'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';

const PERIODS = ['year', 'quarter', 'month', 'custom'] as const;
type Period = (typeof PERIODS)[number];

const isPeriod = (value: string): value is Period => (PERIODS as readonly string[]).includes(value);

export interface PeriodFieldsProps {
  period: Period;
  year: number;
  quarter: number;
  month: number;
  from: string;
  to: string;
  years: number[];
  labelClass: string;
  controlClass: string;
}

/**
 * The period of the statistics form: only the fields the chosen kind of period needs are shown,
 * and the others are disabled so that they stay out of the URL. Without JavaScript the form
 * still submits the period as first rendered.
 */
export function PeriodFields({ period, year, quarter, month, from, to, years, labelClass, controlClass }: PeriodFieldsProps) {
  const t = useTranslations('stats.filters');
  const format = useFormatter();
  const [chosen, setChosen] = useState<Period>(period);
  const off = (...kinds: Period[]) => !kinds.includes(chosen);
  return (
    <>
      <div>
        <label htmlFor="stats-period" className={labelClass}>
          {t('period')}
        </label>
        <select id="stats-period" name="period" value={chosen} onChange={(e) => isPeriod(e.target.value) && setChosen(e.target.value)} className={controlClass}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`periods.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div hidden={off('year', 'quarter', 'month')}>
        <label htmlFor="stats-year" className={labelClass}>
          {t('year')}
        </label>
        <select id="stats-year" name="year" defaultValue={year} disabled={off('year', 'quarter', 'month')} className={controlClass}>
          {years.map((y) => (
            <option key={y} value={y}>
              {t('yearOption', { year: y })}
            </option>
          ))}
        </select>
      </div>
      <div hidden={off('quarter')}>
        <label htmlFor="stats-quarter" className={labelClass}>
          {t('quarter')}
        </label>
        <select id="stats-quarter" name="quarter" defaultValue={quarter} disabled={off('quarter')} className={controlClass}>
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={q}>
              {t('quarterOption', { quarter: q })}
            </option>
          ))}
        </select>
      </div>
      <div hidden={off('month')}>
        <label htmlFor="stats-month" className={labelClass}>
          {t('month')}
        </label>
        <select id="stats-month" name="month" defaultValue={month} disabled={off('month')} className={controlClass}>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <option key={m} value={m}>
              {format.dateTime(new Date(Date.UTC(2000, m - 1, 15)), { month: 'long' })}
            </option>
          ))}
        </select>
      </div>
      <div hidden={off('custom')}>
        <label htmlFor="stats-from" className={labelClass}>
          {t('from')}
        </label>
        <input id="stats-from" type="date" name="from" defaultValue={from} required={!off('custom')} disabled={off('custom')} className={controlClass} />
      </div>
      <div hidden={off('custom')}>
        <label htmlFor="stats-to" className={labelClass}>
          {t('to')}
        </label>
        <input id="stats-to" type="date" name="to" defaultValue={to} required={!off('custom')} disabled={off('custom')} className={controlClass} />
      </div>
    </>
  );
}
