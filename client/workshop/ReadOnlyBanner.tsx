/** The design system's notification banner, for people who can watch but not change. */
export function ReadOnlyBanner() {
  return (
    <div className="ds_notification read-only-banner">
      <div className="ds_notification__content">
        <h2 className="visually-hidden">Information</h2>
        <div className="ds_notification__text">
          <p>You are viewing this workshop read-only. Ask the host for a participant link.</p>
        </div>
      </div>
    </div>
  );
}
