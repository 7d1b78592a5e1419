/**
 * The app's mark: the operator's red with a 3G signal reaching out from one point, the members
 * it connects. The same drawing as app/icon.svg, the favicon.
 */
export function LogoMark({ className = 'h-7 w-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={className}>
      <rect width="32" height="32" rx="7" className="fill-brand-600" />
      <circle cx="10.5" cy="21.5" r="3" fill="#fff" />
      <path d="M10.5 12.5a9 9 0 0 1 9 9" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      <path d="M10.5 6a15.5 15.5 0 0 1 15.5 15.5" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
