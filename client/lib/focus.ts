/**
 * Focus an element once React has put it on the page. After a card moves, its element
 * is re-created (another column, another tab), and menus restore focus to their
 * trigger as they close; waiting a few frames lets all that settle first.
 */
export function focusWhenRendered(elementId: string, select?: (el: HTMLElement) => HTMLElement | null): void {
  let frames = 0;
  const attempt = (): void => {
    const found = document.getElementById(elementId);
    const target = found && select ? select(found) : found;
    if (target && frames >= 1) {
      target.focus();
      return;
    }
    if (++frames < 20) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
