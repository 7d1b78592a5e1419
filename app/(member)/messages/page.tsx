import { getTranslations } from 'next-intl/server';
import { InboxList } from '@/components/tickets/inbox-list';
import { MarkInboxRead } from '@/components/tickets/mark-inbox-read';
import { PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { AREA_ROLES } from '@/lib/domain/access';
import { requirePageActor } from '@/lib/server/guard';
import { INBOX_PAGE_SIZE, listInbox, newestUnreadId, unreadCount } from '@/lib/server/inbox';
import { markInboxRead, markInboxSeen } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('inbox');
  return { title: t('title') };
}

export default async function MessagesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor(AREA_ROLES.member, '/messages');
  const page = Math.max(1, Math.min(100_000, Math.trunc(Number((await searchParams).page)) || 1));
  const [inbox, unread, newest, t] = await Promise.all([listInbox(actor, page), unreadCount(actor), newestUnreadId(actor), getTranslations('inbox')]);
  const shownUnread = inbox.rows.filter((r) => r.readAt === null).map((r) => r.id);

  return (
    <>
      <PageHeader
        title={t('title')}
        description={unread > 0 ? t('unread', { count: unread }) : t('intro')}
        actions={newest !== null ? <MarkInboxRead throughId={newest} shownIds={shownUnread} markSeen={markInboxSeen} markRead={markInboxRead} /> : null}
      />
      {inbox.rows.length === 0 ? (
        <p className="text-sm text-gray-600" data-testid="inbox-empty">
          {t('empty')}
        </p>
      ) : (
        <InboxList rows={inbox.rows} />
      )}
      <Pagination path="/messages" params={{}} page={page} total={inbox.total} pageSize={INBOX_PAGE_SIZE} />
    </>
  );
}
