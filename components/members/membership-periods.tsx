import type { ReactNode } from 'react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Table, Td, WIDE_ONLY } from '@/components/ui/table';
import type { Channel, ClubCode } from '@/lib/domain/types';

export interface MembershipPeriod {
  id: number;
  clubCode: ClubCode;
  joinedAt: number;
  joinChannel: Channel;
  leftAt: number | null;
  leaveChannel: Channel | null;
}

/** Every membership period, open ones marked current; `actions` renders controls for an open period. */
export async function MembershipPeriods({ periods, clubNames, actions }: { periods: MembershipPeriod[]; clubNames: Record<string, string>; actions?: (period: MembershipPeriod) => ReactNode }) {
  const [t, tc, format] = await Promise.all([getTranslations('record'), getTranslations('channels'), getFormatter()]);
  if (periods.length === 0) return <p className="text-sm text-gray-600">{t('noMemberships')}</p>;
  // The channel under the date, as in the activity timeline: the table fits a phone.
  const when = (ms: number, channel: Channel | null) => (
    <>
      <div className="whitespace-nowrap">{format.dateTime(new Date(ms), { dateStyle: 'medium' })}</div>
      {channel ? <div className="text-xs whitespace-nowrap text-gray-500">{tc(channel)}</div> : null}
    </>
  );
  return (
    // With the staff's actions there is no room on a phone for the join date as well: it goes under the club.
    <Table head={[t('club'), t('joined'), t('left'), ...(actions ? [''] : [])]} wideOnly={actions ? [1] : []}>
      {periods.map((p) => (
        <tr key={p.id} data-testid={`membership-${p.clubCode}${p.leftAt === null ? '-current' : ''}`}>
          <Td className="font-medium whitespace-nowrap">
            {clubNames[p.clubCode] ?? p.clubCode}
            {actions ? <div className="text-xs font-normal text-gray-600 sm:hidden">{t('joinedOn', { date: format.dateTime(new Date(p.joinedAt), { dateStyle: 'medium' }) })}</div> : null}
          </Td>
          <Td className={actions ? WIDE_ONLY : ''}>{when(p.joinedAt, p.joinChannel)}</Td>
          <Td>{p.leftAt === null ? <span className="rounded bg-green-100 px-2 py-0.5 text-xs whitespace-nowrap text-green-900">{t('current')}</span> : when(p.leftAt, p.leaveChannel)}</Td>
          {actions ? <Td>{p.leftAt === null ? actions(p) : null}</Td> : null}
        </tr>
      ))}
    </Table>
  );
}
