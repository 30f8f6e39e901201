/** Placeholder: the Fieldwork view (focus groups, recording sheets, collated view). */
export function FieldworkView() {
  return (
    <section aria-labelledby="fieldwork-heading">
      <h2 id="fieldwork-heading">Fieldwork</h2>
    </section>
  );
}
