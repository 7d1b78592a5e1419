/**
 * The statistics page is a dozen sections long: this index links to each, wrapping into rows of
 * short links that fit a phone, so an analyst jumps to a table instead of scrolling through charts.
 */
export function StatsSectionIndex({ label, sections }: { label: string; sections: { id: string; title: string }[] }) {
  return (
    <nav aria-label={label} data-testid="stats-index" className="mb-6 rounded-lg border border-gray-200 bg-white p-3">
      <h2 className="mb-2 text-sm font-medium text-gray-700">{label}</h2>
      <ul className="flex flex-wrap gap-2">
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} className="inline-block rounded-full border border-gray-300 px-3 py-1.5 text-sm text-brand-700 hover:bg-gray-50">
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
