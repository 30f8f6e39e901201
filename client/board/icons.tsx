/** Small icons that sit beside words (never instead of them), hidden from screen readers. */
export function PadlockIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.2" fill="currentColor" />
    </svg>
  );
}

export function WarningIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M8 1.5 15 14.5H1z" fill="currentColor" />
      <path d="M8 6v4.2M8 11.6v1.2" stroke="#fff" strokeWidth="1.6" />
    </svg>
  );
}
