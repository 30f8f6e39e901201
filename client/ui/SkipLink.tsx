/** The design system's skip link; it must be the first thing a keyboard reaches. */
export function SkipLink({ target, children }: { target: string; children: string }) {
  return (
    <div className="ds_skip-links">
      <ul className="ds_skip-links__list">
        <li className="ds_skip-links__item">
          <a className="ds_skip-links__link" href={`#${target}`}>
            {children}
          </a>
        </li>
      </ul>
    </div>
  );
}
