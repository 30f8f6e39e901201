import { useMemo } from 'react';
import { ModalDialog } from '../ui/ModalDialog.js';
import { readReport } from '../../shared/model/index.js';
import { checkLanguage } from '../../shared/language/check.js';
import { useWorkshop } from '../collab/WorkshopContext.js';

interface LanguagePanelProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * Advice on the findings' evaluative language against the national definitions. Read
 * when opened (not on every keystroke); it advises and never blocks an export.
 */
export function LanguagePanel({ isOpen, onOpenChange }: LanguagePanelProps) {
  const { doc } = useWorkshop();
  // Re-read each time it opens.
  const check = useMemo(() => (isOpen ? checkLanguage(readReport(doc)) : null), [isOpen, doc]);
  return (
    <ModalDialog title="Check the language" isOpen={isOpen} onOpenChange={onOpenChange} wide className="language-panel">
          {check ? (
            <>
              <p className="ds_hint-text">Against Education Scotland’s definitions of the terms used in inspection. This is advice: it never stops an export.</p>
              <h3>Things to check ({check.issues.length})</h3>
              {check.issues.length ? (
                <ul className="language-panel__issues">{check.issues.map((i, n) => <li key={n}>{i.message}</li>)}</ul>
              ) : (
                <p>Nothing to check: every term is a national one, counts fit their terms and every finding has evidence.</p>
              )}
              <h3>Quantity terms used</h3>
              {check.terms.length ? (
                <table className="language-panel__table">
                  <thead><tr><th scope="col">Finding</th><th scope="col">Term</th><th scope="col">National meaning</th><th scope="col">Where</th></tr></thead>
                  <tbody>
                    {check.terms.map((t, n) => (
                      <tr key={n}><td>{t.number}</td><td>{t.term}</td><td>{t.definition ?? 'Not a national term'}</td><td>{t.sentence}</td></tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p>No quantity terms (all, almost all, most, majority, less than half, few, none) are used yet.</p>
              )}
              <h3>Strengths and areas by theme</h3>
              <ul className="language-panel__balance">
                {check.balance.map((b) => <li key={b.theme}>{b.theme}: {b.strengths} {b.strengths === 1 ? 'strength' : 'strengths'}, {b.areas} {b.areas === 1 ? 'area' : 'areas'} for development</li>)}
              </ul>
            </>
          ) : null}
    </ModalDialog>
  );
}
