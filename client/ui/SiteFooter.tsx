import '../styles/footer.css';

/**
 * The foot of every page: the design system's site footer, with the accessibility
 * statement. `wide` lines it up with the workshop page, which uses the whole screen.
 */
export function SiteFooter({ wide = false }: { wide?: boolean }) {
  return (
    <footer className="ds_site-footer site-footer">
      <div className={wide ? 'site-footer__wide' : 'ds_wrapper'}>
        <div className="ds_site-footer__content">
          <ul className="ds_site-footer__site-items">
            <li className="ds_site-items__item">
              <a href="/accessibility">Accessibility statement</a>
            </li>
          </ul>
          <div className="ds_site-footer__copyright">
            <p>Cairn: one live board for a Collaborative Improvement team, run by a council on its own server.</p>
          </div>
        </div>
      </div>
    </footer>
  );
}
