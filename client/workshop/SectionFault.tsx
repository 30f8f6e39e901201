import { Component, type ReactNode } from 'react';
import type { View } from './views.js';
import { VIEW_LABELS } from './views.js';

interface Props {
  /** The section shown: going to another one starts afresh. */
  view: View;
  /** Show the board (always there to go back to). */
  toBoard: () => void;
  children: ReactNode;
}

/**
 * A fault while drawing one section of a workshop stays in that section. Without this,
 * React takes the whole page away and the person is left with a blank screen, when the
 * header, the sections and what they wrote are all still fine: what is typed is kept on
 * this device and sent as usual, whatever a section does.
 */
export class SectionFault extends Component<Props, { error: Error | null; view: View }> {
  constructor(props: Props) {
    super(props);
    this.state = { error: null, view: props.view };
  }

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: { view: View }) {
    // Another section, another chance.
    return props.view === state.view ? null : { error: null, view: props.view };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { view, toBoard } = this.props;
    return (
      <div className="section-fault" role="alert" aria-labelledby="section-fault-heading">
        <h2 id="section-fault-heading">{VIEW_LABELS[view]} could not be shown</h2>
        <p>
          Something went wrong drawing this part of the workshop. Nothing you have written is lost: it is kept on this device and sent to the server as
          usual.
        </p>
        <p className="section-fault__actions">
          <button type="button" className="ds_button ds_button--small" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          {view === 'board' ? (
            <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => window.location.reload()}>
              Reload the page
            </button>
          ) : (
            <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={toBoard}>
              Go to the board
            </button>
          )}
        </p>
        <details className="ds_details">
          <summary className="ds_details__summary">What went wrong (for whoever looks after Cairn)</summary>
          <div className="ds_details__text">
            <p className="section-fault__detail">{error.message.slice(0, 500)}</p>
          </div>
        </details>
      </div>
    );
  }
}
