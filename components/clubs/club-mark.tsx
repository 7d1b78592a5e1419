import type { ReactNode } from 'react';
import type { ClubCode } from '@/lib/domain/types';

/** Each club's colour and symbol, so that the four are told apart at a glance on cards and chips. */
const CLUBS: Record<ClubCode, { tone: string; chip: string; icon: ReactNode }> = {
  music: {
    tone: 'bg-rose-600',
    chip: 'bg-rose-50 text-rose-800',
    icon: <path d="M9 18V6l10-2v12M9 18a3 3 0 1 1-6 0 3 3 0 0 1 6 0Zm10-2a3 3 0 1 1-6 0 3 3 0 0 1 6 0Z" />,
  },
  film: {
    tone: 'bg-indigo-600',
    chip: 'bg-indigo-50 text-indigo-800',
    icon: <path d="M4 6h16v12H4zM4 10h16M8 6l2 4M13 6l2 4M18 6l2 4" />,
  },
  gaming: {
    tone: 'bg-emerald-600',
    chip: 'bg-emerald-50 text-emerald-800',
    icon: <path d="M7 9h10a4 4 0 0 1 3.9 4.9l-.6 2.5a2 2 0 0 1-3.4.9L15 15H9l-1.9 2.3a2 2 0 0 1-3.4-.9l-.6-2.5A4 4 0 0 1 7 9Zm1 2v3m-1.5-1.5h3M15.5 12h.01M17.5 13.5h.01" />,
  },
  handset: {
    tone: 'bg-amber-600',
    chip: 'bg-amber-50 text-amber-900',
    icon: <path d="M8 3h8a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Zm3 15h2" />,
  },
};

function ClubSymbol({ club, className }: { club: ClubCode; className: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden className={className} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
      {CLUBS[club].icon}
    </svg>
  );
}

/** The club's symbol on its colour, for the head of a club's card. */
export function ClubMark({ club }: { club: ClubCode }) {
  return (
    <span className={`inline-flex h-10 w-10 shrink-0 items-center justify-center rounded-lg text-white ${CLUBS[club].tone}`} data-club-mark={club}>
      <ClubSymbol club={club} className="h-6 w-6" />
    </span>
  );
}

/** The club's name as a chip in its colour, with its symbol (event cards and pages). */
export function ClubChip({ club, name }: { club: ClubCode; name: string }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 font-medium ${CLUBS[club].chip}`}>
      <ClubSymbol club={club} className="h-3.5 w-3.5" />
      {name}
    </span>
  );
}

/** A club's colour with its symbol large, where a picture would be: a club or event without a cover. */
export function ClubBanner({ club }: { club: ClubCode }) {
  return (
    <span className={`flex h-full w-full items-center justify-center text-white/90 ${CLUBS[club].tone}`} data-club-banner={club}>
      <ClubSymbol club={club} className="h-12 w-12" />
    </span>
  );
}
