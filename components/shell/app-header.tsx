import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { coversClub, type SessionActor } from '@/lib/domain/access';
import { unreadCount } from '@/lib/server/inbox';
import { LocaleSwitch } from './locale-switch';
import { LogoMark } from './logo-mark';
import { MemberTabBar } from './member-tab-bar';
import { NavLinks } from './nav-links';
import { NAV_ITEMS } from './nav-items';
import { SignOutButton } from './sign-out-button';

/** The member's four main places, in the bottom tab bar's order; the rest are under "more". */
const MEMBER_TABS = ['/events', '/tickets', '/messages', '/clubs'];

export async function AppHeader({ actor }: { actor: SessionActor | null }) {
  const t = await getTranslations();
  // The services are the handset club's: an operator of other clubs is not offered them.
  const offered = actor ? NAV_ITEMS[actor.role].filter((i) => i.key !== 'opsServices' || coversClub(actor, 'handset')) : [];
  const unread = actor?.kind === 'member' ? await unreadCount(actor) : 0;
  const unreadBadge = unread > 0 ? { count: unread, label: t('nav.unread', { count: unread }) } : undefined;
  const items = offered.map((i) => ({ href: i.href, label: t(`nav.${i.key}`), badge: i.href === '/messages' ? unreadBadge : undefined }));
  return (
    <header className="no-print border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold text-gray-900">
          <LogoMark />
          {t('app.name')}
        </Link>
        <div className="ml-auto flex items-center gap-1">
          {actor?.kind === 'staff' ? (
            // Staff reach their own account (password) from their name; on a phone, from a short label.
            <Link href="/account" className="rounded px-2 py-1 text-sm text-gray-600 hover:bg-gray-100 hover:text-gray-900" data-testid="account-link">
              <span className="hidden sm:inline" data-testid="signed-in-as">
                {t('nav.signedInAs', { name: actor.name, role: t(`roles.${actor.role}`) })}
              </span>
              <span className="sm:hidden">{t('nav.account')}</span>
            </Link>
          ) : actor ? (
            <span className="hidden text-sm text-gray-600 sm:inline" data-testid="signed-in-as">
              {t('nav.signedInAs', { name: actor.name, role: t(`roles.${actor.role}`) })}
            </span>
          ) : null}
          <LocaleSwitch />
          {actor ? <SignOutButton label={t('nav.signOut')} /> : null}
        </div>
        {items.length > 0 ? (
          <div className="w-full">
            <NavLinks items={items} label={t('nav.label')} phone={actor?.kind === 'member' ? 'none' : 'menu'} menuLabel={t('nav.menu')} />
          </div>
        ) : null}
      </div>
      {actor?.kind === 'member' ? (
        <MemberTabBar
          primary={items.filter((i) => MEMBER_TABS.includes(i.href)).sort((a, b) => MEMBER_TABS.indexOf(a.href) - MEMBER_TABS.indexOf(b.href))}
          more={items.filter((i) => !MEMBER_TABS.includes(i.href))}
          label={t('nav.label')}
          moreLabel={t('nav.more')}
          unread={unread}
          unreadLabel={t('nav.unread', { count: unread })}
        />
      ) : null}
    </header>
  );
}
