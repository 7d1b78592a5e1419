import { getFormatter, getTranslations } from 'next-intl/server';
import { OPENS_AT_FORMAT } from '@/components/tickets/formats';
import type { MemberRegistrationState } from '@/lib/domain/registration-state';

const TONES = {
  open: 'bg-green-50 text-green-800',
  wait: 'bg-amber-50 text-amber-900',
  off: 'bg-gray-100 text-gray-700',
  mine: 'bg-brand-50 text-brand-700',
} as const;

/**
 * Where the member stands with an event's registration, in one sentence with the moment that
 * changes it ("opens 12月29日 10:00", "VIP priority until …", "full: join the waiting list"), and
 * its tone; null for an event that is over (its status badge says so).
 */
export async function registrationStateSentence(state: MemberRegistrationState, clubName: string): Promise<{ text: string; tone: keyof typeof TONES } | null> {
  const [t, ts, format] = await Promise.all([getTranslations('events.state'), getTranslations('segments'), getFormatter()]);
  const at = (instant: number) => format.dateTime(new Date(instant), OPENS_AT_FORMAT);
  switch (state.kind) {
    case 'registered':
      return { text: state.status === 'waitlisted' ? t('waitlisted', { position: state.position ?? 1 }) : t('registered'), tone: 'mine' };
    case 'open':
      if (state.full) return { text: t('full', { closesAt: at(state.closesAt) }), tone: 'wait' };
      return { text: state.vipPriority ? t('vipPriority', { closesAt: at(state.closesAt) }) : t('open', { closesAt: at(state.closesAt) }), tone: 'open' };
    case 'not_open':
      return { text: state.vipOpensAt !== null ? t('notOpenVip', { opensAt: at(state.opensAt), vipOpensAt: at(state.vipOpensAt) }) : t('notOpen', { opensAt: at(state.opensAt) }), tone: 'wait' };
    case 'vip_only':
      return { text: t('vipOnly', { opensAt: at(state.opensAt) }), tone: 'wait' };
    case 'closed':
      return { text: t('closed'), tone: 'off' };
    case 'not_member':
      return { text: t('notMember', { club: clubName }), tone: 'off' };
    case 'not_eligible':
      return { text: t('notEligible', { segments: format.list(state.segments.map((s) => ts(s))) }), tone: 'off' };
    case 'points_not_allowed':
      return { text: t('pointsNotAllowed'), tone: 'off' };
    case 'ended':
      return null;
  }
}

/** The sentence as a line on an event's card or page. */
export async function RegistrationStateNote({ state, clubName, className = '' }: { state: MemberRegistrationState; clubName: string; className?: string }) {
  const sentence = await registrationStateSentence(state, clubName);
  if (!sentence) return null;
  return (
    <p className={`rounded-md px-2 py-1 text-sm ${TONES[sentence.tone]} ${className}`} data-testid="registration-state" data-state={state.kind}>
      {sentence.text}
    </p>
  );
}
