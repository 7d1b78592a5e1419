import { getFormatter, getLocale, getNow, getTranslations } from 'next-intl/server';
import { ClubMark } from '@/components/clubs/club-mark';
import { MemberClubHighlights } from '@/components/clubs/member-club-highlights';
import { MemberHomeSummary } from '@/components/clubs/member-home-summary';
import { MembershipToggle } from '@/components/clubs/membership-toggle';
import { CoverPicture } from '@/components/covers/cover-picture';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { coverUrl } from '@/lib/domain/cover-images';
import { clubHighlights, liveTickets } from '@/lib/domain/member-home';
import { localized } from '@/lib/i18n/localized';
import { listClubsForMember } from '@/lib/server/clubs';
import { clubCoversIn } from '@/lib/server/covers';
import { listMemberEvents } from '@/lib/server/events';
import { requirePageActor } from '@/lib/server/guard';
import { unreadCount } from '@/lib/server/inbox';
import { listCustomerRegistrations } from '@/lib/server/registrations';
import { joinMyClub, leaveMyClub } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('clubs');
  return { title: t('title') };
}

/**
 * The member's landing page: their next ticket and unread messages on top, then each club with
 * what a member cares about (what is new, what comes next and where they stand, their tickets);
 * the clubs' yearly targets are the operators' business and stay on the staff pages.
 */
export default async function ClubsPage() {
  const actor = await requirePageActor(AREA_ROLES.member, '/clubs');
  if (actor.kind !== 'member') throw new Error('unreachable: the member area admits members only');
  const now = (await getNow()).getTime();
  const [clubs, covers, { events }, registrations, unread, t, tc, format, locale] = await Promise.all([
    listClubsForMember(actor, now),
    clubCoversIn(actor.provinceCode),
    listMemberEvents(actor, {}, now),
    listCustomerRegistrations(actor, actor.customerId, { upcomingOnly: true }, now),
    unreadCount(actor),
    getTranslations('clubs'),
    getTranslations('covers'),
    getFormatter(),
    getLocale(),
  ]);
  const day = (instant: number) => format.dateTime(new Date(instant), { dateStyle: 'medium' });
  const tickets = liveTickets(registrations, now);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <MemberHomeSummary next={tickets[0] ?? null} unread={unread} />
      <ul className="grid gap-4 md:grid-cols-2">
        {clubs.map((club) => {
          const name = localized(locale, club.nameZh, club.nameEn);
          const cover = covers[club.code];
          return (
            <li key={club.code} className="flex flex-col rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid={`club-${club.code}`}>
              <CoverPicture src={cover ? coverUrl(cover) : null} alt={tc('clubAlt', { club: name })} club={club.code} className="mb-3 rounded-md" eager={club.sortOrder <= 2} />
              <div className="flex items-start justify-between gap-2">
                <div className="flex items-center gap-3">
                  <ClubMark club={club.code} />
                  <h2 className="text-lg font-semibold">{name}</h2>
                </div>
                {club.memberSince !== null ? (
                  <span className="rounded bg-green-100 px-2 py-0.5 text-xs font-medium text-green-900">
                    {t('memberSince', { date: day(club.memberSince) })}
                  </span>
                ) : null}
              </div>
              <p className="mt-2 text-sm text-gray-700">{localized(locale, club.descriptionZh, club.descriptionEn)}</p>
              <ul className="mt-3 flex flex-wrap gap-1.5">
                {(t.raw(`offers.${club.code}`) as string[]).map((offer) => (
                  <li key={offer} className="rounded-full bg-gray-100 px-2 py-0.5 text-xs text-gray-800">
                    {offer}
                  </li>
                ))}
              </ul>
              {club.memberSince !== null ? (
                <MemberClubHighlights club={club.code} clubName={name} highlights={clubHighlights(club.code, events, tickets, now)} now={now} />
              ) : (
                <p className="mt-3 text-sm text-gray-700" data-testid={`club-${club.code}-upcoming`}>
                  {t('upcomingCount', { count: club.upcoming })}
                </p>
              )}
              {club.history.length > 1 || (club.history.length === 1 && club.memberSince === null) ? (
                <details className="mt-3 text-sm" data-testid={`club-${club.code}-history`}>
                  <summary className="cursor-pointer text-gray-700">{t('history')}</summary>
                  <ol className="mt-1 space-y-0.5 text-gray-700">
                    {club.history.flatMap((period, i) => [
                      <li key={`${period.joinedAt}-in`}>{t(i === 0 ? 'historyJoined' : 'historyRejoined', { date: day(period.joinedAt) })}</li>,
                      ...(period.leftAt !== null ? [<li key={`${period.joinedAt}-out`}>{t('historyLeft', { date: day(period.leftAt) })}</li>] : []),
                    ])}
                  </ol>
                </details>
              ) : null}
              <div className="mt-4">
                <MembershipToggle clubCode={club.code} clubName={name} isMember={club.memberSince !== null} join={joinMyClub} leave={leaveMyClub} />
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
